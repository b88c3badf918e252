// `doctor`: is this machine ready for local clusters? Tools and their versions, a running Docker engine,
// the shared network, and the inotify limits that several kind clusters exhaust. Read-only.
import { readFile } from 'node:fs/promises';
import { formatCidr } from '../network/ip.js';
import { InspectFormatError, parseNetworkInspect, type NetworkFacts } from '../network/inspect.js';
import { queries } from '../facts.js';
import { run, type Command } from '../model/commands.js';
import { atLeast, firstLine, formatVersion, parseVersion, type Version } from '../model/versions.js';
import {
  formatThreshold,
  LINKERD_MINIMUM,
  linkerdAtLeast,
  parseLinkerdVersion,
  type LinkerdThreshold,
} from '../linkerd/version.js';
import type { CommandRunner } from '../runner/types.js';
import type { ProviderName } from '../model/cluster.js';

export interface Check {
  name: string;
  status: 'ok' | 'warn' | 'fail';
  detail: string;
  fix?: string;
}

interface Tool {
  name: string;
  version: Command;
  /** Why it is needed; `required` makes its absence a failure rather than a warning. */
  purpose: string;
  required: boolean;
  install: string;
  /** The oldest version the kit works with (what the README states); none for kubectl. */
  oldest?: Oldest;
}

interface Oldest {
  text: string;
  /** Whether the version output is recent enough; undefined when it names no version. */
  meets(output: string): boolean | undefined;
}

function numbered(minimum: Version): Oldest {
  return {
    text: formatVersion(minimum).replace(/\.0$/, ''),
    meets: (output) => {
      const version = parseVersion(output);
      return version && atLeast(version, minimum);
    },
  };
}

function linkerdRelease(minimum: LinkerdThreshold): Oldest {
  return {
    text: formatThreshold(minimum),
    meets: (output) => {
      const version = parseLinkerdVersion(output);
      return version && linkerdAtLeast(version, minimum);
    },
  };
}

// kind's documentation recommends these for running several clusters (each node runs many watchers).
const INOTIFY = { max_user_watches: 524288, max_user_instances: 512 };

export interface DoctorInput {
  runner: CommandRunner;
  network: string;
  /** Providers the loaded definitions use; none loaded means nothing is known to be needed. */
  providers: ReadonlySet<ProviderName>;
  /** Only the tools and their versions: no Docker engine, network or kernel limits (before the network exists). */
  toolsOnly?: boolean;
  readProcFile?: (path: string) => Promise<string>;
}

export async function doctor(input: DoctorInput): Promise<Check[]> {
  const uses = (provider: ProviderName) => input.providers.has(provider);
  const tools: Tool[] = [
    {
      name: 'kind',
      version: run('kind', ['version']),
      purpose: 'creates kind clusters',
      required: uses('kind'),
      install: 'https://kind.sigs.k8s.io/docs/user/quick-start/#installation',
      // The oldest the README names (the kit is known to work from there on).
      oldest: numbered([0, 11, 0]),
    },
    {
      name: 'k3d',
      version: run('k3d', ['version']),
      purpose: 'creates k3d clusters',
      required: uses('k3d'),
      install: 'https://k3d.io/#installation',
      // The k3d.io/v1alpha5 config file localcluster writes.
      oldest: numbered([5, 5, 0]),
    },
    {
      name: 'kubectl',
      version: run('kubectl', ['version', '--client']),
      purpose: 'talks to every cluster',
      required: true,
      install: 'https://kubernetes.io/docs/tasks/tools/',
    },
    {
      name: 'helm',
      version: run('helm', ['version', '--short']),
      purpose: 'installs MetalLB in kind clusters',
      required: uses('kind'),
      install: 'https://helm.sh/docs/intro/install/',
      // OCI charts (Faces) without HELM_EXPERIMENTAL_OCI.
      oldest: numbered([3, 8, 0]),
    },
    {
      name: 'linkerd',
      version: run('linkerd', ['version', '--client', '--short']),
      purpose: 'installs and links Linkerd',
      required: false,
      install: 'https://linkerd.io/2/getting-started/',
      oldest: linkerdRelease(LINKERD_MINIMUM),
    },
  ];
  const toolChecks = Promise.all(tools.map((tool) => toolCheck(input.runner, tool)));
  if (input.toolsOnly) return toolChecks;
  const [dockerChecks, toolResults, inotify] = await Promise.all([
    dockerAndNetwork(input),
    toolChecks,
    inotifyCheck(input.readProcFile ?? ((path) => readFile(path, 'utf8'))),
  ]);
  return [...dockerChecks, ...toolResults, inotify];
}

