// How fast a command is typed: like demosh, a random 10–100 ms per character, divided by the speed factor.

const MIN_DELAY_MS = 10;
const MAX_DELAY_MS = 100;

/** The pause after one typed character. `random` returns [0, 1); `speed` > 0 (2 = twice as fast). */
export function charDelay(random: () => number, speed: number): number {
  return (MIN_DELAY_MS + random() * (MAX_DELAY_MS - MIN_DELAY_MS)) / speed;
}

/** Parses `--speed`: a positive finite factor. */
export function parseSpeed(text: string): number | undefined {
  const value = Number(text);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
