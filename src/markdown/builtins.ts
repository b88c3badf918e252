// The macros every workshop can call without defining them, with demosh's meaning. A workshop (or an
// imported file) that defines a macro of the same name replaces it from that point on.
import type { Step } from './steps.js';
import { shellDrafts } from './shell-text.js';
import { nest, foldModifiers } from './structure.js';
import type { Message } from '../common/messages.js';
import { LineIndex } from './line-index.js';

/** The file name that builtin steps carry in their positions. */
export const BUILTIN_FILE = '<builtin>';

// In the player, hooks that are not set are no-ops, so the livecast macros only do something (and only
// wait) when the hooks they switch between are both set.
const BUILTIN_SCRIPT = `\
## wait_clear: pause for RETURN, then clear the screen.
#@macro wait_clear
#@wait
#@clear
#@end

## browser_then_terminal: pause, show the browser, pause, then clear and show the terminal again.
## Does nothing unless both the show_browser and show_terminal hooks are set.
#@macro browser_then_terminal
#@ifhook show_browser
#@ifhook show_terminal
#@wait
#@show_browser
#@wait
#@clear
#@show_terminal
#@endif
#@endif
#@end

## start_livecast: show the slides with a cue on the terminal, pause, then clear and show the terminal.
## Does nothing unless both the show_slides and show_terminal hooks are set.
#@macro start_livecast
#@ifhook show_slides
#@ifhook show_terminal
#@show_slides
#@immed
clear
#@immed
echo Waiting...
#@wait_clear
#@show_terminal
#@endif
#@endif
#@end
`;

let parsed: Step[] | undefined;

/** A deep copy of steps (structuredClone costs ten times as much here). */
function copySteps(steps: readonly Step[]): Step[] {
  return steps.map((step): Step => {
    const at = { ...step.at };
    switch (step.kind) {
      case 'macro':
      case 'ifhook':
        return { ...step, at, body: copySteps(step.body) };
      case 'command':
      case 'call':
        return { ...step, at, flags: { ...step.flags } };
      default:
        return { ...step, at };
    }
  });
}

/** The builtin macro definitions, as steps (a fresh copy on each call: callers may change them). */
export function builtinSteps(): Step[] {
  if (!parsed) {
    const messages: Message[] = [];
    const lines = new LineIndex(BUILTIN_SCRIPT);
    const positionAt = (offset: number) => lines.positionOf(BUILTIN_FILE, offset);
    const { drafts } = shellDrafts(BUILTIN_SCRIPT, positionAt, { syntaxSeverity: 'error' });
    const steps = foldModifiers(
      nest(drafts, () => [], messages),
      messages,
    );
    if (messages.length > 0) throw new Error(`builtin macros are malformed: ${messages[0]!.message}`);
    parsed = steps;
  }
  return copySteps(parsed);
}
