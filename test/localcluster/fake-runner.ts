// A recording fake of the outside world for tests and benchmarks: it records every command line and
// simulates just enough of docker, kubectl, kind and k3d (a network with node containers and addresses;
// kubeconfig files, kept on disk as kubectl keeps them) that a full create → certs → linkerd → group run
// behaves as it would for real. Everything else (helm, linkerd, kubectl apply/wait) succeeds silently.
import { readFileSync } from 'node:fs';
import { delimiter } from 'node:path';
import { parse } from 'yaml';
import { formatCommand } from '../../src/localcluster/plan/format.js';
import { formatAddress, networkOf, parseCidr, type Cidr } from '../../src/localcluster/network/ip.js';
import {
  emptyKubeconfig,
  formatKubeconfig,
  mergeKubeconfigs,
  names,
  readKubeconfig,
  removeEntry,
  SECTIONS,
  writeKubeconfig,
  type Kubeconfig,
  type Section,
} from './fake-kubeconfig.js';
import type { Command } from '../../src/localcluster/model/commands.js';
import type { CommandRunner, RunOptions, CommandResult } from '../../src/localcluster/runner/types.js';

export interface FakeContainer {
  name: string;
  state?: string;
  /** Attached to the network with this IPv4 address (running containers only). */
  ipv4?: string;
}

export interface FakeWorld {
  network?: { name: string; subnet: string };
  containers?: FakeContainer[];
  /** The user's kubeconfig: what kubectl, kind and k3d use when not told otherwise (as $KUBECONFIG would). */
  kubeconfig?: string;
  /** Entries the user's kubeconfig starts with (written to `kubeconfig` when the fake is made). */
  contexts?: string[];
  kubeconfigClusters?: string[];
  users?: string[];
  /** Node address answered by `kubectl --context C get nodes` for clusters that exist elsewhere. */
  remoteContexts?: Record<string, string>;
  /** Programs that are "not on PATH". */
  missing?: string[];
  /** Commands whose line matches fail like this. */
  failures?: Array<{ match: RegExp; exitCode?: number; stderr?: string }>;
  /** Simulated duration of every call, or of each call by its command line. */
  delayMs?: number | ((line: string) => number);
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
  network?: { name: string; subnet: Cidr };
  readonly nodes = new Map<string, Node>();
  private nextId = 1;

  constructor(private readonly world: FakeWorld = {}) {
    if (world.network) this.network = { name: world.network.name, subnet: parseCidr(world.network.subnet)! };
    for (const c of world.containers ?? [])
      this.nodes.set(c.name, { state: c.state ?? 'running', ipv4: c.ipv4, id: this.id() });
    const seed = emptyKubeconfig();
    for (const name of world.contexts ?? []) seed.contexts.push({ name, context: { cluster: name, user: name } });
    for (const name of world.kubeconfigClusters ?? [])
      seed.clusters.push({ name, cluster: { server: 'https://127.0.0.1:6443' } });
    for (const name of world.users ?? []) seed.users.push({ name, user: {} });
    if (SECTIONS.some((section) => seed[section].length)) writeKubeconfig(this.requireKubeconfig(), seed);
  }

  /** The user's kubeconfig as kubectl would show it. */
  userKubeconfig(): Kubeconfig {
    return this.view(this.defaultFiles());
  }

  get contexts(): Set<string> {
    return names(this.userKubeconfig(), 'contexts');
  }

  get kubeconfigClusters(): Set<string> {
    return names(this.userKubeconfig(), 'clusters');
  }

  get users(): Set<string> {
    return names(this.userKubeconfig(), 'users');
  }

  async run(command: Command, options: RunOptions = {}): Promise<CommandResult> {
    const line = formatCommand(command);
    this.calls.push(line);
    await this.wait(line, options);
    return report(this.respond(command, line), options);
  }

  async pipe(from: Command, to: Command, options: RunOptions = {}): Promise<CommandResult> {
    const line = `${formatCommand(from)} | ${formatCommand(to)}`;
    this.calls.push(line);
    await this.wait(line, options);
    const first = this.respond(from, line);
    return report(first.exitCode !== 0 ? first : this.respond(to, line), options);
  }

  private async wait(line: string, options: RunOptions): Promise<void> {
    const { delayMs } = this.world;
    const ms = typeof delayMs === 'function' ? delayMs(line) : delayMs;
    if (!ms) return;
    await new Promise((resolve) => setTimeout(resolve, ms));
    if (options.signal?.aborted) throw new Error('interrupted');
  }

