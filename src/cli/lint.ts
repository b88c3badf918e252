import type { Command } from 'commander';
import { UserError } from './errors.js';

// Placeholder until the `lint` subcommand lands; registered so the command line is complete.
export function registerLint(program: Command): void {
  program
    .command('lint')
    .argument('[args...]')
    .allowUnknownOption()
    .action(() => {
      throw new UserError('`lint` is not available yet', 2);
    });
}
