// Pagers in a session nobody watches (`interactive: false`, i.e. `stepdown check`). `less` and `more` read their
// keys from the terminal itself, not from stdin, so /dev/null as stdin does not stop them from waiting at the
// first screen for a key nobody will press. Every pager prints its input like cat when its output is not a
// terminal, though: the stand-ins put first on PATH run the real one with its output piped. Its own options
// (`less -e`, `+G`, `--tabs 4`, `more +10`), messages and exit status stay exactly as they are.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PAGERS: readonly string[] = ['less', 'more'];

// The real pager is the next one of that name on PATH that is not this file (stdin stays the pager's: `cmd |
// less`); none at all is reported the way the shell would.
const STAND_IN = `#!/usr/bin/env bash
# stepdown: a pager with no one to press a key. Runs the real one with its output piped, so it prints and ends.
name=\${0##*/}
mapfile -t found < <(type -P -a -- "$name")
for real in "\${found[@]}"; do
  if ! [[ $real -ef $0 ]]; then
    "$real" "$@" | cat
    exit "\${PIPESTATUS[0]}"
  fi
done
echo "$name: command not found" >&2
exit 127
`;

/** Creates `<parent>/pagers` with the stand-ins and returns its path. */
export function makePagerStandIns(parent: string): string {
  const dir = join(parent, 'pagers');
  mkdirSync(dir);
  for (const name of PAGERS) writeFileSync(join(dir, name), STAND_IN, { mode: 0o755 });
  return dir;
}
