// The real runner: execa with argument arrays, no shell; pipes are connected stream to stream in code.
import { execa, type ResultPromise } from 'execa';
import type { Command } from '../model/commands.js';
import type { CommandRunner, RunOptions, CommandResult } from './types.js';

type Subprocess = ResultPromise<{ reject: false; cancelSignal?: AbortSignal }>;

export class ExecaRunner implements CommandRunner {
  async run(command: Command, options: RunOptions = {}): Promise<CommandResult> {
    const child = start(command, options, 'ignore');
    const result = await child;
    return outcome(command, result);
  }

  async pipe(from: Command, to: Command, options: RunOptions = {}): Promise<CommandResult> {
    const source = start(from, options, 'ignore', false);
    const sink = start(to, options, 'pipe');
    // When the sink stops reading (it ended, or died), the source's stdout is closed, as a shell's pipe would
    // be: its next write fails (SIGPIPE) instead of blocking on a full pipe for ever.
    let sinkGone = false;
    const closeSource = () => {
      sinkGone = true;
      source.stdout?.destroy();
    };
    sink.stdin?.on('error', closeSource);
    sink.on('exit', closeSource);
    source.stdout?.pipe(sink.stdin!);
    const [sourceResult, sinkResult] = await Promise.all([source, sink]);
    const first = outcome(from, sourceResult);
    const second = outcome(to, sinkResult);
    // A source that failed only because the sink had gone is not the cause: the sink's status is.
    const sourceToBlame = first.exitCode !== 0 && !(sinkGone && second.exitCode !== 0);
    const failed = sourceToBlame ? first : second;
    return {
      exitCode: failed.exitCode,
      stdout: second.stdout,
      stderr: [first.stderr, second.stderr].filter(Boolean).join('\n'),
      failure: failed.failure,
    };
  }
}

function start(command: Command, options: RunOptions, stdin: 'ignore' | 'pipe', streamStdout = true): Subprocess {
  const child = execa(command.file, [...command.args], {
    reject: false,
    stdin,
    env: command.env,
    cancelSignal: options.signal,
    // Children die with us (execa's default); a long Linkerd manifest must not be truncated by maxBuffer.
    maxBuffer: 256 * 1024 * 1024,
  }) as Subprocess;
  if (options.onLine) {
    const onLine = options.onLine;
    if (streamStdout) forwardLines(child.stdout, onLine);
    forwardLines(child.stderr, onLine);
  }
  return child;
}

function forwardLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (!stream) return;
  let pending = '';
  stream.on('data', (chunk: Buffer | string) => {
    pending += chunk.toString();
    const lines = pending.split(/\r?\n/);
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
  stream.on('end', () => {
    if (pending) onLine(pending);
  });
}

function outcome(command: Command, result: Awaited<Subprocess>): CommandResult {
  const stdout = typeof result.stdout === 'string' ? result.stdout : '';
  const stderr = typeof result.stderr === 'string' ? result.stderr : '';
  if (!result.failed) return { exitCode: 0, stdout, stderr };
  if ((result as { code?: string }).code === 'ENOENT') {
    return { exitCode: 127, stdout, stderr, failure: `${command.file}: not found on PATH` };
  }
  if (result.isCanceled) return { exitCode: 130, stdout, stderr, failure: `${command.file}: interrupted` };
  const exitCode = result.exitCode ?? 1;
  const signal = result.signal ? ` (killed by ${result.signal})` : '';
  return { exitCode: exitCode || 1, stdout, stderr, failure: `${command.file} exited with ${exitCode}${signal}` };
}
