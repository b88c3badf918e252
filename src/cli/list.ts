import type { Command } from 'commander';
import { UserError } from './errors.js';

// Placeholder until the `list` subcommand lands; registered so the command line is complete.
export function registerList(program: Command): void {
  program
    .command('list')
    .argument('[args...]')
    .allowUnknownOption()
    .action(() => {
      throw new UserError('`list` is not available yet', 2);
    });
}
