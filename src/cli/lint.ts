import type { Command } from 'commander';
import { writeOutput } from '../common/exit.js';
import type { Message } from '../common/messages.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

// `stepdown lint FILE…`: every problem as `file:line:column: severity message [rule]`; exit 1 on errors.
export function registerLint(program: Command): void {
  program
    .command('lint')
    .description('check workshop files without running them; exit 1 when there are errors')
    .argument('<files...>', 'workshop files (.md as Markdown, anything else as shell)')
    .option('--json', 'print the problems as a JSON array')
    .action(async (files: string[], options: { json?: boolean }) => {
      // Loaded when run, so that the other subcommands do not pay for the parser.
      const [{ lintWorkshop }, { formatMessage, hasErrors }] = await Promise.all([
        import('../markdown/lint.js'),
        import('../common/messages.js'),
      ]);
      const messages: Message[] = files.flatMap((file) => lintWorkshop(file));
      if (options.json) {
        await writeOutput(`${JSON.stringify(messages, null, 2)}\n`);
      } else {
        await writeOutput(messages.map((m) => `${formatMessage(m)}\n`).join(''));
        const errors = messages.filter((m) => m.severity === 'error').length;
        process.stderr.write(
          `${plural(files.length, 'file')} checked: ${plural(errors, 'error')}, ${plural(messages.length - errors, 'warning')}\n`,
        );
      }
      process.exitCode = hasErrors(messages) ? 1 : 0;
    });
}
