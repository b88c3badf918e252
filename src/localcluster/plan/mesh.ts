// Planners for the mesh: certificates, Linkerd and its multicluster extension, group links and single links.
import { anchorPaths, issuerDir, issuerPaths } from '../certs/store.js';
import {
  installControlPlane,
  installCrds,
  installMulticluster,
  link,
  waitForControlPlane,
} from '../linkerd/commands.js';
import { gatewayApiActions } from '../linkerd/gateway-api.js';
import { providerOf } from '../providers/index.js';
import { Blocked } from '../model/errors.js';
import { clusterLane, need, type PlanInput, type World } from './input.js';
import { requireExists } from './lifecycle.js';
import { groupsOf } from './routes.js';
import type { Action, Lane, Phase } from '../model/actions.js';
import type { ClusterDefinition } from '../model/cluster.js';

/**
 * The trust anchor is kept unless it is missing or --force; a new anchor means new issuers everywhere — for
 * the named clusters and for every other defined cluster that has an issuer, so no issuer is left signed by
 * an anchor that is gone. An issuer is also replaced when it no longer chains to the anchor or is about to
 * expire.
 */
export function certPhases(input: PlanInput, world: World): Phase[] {
  const certs = need(world.certs, 'certificate facts');
  const { trustDir, force } = input.settings;
  const anchor = anchorPaths(trustDir);
  let newAnchor = false;
  const anchorLane: Lane = { label: 'trust anchor', actions: [] };
  if (force || certs.anchor.state === 'missing') {
    newAnchor = true;
    anchorLane.actions.push({ kind: 'anchor', dir: trustDir });
  } else if (certs.anchor.state === 'unusable') {
    anchorLane.blocked = `${anchor.cert}: ${certs.anchor.problem}; rerun with --force to replace the trust anchor (and every issuer)`;
  } else {
    anchorLane.actions.push({ kind: 'note', text: `trust anchor ${anchor.cert} kept` });
  }
  const issued = (cluster: string) => (certs.issuers.get(cluster) ?? { state: 'missing' }).state !== 'missing';
  const others = newAnchor ? input.clusters.filter((c) => !input.selected.includes(c) && issued(c.name)) : [];
  if (others.length) {
    anchorLane.actions.push({
      kind: 'note',
      text: `the issuers of ${others.map((c) => c.name).join(', ')} are replaced too; Linkerd installed with the old anchor must be installed again`,
    });
  }
  const issuerLanes = [...input.selected, ...others].map((cluster) =>
    clusterLane(cluster, (): Action[] => {
      const dir = issuerDir(trustDir, cluster.name);
      const state = certs.issuers.get(cluster.name) ?? { state: 'missing' };
      const issue: Action = { kind: 'issuer', anchorDir: trustDir, dir };
      if (newAnchor || force) return [issue];
      if (state.state === 'missing') return [issue];
      if (state.state === 'stale')
        return [{ kind: 'note', text: `replacing ${issuerPaths(dir).cert}: ${state.reason}` }, issue];
      return [{ kind: 'note', text: `issuer ${issuerPaths(dir).cert} kept` }];
    }),
  );
  return [
    { title: 'trust anchor', lanes: [anchorLane] },
    { title: 'issuers', lanes: issuerLanes },
  ];
}

export function linkerdPhase(input: PlanInput, world: World): Phase {
  const facts = need(world.facts, 'facts');
  const gatewayApi = need(world.gatewayApi, 'Gateway API facts');
  const anchor = anchorPaths(input.settings.trustDir);
  return {
    title: 'Linkerd and multicluster',
    lanes: input.selected.map((cluster) =>
      clusterLane(cluster, () => {
        requireExists(cluster, facts);
        const context = providerOf(cluster).context(cluster);
        const issuer = issuerPaths(issuerDir(input.settings.trustDir, cluster.name));
        return [
          ...gatewayApiActions(context, gatewayApi),
          installCrds(context),
          installControlPlane(context, anchor, issuer, cluster.families.includes('v6')),
          waitForControlPlane(context),
          installMulticluster(context, cluster.multiclusterValues),
        ];
      }),
    ),
  };
}

export function multiclusterPhase(input: PlanInput, world: World): Phase {
  const facts = need(world.facts, 'facts');
  return {
    title: 'Linkerd multicluster',
    lanes: input.selected.map((cluster) =>
      clusterLane(cluster, () => {
        requireExists(cluster, facts);
        const context = providerOf(cluster).context(cluster);
        return [waitForControlPlane(context), installMulticluster(context, cluster.multiclusterValues)];
      }),
    ),
  };
}

/** Every existing member of each touched group is linked to every other existing member. */
export function groupPhase(input: PlanInput, world: World): Phase {
  const facts = need(world.facts, 'facts');
  const lanes: Lane[] = [];
  for (const cluster of input.selected) {
    if (!cluster.group)
      lanes.push({
        cluster: cluster.name,
        label: cluster.name,
        actions: [{ kind: 'note', text: `${cluster.name} is in no group` }],
      });
  }
  for (const group of groupsOf(input.selected)) {
    const members = input.clusters.filter((c) => c.group === group && providerOf(c).exists(c, facts));
    for (const member of members) {
      const others = members.filter((other) => other !== member);
      const actions: Action[] = others.map((other) => link(target(member), target(other)));
      if (!actions.length)
        actions.push({ kind: 'note', text: `${member.name}: no other member of group ${group} exists yet` });
      lanes.push({ cluster: member.name, label: member.name, actions });
    }
  }
  return { title: 'group links', lanes };
}

export function linkPhase(input: PlanInput, world: World): Phase {
  const facts = need(world.facts, 'facts');
  const { source, target: destination } = need(input.link, '--src and --dst');
  return {
    title: `link ${source.name} → ${destination.name}`,
    lanes: [
      clusterLane(source, () => {
        requireExists(source, facts);
        if (!providerOf(destination).exists(destination, facts))
          throw new Blocked(`${destination.name} does not exist`);
        return [link(target(source), target(destination))];
      }),
    ],
  };
}

function target(cluster: ClusterDefinition) {
  return { name: cluster.name, context: providerOf(cluster).context(cluster) };
}