  private respond(command: Command, line: string): CommandResult {
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
        if (is('--kubeconfig') && a[2] === 'config') return this.kubectlConfig([a[1]!], true, a.slice(3));
        if (is('config')) return this.kubectlConfig(this.filesFor(command), false, a.slice(1));
        if (is('--context') && a[2] === 'get' && a[3] === 'nodes') return this.remoteNode(a[1]!);
        if (is('version')) return ok('Client Version: v1.32.4\n');
        return ok();
      case 'kind':
        return this.kind(a);
      case 'k3d':
        return this.k3d(command);
      default:
        return ok(`${command.file} 1.0\n`);
    }
  }

  private id(): string {
    return (this.nextId++).toString(16).padStart(64, '0');
  }

  private inspect(name: string): CommandResult {
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
          Name: name,
          Id: this.id(),
          Scope: 'local',
          Driver: 'bridge',
          EnableIPv6: false,
          IPAM: { Driver: 'default', Options: {}, Config: [{ Subnet: subnet, Gateway: gateway }] },
          Internal: false,
          Containers: containers,
          Options: { 'com.docker.network.bridge.enable_ip_masquerade': 'true' },
          Labels: {},
        },
      ]),
    );
  }

  private createNetwork(args: readonly string[]): CommandResult {
    const name = args[args.length - 1]!;
    if (this.network) return fail(1, `Error response from daemon: network with name ${name} already exists`);
    this.network = { name, subnet: networkOf(parseCidr(args[args.indexOf('--subnet') + 1]!)!) };
    return ok(`${this.id()}\n`);
  }

  private startNode(name: string): CommandResult | undefined {
    if (this.nodes.has(name)) return fail(1, `container ${name} already exists`);
    if (!this.network) return fail(1, 'network not found');
    const used = new Set([...this.nodes.values()].map((n) => n.ipv4));
    let address = this.network.subnet.address + 2n;
    while (used.has(formatAddress('v4', address))) address++;
    this.nodes.set(name, { state: 'running', ipv4: formatAddress('v4', address), id: this.id() });
    return undefined;
  }

  private exec(container: string, args: readonly string[]): CommandResult {
    const node = this.nodes.get(container);
    if (node?.state !== 'running') return fail(1, `Error: No such container: ${container}`);
    const replace = args.indexOf('replace');
    if (args[0] === 'ip' && replace > 0) {
      const routes = this.routes.get(container) ?? new Set<string>();
      routes.add(`${args[replace + 1]} via ${args[replace + 3]}`);
      this.routes.set(container, routes);
    }
    return ok();
  }

  // ── kubeconfig files ──

  private requireKubeconfig(): string {
    if (!this.world.kubeconfig)
      throw new Error("FakeWorld: the user's kubeconfig is used, so give it a path (kubeconfig)");
    return this.world.kubeconfig;
  }

  private defaultFiles(): string[] {
    return this.world.kubeconfig ? [this.world.kubeconfig] : [];
  }

  /** $KUBECONFIG given to the command, else the user's. */
  private filesFor(command: Command): string[] {
    return command.env?.KUBECONFIG?.split(delimiter).filter(Boolean) ?? this.defaultFiles();
  }

  private view(files: readonly string[]): Kubeconfig {
    return mergeKubeconfigs(files.map(readKubeconfig).filter((config) => config !== undefined));
  }

  private kubectlConfig(files: readonly string[], explicit: boolean, args: readonly string[]): CommandResult {
    if (explicit && !readKubeconfig(files[0]!)) return fail(1, `error: stat ${files[0]}: no such file or directory`);
    const [verb, first, second] = args;
    if (verb === 'view') {
      const merged = this.view(files);
      return ok(
        args.includes('json')
          ? JSON.stringify({ kind: 'Config', apiVersion: 'v1', ...merged })
          : formatKubeconfig(merged),
      );
    }
    // An edit goes to the file that holds the entry; a new entry to the first file.
    const edit = (section: Section, name: string, change: (config: Kubeconfig) => CommandResult): CommandResult => {
      const file =
        files.find((path) => names(readKubeconfig(path) ?? emptyKubeconfig(), section).has(name)) ?? files[0];
      if (!file) return fail(1, 'error: no kubeconfig to change');
      const config = readKubeconfig(file) ?? emptyKubeconfig();
      const result = change(config);
      if (result.exitCode === 0) writeKubeconfig(file, config);
      return result;
    };
    const remove = (section: Section, what: string) =>
      edit(section, first!, (config) =>
        removeEntry(config, section, first!) ? ok() : fail(1, `error: cannot delete ${what} ${first}, not in config`),
      );
    switch (verb) {
      case 'delete-context':
        return remove('contexts', 'context');
      case 'delete-cluster':
        return remove('clusters', 'cluster');
      case 'delete-user':
        return remove('users', 'user');
      case 'rename-context':
        if (names(this.view(files), 'contexts').has(second!)) {
          return fail(1, `error: cannot rename the context "${first}", the context "${second}" already exists`);
        }
        return edit('contexts', first!, (config) => {
          const context = config.contexts.find((entry) => entry.name === first);
          if (!context) return fail(1, `error: cannot rename the context "${first}", it's not in the kubeconfig`);
          context.name = second!;
          if (config['current-context'] === first) config['current-context'] = second;
          return ok();
        });
      case 'set': {
        const [, cluster, field] = /^clusters\.(.+)\.(server)$/.exec(first ?? '') ?? [];
        if (!cluster || !field) return fail(1, `error: the fake does not model ${first}`);
        return edit('clusters', cluster, (config) => {
          const entry = config.clusters.find((c) => c.name === cluster);
          if (entry) entry.cluster.server = second;
          else config.clusters.push({ name: cluster, cluster: { server: second } });
          return ok();
        });
      }
      default:
        return ok();
    }
  }

  /** What kind and k3d add to a kubeconfig for a new cluster: one cluster, user and context, made current. */
  private static entries(cluster: string, user: string, port: number): Kubeconfig {
    return {
      clusters: [
        { name: cluster, cluster: { server: `https://127.0.0.1:${port}`, 'certificate-authority-data': 'RkFLRQ==' } },
      ],
      contexts: [{ name: cluster, context: { cluster, user } }],
      users: [{ name: user, user: { 'client-certificate-data': 'RkFLRQ==', 'client-key-data': 'RkFLRQ==' } }],
      'current-context': cluster,
    };
  }

  private removeEntries(file: string, entries: Record<Section, string>): void {
    const config = readKubeconfig(file);
    if (!config) return;
    for (const section of SECTIONS) removeEntry(config, section, entries[section]);
    writeKubeconfig(file, config);
  }

  private remoteNode(context: string): CommandResult {
    const address = this.world.remoteContexts?.[context];
    if (address && this.contexts.has(context)) return ok(address);
    return fail(1, 'Unable to connect to the server');
  }

  // ── providers ──

  private kind(args: readonly string[]): CommandResult {
    const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
    const file = () => flag('--kubeconfig') ?? this.requireKubeconfig();
    if (args[0] === 'create') {
      const name = (parse(readFileSync(flag('--config')!, 'utf8')) as { name: string }).name;
      const started = this.startNode(`${name}-control-plane`);
      if (started) return started;
      // kind adds its entries to whatever the kubeconfig already holds.
      const added = FakeRunner.entries(`kind-${name}`, `kind-${name}`, 40000 + this.nodes.size);
      writeKubeconfig(file(), mergeKubeconfigs([added, readKubeconfig(file()) ?? emptyKubeconfig()]));
      return ok();
    }
    if (args[0] === 'delete') {
      const name = flag('--name')!;
      this.nodes.delete(`${name}-control-plane`);
      this.removeEntries(file(), { clusters: `kind-${name}`, contexts: `kind-${name}`, users: `kind-${name}` });
      return ok();
    }
    if (args[0] === 'version') return ok('kind v0.23.0 go1.22 linux/amd64\n');
    return ok();
  }

  private k3d(command: Command): CommandResult {
    const args = command.args;
    if (args[0] === 'cluster' && args[1] === 'create') {
      const config = parse(readFileSync(args[args.indexOf('--config') + 1]!, 'utf8')) as {
        metadata: { name: string };
        network: string;
      };
      if (config.network !== this.network?.name) return fail(1, `network ${config.network} not found`);
      return this.startNode(`k3d-${config.metadata.name}-server-0`) ?? ok();
    }
    if (args[0] === 'kubeconfig' && args[1] === 'get') {
      const name = args[2]!;
      if (!this.nodes.has(`k3d-${name}-server-0`))
        return fail(1, `FATA[0000] failed to get cluster ${name}: No nodes found for given cluster`);
      return ok(formatKubeconfig(FakeRunner.entries(`k3d-${name}`, `admin@k3d-${name}`, 40000 + this.nodes.size)));
    }
    if (args[0] === 'cluster' && args[1] === 'delete') {
      const name = args[2]!;
      this.nodes.delete(`k3d-${name}-server-0`);
      // k3d cleans the kubeconfig $KUBECONFIG names (one file), else the user's.
      const [file] = this.filesFor(command);
      if (file)
        this.removeEntries(file, { clusters: `k3d-${name}`, contexts: `k3d-${name}`, users: `admin@k3d-${name}` });
      return ok();
    }
    if (args[0] === 'version') return ok('k3d version v5.6.0\nk3s version v1.27.4-k3s1 (default)\n');
    return ok();
  }
}

/** Output reaches progress displays line by line, as the real runner's does. */
function report(result: CommandResult, options: RunOptions): CommandResult {
  for (const line of `${result.stdout}${result.stderr}`.split('\n')) if (line) options.onLine?.(line);
  return result;
}

const ok = (stdout = ''): CommandResult => ({ exitCode: 0, stdout, stderr: '' });
const fail = (exitCode: number, stderr: string, failure?: string): CommandResult => ({
  exitCode,
  stdout: '',
  stderr,
  failure: failure ?? `exited with ${exitCode}`,
});
