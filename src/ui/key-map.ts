// The one key table: for each mode of the presenter UI, which key does what. The key handlers, the help line,
// the `?` help screen and the README's key table are all read from it, so a key's meaning is written once.
import type { KeyAction, WaitReason } from '../player/effects.js';

/** Where the presenter is. The waits are the player's wait reasons; a running command has the keys itself. */
export type Mode = 'typing' | WaitReason | 'contents' | 'help' | 'running';

/** What a key asks for. The player's actions end a wait; the others change only what the UI shows. */
export type Command =
  | KeyAction['kind']
  /** While typing: show the rest of the command at once. */
  | 'finish'
  /** While typing: finish, and let the wait that follows handle the key. */
  | 'later'
  | 'help'
  | 'contents'
  /** Ctrl-C with nothing running: say how to quit instead. */
  | 'explain'
  | 'up'
  | 'down'
  | 'page-up'
  | 'page-down'
  | 'first'
  | 'last'
  | 'close'
  /** While a command runs: the command gets the key (Ctrl-C interrupts it). */
  | 'interrupt';

export interface Binding {
  /** A key's name (`return`, `ctrl-c`, `up`), or for a printable key the character itself; `any`: every key. */
  readonly keys: readonly string[];
  readonly command: Command;
  /** How the help line shows the key, when not by its own name (`↑/↓` for two). */
  readonly shownAs?: string;
  /** The word(s) in the help line; a key without one is left out of it. */
  readonly hint?: string;
  /** The help screen's and the README's description; a key without one is not listed there. */
  readonly help?: string;
}

/** The keys of every wait, with the help line's words per wait reason (in the help line's order). */
function waiting(hints: readonly (readonly [Command, string])[]): Binding[] {
  const bindings: Binding[] = [
    { keys: ['return'], command: 'continue', help: 'run the command / go on' },
    { keys: ['+'], command: 'skip', help: 'skip this command (it does not run)' },
    { keys: ['-'], command: 'repeat', help: 'run the previous command again' },
    {
      keys: ['!'],
      command: 'shell',
      help:
        'open the live session shell: the same bash as the demo, with every variable, function and the ' +
        'current directory; exit or Ctrl-D comes back to the demo, and whatever you changed stays changed',
    },
    {
      keys: ['t'],
      command: 'contents',
      help:
        'table of contents: ↑/↓ (or j/k), RETURN jumps to that heading; commands skipped on the way do not run, ' +
        'but their assignments, exports, functions and cd are replayed',
    },
    { keys: ['?'], command: 'help', help: 'all the keys' },
    { keys: ['Q'], command: 'quit', help: 'quit at once (asks nothing)' },
    { keys: ['ctrl-c'], command: 'explain' },
  ];
  // The hinted keys first, in the help line's order; the others after them.
  const hinted = hints.map(([command, hint]) => ({ ...bindings.find((b) => b.command === command)!, hint }));
  return [...hinted, ...bindings.filter((b) => !hints.some(([command]) => command === b.command))];
}

export const keyMap: Readonly<Record<Mode, readonly Binding[]>> = {
  typing: [
    { keys: ['space'], command: 'finish', hint: 'finish typing', help: 'type the rest at once' },
    { keys: ['return'], command: 'continue', hint: 'run', help: 'type the rest and run it' },
    { keys: ['+'], command: 'skip' },
    { keys: ['-'], command: 'repeat' },
    { keys: ['!'], command: 'shell' },
    { keys: ['Q'], command: 'quit' },
    { keys: ['?', 't'], command: 'later' },
  ],
  before: waiting([
    ['continue', 'run'],
    ['skip', 'skip'],
    ['repeat', 'previous'],
    ['shell', 'shell'],
    ['contents', 'contents'],
    ['help', 'help'],
    ['quit', 'quit'],
  ]),
  after: waiting([
    ['continue', 'continue'],
    ['repeat', 'again'],
    ['shell', 'shell'],
    ['contents', 'contents'],
    ['help', 'help'],
    ['quit', 'quit'],
  ]),
  explicit: waiting([
    ['continue', 'continue'],
    ['shell', 'shell'],
    ['contents', 'contents'],
    ['help', 'help'],
    ['quit', 'quit'],
  ]),
  failed: waiting([
    ['repeat', 'retry'],
    ['skip', 'go on'],
    ['shell', 'fix it in the shell'],
    ['quit', 'quit'],
  ]),
  contents: [
    { keys: ['up', 'k'], command: 'up', shownAs: '↑/↓', hint: 'choose' },
    { keys: ['down', 'j'], command: 'down' },
    { keys: ['pageup'], command: 'page-up' },
    { keys: ['pagedown'], command: 'page-down' },
    { keys: ['home'], command: 'first' },
    { keys: ['end'], command: 'last' },
    { keys: ['return'], command: 'continue', hint: 'jump' },
    { keys: ['escape', 'q', 't'], command: 'close', hint: 'back' },
  ],
  help: [{ keys: ['any'], command: 'close', hint: 'closes this help' }],
  running: [
    {
      keys: ['ctrl-c'],
      command: 'interrupt',
      help: 'interrupt it (that command only; the demo goes on)',
    },
  ],
};

/** The modes whose keys the UI reads (while a command runs, the command reads them). */
export const readingModes = (Object.keys(keyMap) as Mode[]).filter((mode) => mode !== 'running');

/** What the key `id` (a key's name as the table writes it, or a printable character) asks for in `mode`. */
export function commandFor(mode: Mode, id: string): Command | undefined {
  return keyMap[mode].find((b) => b.keys.includes(id) || b.keys.includes('any'))?.command;
}

const names: Record<string, string> = {
  return: 'RETURN',
  space: 'SPACE',
  escape: 'ESC',
  'ctrl-c': 'Ctrl-C',
  any: 'any key',
};

/** How the help line, the help screen and the README show a binding's key. */
export function keyLabel(binding: Binding): string {
  return binding.shownAs ?? names[binding.keys[0]!] ?? binding.keys[0]!;
}

/** The keys the help line shows in `mode`, in order: [key, words]. */
export function hints(mode: Mode): [string, string][] {
  return keyMap[mode].flatMap((b) => (b.hint ? [[keyLabel(b), b.hint] as [string, string]] : []));
}

/** Where each mode's keys are described, and how the help screen says so. */
const described: readonly (readonly [Mode, string])[] = [
  ['before', ''],
  ['typing', 'while typing'],
  ['running', 'while a command runs'],
];

/** Every described key: [key, when, what it does], for the help screen and the README. */
export function keyHelp(): [string, string, string][] {
  return described.flatMap(([mode, when]) =>
    keyMap[mode].flatMap((b) => (b.help ? [[keyLabel(b), when, b.help] as [string, string, string]] : [])),
  );
}

/** The README's key table (a test keeps the README equal to it). */
export function keyTableMarkdown(): string {
  const rows = keyHelp().map(([key, when, what]) => {
    const shown = /^[A-Za-z]+(-[A-Za-z])?$/.test(key) && key.length > 1 ? key : `\`${key}\``;
    return `| ${shown}${when ? ` (${when})` : ''} | ${what} |`;
  });
  return ['| key | what it does |', '| --- | --- |', ...rows].join('\n');
}
