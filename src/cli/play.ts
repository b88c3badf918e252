import type { Command } from 'commander';
import { UserError } from '../common/errors.js';
import type { OwnCommands } from '../session/bin.js';
import { parseSpeed } from '../ui/typing.js';

interface PlayFlags {
  speed: string;
  typing: boolean;
  status: boolean;
  rehearse?: boolean;
  record?: string;
  from?: string;
  resume?: boolean;
}

// `stepdown [play] FILE.md [ARGS…]`: the default command. Arguments after the file are the workshop's
// positional parameters, options included (as with `bash script args`), so stepdown's own options go first.
export function registerPlay(program: Command, ownCommands: OwnCommands): void {
  program
    .command('play', { isDefault: true })
    .description('play a workshop as a live demo in this terminal')
    .argument('<file>', 'the workshop (Markdown, or a shell script)')
    .argument('[args...]', 'positional parameters for the workshop ($1 …)')
    .option('--speed <factor>', 'typing speed factor (2 = twice as fast)', '1')
    .option('--no-typing', 'show commands at once instead of typing them out')
    .option('--no-status', 'hide the status and help lines (for recordings)')
    .option('--rehearse', 'type and show everything, run nothing')
    .option('--record <file.cast>', 'record what the audience sees (asciicast v2, a marker at every heading)')
    .option(
      '--from <heading>',
      'start at this heading; earlier state (variables, cd, functions) is replayed (default: the first)',
    )
    .option('--resume', 'continue where the last run of this file stopped')
    .passThroughOptions()
    .action(async (file: string, args: string[], flags: PlayFlags) => {
      const speed = parseSpeed(flags.speed);
      if (speed === undefined) {
        throw new UserError(`--speed: expected a positive number, got ${JSON.stringify(flags.speed)}`, 2);
      }
      if (flags.from !== undefined && flags.resume)
        throw new UserError('--from and --resume cannot be used together', 2);
      // Loaded lazily: `stepdown check` and `lint` do not need the UI.
      const { playFile } = await import('../ui/play.js');
      process.exitCode = await playFile({
        file,
        args,
        speed,
        typing: flags.typing,
        status: flags.status,
        rehearse: flags.rehearse ?? false,
        record: flags.record,
        from: flags.from,
        resume: flags.resume ?? false,
        ownCommands,
      });
    });
}
