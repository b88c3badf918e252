#!/usr/bin/env node
// `stepdown FILE.md [ARGS…]` plays a workshop; `check`, `lint` and `list` are the other faces of it.
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { UNATTENDED_ENV, type OwnCommands } from '../session/bin.js';
import { runMain } from '../common/exit.js';
import { registerPlay } from './play.js';
import { registerCheck } from './check.js';
import { registerLint } from './lint.js';
import { registerList } from './list.js';
import { registerServe } from './serve.js';
import { packageVersion } from './version.js';

/**
 * Every session stepdown starts puts these first on its PATH, so that a workshop calling `stepdown` or
 * `localcluster` gets this installation's: this file, and localcluster built beside it.
 */
const OWN_COMMANDS: OwnCommands = {
  stepdown: fileURLToPath(import.meta.url),
  localcluster: fileURLToPath(new URL('./localcluster.js', import.meta.url)),
};

export function buildProgram(): Command {
  const program = new Command('stepdown')
    .description('play a workshop written in Markdown as a live demo, or check that it still runs')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'print this help')
    .helpCommand('help [command]', 'print help for a command')
    .exitOverride()
    // Options after a subcommand's file belong to the workshop (`stepdown FILE.md -x` → `$1=-x`).
    .enablePositionalOptions()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  registerPlay(program, OWN_COMMANDS);
  registerCheck(program, OWN_COMMANDS);
  registerLint(program);
  registerList(program);
  registerServe(program, OWN_COMMANDS);
  return program;
}

/**
 * The command line to parse. Inside `stepdown check`, playing a file means checking it: a workshop that starts
 * another (demosh workshops do, with `$SHELL FILE.md`) has nobody to press RETURN for it.
 */
function commandLine(program: Command, args: readonly string[]): string[] {
  const [first] = args;
  if (!process.env[UNATTENDED_ENV] || first === undefined || first.startsWith('-')) return [...args];
  if (first === 'play') return ['check', ...args.slice(1)];
  const named = first === 'help' || program.commands.some((command) => command.name() === first);
  return named ? [...args] : ['check', ...args];
}

await runMain('stepdown', async () => {
  const program = buildProgram();
  try {
    if (process.argv.length <= 2) {
      // Without a workshop there is nothing to play: say how to call it rather than only what is missing.
      program.outputHelp({ error: true });
      return 2;
    }
    await program.parseAsync(commandLine(program, process.argv.slice(2)), { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has already printed its message; help and version are not errors.
      return error.exitCode === 0 ? 0 : 2;
    }
    throw error;
  }
});
