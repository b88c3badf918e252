// What the live part shows: the status line, the help line and the help screen, the table of contents, the
// failure prompt. Pure functions from state to screen lines.
import { hints, keyHelp, type Mode } from './key-map.js';
import { lineWidth, span, textWidth, truncate, wrap, type Line } from './text.js';

export const viewStyles = {
  status: '7',
  ok: '7;32',
  failed: '7;31',
  help: '2',
  key: '1',
  failure: '1;31',
  selected: '7',
  dim: '2',
  notice: '33',
} as const;

export interface StatusInfo {
  file: string;
  heading?: string;
  step: number;
  steps: number;
  /** Exit status of the last command that ran, if any. */
  lastStatus?: number;
  elapsedMs: number;
  rehearse?: boolean;
}

export function formatElapsed(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** One inverse bar: file │ heading │ step k/n │ last status │ elapsed. The heading gives way when narrow. */
export function statusLine(info: StatusInfo, width: number): Line {
  const sep = ' │ ';
  const status = info.lastStatus;
  const exit =
    status === undefined
      ? []
      : [status === 0 ? span(' ✔ 0 ', viewStyles.ok) : span(` ✘ ${status} `, viewStyles.failed)];
  const right = `${sep}step ${info.step}/${info.steps}${sep}${formatElapsed(info.elapsedMs)} `;
  const mode = ` ${info.rehearse ? 'REHEARSAL │ ' : ''}`;
  // The file gives way before the step, the time and the exit status: its folder first, then its end.
  const fileRoom = width - textWidth(mode) - textWidth(right) - lineWidth(exit);
  const name = info.file.split('/').at(-1)!;
  const file = [info.file, name].find((candidate) => textWidth(candidate) <= fileRoom) ?? ellipsis(name, fileRoom);
  const left = mode + file;
  const fixed = textWidth(left) + textWidth(right) + lineWidth(exit);
  let heading = info.heading ? `${sep}${info.heading}` : '';
  const room = width - fixed;
  if (textWidth(heading) > room) heading = room > 6 ? ellipsis(heading, room) : '';
  const bar = left + heading + right;
  const pad = ' '.repeat(Math.max(0, width - fixed - textWidth(heading)));
  return truncate([span(bar + pad, viewStyles.status), ...exit], width);
}

/** `text` cut to `room` columns with an ellipsis (nothing when there is no room at all). */
function ellipsis(text: string, room: number): string {
  if (room <= 0) return '';
  return textWidth(text) <= room ? text : `${truncate([span(text)], room - 1)[0]!.text}…`;
}

/** The keys that matter now, as many as fit. */
export function helpLine(mode: Mode, width: number): Line {
  const line: Line = [];
  let used = 0;
  for (const [key, what] of hints(mode)) {
    const gap = line.length ? '  ' : '';
    const w = textWidth(`${gap + key} ${what}`);
    if (used + w > width) break;
    line.push(span(gap), span(key, viewStyles.key), span(` ${what}`, viewStyles.help));
    used += w;
  }
  return line;
}

/**
 * The help screen (`?`): every key with what it does, in at most `height` rows. Descriptions wrap when there
 * is room, and are cut to one row each when there is not.
 */
export function helpScreen(width: number, height = Infinity): Line[] {
  const keys = keyHelp();
  const keyWidth = Math.max(...keys.map(([key]) => key.length)) + 2;
  const closing = hints('help').map(([key, what]) => `${key} ${what}`);
  const rows = (fold: boolean): Line[] => {
    const lines: Line[] = [[span('Keys', viewStyles.key)]];
    for (const [key, when, what] of keys) {
      const first = [span(key.padEnd(keyWidth), viewStyles.key)];
      const text = when ? `${when}: ${what}` : what;
      lines.push(
        ...(fold
          ? wrap([span(text)], Math.max(1, width - keyWidth), { first })
          : [truncate([...first, span(text)], width)]),
      );
    }
    lines.push([span(closing.join('  '), viewStyles.help)]);
    return lines;
  };
  const full = rows(true);
  if (full.length <= height) return full;
  // Still too tall: the title goes, then the last keys (the closing hint stays).
  const compact = rows(false);
  if (compact.length <= height) return compact;
  const body = compact.slice(1, -1);
  return [...body.slice(0, Math.max(0, height - 1)), compact.at(-1)!];
}

/** The failure prompt shown under a failed command. */
export function failureLine(status: number, width: number): Line {
  return truncate([span(`✘ the command failed (exit status ${status})`, viewStyles.failure)], width);
}

/** The quiet line an audience sees while `@retry` waits: `waiting… (attempt 3)`. */
export function waitingLine(attempt: number, width: number): Line {
  return truncate([span(attempt > 1 ? `waiting… (attempt ${attempt})` : 'waiting…', viewStyles.dim)], width);
}

/** A shown command that ran but did not do what its `@expect`/`@status`/`@retry` asked. */
export function unmetLine(problem: string, width: number): Line {
  return truncate([span(`✘ the command failed: ${problem}`, viewStyles.failure)], width);
}

export interface TocEntry {
  depth: number;
  text: string;
}

/**
 * The table of contents: a window of at most `height` rows around the selected entry, indented by level.
 * The first row is a title, the last a hint.
 */
export function tocView(entries: readonly TocEntry[], selected: number, height: number, width: number): Line[] {
  const title: Line = [span('Contents', viewStyles.key), span(` ${selected + 1}/${entries.length}`, viewStyles.dim)];
  const hint: Line = [
    span(
      hints('contents')
        .map(([key, what]) => `${key} ${what}`)
        .join('  '),
      viewStyles.help,
    ),
  ];
  const rows = Math.max(1, height - 2);
  const top = Math.min(Math.max(0, selected - Math.floor(rows / 2)), Math.max(0, entries.length - rows));
  const window = entries.slice(top, top + rows).map((entry, i): Line => {
    const index = top + i;
    const text = `${'  '.repeat(Math.max(0, entry.depth - 1))}${entry.text}`;
    const marker = index === selected ? '▸ ' : '  ';
    const line = truncate([span(marker + text)], width);
    return index === selected ? line.map((s) => ({ ...s, sgr: viewStyles.selected })) : line;
  });
  return [truncate(title, width), ...window, truncate(hint, width)];
}
