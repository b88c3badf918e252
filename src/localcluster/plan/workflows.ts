// Each command is a list of stages. Before every stage after the first, a real run re-reads the facts
// (what the previous stage created, e.g. node addresses); a dry run predicts them instead.
import { certPhases, groupPhase, linkerdPhase, linkPhase, multiclusterPhase } from './mesh.js';
import { configurePhase, createPhase, deletePhase, loadBalancerPhase, networkPhase, routePhase } from './lifecycle.js';
import { afterCreate, afterNetwork } from './predict.js';
import type { PlanInput, World } from './input.js';
import type { Phase } from '../model/actions.js';

export interface Stage {
  plan(input: PlanInput, world: World): Phase[];
  /** Dry run: the world after this stage. Absent when the stage changes nothing later stages look at. */
  predict?(input: PlanInput, world: World): World;
}

export interface Workflow {
  /**
   * Which read-only facts to gather: Docker + kubeconfig, the certificate files, the Linkerd CLI's version and
   * the Gateway API CRDs of the named clusters.
   */
  needs: { facts: boolean; certs: boolean; gatewayApi?: true };
  /**
   * The command starts from nothing (create, network): its dry run still plans on a machine that is not ready
   * yet (no Docker engine, no kubectl), as if neither the network, nor any cluster, nor any context existed.
   */
  startsFromNothing?: true;
  stages: Stage[];
}

export const PLANNED_COMMANDS = [
  'create',
  'delete',
  'lb',
  'route',
  'certs',
  'linkerd',
  'multicluster',
  'group',
  'link',
  'network',
] as const;
export type PlannedCommand = (typeof PLANNED_COMMANDS)[number];

const one = (planner: (input: PlanInput, world: World) => Phase): Stage => ({ plan: (i, w) => [planner(i, w)] });
const docker = { facts: true, certs: false };

export const workflows: Record<PlannedCommand, Workflow> = {
  network: { needs: docker, startsFromNothing: true, stages: [one(networkPhase)] },
  create: {
    needs: docker,
    startsFromNothing: true,
    stages: [
      { ...one(networkPhase), predict: afterNetwork },
      { ...one(createPhase), predict: afterCreate },
      one(configurePhase),
    ],
  },
  delete: { needs: docker, stages: [one(deletePhase)] },
  lb: { needs: docker, stages: [one(loadBalancerPhase)] },
  route: { needs: docker, stages: [one(routePhase)] },
  certs: { needs: { facts: false, certs: true }, stages: [{ plan: certPhases }] },
  linkerd: {
    needs: { facts: true, certs: true, gatewayApi: true },
    stages: [{ plan: (input, world) => [...certPhases(input, world), linkerdPhase(input, world)] }],
  },
  multicluster: { needs: docker, stages: [one(multiclusterPhase)] },
  group: { needs: docker, stages: [one(groupPhase)] },
  link: { needs: docker, stages: [one(linkPhase)] },
};
