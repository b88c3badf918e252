// `--from`, `--to` and `--only`: headings (as `stepdown list` shows them) → the player's step range.
import { UserError } from '../common/errors.js';
import type { Step } from '../markdown/steps.js';
import { findSection, tableOfContents, type Section } from '../markdown/toc.js';
import type { Selection } from './effects.js';

export interface SelectionFlags {
  from?: string;
  to?: string;
  only?: string;
  replay: boolean;
}

export interface ResolvedSelection {
  selection: Selection;
  /** What was selected, for the report: `from 3 "Setup" to 5 "Cleanup"`. */
  description: string;
  /** The title of the heading the run starts at (`--from`, `--only`). */
  startHeading?: string;
}

/** undefined when nothing is selected (everything runs). A flag naming no section is a usage error. */
export function resolveSelection(steps: readonly Step[], flags: SelectionFlags): ResolvedSelection | undefined {
  if (flags.only !== undefined && (flags.from !== undefined || flags.to !== undefined)) {
    throw new UserError('--only cannot be combined with --from or --to', 2);
  }
  if (flags.only === undefined && flags.from === undefined && flags.to === undefined) return undefined;
  const sections = tableOfContents(steps);
  const pick = (option: string, query: string | undefined): Section | undefined => {
    if (query === undefined) return undefined;
    const found = findSection(sections, query);
    if ('error' in found) throw new UserError(`${option}: ${found.error}`, 2);
    return found.section;
  };
  const name = (section: Section) => `${section.number} "${section.title}"`;
  const only = pick('--only', flags.only);
  if (only)
    return {
      selection: { start: only.start, end: only.end, replay: flags.replay },
      description: `only ${name(only)}`,
      startHeading: only.title,
    };

  const from = pick('--from', flags.from);
  const to = pick('--to', flags.to);
  if (from && to && to.end <= from.start) throw new UserError(`--to ${name(to)} comes before --from ${name(from)}`, 2);
  return {
    selection: { start: from?.start ?? 0, end: to?.end ?? steps.length, replay: flags.replay },
    description: [from && `from ${name(from)}`, to && `to ${name(to)}`].filter(Boolean).join(' '),
    startHeading: from?.title,
  };
}