async function toolCheck(runner: CommandRunner, tool: Tool): Promise<Check> {
  const result = await runner.run(tool.version);
  if (result.exitCode === 0) {
    const output = firstLine(result.stdout || result.stderr);
    const recent = tool.oldest?.meets(result.stdout || result.stderr);
    if (!tool.oldest || recent) return { name: tool.name, status: 'ok', detail: output };
    const wanted = `${tool.name} ${tool.oldest.text} or later`;
    if (recent === undefined)
      return { name: tool.name, status: 'warn', detail: `${output}: cannot tell its version (needs ${wanted})` };
    return {
      name: tool.name,
      status: 'fail',
      detail: `${output}: too old (needs ${wanted})`,
      fix: `install ${wanted}: ${tool.install}`,
    };
  }
  const missing = result.exitCode === 127;
  return {
    name: tool.name,
    status: tool.required ? 'fail' : 'warn',
    detail: `${missing ? 'not found on PATH' : (result.failure ?? 'does not run')} (${tool.purpose})`,
    fix: missing ? `install it: ${tool.install}` : undefined,
  };
}

async function dockerAndNetwork(input: DoctorInput): Promise<Check[]> {
  const { runner } = input;
  const client = await runner.run(run('docker', ['version', '--format', '{{.Client.Version}}']));
  if (client.exitCode === 127) {
    return [
      {
        name: 'docker',
        status: 'fail',
        detail: 'not found on PATH',
        fix: 'install Docker: https://docs.docker.com/engine/install/',
      },
    ];
  }
  const engine = await runner.run(run('docker', ['version', '--format', '{{.Server.Version}}']));
  const checks: Check[] = [{ name: 'docker', status: 'ok', detail: `client ${firstLine(client.stdout)}` }];
  if (engine.exitCode !== 0 || !engine.stdout.trim()) {
    checks.push({
      name: 'docker engine',
      status: 'fail',
      detail: firstLine(engine.stderr) || 'does not answer',
      fix: 'start the Docker engine (dockerd, Docker Desktop, …)',
    });
    return checks;
  }
  checks.push({ name: 'docker engine', status: 'ok', detail: `running, version ${firstLine(engine.stdout)}` });
  const inspect = await runner.run(queries.network(input.network));
  if (inspect.exitCode !== 0) {
    checks.push({
      name: `network ${input.network}`,
      status: 'fail',
      detail: 'does not exist',
      fix: `localcluster network --network ${input.network}`,
    });
    return checks;
  }
  let network: NetworkFacts;
  try {
    network = parseNetworkInspect(inspect.stdout);
  } catch (error) {
    if (!(error instanceof InspectFormatError)) throw error;
    checks.push({
      name: `network ${input.network}`,
      status: 'fail',
      detail: error.message,
      fix: 'check the Docker installation (docker network inspect)',
    });
    return checks;
  }
  const subnets = Object.values(network.subnets).map(formatCidr).join(', ');
  // Each cluster's MetalLB pool is the /28 at nybble × 16: all sixteen fit only in a /24 or wider.
  const v4 = network.subnets.v4;
  const problem = !v4
    ? 'MetalLB pools need an IPv4 subnet: recreate the network with localcluster network'
    : v4.prefix > 24
      ? `MetalLB pools need a /24 or wider, not /${v4.prefix}: recreate the network with localcluster network`
      : undefined;
  checks.push({
    name: `network ${input.network}`,
    status: problem ? 'warn' : 'ok',
    detail: `${subnets || 'no subnets'}; ${network.attached.size} container(s) attached`,
    fix: problem,
  });
  return checks;
}

async function inotifyCheck(read: (path: string) => Promise<string>): Promise<Check> {
  const values: Record<string, number> = {};
  try {
    for (const key of Object.keys(INOTIFY)) values[key] = Number((await read(`/proc/sys/fs/inotify/${key}`)).trim());
  } catch {
    return { name: 'inotify limits', status: 'ok', detail: 'not a Linux host; nothing to check' };
  }
  const low = Object.entries(INOTIFY).filter(([key, wanted]) => values[key]! < wanted);
  const detail = Object.keys(INOTIFY)
    .map((key) => `${key}=${values[key]}`)
    .join(', ');
  if (!low.length) return { name: 'inotify limits', status: 'ok', detail };
  return {
    name: 'inotify limits',
    status: 'warn',
    detail: `${detail}: too low for several kind clusters ("too many open files" in node logs)`,
    fix: `sudo sysctl ${low.map(([key, wanted]) => `fs.inotify.${key}=${wanted}`).join(' ')}`,
  };
}

const MARK = { ok: '✔', warn: '!', fail: '✖' } as const;

export function formatChecks(checks: readonly Check[]): string {
  const width = Math.max(...checks.map((c) => c.name.length));
  return checks
    .map(
      (c) =>
        `${MARK[c.status]} ${c.name.padEnd(width)}  ${c.detail}${c.fix ? `\n  ${' '.repeat(width)}  fix: ${c.fix}` : ''}`,
    )
    .join('\n');
}
