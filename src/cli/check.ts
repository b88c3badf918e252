import type { Command } from 'commander';
import type { CheckFlags } from '../check/check.js';
import type { OwnCommands } from '../session/bin.js';

// `stepdown check [options] FILE [ARGS…]`: run every command unattended and report, for CI. Arguments after
// the file are the workshop's positional parameters, options included, so check's own options go first.
export function registerCheck(program: Command, ownCommands: OwnCommands): void {
  program
    .command('check')
    .description(
      'run every command of a workshop unattended and report what failed (for CI); with --each, of many workshops',
    )
    .argument('<file>', 'the workshop (Markdown, or a shell script); with --each, a workshop or a folder of them')
    .argument('[args...]', 'positional parameters for the workshop ($1 …); with --each, more workshops or folders')
    .option('--each', 'every argument is a workshop, or a folder: every .md in it (recursively); no $1 …', false)
    .option('--jobs <n>', 'with --each: check this many workshops at once, each in its own shell (default: 1)')
    .option('--keep-going', 'run on after a failing command (a `set -e` in the workshop still stops it)', false)
    .option('--step-timeout <duration>', 'fail a command that runs longer than this (30s, 10m, 1h; 0 = never)', '10m')
    .option(
      '--from <heading>',
      'start at this section (number or title, as `stepdown list` shows) (default: the first)',
    )
    .option('--to <heading>', 'stop after this section (default: the last)')
    .option('--only <heading>', 'run only this section (with its subsections) (default: every section)')
    .option('--no-replay', 'do not replay assignments, exports, functions and cd of the steps before --from/--only')
    .option('--junit <file>', 'write a JUnit XML report')
    .option('--json <file>', 'write a JSON report')
    .passThroughOptions()
    .action(async (file: string, args: string[], flags: CheckFlags) => {
      // Loaded when run: every other subcommand (and `--help`) starts faster without it.
      const { checkWorkshop } = await import('../check/check.js');
      process.exitCode = await checkWorkshop({ file, args, ownCommands }, flags);
    });
}
