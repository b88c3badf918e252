// The bash side of the session: the start-up file the shell sources once, and the line typed for each command.
//
// Each command is written to a file and typed as one fixed line that sources it, so the shell's input never
// holds the command itself (no continuation prompts, no echo to strip, no 4 KB terminal line limit, heredocs
// and `$LINENO` as in a script) and the sourcing happens at top level (`declare`, `local` errors, aliases and
// `set --` behave as typed). The line:
//
//   __sd_b; if . "$__sd_f"; then __sd_d 0; else __sd_d $?; fi
//
// - `__sd_b` prints the start mark; it keeps `$?` so the command sees the previous status.
// - `if . file` runs the command where errexit is ignored, so a `set -e` followed by a failure in the same
//   command cannot make the interactive shell exit. (Bash also suspends ERR traps there.)
// - `__sd_d` prints the end mark with the status and whether `set -e`/`-x`/`-a` are on and DEMOSH_QUIET_FAILURE
//   is true (`__sd_q`), turns errexit off (it is the player's business: it stops the run), and re-asserts
//   PROMPT_COMMAND.
// - With `set -x` on, `{ __sd_d …;} 2>/dev/null` hides our own calls from the trace.
// - When Ctrl-C/SIGINT or an error such as `set -u` aborts the whole line, `__sd_d` never runs: PROMPT_COMMAND
//   (`__sd_p`) notices the command was still marked as running and ends it with `$?` (130 after SIGINT).
// - On its way out (`exit`, a hangup) the shell's EXIT trap (`__sd_x`) prints an end mark flagged X and waits
//   until stepdown has read it and answers with the nonce: once the shell has gone, the terminal may drop what
//   was still unread (the last lines of output). A workshop that sets its own EXIT trap loses only that wait.
// - Marks go to a descriptor of their own on the terminal, so `exec >file 2>&1` in a workshop cannot swallow
//   them (reopening /dev/tty for each mark would cost more than the rest of a command's round trip); the
//   user's PS0/PS1/PS2 print outside the marks and are dropped. The functions are readonly so a workshop
//   cannot redefine them.
// - `set -e`, `set -x` and `set -a` are put back for the next command by the first line of its file (see
//   commandFile), inside the sourced file where errexit is harmless; `__sd_b` turns tracing off so `. file` is
//   not traced, and `__sd_d` turns allexport off so the session's own variables are never exported.
//
// Consequences worth knowing: within one command `set -e` does not stop it halfway (the player stops the run
// after it); ERR traps do not fire inside commands; an alias applies from the line after its definition, not
// within the same line or compound command (bash expands aliases as it reads each complete command, as in
// a script); `$_` is not carried over; the user's PROMPT_COMMAND is replaced after each command.
import { markerFormats } from './markers.js';

/** Environment variables that carry paths into the shell at start-up; the start-up file unsets them. */
export const STARTUP_ENV = {
  startupFile: '__stepdown_startup',
  commandFile: '__stepdown_command',
  argv0: '__stepdown_argv0',
} as const;

// Lines end in LF, not CR: a command that leaves the terminal in raw mode (no CR→LF translation) must not
// leave the shell waiting for the end of a line.

/** Typed once, right after bash starts. */
export const STARTUP_LINE = `. "$${STARTUP_ENV.startupFile}"\n`;

/**
 * Typed for each command. `interactive: false` gives the command /dev/null as stdin (from a descriptor opened
 * once, cheaper than opening the file each time); `xtrace` (set -x is on)
 * hides the end of the line from the trace, which costs a redirection, so only then.
 */
export function commandLine(interactive: boolean, xtrace: boolean): string {
  const source = interactive ? '. "$__sd_f"' : '. "$__sd_f" <&$__sd_nul';
  const end = (status: string) => (xtrace ? `{ __sd_d ${status};} 2>/dev/null` : `__sd_d ${status}`);
  return `__sd_b;if ${source};then ${end('0')};else ${end('$?')};fi\n`;
}

