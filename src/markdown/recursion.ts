// Macros expand into their bodies when called, so a macro that calls itself (directly or through others)
// would never end, and a chain of macros each calling the next can be as long as a file allows. `lint` finds
// cycles and chains deeper than MACRO_DEPTH_LIMIT statically; the player guards its expansion stack with
// `recursionError`.
import type { Position, Step } from './steps.js';
import { plainMacroCall } from './macro-call.js';

export interface MacroCycle {
  /** The macros in call order, the first repeated at the end: `a → b → a`. */
  cycle: string[];
  /** Where the first macro of the cycle is defined. */
  at: Position;
}

/** How many macro expansions may be open at once: far more than a workshop needs, few enough to check cheaply. */
export const MACRO_DEPTH_LIMIT = 100;

/** A chain of macros each calling the next that is deeper than MACRO_DEPTH_LIMIT. */
export interface MacroChain {
  /** The macros in call order, MACRO_DEPTH_LIMIT + 1 of them. */
  chain: string[];
  /** Where the first macro of the chain is defined. */
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
 * one is in effect depends on the path taken), each once; and the longest chain without a cycle when it is
 * deeper than MACRO_DEPTH_LIMIT.
 */
export function macroChains(steps: readonly Step[]): { cycles: MacroCycle[]; tooDeep?: MacroChain } {
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
  // How deep the calls from each finished macro go, and the callee on the deepest path.
  const depth = new Map<string, number>();
  const deeper = new Map<string, string>();
  // Depth first with a stack of its own: a chain of macros each calling the next is as long as a file allows,
  // deeper than the call stack.
  const visit = (root: string) => {
    const path: string[] = [];
    const pending: Iterator<string>[] = [];
    const enter = (name: string) => {
      state.set(name, 'active');
      path.push(name);
      pending.push((calls.get(name) ?? new Set<string>()).values());
    };
    const finish = (name: string) => {
      state.set(name, 'done');
      let most = 0;
      for (const callee of calls.get(name) ?? []) {
        const calleeDepth = depth.get(callee) ?? 0;
        if (calleeDepth > most) {
          most = calleeDepth;
          deeper.set(name, callee);
        }
      }
      depth.set(name, most + 1);
    };
    enter(root);
    while (pending.length > 0) {
      const next = pending[pending.length - 1]!.next();
      if (next.done) {
        pending.pop();
        finish(path.pop()!);
        continue;
      }
      const callee = next.value;
      if (!calls.has(callee)) continue;
      if (state.get(callee) === 'active') {
        const cycle = [...path.slice(path.indexOf(callee)), callee];
        const key = [...cycle.slice(0, -1)].sort().join('\0');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push({ cycle, at: definedAt.get(callee)! });
        }
      } else if (!state.has(callee)) enter(callee);
    }
  };
  for (const name of calls.keys()) if (!state.has(name)) visit(name);
  const [top] = [...depth].reduce((a, b) => (b[1] > a[1] ? b : a), ['', 0]);
  if ((depth.get(top) ?? 0) <= MACRO_DEPTH_LIMIT) return { cycles };
  const chain = [top];
  while (chain.length <= MACRO_DEPTH_LIMIT) chain.push(deeper.get(chain[chain.length - 1]!)!);
  return { cycles, tooDeep: { chain, at: definedAt.get(top)! } };
}

/** A chain of macro names as a message shows it: the first and last few. */
export function formatChain(chain: readonly string[]): string {
  const shown = chain.length > 6 ? [...chain.slice(0, 3), '…', ...chain.slice(-2)] : chain;
  return shown.join(' → ');
}

/**
 * For the player: calling macro `name` while the macros in `active` are being expanded (outermost first).
 * Returns the message to report when that would recurse, undefined when the call is fine.
 */
export function recursionError(active: readonly string[], name: string): string | undefined {
  const index = active.indexOf(name);
  if (index !== -1) return `macro \`${name}\` calls itself: ${[...active.slice(index), name].join(' → ')}`;
  if (active.length < MACRO_DEPTH_LIMIT) return undefined;
  const chain = [...active.slice(-MACRO_DEPTH_LIMIT), name];
  return `macros call each other more than ${MACRO_DEPTH_LIMIT} deep: ${formatChain(chain)}`;
}
