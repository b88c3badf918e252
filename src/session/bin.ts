// The session's PATH starts with a folder holding the caller's own commands (`stepdown` and `localcluster` of
// the installation that runs the workshop), so a workshop calling them gets those, whatever else is installed.
// Where they are is the caller's to say: only the CLI knows how it was built. The folder is made per session
// (symlinks) and removed with the session's temporary folder.
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The own command that plays workshops. It is `$SHELL` in the session, as demosh sets `$SHELL` to itself:
 * demosh workshops run another workshop with `$SHELL FILE.md`.
 */
export const DEMO_SHELL = 'stepdown';

/**
 * Set in sessions nobody types into (`check`): a stepdown started there checks the file it is given instead of
 * playing it, since nobody is there to press RETURN.
 */
export const UNATTENDED_ENV = 'STEPDOWN_UNATTENDED';

/** Command name → the program it runs. */
export type OwnCommands = Readonly<Record<string, string>>;

/** Creates `<parent>/bin` with `commands` and returns its path. */
export function makeOwnBin(parent: string, commands: OwnCommands): string {
  const dir = join(parent, 'bin');
  mkdirSync(dir);
  for (const [name, target] of Object.entries(commands)) symlinkSync(target, join(dir, name));
  return dir;
}
