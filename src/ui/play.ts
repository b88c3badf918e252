// `stepdown play`: wires a loaded workshop, the player, one session and the terminal together, and makes sure
// that whatever ends the program (Q, the end, an error, SIGTERM, SIGHUP, the terminal closing) leaves the
// terminal restored and no process of the session behind.
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { UserError } from '../common/errors.js';
import { SignalTrap, type StopSignal, signalStatus } from '../common/exit.js';
import { openRun } from '../player/open.js';
import { formatMessage, hasErrors } from '../common/messages.js';
import type { Step } from '../markdown/steps.js';
import type { Effect, HeadingInfo, Selection } from '../player/effects.js';
import { activeHooks } from '../player/hooks.js';
import { Player } from '../player/player.js';
import { closeAllSessions } from '../session/registry.js';
import type { OwnCommands } from '../session/bin.js';
import { createSession, type PtySession } from '../session/session.js';
import { App } from './app.js';
import { CastRecorder } from './recorder.js';
import { PositionStore, ResumePoints, resumeSelection } from '../player/resume.js';
import { Terminal } from './terminal.js';

export interface PlayOptions {
  /** The workshop as given on the command line. */
  file: string;
  /** `$1 … $n` in the session. */
  args: readonly string[];
  typing: boolean;
  speed: number;
  status: boolean;
  rehearse: boolean;
  /** asciicast v2 file to write. */
  record?: string;
  /** Start at this top-level step (a heading from `--from`); earlier state is replayed. */
  start?: { index: number; heading?: string };
  /** Continue where the last run of this file stopped. */
  resume: boolean;
  /** The installation's own commands, first on the session's PATH. */
  ownCommands?: OwnCommands;
}

export interface PlayIO {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
  /** Where positions are kept (default: the XDG state directory). */
  positions?: PositionStore;
}

/** The UI needs a terminal on both sides; say so before anything starts. */
export function requireTerminal(io: Pick<PlayIO, 'stdin' | 'stdout'>): void {
  const missing = [!io.stdin.isTTY && 'input', !io.stdout.isTTY && 'output'].filter(Boolean);
  if (missing.length) {
    throw new UserError(
      `play needs a terminal, but its ${missing.join(' and ')} ${missing.length > 1 ? 'are not terminals' : 'is not one'}. ` +
        'To run a workshop without a terminal (CI, pipes), use `stepdown check FILE.md`.',
      2,
    );
  }
}

export interface PlayFileOptions extends Omit<PlayOptions, 'start'> {
  /** `--from`: a heading's title (or part of it) or number, as `stepdown list` shows them. */
  from?: string;
}

/** Loads the workshop and plays it; returns the exit status. */
export async function playFile(options: PlayFileOptions, io: PlayIO = defaultIO()): Promise<number> {
  // What is wrong with the workshop is the first thing to say, terminal or not.
  const opened = openRun(options.file, { from: options.from });
  if (hasErrors(opened.messages)) {
    const errors = opened.messages.filter((m) => m.severity === 'error').map(formatMessage);
    throw new UserError(`cannot play ${options.file}:\n${errors.join('\n')}`, 1);
  }
  requireTerminal(io);
  keepHeapSmall();
  // A signal before play takes over (bash still starting): the session ends, then stepdown. Set first:
  // the session's shell exists as soon as it is forked.
  const signals = new SignalTrap((name) => {
    void closeAllSessions().then(() => process.exit(signalStatus(name)));
  });
  const session = startSession(options, io);
  try {
    const from = opened.selection;
    const start = from && { index: from.selection.start, heading: from.startHeading };
    return await play(opened.steps, { ...options, start }, io, session, signals);
  } catch (error) {
    await session.then(
      (s) => s.close(),
      () => {},
    );
    throw error;
  } finally {
    signals.release();
  }
}

/**
 * A presenter's session is long and mostly idle, its live heap about 20 MB. By default V8 grows the young
 * generation to its maximum as soon as allocation is brisk (parsing, a fast run) and keeps it, and lets the
 * old generation fill with Ink's per-frame garbage to several times the live heap before collecting it:
 * RSS swings between 100 and 200 MB for nothing. `--optimize-for-size` collects sooner (a 1,500-step run
 * stays at 85–93 MB). Both flags are read whenever the heap would grow, so they apply at run time.
 */
function keepHeapSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
  setFlagsFromString('--optimize-for-size');
}

function startSession(options: Pick<PlayOptions, 'file' | 'args' | 'ownCommands'>, io: PlayIO): Promise<PtySession> {
  const session = createSession({
    scriptPath: options.file,
    args: options.args,
    ownCommands: options.ownCommands,
    cols: io.stdout.columns || 80,
    rows: io.stdout.rows || 24,
    env: io.env,
    interactive: true,
  });
  // Awaited later; until then a failure to start must not count as unhandled.
  session.catch(() => {});
  return session;
}

function defaultIO(): PlayIO {
  return { stdin: process.stdin, stdout: process.stdout, env: process.env };
}

/**
 * Plays `steps` in the session being started; returns the exit status. Once the terminal is taken, every way
 * out closes the session; an error before that (a recording that cannot be created) leaves it to the caller.
 */
