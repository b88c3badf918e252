// A recording fake of the outside world for tests and benchmarks: it records every command line and
// simulates just enough of docker, kubectl, kind and k3d (a network with node containers and addresses, a
// kubeconfig's entries) that a full create → certs → linkerd → group run behaves as it would for real.
// Everything else (helm, linkerd, kubectl apply/wait) succeeds silently.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { formatCommand } from '../plan/format.js';
import { formatAddress, networkOf, parseCidr, type Cidr } from '../network/ip.js';
import type { Command } from '../plan/types.js';
import type { CommandRunner, RunOptions, RunResult } from './types.js';

export interface FakeContainer {
  name: string;
  state?: string;
  /** Attached to the network with this IPv4 address (running containers only). */
  ipv4?: string;
}

export interface FakeWorld {
  network?: { name: string; subnet: string };
  containers?: FakeContainer[];
  contexts?: string[];
  kubeconfigClusters?: string[];
  users?: string[];
  /** Node address answered by `kubectl --context C get nodes` for clusters that exist elsewhere. */
  remoteContexts?: Record<string, string>;
  /** Programs that are "not on PATH". */
  missing?: string[];
  /** Commands whose line matches fail like this. */
  failures?: Array<{ match: RegExp; exitCode?: number; stderr?: string }>;
  /** Simulated duration of every call. */
  delayMs?: number;
}

interface Node {
  state: string;
  ipv4?: string;
  id: string;
}

export class FakeRunner implements CommandRunner {
  /** Every command line run, in the order they started; pipes as `a | b`. */
  readonly calls: string[] = [];
  /** Routes added inside containers: container → "CIDR via ADDRESS". */
  readonly routes = new Map<string, Set<string>>();
  /** `kubectl config set clusters.X.server` values. */
  readonly servers = new Map<string, string>();
  network?: { name: string; subnet: Cidr };
  readonly nodes = new Map<string, Node>();
  readonly contexts: Set<string>;
  readonly kubeconfigClusters: Set<string>;
  readonly users: Set<string>;
  private nextId = 1;

  constructor(private readonly world: FakeWorld = {}) {
    if (world.network) this.network = { name: world.network.name, subnet: parseCidr(world.network.subnet)! };
    for (const c of world.containers ?? []) this.nodes.set(c.name, { state: c.state ?? 'running', ipv4: c.ipv4, id: this.id() });
    this.contexts = new Set(world.contexts);
    this.kubeconfigClusters = new Set(world.kubeconfigClusters);
    this.users = new Set(world.users);
  }

  async run(command: Command, options: RunOptions = {}): Promise<RunResult> {
    this.calls.push(formatCommand(command));
    await this.wait(options);
    return report(this.respond(command, formatCommand(command)), options);
  }

  async pipe(from: Command, to: Command, options: RunOptions = {}): Promise<RunResult> {
    const line = `${formatCommand(from)} | ${formatCommand(to)}`;
    this.calls.push(line);
    await this.wait(options);
    const first = this.respond(from, line);
    return report(first.exitCode !== 0 ? first : this.respond(to, line), options);
  }

  private async wait(options: RunOptions): Promise<void> {
    if (!this.world.delayMs) return;
    await new Promise((resolve) => setTimeout(resolve, this.world.delayMs));
    if (options.signal?.aborted) throw new Error('interrupted');
  }

  private respond(command: Command, line: string): RunResult {
    if (this.world.missing?.includes(command.file)) return fail(127, '', `${command.file}: not found on PATH`);
    const failure = this.world.failures?.find((f) => f.match.test(line));
    if (failure) return fail(failure.exitCode ?? 1, failure.stderr ?? 'simulated failure');
    const a = command.args;
    const is = (...prefix: string[]) => prefix.every((word, i) => a[i] === word);
    switch (command.file) {
      case 'docker':
        if (is('network', 'inspect')) return this.inspect(a[2]!);
        if (is('network', 'create')) return this.createNetwork(a);
        if (is('ps')) return ok([...this.nodes].map(([name, node]) => `${name}\t${node.state}\n`).join(''));
        if (is('exec')) return this.exec(a[1]!, a.slice(2));
        if (is('version')) return ok(a.includes('{{.Server.Version}}') ? '20.10.24\n' : '28.2.2\n');
        return ok();
      case 'kubectl':
        if (is('config')) return this.kubeconfig(a.slice(1));
        if (is('--context') && a[2] === 'get' && a[3] === 'nodes') return this.remoteNode(a[1]!);
        if (is('version')) return ok('Client Version: v1.32.4\n');
        return ok();
      case 'kind':
        return this.kind(a);
      case 'k3d':
        return this.k3d(a);
      default:
        return ok(`${command.file} 1.0\n`);
    }
  }

  private id(): string {
    return (this.nextId++).toString(16).padStart(64, '0');
  }

  private inspect(name: string): RunResult {
    if (!this.network || this.network.name !== name) return fail(1, `Error: No such network: ${name}`);
    const containers: Record<string, unknown> = {};
    for (const [containerName, node] of this.nodes) {
      if (node.state !== 'running' || !node.ipv4) continue;
      containers[node.id] = {
        Name: containerName,
        EndpointID: node.id,
        MacAddress: '02:42:c0:a8:9b:02',
        IPv4Address: `${node.ipv4}/${this.network.subnet.prefix}`,
        IPv6Address: '',
      };
    }
    const subnet = `${formatAddress('v4', this.network.subnet.address)}/${this.network.subnet.prefix}`;
    const gateway = formatAddress('v4', this.network.subnet.address + 1n);
    return ok(
      JSON.stringify([
        {
          Name: name, Id: this.id(), Scope: 'local', Driver: 'bridge', EnableIPv6: false,
          IPAM: { Driver: 'default', Options: {}, Config: [{ Subnet: subnet, Gateway: gateway }] },
          Internal: false, Containers: containers,
          Options: { 'com.docker.network.bridge.enable_ip_masquerade': 'true' }, Labels: {},
        },
      ]),
    );
  }

