// demosh hooks: `@hook NAME VAR` makes NAME a shell function that runs `$DEMO_HOOK_VAR` when it is set and
// a no-op otherwise, so livecast setups (scene switching and the like) are steered from the environment.

const HOOK_PREFIX = 'DEMO_HOOK_';
const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const VARIABLE_SUFFIX = /^[A-Za-z0-9_]+$/;

/** The `DEMO_HOOK_*` variables that are set and non-empty (`@ifhook` is true for hooks on these). */
export function activeHooks(environment: Readonly<Record<string, string | undefined>>): Set<string> {
  return new Set(Object.keys(environment).filter((name) => name.startsWith(HOOK_PREFIX) && environment[name]));
}

/**
 * The shell text that defines hook `name` on `DEMO_HOOK_<variable>`, or undefined when either is not a
 * plain shell name (they go into a command line). The variable is read when the hook is called.
 */
export function hookDefinition(name: string, variable: string): string | undefined {
  if (!FUNCTION_NAME.test(name) || !VARIABLE_SUFFIX.test(variable)) return undefined;
  const value = `${HOOK_PREFIX}${variable}`;
  return `${name}() { if [ -n "\${${value}:-}" ]; then eval "$${value}"; fi; }`;
}
