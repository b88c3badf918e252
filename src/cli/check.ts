import type { Command } from 'commander';
import { UserError } from './errors.js';

// Placeholder until the `check` subcommand lands; registered so the command line is complete.
export function registerCheck(program: Command): void {
  program
    .command('check')
    .argument('[args...]')
    .allowUnknownOption()
    .action(() => {
      throw new UserError('`check` is not available yet', 2);
    });
}
