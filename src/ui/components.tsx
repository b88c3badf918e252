// The play screen as Ink components: thin views over the screen model (screen.ts). What has been shown goes
// once into the scrollback through <Static>; only the live part under it is redrawn. Keys are read through
// Ink's useInput, one handler per mode, and the key table says what each asks for.
import { Box, type Key as InkKey, Static, Text, useInput } from 'ink';
import { useEffect } from 'react';
import { type Command, commandFor, type Mode, readingModes } from './key-map.js';
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

/** The whole play screen: the scrollback written once, the live part under it, and the keys of each mode. */
export function PlayScreen({
  committed,
  screen,
  color,
  keys,
}: {
  committed: readonly Committed[];
  screen: LiveScreen;
  color: boolean;
  keys?: KeyHandlers;
}) {
  return (
    <>
      <Static items={[...committed]}>{(batch) => <Rows key={batch.id} lines={batch.lines} color={color} />}</Static>
      <LiveView screen={screen} color={color} />
      {keys && readingModes.map((mode) => <ModeKeys key={mode} mode={mode} {...keys} />)}
    </>
  );
}

/** A key as read in a mode: the key table's name for it, and what it asks for there. */
export interface KeyRead {
  mode: Mode;
  id: string;
  command: Command | undefined;
}

/** The mode whose keys are read now, and where they go. */
export interface KeyHandlers {
  active: Mode | undefined;
  onKey: (read: KeyRead) => void;
  /** The handler of `mode` is taking keys (undefined: none is). Keys sent before then would reach no one. */
  onListening: (mode: Mode | undefined) => void;
}

/** One mode's keys: Ink's useInput, active only in that mode. */
export function ModeKeys({ mode, active, onKey, onListening }: { mode: Mode } & KeyHandlers) {
  const isActive = active === mode;
  useInput(
    (input, key) => {
      const id = tableKey(input, key);
      onKey({ mode, id, command: commandFor(mode, id) });
    },
    { isActive },
  );
  // After useInput's own effects: by then Ink hands this handler what the stand-in stdin receives.
  useEffect(() => {
    if (!isActive) return;
    onListening(mode);
    return () => onListening(undefined);
  }, [isActive, mode, onListening]);
  return null;
}

const namedKeys: readonly (readonly [keyof InkKey, string])[] = [
  ['return', 'return'],
  ['escape', 'escape'],
  ['upArrow', 'up'],
  ['downArrow', 'down'],
  ['leftArrow', 'left'],
  ['rightArrow', 'right'],
  ['pageUp', 'pageup'],
  ['pageDown', 'pagedown'],
  ['home', 'home'],
  ['end', 'end'],
  ['tab', 'tab'],
  // Ink calls the key that sends DEL (most terminals' backspace) `delete`.
  ['backspace', 'backspace'],
  ['delete', 'backspace'],
];

/** Ink's reading of a key → the key table's name for it (`return`, `ctrl-c`, `up`, or the character). */
export function tableKey(input: string, key: InkKey): string {
  const named = namedKeys.find(([flag]) => key[flag] === true);
  if (named) return named[1];
  if (key.ctrl) return `ctrl-${input}`;
  return input === ' ' ? 'space' : input;
}
