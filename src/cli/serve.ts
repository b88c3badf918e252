import type { Command } from 'commander';
import { UserError } from '../common/errors.js';
import type { OwnCommands } from '../session/bin.js';

interface ServeFlags {
  port?: string;
  host: string;
  open?: boolean;
  from?: string;
  resume?: boolean;
}

// `stepdown serve FILE.md [ARGS…]`: the workshop as a page with its live terminal beside it.
export function registerServe(program: Command, ownCommands: OwnCommands): void {
  program
    .command('serve')
    .description('follow a workshop in the browser, its live shell beside it')
    .argument('<file>', 'the workshop (Markdown)')
    .argument('[args...]', 'positional parameters for the workshop ($1 …)')
    .option('--port <n>', 'port to listen on (default: a free one)')
    .option('--host <addr>', 'address to listen on; any but loopback lets other machines in', '127.0.0.1')
    .option('--open', 'open the page in the default browser')
    .option('--from <heading>', 'start at this heading; earlier state is replayed (default: the first)')
    .option('--resume', 'continue where the last run of this file stopped (in play or serve)')
    .passThroughOptions()
    .action(async (file: string, args: string[], flags: ServeFlags) => {
      const port = Number(flags.port ?? 0);
      if (!/^\d+$/.test(flags.port ?? '0') || port > 65535) {
        throw new UserError(`--port: expected a port number (0–65535), got ${JSON.stringify(flags.port)}`, 2);
      }
      if (flags.from !== undefined && flags.resume)
        throw new UserError('--from and --resume cannot be used together', 2);
      // Loaded when run: the other subcommands do not need the server.
      const { serveFile } = await import('../serve/serve.js');
      process.exitCode = await serveFile({
        file,
        args,
        host: flags.host,
        port,
        open: flags.open ?? false,
        from: flags.from,
        resume: flags.resume ?? false,
        ownCommands,
      });
    });
}
