import type { Command } from 'commander';
import { writeOutput } from '../common/exit.js';

// `stepdown list FILE…`: the table of contents, and under each heading its numbered steps.
export function registerList(program: Command): void {
  program
    .command('list')
    .description('show the headings of workshop files and the numbered steps under each')
    .argument('<files...>', 'workshop files (.md as Markdown, anything else as shell)')
    .option('--json', 'print the listing as JSON')
    .action(async (files: string[], options: { json?: boolean }) => {
      // Loaded when run, so that the other subcommands do not pay for the parser.
      const { listFile, render } = await import('./listing.js');
      const listed = files.map((file) => ({ file, ...listFile(file) }));
      if (options.json) {
        const json = listed.map(({ file, sections }) => ({ file, sections }));
        await writeOutput(`${JSON.stringify(json, null, 2)}\n`);
      } else {
        await writeOutput(`${listed.map(({ file, sections }) => render(file, sections)).join('\n\n')}\n`);
      }
      for (const { errors } of listed) for (const error of errors) process.stderr.write(`${error}\n`);
      process.exitCode = listed.some((l) => l.failed) ? 1 : 0;
    });
}
