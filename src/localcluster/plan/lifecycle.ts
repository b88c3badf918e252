// Planners for cluster lifecycle: the network, create, configure (server address, routes, load balancer),
// delete, and the lb and route commands on their own.
import { formatCidr } from '../network/ip.js';
import { networkCreateCommand } from '../network/create.js';
import { providerOf } from '../providers/index.js';
import { Blocked } from '../model/errors.js';
import { clusterLane, need, type PlanInput, type World } from './input.js';
import { groupRoutes } from './routes.js';
import type { Action, Lane, Phase } from '../model/actions.js';
import type { Facts } from '../facts.js';
import type { ClusterDefinition } from '../model/cluster.js';

export function networkPhase(input: PlanInput, world: World): Phase {
  const facts = need(world.facts, 'facts');
  const name = input.settings.network;
  const lane: Lane = { label: `network ${name}`, actions: [] };
  const existing = facts.network?.subnets.v4;
  const wanted = formatCidr(input.networkSpec.subnet);
  if (facts.noEngine) {
    lane.actions.push({
      kind: 'note',
      text: `no Docker engine to ask whether network ${name} exists: planned as missing`,
    });
  }
  if (!facts.network) lane.actions.push({ kind: 'run', command: networkCreateCommand(name, input.networkSpec) });
  else if (input.networkSpec.explicit && (!existing || formatCidr(existing) !== wanted)) {
    lane.blocked = `network ${name} exists with ${existing ? formatCidr(existing) : 'no IPv4 subnet'}, not ${wanted}; remove it or choose another --network`;
  } else {
    const subnets = Object.values(facts.network.subnets).map(formatCidr).join(', ') || 'no subnets';
    lane.actions.push({ kind: 'note', text: `network ${name} exists (${subnets})` });
  }
  return { title: `network ${name}`, lanes: [lane] };
}

export function createPhase(input: PlanInput, world: World): Phase {
  const facts = need(world.facts, 'facts');
  return {
    title: 'create clusters',
    lanes: input.selected.map((cluster) =>
      clusterLane(cluster, () => providerOf(cluster).create(cluster, facts, input.settings)),
    ),
  };
}

/**
 * After create: each new cluster's kubeconfig points at its node, routes go in (for the whole group), and
 * the load balancer is installed last — it is slow and needs the network only, not the routes.
 */
export function configurePhase(input: PlanInput, world: World): Phase {
  const facts = need(world.facts, 'facts');
  const local = input.selected.filter((c) => providerOf(c).nodeContainer(c));
  const routes = groupRoutes(input.clusters, local, facts);
  const lanes: Lane[] = local.map((cluster) =>
    clusterLane(cluster, () => {
      const provider = providerOf(cluster);
      if (!provider.exists(cluster, facts)) throw new Blocked(`${cluster.name} was not created`);
      return [
        ...provider.configure(cluster, facts, input.settings),
        ...(routes.get(cluster.name) ?? noGroupNote(cluster)),
        ...provider.loadBalancer(cluster, facts, input.settings),
      ];
    }),
  );
  for (const [member, actions] of routes) {
    if (!local.some((c) => c.name === member)) lanes.push({ cluster: member, label: member, actions });
  }
  return { title: 'configure: kubeconfig, routes, load balancer', lanes };
}

export function deletePhase(input: PlanInput, world: World): Phase {
  const facts = need(world.facts, 'facts');
  return {
    title: 'delete clusters',
    lanes: input.selected.map((cluster) =>
      clusterLane(cluster, () => {
        const actions = providerOf(cluster).delete(cluster, facts, input.settings);
        return actions.length ? actions : [{ kind: 'note', text: `${cluster.name} does not exist` }];
      }),
    ),
  };
}

export function loadBalancerPhase(input: PlanInput, world: World): Phase {
  const facts = need(world.facts, 'facts');
  return {
    title: 'load balancers',
    lanes: input.selected.map((cluster) =>
      clusterLane(cluster, () => {
        requireExists(cluster, facts);
        return providerOf(cluster).loadBalancer(cluster, facts, input.settings);
      }),
    ),
  };
}

export function routePhase(input: PlanInput, world: World): Phase {
  const facts = need(world.facts, 'facts');
  if (!facts.network) {
    return {
      title: 'routes',
      lanes: [{ label: 'routes', actions: [], blocked: `network ${input.settings.network} does not exist` }],
    };
  }
  const routes = groupRoutes(input.clusters, input.selected, facts);
  const lanes: Lane[] = [...routes].map(([member, actions]) => ({ cluster: member, label: member, actions }));
  for (const cluster of input.selected) {
    if (routes.has(cluster.name)) continue;
    const why = cluster.group ? `${cluster.name} has no node on network ${facts.network.name}` : undefined;
    const actions: Action[] = why ? [{ kind: 'note', text: why }] : noGroupNote(cluster);
    lanes.push({ cluster: cluster.name, label: cluster.name, actions });
  }
  return { title: 'routes', lanes };
}

export function requireExists(cluster: ClusterDefinition, facts: Facts): void {
  if (!providerOf(cluster).exists(cluster, facts)) {
    throw new Blocked(`${cluster.name} does not exist (run: localcluster create)`);
  }
}

function noGroupNote(cluster: ClusterDefinition): Action[] {
  return cluster.group ? [] : [{ kind: 'note', text: `${cluster.name} is in no group: no routes` }];
}
