// The public face of src/markdown/: what the player, `check`, the UI, `lint` and `list` use.
export * from './steps.js';
/** `loadWorkshop(path, {builtins?, cwd?}) → { steps, messages }`: the one entry point for every driver. */
export { loadWorkshop, type LoadOptions, type Workshop } from './load.js';
/** Positioned problems (`file:line:column: severity message [rule]`). */
export { formatMessage, hasErrors, sortMessages, type Message, type Severity } from '../common/messages.js';
/** The builtin macros (`wait_clear`, `browser_then_terminal`, `start_livecast`) as steps. */
export { builtinSteps, BUILTIN_FILE, BUILTIN_MACROS } from './builtins.js';
/** Headings with their step ranges, and finding one by number or title. */
export { tableOfContents, findSection, type Section } from './toc.js';
/** The state-changing part of a command, to replay when skipping steps. */
export { replayText } from './replay.js';
/** Macro recursion: static cycles (lint) and the player's guard. */
export { macroCycles, recursionError, walkSteps, type MacroCycle } from './recursion.js';
/** Lint checks beyond loading. */
export { lintWorkshop, checkSteps, onPath, type LintOptions } from './lint.js';
/** The directive names with a meaning of their own, and the flags a call starts with. */
export { DIRECTIVE_NAMES, callFlags } from './directives.js';
/** One-line summaries of steps for listings and menus. */
export { stepSummary, flagNames } from './step-summary.js';
