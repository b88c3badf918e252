/** @jsxRuntime automatic */
// (tsx reads tsconfig.json, which covers src/ only: the pragma gives this test the same JSX runtime.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { render as renderInk } from 'ink';
import { render } from 'ink-testing-library';
import { cloneElement, type ReactElement } from 'react';
import type { HeadingInfo } from '../../src/player/effects.js';
import { type KeyHandlers, type KeyRead, LiveView, ModeKeys, PlayScreen } from '../../src/ui/components.js';
import { keyMap, type Mode } from '../../src/ui/key-map.js';
import { type LiveState, liveScreen, type WaitState, waitCommand, waitMode } from '../../src/ui/screen.js';
import { span, textWidth } from '../../src/ui/text.js';

const stripAnsi = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');
const at = { file: 'w.md', line: 1, column: 1 };
const headings: HeadingInfo[] = Array.from({ length: 12 }, (_, i) => ({
  index: i * 3,
  depth: 1 + (i % 2),
  text: `Part ${i + 1}`,
  at,
}));

const state = (columns: number, extra: Partial<LiveState> = {}): LiveState => ({
  columns,
  rows: 24,
  spacing: 'content',
  mode: 'before',
  headings,
  status: {
    file: 'workshops/multicluster/README.md',
    heading: 'Linking the clusters',
    step: 12,
    steps: 40,
    lastStatus: 1,
    elapsedMs: 754_000,
  },
  ...extra,
});

/** A terminal `columns` wide that keeps what is written to it. */
class FakeStdout extends EventEmitter {
  readonly writes: string[] = [];
  readonly rows = 24;
  constructor(readonly columns: number) {
    super();
  }
  write(data: string): boolean {
    this.writes.push(data);
    return true;
  }
}

/**
 * One frame through ink-testing-library. Its terminal is 100 columns wide, so the width asked for is set on
 * its stdout and the tree drawn again.
 */
function frameAt(element: ReactElement, columns = 80): string {
  const view = render(element);
  Object.defineProperty(view.stdout, 'columns', { value: columns });
  view.rerender(cloneElement(element));
  const last = view.lastFrame() ?? '';
  view.unmount();
  return last;
}

/** The frame as rows of plain text. */
function frame(element: ReactElement, columns = 80): string[] {
  return stripAnsi(frameAt(element, columns)).replace(/\n$/, '').split('\n');
}

for (const columns of [40, 80, 200]) {
  test(`the status line at ${columns} columns: one row, no wider than the window, step, time and status kept`, () => {
    const rows = frame(<LiveView screen={liveScreen(state(columns))} color={true} />, columns);
    const status = rows.find((row) => row.includes('step 12/40'));
    assert.ok(status, rows.join('\n'));
    assert.ok(textWidth(status) <= columns, `${textWidth(status)} > ${columns}`);
    for (const part of ['12:34', '✘ 1']) assert.ok(status.includes(part), `${part} in "${status}"`);
    if (columns >= 80) assert.ok(status.includes('Linking'), 'the heading, cut if need be');
    if (columns === 200) assert.ok(status.includes('workshops/multicluster/README.md'), 'the whole path fits');
    assert.match(rows.at(-1)!, /^RETURN run/);
  });
}

/** Resolves once `ready()` holds: Ink's effects (a handler taking keys) run after the frame is drawn. */
async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((resolve) => setImmediate(resolve));
}

/** A key table id → what a terminal sends for it. */
const sequences: Record<string, string> = {
  return: '\r',
  space: ' ',
  escape: '\x1b',
  'ctrl-c': '\x03',
  up: '\x1b[A',
  down: '\x1b[B',
  pageup: '\x1b[5~',
  pagedown: '\x1b[6~',
  home: '\x1b[H',
  end: '\x1b[F',
};

test("every key the table names reaches its mode's useInput handler under that name", async () => {
  const reads: KeyRead[] = [];
  let listening: Mode | undefined;
  const handlers: KeyHandlers = {
    active: 'contents',
    onKey: (read) => reads.push(read),
    onListening: (m) => (listening = m),
  };
  const view = render(<ModeKeys mode="contents" {...handlers} />);
  await until(() => listening === 'contents');
  const ids = [...new Set(Object.values(keyMap).flatMap((bindings) => bindings.flatMap((b) => b.keys)))].filter(
    (id) => id !== 'any',
  );
  for (const id of ids) {
    view.stdin.write(sequences[id] ?? id);
    // A lone ESC may start a longer sequence: Ink lets it go on the next turn of the event loop.
    await until(() => reads.length > 0);
    assert.equal(reads.shift()?.id, id, JSON.stringify(sequences[id] ?? id));
  }
  view.unmount();
});

