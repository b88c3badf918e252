// `--step-timeout` values: `500ms`, `30s`, `5m`, `1h`, or combinations such as `1h30m`.

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/y;

/** Milliseconds, or undefined when `text` is not a duration. `0` (any unit) means no limit. */
export function parseDuration(text: string): number | undefined {
  const value = text.trim();
  if (value === '0') return 0;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < value.length) {
    const match = PART.exec(value);
    if (!match) return undefined;
    total += Number(match[1]) * UNIT_MS[match[2]!]!;
  }
  return value.length > 0 ? Math.round(total) : undefined;
}

/** A short human form: `850ms`, `1.23s`, `5s`, `3m05s`, `10m`, `1h02m` (round limits print as written). */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(ms < 10_000 ? 2 : 1))}s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${twoDigits(seconds % 60, 's')}`;
  return `${Math.floor(seconds / 3600)}h${twoDigits(Math.floor((seconds % 3600) / 60), 'm')}`;
}

/** `05s`, or nothing for zero. */
function twoDigits(value: number, unit: string): string {
  return value === 0 ? '' : `${String(value).padStart(2, '0')}${unit}`;
}
