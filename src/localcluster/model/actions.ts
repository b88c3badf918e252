// A plan is data: what to run, in which order, for which cluster. The dry run prints it, the executor runs
// it, tests compare it. Nothing here is a shell string.
import type { Command } from './commands.js';

export type Action =
  /** Run a command. `kubeconfig`: it rewrites the kubeconfig, so it must not overlap another such write. */
  | { kind: 'run'; command: Command; kubeconfig?: true }
  /** Run `from` with its stdout connected to the stdin of `to` (what a shell `|` would do). */
  | { kind: 'pipe'; from: Command; to: Command }
  /** Write a generated file (atomically; folders are created). */
  | { kind: 'write'; path: string; content: string }
  /**
   * Run a command and write its stdout to `path`, atomically and mode 0600 (it holds credentials) — what
   * `> path` would do, except that the command may read `path` itself. `kubeconfig`: `path` is the user's
   * kubeconfig, so this must not overlap another kubeconfig write, and it holds kubectl's lock file.
   */
  | { kind: 'capture'; command: Command; path: string; kubeconfig?: true }
  /** Remove a file if it is there. */
  | { kind: 'remove'; path: string }
  /** Create the Linkerd trust anchor in `dir` (in-process), replacing any there. */
  | { kind: 'anchor'; dir: string }
  /** Create an issuer for one cluster in `dir`, signed by the trust anchor in `anchorDir` (in-process). */
  | { kind: 'issuer'; anchorDir: string; dir: string }
  /** Nothing to run: an explanation that the dry run and the progress display show. */
  | { kind: 'note'; text: string };

/** The actions of one cluster (or of a shared resource), run in order; a failure stops the lane. */
export interface Lane {
  /** The cluster this lane works on; absent for shared work (the network, the trust anchor). */
  cluster?: string;
  label: string;
  actions: Action[];
  /** Set when the lane cannot run at all: it fails with this reason without running anything. */
  blocked?: string;
}

/** Lanes that may run concurrently. Phases run one after the other. */
export interface Phase {
  title: string;
  lanes: Lane[];
}
