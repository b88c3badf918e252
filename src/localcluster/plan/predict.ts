// For the dry run only: the facts as they will be after a stage has run, so later stages can be planned
// without running anything. Values nobody can know yet (a new node's address) become <placeholders>.
import { plannedNetwork } from '../network/create.js';
import { providerOf } from '../providers/index.js';
import type { PlanInput, World } from './input.js';
import type { Facts } from '../facts.js';
import type { PerFamily } from '../model/cluster.js';

export function afterNetwork(input: PlanInput, world: World): World {
  const facts = world.facts!;
  if (facts.network) return world;
  return { ...world, facts: { ...facts, network: plannedNetwork(input.settings.network, input.networkSpec) } };
}

export function afterCreate(input: PlanInput, world: World): World {
  const facts: Facts = world.facts!;
  const containers = new Map(facts.containers);
  const attached = new Map(facts.network?.attached ?? []);
  for (const cluster of input.selected) {
    const provider = providerOf(cluster);
    const node = provider.nodeContainer(cluster);
    if (!node) continue;
    containers.set(node, 'running');
    const addresses: PerFamily<string> = {};
    for (const family of ['v4', 'v6'] as const) {
      if (facts.network?.subnets[family]) addresses[family] = placeholderAddress(node, family);
    }
    attached.set(node, addresses);
  }
  return {
    ...world,
    facts: {
      ...facts,
      containers,
      network: facts.network && { ...facts.network, attached },
    },
  };
}

export function placeholderAddress(node: string, family: 'v4' | 'v6'): string {
  return `<${node}:ip${family}>`;
}
