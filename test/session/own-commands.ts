// What the CLI gives every session it starts: this repository's built `stepdown` and `localcluster`.
import { fileURLToPath } from 'node:url';
import type { OwnCommands } from '../../src/session/bin.js';

export const BUILT_COMMANDS: OwnCommands = {
  stepdown: fileURLToPath(new URL('../../dist/cli/stepdown.js', import.meta.url)),
  localcluster: fileURLToPath(new URL('../../dist/cli/localcluster.js', import.meta.url)),
};
