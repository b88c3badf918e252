// What `stepdown list` shows of a workshop: its sections and, under each, its numbered steps.
import { openRun } from '../player/open.js';
import { formatMessage, hasErrors } from '../common/messages.js';
import { tableOfContents } from '../markdown/toc.js';
import { stepSummary } from '../markdown/step-summary.js';
import { macroNames } from '../markdown/recursion.js';
import { formatPosition, type Position, type StepKind } from '../markdown/steps.js';

interface ListedStep {
  /** `section.n`, as `list` prints it. */
  number: string;
  /** Index into the workshop's step list (builtin macros included), as the player counts. */
  index: number;
  kind: StepKind;
  summary: string;
  at: Position;
}

interface ListedSection {
  number: number;
  title: string;
  depth: number;
  at: Position;
  steps: ListedStep[];
}

/** Loads `file`: its sections with their steps, and its errors (formatted) if it has any. */
export function listFile(file: string): { sections: ListedSection[]; errors: string[]; failed: boolean } {
  const workshop = openRun(file, {}, { noFile: 'problem' });
  const macros = macroNames(workshop.steps);
  const sections = tableOfContents(workshop.steps).map((section): ListedSection => {
    // A heading's own step is the section line itself; its numbered steps are the ones after it.
    const first = section.number === 0 ? section.start : section.start + 1;
    const steps = workshop.steps.slice(first, section.ownEnd).map((step, i) => ({
      number: `${section.number}.${i + 1}`,
      index: first + i,
      kind: step.kind,
      summary: stepSummary(step, macros),
      at: step.at,
    }));
    return { number: section.number, title: section.title, depth: section.depth, at: section.at, steps };
  });
  const errors = workshop.messages.filter((m) => m.severity === 'error').map(formatMessage);
  return { sections, errors, failed: hasErrors(workshop.messages) };
}

/** The listing as text: one line per section, indented by depth, and one per step under it. */
export function render(file: string, sections: readonly ListedSection[]): string {
  const out: string[] = [file];
  let width = 0;
  for (const section of sections) for (const step of section.steps) width = Math.max(width, step.number.length);
  for (const section of sections) {
    const indent = '  '.repeat(Math.max(0, section.depth - 1));
    out.push(`${indent}${section.number}. ${section.title}  (${formatPosition(section.at)})`);
    for (const step of section.steps) {
      out.push(
        `${indent}    ${step.number.padEnd(width)}  ${step.kind.padEnd(10)}  ${step.summary}  (${step.at.file}:${step.at.line})`,
      );
    }
  }
  return out.join('\n');
}
