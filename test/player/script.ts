// Hand-written step lists and a scripted driver for the player's unit tests.
import type { CommandFlags, Mode, Position, Step } from '../../src/markdown/steps.js';
import { defaultFlags } from '../../src/markdown/steps.js';
import type { Effect, KeyAction, PlayerOptions } from '../../src/player/effects.js';
import { Player } from '../../src/player/player.js';

let line = 0;
const at = (): Position => ({ file: 'w.md', line: ++line, column: 1 });

export const cmd = (text: string, flags: Partial<CommandFlags> = {}): Step => ({
  kind: 'command',
  text,
  flags: { ...defaultFlags, ...flags },
  at: at(),
});
const immediate: CommandFlags = { show: false, typeout: true, waitBefore: false, waitAfter: false, failOk: false };
export const call = (name: string, args = ''): Step => ({ kind: 'call', name, args, flags: immediate, at: at() });
export const mode = (m: Mode): Step => ({ kind: 'mode', mode: m, at: at() });
export const text = (markdown: string): Step => ({ kind: 'commentary', markdown, source: 'markdown', at: at() });
export const heading = (t: string, depth = 2): Step => ({
  kind: 'heading',
  depth,
  text: t,
  markdown: `## ${t}`,
  at: at(),
});
export const wait = (): Step => ({ kind: 'wait', at: at() });
export const clear = (): Step => ({ kind: 'clear', at: at() });
export const print = (t: string): Step => ({ kind: 'print', text: t, at: at() });
export const macro = (name: string, ...body: Step[]): Step => ({ kind: 'macro', name, body, at: at() });
export const hook = (name: string, variable: string): Step => ({ kind: 'hook', name, variable, at: at() });
export const ifhook = (name: string, ...body: Step[]): Step => ({ kind: 'ifhook', hook: name, body, at: at() });

export const KEY = {
  ret: { kind: 'continue' },
  plus: { kind: 'skip' },
  minus: { kind: 'repeat' },
  bang: { kind: 'shell' },
  quit: { kind: 'quit' },
  jump: (index: number) => ({ kind: 'jump', index }),
} satisfies Record<string, KeyAction | ((index: number) => KeyAction)>;

export interface Script {
  /** Exit status per command text (default 0); a list gives one per attempt, the last one repeating. */
  status?: Record<string, number | number[]>;
  /** Output per command text (default ''); a list gives one per attempt, the last one repeating. */
  output?: Record<string, string | string[]>;
  /** How long every run takes (default 100 ms). */
  durationMs?: number;
  /** Commands the presenter interrupts (Ctrl-C). */
  interrupted?: string[];
  /** Commands after which `set -e` is in effect. */
  errexitAfter?: string[];
  /** Commands that end the shell. */
  exits?: string[];
  /** Commands killed by the step timeout (give them status 124). */
  timesOut?: string[];
  /** Keys answering the waits, in order (RETURN when they run out). */
  keys?: KeyAction[];
  /** Keys pressed while a command is typed, by command text (consumed once). */
  typingKeys?: Record<string, KeyAction>;
}

/** Plays `steps` to the end, answering as `script` says; returns one compact line per effect. */
export function play(steps: Step[], options: Partial<PlayerOptions> = {}, script: Script = {}): string[] {
  const player = new Player(steps, { interactive: false, hooks: new Set(), ...options });
  return drive(player, script);
}

export function drive(player: Player, script: Script = {}): string[] {
  const keys = [...(script.keys ?? [])];
  const typingKeys = { ...script.typingKeys };
  let errexit = false;
  const trace: string[] = [];
  const nth = <T>(value: T | T[] | undefined, attempt: number): T | undefined =>
    Array.isArray(value) ? value[Math.min(attempt, value.length - 1)] : value;
  let effect: Effect = player.next();
  for (let guard = 0; guard < 10_000; guard++) {
    // A plain pass is what almost every command ends in: the trace shows only the verdicts worth reading.
    if (effect.kind !== 'verdict' || effect.result === 'failed' || effect.failure || effect.attempts > 1)
      trace.push(describe(effect));
    switch (effect.kind) {
      case 'end':
        return trace;
      case 'run': {
        const command = effect.command;
        if (script.errexitAfter?.includes(command)) errexit = true;
        const attempt = effect.purpose === 'command' || effect.purpose === 'call' ? effect.attempt - 1 : 0;
        const result = {
          status: nth(script.status?.[command], attempt) ?? 0,
          output: nth(script.output?.[command], attempt) ?? '',
          durationMs: script.durationMs ?? 100,
          interrupted: script.interrupted?.includes(command),
          timedOut: !!script.timesOut?.includes(command),
          errexit,
          shellExited: !!script.exits?.includes(command),
        };
        effect = player.next({ kind: 'ran', result });
        break;
      }
      case 'wait':
        effect = player.next({ kind: 'key', action: keys.shift() ?? KEY.ret });
        break;
      case 'type': {
        const action = typingKeys[effect.command];
        delete typingKeys[effect.command];
        effect = player.next(action && { kind: 'key', action });
        break;
      }
      default:
        effect = player.next();
    }
  }
  throw new Error(`the player did not end: ${trace.slice(-5).join(' | ')}`);
}

function describe(effect: Effect): string {
  switch (effect.kind) {
    case 'show':
      return `show ${effect.markdown}`;
    case 'print':
      return `print ${effect.text}`;
    case 'type':
      return `type ${effect.command}${effect.typeout ? '' : ' (at once)'}`;
    case 'wait':
      return `wait ${effect.reason}`;
    case 'run': {
      // A hook definition is long shell text; its function name says which it is.
      const command = effect.purpose === 'hook' ? effect.command.slice(0, effect.command.indexOf('(')) : effect.command;
      const purpose = effect.purpose === 'command' ? '' : `${effect.purpose} `;
      const details = [
        effect.attempt > 1 ? `attempt ${effect.attempt}` : '',
        effect.quiet ? 'quiet' : '',
        effect.timeLimitMs !== undefined ? `limit ${effect.timeLimitMs}` : '',
      ].filter(Boolean);
      const more = details.length > 0 ? ` [${details.join(', ')}]` : '';
      return `run ${purpose}${command}${effect.macro ? ` (in ${effect.macro})` : ''}${more}`;
    }
    case 'pause':
      return `pause ${effect.ms} before attempt ${effect.attempt}`;
    case 'output':
      return `output ${effect.text}`;
    case 'verdict':
      return `verdict ${effect.result}${effect.failure ? `: ${effect.failure.message}` : ''}${effect.attempts > 1 ? ` (${effect.attempts} attempts, ${effect.durationMs} ms)` : ''}`;
    case 'skipped':
      return `skipped ${effect.reason} ${effect.command}`;
    case 'shell':
      return 'shell';
    case 'notice':
      return `notice ${effect.message}`;
    case 'end':
      return `end ${effect.reason} ${effect.status}${effect.message ? `: ${effect.message}` : ''}`;
  }
}
