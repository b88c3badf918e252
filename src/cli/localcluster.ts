#!/usr/bin/env node
// `localcluster COMMAND [options] CLUSTER_DIRS [NAME…]`: creates, links and deletes the workshop's local
// clusters. Options may come anywhere after COMMAND. All the work happens in src/localcluster/.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { abortOnSignals, runMain, signalStatus } from '../common/exit.js';
import { runCommand, type CommandName, type CommandOptions } from '../localcluster/main.js';
import { ExecaRunner } from '../localcluster/runner/execa.js';
import { plainProgress } from '../localcluster/executor/plain.js';
import { DEFAULT_NETWORK, DEFAULT_SUBNET } from '../localcluster/network/create.js';
import { defaultKubeconfig } from '../localcluster/model/settings.js';
import { packageVersion } from './version.js';

interface Spec {
  name: CommandName;
  summary: string;
  dirs: 'required' | 'optional' | 'none';
  options: Array<'dryrun' | 'force' | 'trust' | 'json' | 'link' | 'subnet' | 'tools'>;
}

const COMMANDS: Spec[] = [
  {
    name: 'create',
    summary: 'create clusters (deleting same-named ones first), then load balancers and routes',
    dirs: 'required',
    options: ['dryrun'],
  },
  { name: 'delete', summary: 'delete clusters and their kubeconfig entries', dirs: 'required', options: ['dryrun'] },
  {
    name: 'lb',
    summary: 'install MetalLB with a pool from the shared network (kind clusters)',
    dirs: 'required',
    options: ['dryrun'],
  },
  {
    name: 'route',
    summary: "route every group member to every other member's pods",
    dirs: 'required',
    options: ['dryrun'],
  },
  {
    name: 'certs',
    summary: 'create the trust anchor (if missing) and an issuer per cluster',
    dirs: 'required',
    options: ['dryrun', 'force', 'trust'],
  },
  {
    name: 'linkerd',
    summary: 'make certs, then install Linkerd and its multicluster extension',
    dirs: 'required',
    options: ['dryrun', 'force', 'trust'],
  },
  { name: 'multicluster', summary: "install Linkerd's multicluster extension", dirs: 'required', options: ['dryrun'] },
  {
    name: 'group',
    summary: 'link every cluster of a group to every other existing member',
    dirs: 'required',
    options: ['dryrun'],
  },
  {
    name: 'link',
    summary: 'link two clusters through a gateway: let --src reach --dst',
    dirs: 'required',
    options: ['dryrun', 'link'],
  },
  {
    name: 'info',
    summary: 'print the node address, CIDRs, group and zone of each cluster',
    dirs: 'required',
    options: ['json'],
  },
  {
    name: 'status',
    summary: 'print a table of the defined clusters and whether they exist',
    dirs: 'required',
    options: ['json'],
  },
  {
    name: 'network',
    summary: 'create the shared Docker network if it is missing',
    dirs: 'none',
    options: ['dryrun', 'subnet'],
  },
  {
    name: 'doctor',
    summary: 'check tools and their versions, the Docker engine, the network and inotify limits',
    dirs: 'optional',
    options: ['json', 'tools'],
  },
];

function positiveInteger(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('expected a positive whole number');
  return Number(value);
}

type Act = (command: CommandName, dirs: string | undefined, names: string[], options: CommandOptions) => Promise<void>;