  private createNetwork(args: readonly string[]): RunResult {
    const name = args[args.length - 1]!;
    if (this.network) return fail(1, `Error response from daemon: network with name ${name} already exists`);
    this.network = { name, subnet: networkOf(parseCidr(args[args.indexOf('--subnet') + 1]!)!) };
    return ok(`${this.id()}\n`);
  }

  private startNode(name: string): RunResult | undefined {
    if (this.nodes.has(name)) return fail(1, `container ${name} already exists`);
    if (!this.network) return fail(1, 'network not found');
    const used = new Set([...this.nodes.values()].map((n) => n.ipv4));
    let address = this.network.subnet.address + 2n;
    while (used.has(formatAddress('v4', address))) address++;
    this.nodes.set(name, { state: 'running', ipv4: formatAddress('v4', address), id: this.id() });
    return undefined;
  }

  private exec(container: string, args: readonly string[]): RunResult {
    const node = this.nodes.get(container);
    if (!node || node.state !== 'running') return fail(1, `Error: No such container: ${container}`);
    const replace = args.indexOf('replace');
    if (args[0] === 'ip' && replace > 0) {
      const routes = this.routes.get(container) ?? new Set<string>();
      routes.add(`${args[replace + 1]} via ${args[replace + 3]}`);
      this.routes.set(container, routes);
    }
    return ok();
  }

  private kubeconfig(args: readonly string[]): RunResult {
    const [verb, first, second] = args;
    const remove = (set: Set<string>, what: string) => (set.delete(first!) ? ok() : fail(1, `error: cannot delete ${what} ${first}, not in config`));
    switch (verb) {
      case 'view': {
        const named = (set: Set<string>) => [...set].map((name) => ({ name }));
        return ok(JSON.stringify({ kind: 'Config', contexts: named(this.contexts), clusters: named(this.kubeconfigClusters), users: named(this.users) }));
      }
      case 'delete-context':
        return remove(this.contexts, 'context');
      case 'delete-cluster':
        return remove(this.kubeconfigClusters, 'cluster');
      case 'delete-user':
        return remove(this.users, 'user');
      case 'rename-context':
        if (!this.contexts.has(first!)) return fail(1, `error: cannot rename the context "${first}", it's not in the kubeconfig`);
        if (this.contexts.has(second!)) return fail(1, `error: cannot rename the context "${first}", the context "${second}" already exists`);
        this.contexts.delete(first!);
        this.contexts.add(second!);
        return ok();
      case 'set':
        this.servers.set(first!, second!);
        return ok();
      default:
        return ok();
    }
  }

  private remoteNode(context: string): RunResult {
    const address = this.world.remoteContexts?.[context];
    if (address && this.contexts.has(context)) return ok(address);
    return fail(1, 'Unable to connect to the server');
  }

  private kind(args: readonly string[]): RunResult {
    const flag = (name: string) => args[args.indexOf(name) + 1]!;
    if (args[0] === 'create') {
      const name = (parse(readFileSync(flag('--config'), 'utf8')) as { name: string }).name;
      return this.startNode(`${name}-control-plane`) ?? ok();
    }
    if (args[0] === 'export') {
      const name = `kind-${flag('--name')}`;
      [this.contexts, this.kubeconfigClusters, this.users].forEach((set) => set.add(name));
      return ok();
    }
    if (args[0] === 'delete') this.nodes.delete(`${flag('--name')}-control-plane`);
    if (args[0] === 'version') return ok('kind v0.23.0 go1.22 linux/amd64\n');
    return ok();
  }

  private k3d(args: readonly string[]): RunResult {
    if (args[0] === 'cluster' && args[1] === 'create') {
      const config = parse(readFileSync(args[args.indexOf('--config') + 1]!, 'utf8')) as { metadata: { name: string }; network: string };
      if (config.network !== this.network?.name) return fail(1, `network ${config.network} not found`);
      return this.startNode(`k3d-${config.metadata.name}-server-0`) ?? ok();
    }
    if (args[0] === 'kubeconfig' && args[1] === 'merge') {
      this.contexts.add(`k3d-${args[2]}`);
      this.kubeconfigClusters.add(`k3d-${args[2]}`);
      this.users.add(`admin@k3d-${args[2]}`);
      return ok();
    }
    if (args[0] === 'cluster' && args[1] === 'delete') {
      this.nodes.delete(`k3d-${args[2]}-server-0`);
      this.contexts.delete(`k3d-${args[2]}`);
      this.kubeconfigClusters.delete(`k3d-${args[2]}`);
      this.users.delete(`admin@k3d-${args[2]}`);
    }
    if (args[0] === 'version') return ok('k3d version v5.6.0\nk3s version v1.27.4-k3s1 (default)\n');
    return ok();
  }
}

/** Output reaches progress displays line by line, as the real runner's does. */
function report(result: RunResult, options: RunOptions): RunResult {
  for (const line of `${result.stdout}${result.stderr}`.split('\n')) if (line) options.onLine?.(line);
  return result;
}

const ok = (stdout = ''): RunResult => ({ exitCode: 0, stdout, stderr: '' });
const fail = (exitCode: number, stderr: string, failure?: string): RunResult => ({
  exitCode,
  stdout: '',
  stderr,
  failure: failure ?? `exited with ${exitCode}`,
});
