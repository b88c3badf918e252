// The providers by name.
import type { ClusterDefinition, ProviderName } from '../model/cluster.js';
import type { Provider } from './provider.js';
import { kindProvider } from './kind/index.js';
import { k3dProvider } from './k3d/index.js';
import { contextProvider } from './context/index.js';

const providers: Record<ProviderName, Provider> = { kind: kindProvider, k3d: k3dProvider, context: contextProvider };

export function providerOf(cluster: ClusterDefinition): Provider {
  return providers[cluster.provider];
}
