// The table of contents: headings with the step ranges they cover. This is how places are named — in
// `stepdown list`, `check --from/--to/--only`, and the UI's jump.
import type { Position, Step } from './steps.js';
import { BUILTIN_FILE } from './builtins.js';

export interface Section {
  /** 1, 2, … in document order; 0 for the steps before the first heading. */
  number: number;
  /** The heading's text without Markdown markup (`(start)` for section 0). */
  title: string;
  /** Heading level (1–6); 0 for section 0. */
  depth: number;
  at: Position;
  /** Index (into the steps given) of the heading step, or of the first step of section 0. */
  start: number;
  /** End (exclusive) of the section's own steps: the next heading of any level. */
  ownEnd: number;
  /** End (exclusive) of the section with its subsections: the next heading of the same or a higher level. */
  end: number;
}

/** The sections of a top-level step list. Builtin steps (which come first) belong to no section. */
export function tableOfContents(steps: readonly Step[]): Section[] {
  let first = 0;
  while (first < steps.length && steps[first]!.at.file === BUILTIN_FILE) first++;
  const headings: number[] = [];
  for (let i = first; i < steps.length; i++) if (steps[i]!.kind === 'heading') headings.push(i);

  const sections: Section[] = [];
  const firstHeading = headings[0] ?? steps.length;
  if (firstHeading > first) {
    sections.push({
      number: 0,
      title: '(start)',
      depth: 0,
      at: steps[first]!.at,
      start: first,
      ownEnd: firstHeading,
      end: firstHeading,
    });
  }
  const depthOf = (index: number) => (steps[index] as Extract<Step, { kind: 'heading' }>).depth;
  // Where each section ends: at the next heading no deeper than its own, found for all in one pass from the
  // end (a search from each heading would take the square of their number: a file can hold 100,000).
  const ends: (number | undefined)[] = [];
  const shallower: number[] = []; // headings after the current one that may end a section, nearest last
  for (let n = headings.length - 1; n >= 0; n--) {
    while (shallower.length > 0 && depthOf(shallower[shallower.length - 1]!) > depthOf(headings[n]!)) shallower.pop();
    ends[n] = shallower[shallower.length - 1];
    shallower.push(headings[n]!);
  }
  headings.forEach((index, n) => {
    const heading = steps[index] as Extract<Step, { kind: 'heading' }>;
    const ownEnd = headings[n + 1] ?? steps.length;
    const next = ends[n];
    sections.push({
      number: n + 1,
      title: heading.text,
      depth: heading.depth,
      at: heading.at,
      start: index,
      ownEnd,
      end: next ?? steps.length,
    });
  });
  return sections;
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * Finds a section by what `stepdown list` shows: its number (`3`), or its title, case-insensitively —
 * exactly, or else as the only title that contains the query. Ambiguity is an error naming the candidates.
 */
export function findSection(sections: readonly Section[], query: string): { section: Section } | { error: string } {
  const wanted = normalise(query);
  if (/^\d+$/.test(wanted)) {
    const section = sections.find((s) => s.number === Number(wanted));
    if (section) return { section };
    const last = sections[sections.length - 1]?.number ?? 0;
    return {
      error: `there is no section ${wanted} (sections are numbered ${sections[0]?.number ?? 0}–${last}; see \`stepdown list\`)`,
    };
  }
  const pick = (found: Section[]): { section: Section } | { error: string } | undefined => {
    if (found.length === 1) return { section: found[0]! };
    if (found.length > 1) {
      return {
        error: `"${query}" matches ${found.length} sections: ${found.map((s) => `${s.number} "${s.title}"`).join(', ')}; use the number`,
      };
    }
    return undefined;
  };
  return (
    pick(sections.filter((s) => normalise(s.title) === wanted)) ??
    pick(sections.filter((s) => wanted !== '' && normalise(s.title).includes(wanted))) ?? {
      error: `no section is called "${query}" (see \`stepdown list\`)`,
    }
  );
}
