// The session's PATH starts with a folder holding `stepdown` and `localcluster` from this installation, so a
// workshop calling them gets the embedded ones, whatever else is installed. The folder is made per session
// (symlinks to the built entry points) and removed with the session's temporary folder.
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built entry points, dist/cli/*.js of this package (from dist/session or src/session alike). */
export const OWN_COMMANDS: Readonly<Record<string, string>> = Object.freeze({
  stepdown: fileURLToPath(new URL('../../dist/cli/stepdown.js', import.meta.url)),
  localcluster: fileURLToPath(new URL('../../dist/cli/localcluster.js', import.meta.url)),
});

/** Creates `<parent>/bin` with the own commands and returns its path. */
export function makeOwnBin(parent: string): string {
  const dir = join(parent, 'bin');
  mkdirSync(dir);
  for (const [name, target] of Object.entries(OWN_COMMANDS)) symlinkSync(target, join(dir, name));
  return dir;
}