test('contents navigation through useInput: the marker follows the keys and the window follows the marker', async () => {
  let wait: WaitState = {};
  let listening: Mode | undefined;
  const mode = () => waitMode('before', wait.overlay);
  const handlers = {
    onKey: (read: KeyRead) => {
      wait = waitCommand(wait, read.command, { reason: 'before', headings, here: 3, rows: 10 }).state;
    },
    onListening: (m: Mode | undefined) => {
      listening = m;
    },
  };
  const screen = () => (
    <PlayScreen
      committed={[]}
      screen={liveScreen(state(60, { rows: 10, overlay: wait.overlay }))}
      color={false}
      keys={{ active: mode(), ...handlers }}
    />
  );
  const view = render(screen());
  Object.defineProperty(view.stdout, 'columns', { value: 60 });
  /** Sends a key once the handler of the current mode listens, then draws the next state. */
  const press = async (data: string) => {
    await until(() => listening === mode());
    view.stdin.write(data);
    view.rerender(screen());
  };
  const shown = () => stripAnsi(view.lastFrame() ?? '').split('\n');
  await press('t');
  assert.ok(shown().includes('▸   Part 2'), shown().join('\n'));
  for (let i = 0; i < 8; i++) await press(i % 2 ? 'j' : '\x1b[B');
  const rows = shown();
  assert.ok(rows.includes('▸   Part 10'), rows.join('\n'));
  assert.ok(!rows.some((row) => row.includes('Part 1 ') || row.endsWith('Part 1')), 'the top scrolled away');
  assert.ok(rows.length <= 9, `${rows.length} rows in a 10-row window`);
  assert.match(rows.at(-1)!, /↑\/↓ choose {2}RETURN jump {2}ESC back/);
  await press('q');
  assert.deepEqual(wait, {}, 'q closes the contents');
  assert.match(shown().at(-1)!, /^RETURN run/);
  view.unmount();
});

test('help: every key, and how to close it', () => {
  const rows = frame(<LiveView screen={liveScreen(state(80, { overlay: { kind: 'help' } }))} color={false} />);
  const text = rows.join('\n');
  for (const key of ['RETURN', 'SPACE', '+', '-', '!', 't', '?', 'Q', 'Ctrl-C']) assert.ok(text.includes(key), key);
  assert.equal(rows.at(-1), 'any key closes this help');
});

test('the failure prompt: in the scrollback, red, above the help line for a failure', () => {
  const failure = [[span('✘ the command failed (exit status 2)', '1;31')]];
  const out = frameAt(
    <PlayScreen committed={[{ id: 0, lines: failure }]} screen={liveScreen(state(80, { mode: 'failed' }))} color />,
  );
  const failed = out.split('\n').find((row) => row.includes('✘ the command failed (exit status 2)')) ?? '';
  assert.ok(codesOf(failed).includes('31') && codesOf(failed).includes('1'), JSON.stringify(failed));
  assert.match(stripAnsi(out).trimEnd().split('\n').at(-1)!, /^- retry {2}\+ go on {2}! fix it in the shell {2}Q quit/);
});

/** The SGR parameters used in `text`. */
const codesOf = (text: string) => [...text.matchAll(/\x1b\[([0-9;]*)m/g)].flatMap((m) => m[1]!.split(';'));

test('NO_COLOR: no colour codes, but bold and inverse still mark what matters', () => {
  const codes = codesOf(frameAt(<LiveView screen={liveScreen(state(80))} color={false} />));
  assert.ok(codes.includes('7'), 'the status bar is inverse');
  assert.ok(codes.includes('1'), 'keys are bold');
  assert.deepEqual(
    codes.filter((code) => /^(3[0-8]|9[0-7])$/.test(code)),
    [],
    'no colour',
  );
  const coloured = codesOf(frameAt(<LiveView screen={liveScreen(state(80))} color={true} />));
  assert.ok(coloured.includes('31'), 'with colour, the failed status is red');
});

test('the scrollback is written once: a new batch appends, the live part is redrawn', () => {
  const live = (mode: 'before' | 'after') => liveScreen(state(60, { mode }));
  const first = [{ id: 0, lines: [[span('Welcome')]] }];
  const stdout = new FakeStdout(60);
  // Ink's own render: ink-testing-library draws in debug mode, which writes the whole scrollback every frame.
  const instance = renderInk(<PlayScreen committed={first} screen={live('before')} color={false} />, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    patchConsole: false,
    exitOnCtrlC: false,
  });
  instance.rerender(
    <PlayScreen committed={[...first, { id: 1, lines: [[span('$ ls')]] }]} screen={live('after')} color={false} />,
  );
  instance.unmount();
  const all = stripAnsi(stdout.writes.join(''));
  assert.equal(all.split('Welcome').length - 1, 1, 'Welcome written once');
  assert.equal(all.split('$ ls').length - 1, 1, '$ ls written once');
  assert.ok(all.lastIndexOf('RETURN continue') > all.lastIndexOf('$ ls'), 'the live part is under the scrollback');
});
