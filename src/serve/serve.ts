// `stepdown serve`: one session, one player, one page server. The server ends when the workshop does, and the
// session when the server is stopped (Ctrl-C, SIGTERM, SIGHUP): whichever ends first, both are gone, and with
// them every process the session started and its temporary folder.
import { realpathSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { execa } from 'execa';
import { UserError } from '../common/errors.js';
import { SignalTrap, type StopSignal, signalStatus } from '../common/exit.js';
import { formatMessage, hasErrors } from '../common/messages.js';
import { activeHooks } from '../player/hooks.js';
import { openRun } from '../player/open.js';
import { Player } from '../player/player.js';
import { PositionStore, ResumePoints, resumeSelection } from '../player/resume.js';
import type { OwnCommands } from '../session/bin.js';
import { closeAllSessions } from '../session/registry.js';
import { createSession, type PtySession } from '../session/session.js';
import { exposureWarning } from './access.js';
import { ServeDriver } from './driver.js';
import { renderPage } from './page.js';
import { PageServer } from './server.js';
import { Viewers } from './viewers.js';

export interface ServeOptions {
  file: string;
  args: readonly string[];
  host: string;
  /** 0: a free port. */
  port: number;
  /** Open the address in the default browser. */
  open: boolean;
  /** `--from`: a heading's title (or part of it) or number. */
  from?: string;
  /** Continue where the last run of this file (in `play` or `serve`) stopped. */
  resume: boolean;
  ownCommands?: OwnCommands;
}

export interface ServeIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  positions?: PositionStore;
  /** Called with the address once the server listens (tests read it here). */
  onListening?: (url: URL) => void;
  /** Ends the server and the session, as a stop signal does (without exiting the process). */
  stop?: AbortSignal;
}

/** Serves the workshop until it ends or a stop signal arrives; returns the exit status. */
export async function serveFile(options: ServeOptions, io: ServeIO = defaultIO()): Promise<number> {
  const opened = openRun(options.file, { from: options.from });
  if (hasErrors(opened.messages)) {
    const errors = opened.messages.filter((m) => m.severity === 'error').map(formatMessage);
    throw new UserError(`cannot serve ${options.file}:\n${errors.join('\n')}`, 1);
  }
  const warning = exposureWarning(options.host);
  if (warning) io.stderr.write(`stepdown: warning: ${warning}\n`);

  // Set before bash is forked: a signal while it starts must still end it.
  const signals = new SignalTrap((name) => {
    void closeAllSessions().then(() => process.exit(signalStatus(name)));
  });
  try {
    const session = await createSession({
      scriptPath: options.file,
      args: options.args,
      ownCommands: options.ownCommands,
      env: io.env,
      interactive: true,
    });
    return await serveSession(options, io, opened, session, signals);
  } finally {
    signals.release();
  }
}

async function serveSession(
  options: ServeOptions,
  io: ServeIO,
  opened: ReturnType<typeof openRun>,
  session: PtySession,
  signals: SignalTrap,
): Promise<number> {
  const { steps } = opened;
  const positions = io.positions ?? new PositionStore();
  const resumed = options.resume ? resumeSelection(steps, options.file, positions) : undefined;
  const player = new Player(steps, {
    interactive: true,
    hooks: activeHooks(io.env),
    selection: opened.selection?.selection ?? resumed?.range,
  });
  const resumePoints = new ResumePoints(steps);
  const absolute = resolve(options.file);
  let driver: ServeDriver | undefined;
  const viewers = new Viewers({
    act: (action) => driver?.act(action),
    input: (data) => driver?.input(data),
    resize: (columns, rows) => session.resize(columns, rows),
  });
  driver = new ServeDriver(steps, player, session, {
    output: (data) => viewers.output(data),
    state: (state) => viewers.state(state),
    progress: (index, done) => {
      const at = resumePoints.at(index, done);
      positions.save(absolute, at, player.headings.findLast((heading) => heading.index <= at)?.text);
    },
  });
  const server = new PageServer({
    host: options.host,
    port: options.port,
    root: realpathSync(dirname(absolute)),
    page: renderPage(pageTitle(steps, options.file), steps),
    viewers,
  });

  let stopping: Promise<void> | undefined;
  const shutdown = () => {
    stopping ??= Promise.all([server.close(), session.close()]).then(() => {});
    return stopping;
  };
  signals.handle((name: StopSignal) => {
    void shutdown().then(() => process.exit(signalStatus(name)));
  });
  io.stop?.addEventListener('abort', () => void shutdown());
  try {
    const url = await listen(server, options);
    io.stdout.write(`stepdown serve: ${options.file} at ${url.href}\n(Ctrl-C stops the server and the session.)\n`);
    if (resumed) io.stdout.write(`${resumed.notice}\n`);
    io.onListening?.(url);
    if (options.open) openBrowser(url, io);
    const status = await driver.play();
    const end = driver.state.ended;
    if (end?.message) io.stderr.write(`stepdown: ${end.message}\n`);
    // Played to the end: a later --resume starts over.
    if (end?.reason === 'finished') positions.save(absolute, steps.length);
    return status;
  } finally {
    await shutdown();
    if (positions.failure) io.stderr.write(`stepdown: warning: ${positions.failure}\n`);
  }
}

async function listen(server: PageServer, options: ServeOptions): Promise<URL> {
  try {
    return await server.listen();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UserError(`cannot listen on ${options.host} port ${options.port}: ${code}`, 2);
  }
}

function pageTitle(steps: ReturnType<typeof openRun>['steps'], file: string): string {
  const heading = steps.find((step) => step.kind === 'heading');
  return heading?.kind === 'heading' ? heading.text : basename(file);
}

/** The desktop's opener, given the address as one argument; a failure only costs the learner a copy and paste. */
function openBrowser(url: URL, io: ServeIO): void {
  const opener = process.platform === 'darwin' ? 'open' : 'xdg-open';
  const child = execa(opener, [url.href], { detached: true, stdio: 'ignore', reject: false });
  child.unref();
  void child.then((result) => {
    if (result.failed) io.stderr.write(`stepdown: could not open a browser (${opener}); open the address above\n`);
  });
}

function defaultIO(): ServeIO {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}