export function buildProgram(act: Act): Command {
  const program = new Command('localcluster')
    .description('create, link and delete local kind and k3d clusters for Linkerd multicluster workshops')
    .usage('COMMAND [options] CLUSTER_DIRS [NAME…]')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'print this help')
    .addHelpText(
      'after',
      '\nCLUSTER_DIRS is a comma-separated list of folders searched for sma.yaml; no NAME means every cluster found.',
    )
    .helpCommand('help [command]', 'print help for a command')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  for (const spec of COMMANDS) {
    const command = program.command(spec.name).description(spec.summary).exitOverride();
    // The original tool's name for `group`.
    if (spec.name === 'group') command.alias('link-groups');
    if (spec.dirs === 'required')
      command
        .argument('<cluster-dirs>', 'comma-separated folders with sma.yaml files')
        .argument('[names...]', 'clusters to act on (default: all)');
    if (spec.dirs === 'optional')
      command.argument('[cluster-dirs]', 'folders with sma.yaml files: what the clusters need (default: ./clusters)');
    command
      .addOption(
        new Option('--network <name>', 'the shared Docker network')
          .default(DEFAULT_NETWORK)
          .env('KIND_EXPERIMENTAL_DOCKER_NETWORK'),
      )
      .option('--state-dir <dir>', 'where generated files go', '.localcluster')
      .option('--concurrency <n>', 'clusters worked on at once (default: all of them)', positiveInteger);
    if (spec.options.includes('dryrun'))
      command.option('--dryrun', 'print the complete plan; run nothing but read-only inspection');
    if (spec.options.includes('force'))
      command.option('--force', 'replace the trust anchor, and so every issuer in the trust folder');
    if (spec.options.includes('trust') || spec.name === 'linkerd')
      command.option('--trust-dir <dir>', 'trust anchor and issuers', './certs');
    if (spec.options.includes('json')) command.option('--json', 'print JSON');
    if (spec.options.includes('tools'))
      command.option('--tools', 'check only the tools and their versions (before the network exists)');
    if (spec.options.includes('link'))
      command
        .requiredOption('--src <cluster>', 'the cluster that gets the link')
        .requiredOption('--dst <cluster>', 'the cluster it links to');
    if (spec.options.includes('subnet')) {
      command
        .option('--subnet <cidr>', `the IPv4 subnet of a new network (default: ${DEFAULT_SUBNET})`)
        .option('--ipv6', 'give a new network an IPv6 subnet too');
    }
    command.action(async (...args: unknown[]) => {
      const options = command.opts();
      const dirs = spec.dirs === 'none' ? undefined : (args[0] as string | undefined);
      const names = spec.dirs === 'required' ? (args[1] as string[]) : [];
      await act(spec.name, dirs, names, {
        network: options.network,
        stateDir: options.stateDir,
        trustDir: options.trustDir ?? './certs',
        force: Boolean(options.force),
        dryrun: Boolean(options.dryrun),
        json: Boolean(options.json),
        concurrency: options.concurrency,
        src: options.src,
        dst: options.dst,
        subnet: options.subnet,
        ipv6: Boolean(options.ipv6),
        kubeconfig: defaultKubeconfig(),
        toolsOnly: Boolean(options.tools),
      });
    });
  }
  return program;
}

/**
 * Options written before COMMAND (`localcluster --dryrun create clusters smiley`, which the original tool
 * accepted) are moved after it, with the values of those that take one.
 */
export function commandFirst(program: Command, args: readonly string[]): string[] {
  const taking = new Set(
    program.commands.flatMap((c) =>
      c.options.filter((o) => o.required || o.optional).flatMap((o) => [o.long, o.short]),
    ),
  );
  const leading: string[] = [];
  let i = 0;
  while (i < args.length && args[i]!.startsWith('-') && !['-h', '--help', '-V', '--version'].includes(args[i]!)) {
    const option = args[i++]!;
    leading.push(option);
    if (taking.has(option) && i < args.length) leading.push(args[i++]!);
  }
  return i > 0 && i < args.length ? [args[i]!, ...leading, ...args.slice(i + 1)] : [...args];
}

await runMain('localcluster', () =>
  // A stop signal: no new work starts, what runs is killed, the summary still prints; a second: leave now.
  abortOnSignals(async (interrupt) => {
    let exitCode = 0;
    const program = buildProgram(async (command, dirs, names, options) => {
      // ink takes a second to load: only a real run on a terminal pays for it.
      const live = process.stdout.isTTY && !process.env.CI && !options.json && !options.dryrun;
      const { liveProgress } = live ? await import('../localcluster/executor/live.js') : { liveProgress: undefined };
      exitCode = await runCommand(command, dirs, names, options, {
        runner: new ExecaRunner(),
        write: (text) => process.stdout.write(text),
        note: (text) => process.stderr.write(text),
        progress: () =>
          liveProgress ? liveProgress(process.stdout) : plainProgress((text) => process.stdout.write(text)),
        signal: interrupt,
      });
    });
    try {
      if (process.argv.length <= 2) {
        program.outputHelp({ error: true });
        return 2;
      }
      await program.parseAsync(commandFirst(program, process.argv.slice(2)), { from: 'user' });
      return interrupt.aborted ? signalStatus(String(interrupt.reason)) : exitCode;
    } catch (error) {
      // commander has already printed its message; help is not an error.
      if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
      throw error;
    }
  }),
);
