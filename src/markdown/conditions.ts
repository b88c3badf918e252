// The directives that say what the next command must do to succeed — `@expect`, `@status`, `@retry`,
// `@timeout` — parsed from their arguments, and folded into the command's conditions. demosh does not know
// them (it would run them as commands), which is why no workshop of the corpus uses these names.
import { parseDuration } from '../common/duration.js';
import type { CommandConditions, OutputPattern } from './steps.js';
import type { Condition } from './drafts.js';

export const CONDITION_NAMES: ReadonlySet<string> = new Set<Condition['name']>([
  'expect',
  'status',
  'retry',
  'timeout',
]);

/** More attempts than this is a mistake, not a plan. */
export const MAX_ATTEMPTS = 1000;
/** Longest `@retry` budget and pause, and longest `@timeout`. */
export const MAX_RETRY_MS = 3_600_000;
export const MAX_PAUSE_MS = 600_000;
export const MAX_TIMEOUT_MS = 86_400_000;
/** Pause between attempts when `@retry` does not say (`every DURATION`). */
export const DEFAULT_PAUSE_MS = 1000;

/** `/source/flags` as a pattern; `g` and `y` would make matching depend on earlier matches, so they are refused. */
const REGEX = /^\/(.+)\/([a-z]*)$/s;
const REGEX_FLAGS = /^[imsu]*$/;

/** A condition from the text after `@NAME`, or the reason it is unusable. */
export function parseCondition(name: Condition['name'], args: string): Condition | { error: string } {
  switch (name) {
    case 'expect':
      return parseExpect(args);
    case 'status': {
      if (!/^\d+$/.test(args)) return { error: '`@status` needs an exit status: `@status N` (0 to 255)' };
      const status = Number(args);
      if (status > 255) return { error: `\`@status ${args}\`: an exit status is 0 to 255` };
      return { name, status };
    }
    case 'retry':
      return parseRetry(args);
    case 'timeout': {
      const ms = parseDuration(args);
      if (ms === undefined) return { error: '`@timeout` needs a duration: `@timeout 30s` (ms, s, m, h; 0 = no limit)' };
      if (ms > MAX_TIMEOUT_MS) return { error: `\`@timeout ${args}\` is longer than 24h` };
      return { name, ms };
    }
  }
}

function parseExpect(args: string): Condition | { error: string } {
  if (!args) return { error: '`@expect` needs something to expect: `@expect TEXT` or `@expect /REGEX/`' };
  const regex = REGEX.exec(args);
  if (regex) {
    const [, source, flags] = regex as unknown as [string, string, string];
    if (!REGEX_FLAGS.test(flags))
      return { error: `\`@expect ${args}\`: flags may be i, m, s and u (\`${flags}\` given)` };
    try {
      new RegExp(source, flags);
    } catch (error) {
      return { error: `\`@expect ${args}\` is not a valid regular expression: ${(error as Error).message}` };
    }
    return { name: 'expect', pattern: { regex: source, flags } };
  }
  // Quotes keep leading or trailing spaces; anything else is the text as written.
  const quoted = /^(["'])(.*)\1$/s.exec(args);
  const text = quoted ? quoted[2]! : args;
  if (!text) return { error: '`@expect ""` expects nothing: give a text or a /regular expression/' };
  return { name: 'expect', pattern: { text } };
}

function parseRetry(args: string): Condition | { error: string } {
  const usage = {
    error: '`@retry` needs attempts or a duration: `@retry 5`, `@retry 30s`, optionally `every 2s`',
  };
  const words = args.split(/\s+/).filter(Boolean);
  if (words.length !== 1 && !(words.length === 3 && words[1] === 'every')) return usage;
  const [limit, , every] = words as [string, string?, string?];
  let pauseMs = DEFAULT_PAUSE_MS;
  if (every !== undefined) {
    const pause = parseDuration(every);
    if (pause === undefined) return usage;
    if (pause > MAX_PAUSE_MS) return { error: `\`@retry … every ${every}\`: a pause is at most 10m` };
    pauseMs = pause;
  }
  if (/^-?\d+$/.test(limit)) {
    const attempts = Number(limit);
    if (attempts < 1 || attempts > MAX_ATTEMPTS)
      return { error: `\`@retry ${limit}\`: attempts are 1 to ${MAX_ATTEMPTS}` };
    return { name: 'retry', retry: { attempts, pauseMs } };
  }
  const withinMs = parseDuration(limit);
  if (withinMs === undefined) return usage;
  if (withinMs === 0 || withinMs > MAX_RETRY_MS)
    return { error: `\`@retry ${limit}\`: a duration is above 0 and at most 1h` };
  return { name: 'retry', retry: { withinMs, pauseMs } };
}

/** Adds one condition to a command's; a later `@status`, `@retry` or `@timeout` replaces an earlier one. */
export function addCondition(conditions: CommandConditions | undefined, condition: Condition): CommandConditions {
  const next: CommandConditions = { ...conditions, output: [...(conditions?.output ?? [])] };
  switch (condition.name) {
    case 'expect':
      next.output.push(condition.pattern);
      break;
    case 'status':
      next.status = condition.status;
      break;
    case 'retry':
      next.retry = condition.retry;
      break;
    case 'timeout':
      next.timeLimitMs = condition.ms;
      break;
  }
  return next;
}

/** `text` in quotes, or `/regex/flags`. */
export function describePattern(pattern: OutputPattern): string {
  return 'text' in pattern ? JSON.stringify(pattern.text) : `/${pattern.regex}/${pattern.flags}`;
}
