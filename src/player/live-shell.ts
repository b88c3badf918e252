// `!` opens the live session shell: the presenter types commands into the SAME bash that runs the workshop
// (every variable, function, alias and the current directory), until `exit`, `logout` or Ctrl-D bring them
// back to the demo. A nested `bash` would lose functions and unexported variables, so instead the session
// runs a read–eval loop at top level: `read -e` gives readline editing and history, `eval` runs each line in
// the shell itself. `exit`/`logout` are shadowed by functions that end the loop (the real ones would end the
// session). Job control is off inside the loop and SIGINT is trapped, so Ctrl-C stops the running command and
// not the loop. Everything is put back by a second, separate command, so it is restored even when a typed
// `return` ends the first one early.

/** Text of the loop's prompt, printed each time it reads a line (serve watches for it). */
export const LIVE_SHELL_PROMPT = '[stepdown shell]';
/** The prompt: says where the presenter is, and that this is not the audience's demo. */
const PROMPT = `\\[\\e[1;33m\\]${LIVE_SHELL_PROMPT}\\[\\e[0m\\] \\w \\$ `;

export const LIVE_SHELL_BANNER = 'Live session shell: the same bash as the demo. `exit` or Ctrl-D returns to the demo.';

export function openLiveShell(): string {
  return [
    `__sd_sh_m=$-; __sd_sh_trap=$(trap -p INT); __sd_sh_exit=$(declare -f exit); __sd_sh_logout=$(declare -f logout)`,
    `__sd_sh_ps=${quote(PROMPT)}; __sd_sh_done=`,
    `exit() { __sd_sh_done=1; }; logout() { __sd_sh_done=1; }`,
    `set +m; trap 'builtin printf "\\n"' INT`,
    `while [[ -z $__sd_sh_done ]]; do`,
    `  IFS= read -e -r -p "\${__sd_sh_ps@P}" __sd_sh_line || { builtin printf '\\n'; break; }`,
    // A line that opens a construct (`for … do`, `if …`, a quote) goes on with `> ` until complete.
    `  while [[ $(bash -n <<<"$__sd_sh_line" 2>&1) == *'unexpected end of file'* ]]; do`,
    `    IFS= read -e -r -p '> ' __sd_sh_more || break; __sd_sh_line+=$'\\n'$__sd_sh_more`,
    `  done`,
    `  [[ -z $__sd_sh_line ]] || history -s -- "$__sd_sh_line"`,
    `  eval "$__sd_sh_line"`,
    `done`,
  ].join('\n');
}

export function closeLiveShell(): string {
  return [
    `unset -f exit logout; eval "$__sd_sh_exit"; eval "$__sd_sh_logout"`,
    `trap - INT; eval "$__sd_sh_trap"`,
    `[[ $__sd_sh_m != *m* ]] || set -m`,
    `unset __sd_sh_m __sd_sh_trap __sd_sh_exit __sd_sh_logout __sd_sh_ps __sd_sh_done __sd_sh_line __sd_sh_more`,
  ].join('\n');
}

/** Single-quotes a constant for bash. */
function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