/**
 * Whether a command may turn `set -x` on (`set -x`, `set -eux`, `set -o xtrace`…), so that the end of its line
 * must be hidden from the trace. A false positive only costs the redirection.
 */
export function mayStartTracing(command: string): boolean {
  return /\bset\b[^\n;|&]*\s-[a-zA-Z]*x|\bxtrace\b/.test(command);
}

/** Shell options that stay on from one command to the next (the shell itself runs with them off). */
export interface CarriedFlags {
  errexit: boolean;
  xtrace: boolean;
  /** `set -a`: every variable a command sets is exported. */
  allexport: boolean;
}

/**
 * The content of the command file: the command as a script, preceded on its first line (so `$LINENO` stays
 * right) by turning the carried options back on; `__sd_r` gives back the previous `$?`, and the redirection
 * keeps that out of `set -x` traces.
 */
export function commandFile(command: string, flags: CarriedFlags): string {
  const text = command.endsWith('\n') ? command : `${command}\n`;
  const letters = (flags.errexit ? 'e' : '') + (flags.xtrace ? 'x' : '') + (flags.allexport ? 'a' : '');
  return letters ? `{ set -${letters}; __sd_r;} 2>/dev/null;${text}` : text;
}

/**
 * The start-up file. `echo: false` (sessions nobody types into, i.e. `check`) turns the terminal's echo off:
 * the line typed for each command then costs the terminal no echo processing and stepdown nothing to read
 * and drop.
 */
export function startupScript(nonce: string, options: { echo: boolean } = { echo: true }): string {
  if (!/^[0-9a-f]+$/.test(nonce)) throw new Error(`bad nonce ${JSON.stringify(nonce)}`);
  const fmt = markerFormats(nonce);
  const { startupFile, commandFile, argv0 } = STARTUP_ENV;
  return `# stepdown session start-up (sourced once)
set +o history
unset HISTFILE
PS1= PS2= PS0=
export -n PS1 PS2 PS0 PROMPT_COMMAND
if [[ -v ${argv0} ]]; then BASH_ARGV0=$${argv0}; fi
readonly __sd_f=$${commandFile}
exec {__sd_fd}<>/dev/tty {__sd_nul}</dev/null
readonly __sd_fd __sd_nul
unset ${startupFile} ${commandFile} ${argv0}
__sd_run=0 __sd_s=0
__sd_b() {
  __sd_s=$?
  [[ $- != *x* ]] || set +x
  __sd_run=1
  builtin printf '${fmt.start}' >&$__sd_fd
  return "$__sd_s"
}
__sd_r() { return "$__sd_s"; }
__sd_q() {
  local q=\${DEMOSH_QUIET_FAILURE-}
  case \${q,,} in yes | true | t | y | 1) f+=q ;; esac
}
__sd_d() {
  local f=
  [[ $- != *e* ]] || { f=e; set +e; }
  [[ $- != *x* ]] || f+=x
  [[ $- != *a* ]] || { f+=a; set +a; }
  __sd_q
  __sd_run=0
  PROMPT_COMMAND=__sd_p
  builtin printf '${fmt.end}' "$1" "$f" >&$__sd_fd
  return "$1"
}
__sd_p() {
  local s=$?
  ((__sd_run == 0)) || __sd_d "$s"
}
__sd_x() {
  local s=$? l= f=X
  __sd_q
  builtin printf '${fmt.end}' "$s" "$f" >&$__sd_fd
  while builtin read -r -t 5 -u "$__sd_fd" l && [[ $l != *${nonce} ]]; do :; done
}
readonly -f __sd_b __sd_r __sd_q __sd_d __sd_p __sd_x
trap '{ __sd_x;} 2>/dev/null' EXIT
PROMPT_COMMAND=__sd_p
${options.echo ? '' : 'stty -echo\n'}builtin printf '${fmt.ready}' >&$__sd_fd
`;
}
