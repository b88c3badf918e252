// The screen model: the UI's state → what the live part under the scrollback shows, and a key's command (the
// key table's word for it) → the next state. Pure functions over plain values; the app holds the state and the views draw it.
import type { HeadingInfo, KeyAction, WaitReason } from '../player/effects.js';
import type { Command, Mode } from './key-map.js';
import { hardWrap, type Line, span, truncate } from './text.js';
import { helpLine, helpScreen, type StatusInfo, statusLine, tocView, viewStyles, waitingLine } from './views.js';

/** What is open over the help line during a wait. */
export type Overlay = { kind: 'help' } | { kind: 'contents'; selected: number };

/** What separates the next block (commentary, a typed command) from what is above it. */
export type Spacing = 'top' | 'content';

export interface LiveState {
  columns: number;
  rows: number;
  /** The row of the command on screen that has not run yet; `cursor`: typing goes on, or it waits to run. */
  command?: { row: Line; cursor: boolean };
  /** The attempt a command under `@retry` is at, while it runs without the terminal. */
  waitingAttempt?: number;
  /** Typing or a wait: the keys that mean something now (nothing else is live). */
  mode?: 'typing' | WaitReason;
  overlay?: Overlay;
  /** The status line's facts; absent with `--no-status`. */
  status?: StatusInfo;
  /** A one-off hint in place of the help line, until the next key. */
  hint?: string;
  spacing: Spacing;
  headings: readonly Pick<HeadingInfo, 'depth' | 'text'>[];
}

/** The live part, piece by piece: the command being typed, then the help screen, the contents or the footer. */
export interface LiveScreen {
  /** The `waiting…` line of a command under `@retry`, then the rows of the command on screen. */
  command: Line[];
  /** A blank row between the command (or the scrollback) and what is under it. */
  gap: boolean;
  below: Line[];
}

const TYPING_CURSOR = span(' ', '7');

export function liveScreen(state: LiveState): LiveScreen {
  const { columns, rows } = state;
  const command = [
    ...(state.waitingAttempt === undefined ? [] : [waitingLine(state.waitingAttempt, columns)]),
    ...(state.command
      ? hardWrap([...state.command.row, ...(state.command.cursor ? [TYPING_CURSOR] : [])], columns)
      : []),
  ];
  if (state.overlay?.kind === 'help') {
    // Below the command on screen and a blank line, with a row to spare for the cursor.
    return { command, gap: true, below: helpScreen(columns, Math.max(1, rows - command.length - 2)) };
  }
  if (state.overlay?.kind === 'contents') {
    const height = Math.min(state.headings.length + 2, rows - 2);
    return { command, gap: true, below: tocView(state.headings, state.overlay.selected, height, columns) };
  }
  if (!state.mode || !state.status) return { command, gap: false, below: [] };
  const help = state.hint ? truncate([span(state.hint, viewStyles.notice)], columns) : helpLine(state.mode, columns);
  return {
    command,
    gap: command.length > 0 || state.spacing === 'content',
    below: [statusLine(state.status, columns), help],
  };
}

/** The live part as rows, top to bottom. */
export function liveRows(screen: LiveScreen): Line[] {
  return [...screen.command, ...(screen.gap && screen.below.length ? [[]] : []), ...screen.below];
}

/** The mode the keys are read in during a wait. */
export function waitMode(reason: WaitReason, overlay: Overlay | undefined): Mode {
  return overlay ? (overlay.kind === 'help' ? 'help' : 'contents') : reason;
}

export interface WaitState {
  overlay?: Overlay;
  hint?: string;
}

export interface WaitContext {
  reason: WaitReason;
  headings: readonly HeadingInfo[];
  /** The heading the presenter is under (the contents open on it). */
  here?: number;
  /** Terminal rows (a page in the contents). */
  rows: number;
}

const NOTHING_RUNNING = 'Nothing is running. Q quits stepdown; ? shows every key.';

/**
 * A key read during a wait, as its command in the wait's mode (`waitMode`): the next state, and the player's
 * action when the wait is over.
 */
export function waitCommand(
  state: WaitState,
  command: Command | undefined,
  context: WaitContext,
): { state: WaitState; action?: KeyAction } {
  const overlay = state.overlay;
  if (overlay?.kind === 'contents') {
    const last = context.headings.length - 1;
    const page = Math.max(1, context.rows - 6);
    const moves: Partial<Record<string, number>> = {
      up: -1,
      down: 1,
      'page-up': -page,
      'page-down': page,
      first: -Infinity,
      last: Infinity,
    };
    const move = command && moves[command];
    if (move !== undefined) {
      return {
        state: { overlay: { kind: 'contents', selected: Math.max(0, Math.min(last, overlay.selected + move)) } },
      };
    }
    if (command === 'continue')
      return { state: {}, action: { kind: 'jump', index: context.headings[overlay.selected]!.index } };
    return { state: command === 'close' ? {} : state };
  }
  if (overlay?.kind === 'help') return { state: {} };
  switch (command) {
    case 'continue':
    case 'skip':
    case 'repeat':
    case 'shell':
    case 'quit':
      return { state: {}, action: { kind: command } };
    case 'explain':
      // Ctrl-C interrupts a running command; here nothing runs, and quitting takes a deliberate Q.
      return { state: { hint: NOTHING_RUNNING } };
    case 'help':
      return { state: { overlay: { kind: 'help' } } };
    case 'contents': {
      if (context.headings.length === 0) return { state: {} };
      const selected = Math.max(
        0,
        context.headings.findIndex((h) => h.index === context.here),
      );
      return { state: { overlay: { kind: 'contents', selected } } };
    }
    default:
      return { state: {} };
  }
}

/** `finish`: show the rest now; `later`: finish, and let the wait after the typing handle the key. */
export type TypingOutcome = KeyAction | 'finish' | 'later' | 'ignore';

/** What a key's command does while a command is being typed (demosh: SPACE finishes, RETURN finishes and runs). */
export function typingCommand(command: Command | undefined): TypingOutcome {
  switch (command) {
    case 'continue':
    case 'skip':
    case 'repeat':
    case 'shell':
    case 'quit':
      return { kind: command };
    case 'finish':
    case 'later':
      return command;
    default:
      return 'ignore';
  }
}
