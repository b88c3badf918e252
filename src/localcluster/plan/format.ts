// The dry-run text: every action in execution order, one command per line, shell-quoted; generated files as
// here-documents with their full content; where a command's output goes, and in-process steps and
// explanations, as # comments.
import { anchorPaths, issuerPaths } from '../certs/store.js';
import { escapeControls, shellQuote } from './quote.js';
import type { Command } from '../model/commands.js';
import type { Action, Phase } from '../model/actions.js';

export function formatCommand(command: Command): string {
  const env = Object.entries(command.env ?? {}).map(([key, value]) => `${key}=${shellQuote(value)} `);
  return env.join('') + [command.file, ...command.args].map(shellQuote).join(' ');
}

export function formatAction(action: Action): string {
  switch (action.kind) {
    case 'run':
      return formatCommand(action.command);
    case 'pipe':
      return `${formatCommand(action.from)} | ${formatCommand(action.to)}`;
    case 'write':
      return hereDocument(action.path, action.content);
    case 'capture': {
      // Not `> path`: the shell would empty the file before the command reads it.
      const lock = action.kubeconfig ? `, holding kubectl's lock ${shellQuote(`${action.path}.lock`)}` : '';
      return `${formatCommand(action.command)}  # output → ${shellQuote(action.path)} (written in-process: atomically, mode 0600${lock})`;
    }
    case 'remove':
      return `rm -f ${shellQuote(action.path)}`;
    case 'anchor': {
      const files = anchorPaths(action.dir);
      return `# create the trust anchor ${shellQuote(files.cert)} + ${shellQuote(files.key)} (in-process: ECDSA P-256, CA, pathlen 1, 10 years)`;
    }
    case 'issuer': {
      const files = issuerPaths(action.dir);
      const anchor = shellQuote(anchorPaths(action.anchorDir).cert);
      return `# create the issuer ${shellQuote(files.cert)} + ${shellQuote(files.key)}, signed by ${anchor} (in-process: ECDSA P-256, CA, pathlen 0, 1 year)`;
    }
    case 'note':
      // Notes name paths and definitions: whatever they hold, a note stays one comment line.
      return `# ${escapeControls(action.text)}`;
  }
}

/** A one-line summary of an action, for progress displays. */
export function describeAction(action: Action): string {
  if (action.kind === 'write') return `write ${action.path}`;
  return formatAction(action).replace(/^# /, '');
}

/** `concurrency`: lanes at a time, undefined for all of them. */
export function formatPhase(phase: Phase, concurrency: number | undefined): string {
  const lines = [`# ── ${phase.title} ──`];
  const clusterLanes = phase.lanes.filter((lane) => lane.cluster).length;
  if (clusterLanes > 1) {
    const bound =
      concurrency !== undefined && concurrency < phase.lanes.length ? ` (up to ${concurrency} at a time)` : '';
    lines.push(`# the ${clusterLanes} clusters below run concurrently${bound}, each in the order shown`);
  }
  for (const lane of phase.lanes) {
    lines.push(`# [${lane.label}]`);
    if (lane.blocked) lines.push(`# cannot run: ${lane.blocked}`);
    for (const action of lane.actions) lines.push(formatAction(action));
  }
  return lines.join('\n');
}

function hereDocument(path: string, content: string): string {
  let marker = 'EOF';
  const lines = content.split('\n');
  for (let n = 1; lines.includes(marker); n++) marker = `EOF${n}`;
  const body = content.endsWith('\n') ? content : `${content}\n`;
  return `cat > ${shellQuote(path)} <<'${marker}'\n${body}${marker}`;
}
