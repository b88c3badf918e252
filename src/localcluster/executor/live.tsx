// localcluster's live progress drawn by Ink: thin views over the screen model (progress.ts). Each finished
// phase's summary goes once into the scrollback through <Static>; the rows of the phase under way are redrawn.
import { Box, type Instance, render, Static, Text } from 'ink';
import Spinner from 'ink-spinner';
import { NO_PROGRESS, type ProgressEvent, progressAfter, type ProgressScreen, progressScreen } from './progress.js';
import type { ProgressDisplay } from './types.js';

const MARK_WIDTH = 2;
const COUNT_WIDTH = 8;

export function ProgressView({ screen }: { screen: ProgressScreen }) {
  return (
    <>
      {/* A summary has no identity of its own (two may read the same): its place is its key. */}
      <Static items={[...screen.finished]}>{(line, i) => <Text key={i}>{line}</Text>}</Static>
      <Box flexDirection="column">
        <Text bold>{screen.title}</Text>
        {screen.rows.map((row) => (
          <Box key={row.label} flexDirection="column">
            <Box>
              <Box width={MARK_WIDTH} flexShrink={0}>
                {row.mark.kind === 'spinner' ? (
                  <Text color="cyan">
                    <Spinner type="dots" />
                  </Text>
                ) : (
                  <Text color={row.mark.color}>{row.mark.text}</Text>
                )}
              </Box>
              <Box width={screen.labelWidth + 1} flexShrink={0}>
                <Text bold>{row.label}</Text>
              </Box>
              <Box width={COUNT_WIDTH} flexShrink={0}>
                <Text color="gray">{row.count}</Text>
              </Box>
              <Text wrap="truncate-end">{row.current}</Text>
            </Box>
            {row.last ? (
              <Box paddingLeft={MARK_WIDTH + screen.labelWidth + 1 + COUNT_WIDTH}>
                <Text color="gray" wrap="truncate-end">
                  {row.last}
                </Text>
              </Box>
            ) : null}
          </Box>
        ))}
      </Box>
    </>
  );
}

/** Draws the executor's events with ProgressView; redraws at most every 100 ms. */
export function liveProgress(stdout: NodeJS.WriteStream): ProgressDisplay {
  let state = NO_PROGRESS;
  const view = () => <ProgressView screen={progressScreen(state)} />;
  const instance: Instance = render(view(), { stdout, patchConsole: false, exitOnCtrlC: false });
  let dirty = false;
  const timer = setInterval(() => {
    if (dirty) instance.rerender(view());
    dirty = false;
  }, 100);
  const apply = (event: ProgressEvent) => {
    state = progressAfter(state, event);
    dirty = true;
  };
  return {
    phase: (phase) => apply({ kind: 'phase', phase }),
    laneStarted: (lane) => apply({ kind: 'lane-started', lane }),
    actionStarted: (lane, action, index) => apply({ kind: 'action-started', lane, action, index }),
    output: (lane, line) => apply({ kind: 'output', lane, line }),
    laneFinished: (outcome) => apply({ kind: 'lane-finished', outcome }),
    stop() {
      clearInterval(timer);
      state = progressAfter(state, { kind: 'stop' });
      instance.rerender(view());
      instance.unmount();
    },
  };
}