async function play(
  steps: readonly Step[],
  options: PlayOptions,
  io: PlayIO,
  starting: Promise<PtySession>,
  signals: SignalTrap,
): Promise<number> {
  const positions = io.positions ?? new PositionStore();
  const selection = startSelection(steps, options, positions);
  const terminal = new Terminal(io.stdin, io.stdout);
  const recorder = options.record ? openRecording(options.record, terminal, options.file, io.env) : undefined;
  if (recorder) {
    terminal.tap((data) => recorder.output(data));
    terminal.onResize(() => recorder.resize(terminal.columns, terminal.rows));
  }

  const player = new Player(steps, { interactive: true, hooks: activeHooks(io.env), selection: selection.range });
  const resumePoints = new ResumePoints(steps);
  const absolute = resolve(options.file);
  let session: PtySession | undefined;
  let app: App | undefined;
  let stopping: Promise<number> | undefined;

  /** Synchronous, so that it can run on process 'exit' too. */
  const giveBackTerminal = () => {
    app?.stop();
    terminal.restore();
  };
  /** Restores the terminal and ends the session; safe to call more than once, from anywhere. */
  const shutdown = async (status: number): Promise<number> => {
    stopping ??= (async () => {
      giveBackTerminal();
      recorder?.close();
      await session?.close();
      return status;
    })();
    return stopping;
  };
  const onSignal = (name: StopSignal) => {
    void shutdown(signalStatus(name)).then((status) => process.exit(status));
  };
  signals.handle(onSignal);
  // The terminal went away (window closed, ssh dropped): writing fails with EIO or input ends; stop like a
  // hangup.
  const onOutputError = () => onSignal('SIGHUP');
  io.stdout.on('error', onOutputError);
  io.stdin.on('end', onOutputError);
  // An uncaught error ends the process at once (src/common/exit.ts): this is the only hook that still runs.
  const onExit = giveBackTerminal;
  process.on('exit', onExit);

  // Ink and React are loaded here only, while the session starts: no other command pays for them.
  const inkLive = import('./ink-live.js');
  let end: Extract<Effect, { kind: 'end' }> | undefined;
  try {
    terminal.start();
    session = await starting;
    // https://no-color.org: no colours, but bold and inverse still mark what matters.
    const color = !io.env.NO_COLOR;
    const live = new (await inkLive).InkLive(terminal, color);
    app = new App(player, session, terminal, {
      live,
      file: options.file,
      typing: options.typing,
      speed: options.speed,
      status: options.status,
      rehearse: options.rehearse,
      notice: selection.notice,
      onProgress: (progress, done) => {
        const index = resumePoints.at(progress.index, done);
        positions.save(absolute, index, headingBefore(player.headings, index)?.text);
      },
      onHeading: (heading) => recorder?.marker(heading.text),
    });
    end = await app.run();
    // Played to the end: a later --resume starts over.
    if (end.reason === 'finished') positions.save(absolute, steps.length);
  } finally {
    await shutdown(0);
    io.stdout.off('error', onOutputError);
    io.stdin.off('end', onOutputError);
    process.off('exit', onExit);
  }
  const message = endMessage(end);
  if (message) process.stderr.write(`stepdown: ${message}\n`);
  if (positions.failure) process.stderr.write(`stepdown: warning: ${positions.failure}\n`);
  return end.status;
}

function startSelection(
  steps: readonly Step[],
  options: PlayOptions,
  positions: PositionStore,
): { range?: Selection; notice?: string } {
  if (options.start) {
    const where = options.start.heading ? `“${options.start.heading}”` : `step ${options.start.index}`;
    return { range: { start: options.start.index, end: steps.length, replay: true }, notice: `Starting at ${where}.` };
  }
  return options.resume ? resumeSelection(steps, options.file, positions) : {};
}

function headingBefore(headings: readonly HeadingInfo[], index: number): HeadingInfo | undefined {
  return headings.findLast((heading) => heading.index <= index);
}

function openRecording(path: string, terminal: Terminal, file: string, env: NodeJS.ProcessEnv): CastRecorder {
  try {
    return new CastRecorder(path, {
      width: terminal.columns,
      height: terminal.rows,
      title: file,
      env: { TERM: env.TERM ?? 'xterm-256color', SHELL: '/bin/bash' },
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UserError(`${path}: already exists; a recording never overwrites a file`, 2);
    throw new UserError(`${path}: cannot create the recording (${code ?? String(error)})`, 2);
  }
}

function endMessage(end: Extract<Effect, { kind: 'end' }>): string | undefined {
  const where = end.at ? `${end.at.file}:${end.at.line}:${end.at.column}: ` : '';
  switch (end.reason) {
    case 'exited':
    case 'error':
      return `${where}${end.message ?? `the shell exited with status ${end.status}`}`;
    case 'failed':
      return `${where}stopped after a failed command (exit status ${end.status})`;
    case 'finished':
      return end.failures > 0 ? `${end.failures} command${end.failures === 1 ? '' : 's'} failed` : undefined;
    default:
      return undefined;
  }
}
