// The play screen as Ink components: thin views over the screen model (screen.ts). What has been shown goes
// once into the scrollback through <Static>; only the live part under it is redrawn.
import { Box, Static, Text } from 'ink';
import type { LiveScreen } from './screen.js';
import { type Line, toAnsi } from './text.js';

/** Rows of styled text, one terminal row each (the model has already fitted them to the width). */
export function Rows({ lines, color }: { lines: readonly Line[]; color: boolean }) {
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        // Rows have no identity of their own: their place is their key.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Text key={i}>{toAnsi(line, color) || ' '}</Text>
      ))}
    </Box>
  );
}

/** The live part: the command being typed, then the help screen, the contents or the status and help lines. */
export function LiveView({ screen, color }: { screen: LiveScreen; color: boolean }) {
  return (
    <Box flexDirection="column">
      <Rows lines={screen.command} color={color} />
      {screen.gap && screen.below.length > 0 && <Text> </Text>}
      <Rows lines={screen.below} color={color} />
    </Box>
  );
}

/** A batch of lines written to the scrollback; `id` is its place in the run (never reused). */
export interface Committed {
  id: number;
  lines: Line[];
}

/** The whole play screen: the scrollback written once, the live part under it. */
export function PlayScreen({
  committed,
  screen,
  color,
}: {
  committed: readonly Committed[];
  screen: LiveScreen;
  color: boolean;
}) {
  return (
    <>
      <Static items={[...committed]}>{(batch) => <Rows key={batch.id} lines={batch.lines} color={color} />}</Static>
      <LiveView screen={screen} color={color} />
    </>
  );
}
