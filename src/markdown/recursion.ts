// Macros expand into their bodies when called, so a macro that calls itself (directly or through others)
// would never end. `lint` finds such cycles statically; the player guards its expansion stack with
// `recursionError`.
import type { Position, Step } from './steps.js';
import { plainMacroCall } from './macro-call.js';

export interface MacroCycle {
  /** The macros in call order, the first repeated at the end: `a → b → a`. */
  cycle: string[];
  /** Where the first macro of the cycle is defined. */
  at: Position;
}

/** Calls `visit` for every step, depth first through macro and ifhook bodies. */
export function walkSteps(steps: readonly Step[], visit: (step: Step) => void): void {
  for (const step of steps) {
    visit(step);
    if (step.kind === 'macro' || step.kind === 'ifhook') walkSteps(step.body, visit);
  }
}

/** The names of every macro defined anywhere in `steps` (in bodies too). */
export function macroNames(steps: readonly Step[]): Set<string> {
  const names = new Set<string>();
  walkSteps(steps, (step) => {
    if (step.kind === 'macro') names.add(step.name);
  });
  return names;
}

/** The names `body` calls: `@NAME` calls, and commands whose first word is one of the `macros`. */
function callsIn(body: readonly Step[], macros: ReadonlySet<string>): string[] {
  const calls: string[] = [];
  for (const step of body) {
    if (step.kind === 'call') calls.push(step.name);
    else if (step.kind === 'ifhook') calls.push(...callsIn(step.body, macros));
    else if (step.kind === 'command') {
      const call = plainMacroCall(step.text, (name) => macros.has(name));
      if (call) calls.push(call.name);
    }
  }
  return calls;
}

/**
 * Every cycle among the macros defined anywhere in `steps` (all definitions of a name count, since which
 * one is in effect depends on the path taken). Each cycle is reported once.
 */
export function macroCycles(steps: readonly Step[]): MacroCycle[] {
  const macros = macroNames(steps);
  const calls = new Map<string, Set<string>>();
  const definedAt = new Map<string, Position>();
  walkSteps(steps, (step) => {
    if (step.kind !== 'macro') return;
    if (!definedAt.has(step.name)) definedAt.set(step.name, step.at);
    const set = calls.get(step.name) ?? new Set();
    for (const name of callsIn(step.body, macros)) set.add(name);
    calls.set(step.name, set);
  });

  const cycles: MacroCycle[] = [];
  const seen = new Set<string>();
  const state = new Map<string, 'active' | 'done'>();
  const path: string[] = [];
  const visit = (name: string) => {
    state.set(name, 'active');
    path.push(name);
    for (const callee of calls.get(name) ?? []) {
      if (!calls.has(callee)) continue;
      if (state.get(callee) === 'active') {
        const cycle = [...path.slice(path.indexOf(callee)), callee];
        const key = [...cycle.slice(0, -1)].sort().join('\0');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push({ cycle, at: definedAt.get(callee)! });
        }
      } else if (!state.has(callee)) visit(callee);
    }
    path.pop();
    state.set(name, 'done');
  };
  for (const name of calls.keys()) if (!state.has(name)) visit(name);
  return cycles;
}

/**
 * For the player: calling macro `name` while the macros in `active` are being expanded (outermost first).
 * Returns the message to report when that would recurse, undefined when the call is fine.
 */
export function recursionError(active: readonly string[], name: string): string | undefined {
  const index = active.indexOf(name);
  if (index === -1) return undefined;
  return `macro \`${name}\` calls itself: ${[...active.slice(index), name].join(' → ')}`;
}
