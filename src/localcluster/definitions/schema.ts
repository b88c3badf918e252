// The shape of `sma.yaml` (kind SMA-cluster). Field-level rules live here; rules that relate fields or
// files to each other live in validate.ts.
import { z } from 'zod';
import { PROVIDER_NAMES } from '../model/cluster.js';
import { contextNameProblem, dns1123LabelProblem, labelValueProblem } from '../names.js';

function checked(problem: (value: string) => string | undefined) {
  return z.string({ error: 'must be a string' }).superRefine((value, ctx) => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  });
}

export const SUBNET_SYNTAX = /^([0-9A-Fa-f]{1,2})\/([0-9A-Fa-f])$/;

const subnet = z
  .string({ error: 'must be a string "HH/N"' })
  .regex(SUBNET_SYNTAX, { error: 'must be "HH/N": a hex byte ID (01-ff), "/", and a hex nybble ID (1-f)' })
  .superRefine((value, ctx) => {
    // Malformed: the regex has said so already.
    if (!SUBNET_SYNTAX.test(value)) return;
    // ID 0 would put a MetalLB pool on top of the Docker network's gateway, so the workshop never uses it.
    const [byteId, nybbleId] = value.split('/').map((part) => parseInt(part, 16));
    if (byteId === 0 || nybbleId === 0) ctx.addIssue({ code: 'custom', message: 'IDs must not be 0' });
  });

// The original tool read sma.yaml as YAML 1.1, where yes/no and on/off are booleans too.
const YAML11_BOOLEANS: Record<string, boolean> = { yes: true, no: false, on: true, off: false };
const flag = z
  .preprocess(
    (value) => (typeof value === 'string' ? (YAML11_BOOLEANS[value.toLowerCase()] ?? value) : value),
    z.boolean({ error: 'must be true or false' }),
  )
  .optional();

export const definitionSchema = z.strictObject({
  kind: z.literal('SMA-cluster', { error: 'must be "SMA-cluster"' }),
  apiVersion: z.literal('sma.buoyant.io/v1alpha1', { error: 'must be "sma.buoyant.io/v1alpha1"' }),
  // Kubernetes-style metadata may carry labels or annotations; only the name matters here.
  metadata: z.looseObject({ name: checked(dns1123LabelProblem) }, { error: 'must be a mapping with a name' }),
  spec: z.strictObject(
    {
      subnet: subnet.optional(),
      v4Enabled: flag,
      v6Enabled: flag,
      provider: z.enum(PROVIDER_NAMES, { error: `must be one of ${PROVIDER_NAMES.join(', ')}` }),
      group: checked(dns1123LabelProblem).optional(),
      zone: checked(labelValueProblem).optional(),
      context: checked(contextNameProblem).optional(),
    },
    { error: 'must be a mapping' },
  ),
});

export type DefinitionDocument = z.infer<typeof definitionSchema>;
