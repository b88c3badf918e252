import type { Command } from 'commander';
import { UserError } from './errors.js';

// Placeholder until the `play` subcommand lands; registered so the command line is complete.
export function registerPlay(program: Command): void {
  program
    .command('play', { isDefault: true })
    .argument('[args...]')
    .allowUnknownOption()
    .action(() => {
      throw new UserError('`play` is not available yet', 2);
    });
}
