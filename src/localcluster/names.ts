// Names end up as command-line arguments and container names, so each kind is checked against the syntax the
// tool that receives it accepts — before anything runs.

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
// Kubernetes label values: what `topology.kubernetes.io/zone=VALUE` accepts.
const LABEL_VALUE = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
// kubeconfig context names of hosted clusters look like `gke_proj_zone_name` or `arn:aws:eks:…:cluster/x`.
const CONTEXT_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.:@/+=-]*$/;
// What `docker network create` accepts.
const DOCKER_NETWORK = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Why `name` is not a DNS-1123 label, or undefined when it is one. */
export function dns1123LabelProblem(name: string): string | undefined {
  if (name.length > 63) return 'must be at most 63 characters (a DNS-1123 label)';
  if (!DNS1123_LABEL.test(name)) {
    return 'must be a DNS-1123 label: lower-case letters, digits and "-", starting and ending with a letter or digit';
  }
  return undefined;
}

export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63) return 'must be at most 63 characters (a Kubernetes label value)';
  if (!LABEL_VALUE.test(value)) {
    return 'must be a Kubernetes label value: letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
  }
  return undefined;
}

export function contextNameProblem(value: string): string | undefined {
  if (value.length > 253) return 'must be at most 253 characters';
  if (!CONTEXT_NAME.test(value)) {
    return 'must be a kubeconfig context name: letters, digits and _.:@/+=-, not starting with "-"';
  }
  return undefined;
}

export function dockerNetworkProblem(value: string): string | undefined {
  if (value.length > 128 || !DOCKER_NETWORK.test(value)) {
    return 'must be a Docker network name: letters, digits, "_", "." and "-", starting with a letter or digit';
  }
  return undefined;
}
