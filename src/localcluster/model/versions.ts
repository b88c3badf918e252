// Tool versions as the tools print them, compared number by number.

/** major.minor.patch */
export type Version = readonly [number, number, number];

/** The first `N.N` or `N.N.N` in a tool's output (`v3.14.2+g…`, `kind v0.23.0 go1.22 …`). */
export function parseVersion(text: string): Version | undefined {
  const match = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)] : undefined;
}

export function atLeast(version: Version, minimum: Version): boolean {
  for (let i = 0; i < 3; i++) if (version[i] !== minimum[i]) return version[i]! > minimum[i]!;
  return true;
}

/** What a tool says first: its version line, or the gist of its complaint. */
export function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

export function formatVersion(version: Version): string {
  return version.join('.');
}
