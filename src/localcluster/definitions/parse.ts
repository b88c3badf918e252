// One sma.yaml: YAML with positions → schema check → a resolved ClusterDefinition, or problems that point
// at the offending line and field.
import { dirname, join } from 'node:path';
import { isAlias, LineCounter, parseAllDocuments, visit, type Document } from 'yaml';
import { definitionSchema, SUBNET_SYNTAX, type DefinitionDocument } from './schema.js';
import { locate } from './locate.js';
import { podCidrs, serviceCidrs } from './cidrs.js';
import type { Message, Position } from '../../common/messages.js';
import { type DefinitionRule, definitionProblem } from './problems.js';
import type { ClusterDefinition, Family, SubnetIds } from '../model/cluster.js';

export interface ParsedDefinition {
  definition: ClusterDefinition;
  /** Where spec.subnet is written, for messages about clashing IDs. */
  subnetAt?: Position;
}

export type ParseResult = { ok: true; parsed: ParsedDefinition } | { ok: false; problems: Message[] };

/** `hasValuesFile` says whether a file exists next to the definition (kept outside so parsing stays pure). */
export function parseDefinition(file: string, text: string, hasValuesFile: (path: string) => boolean): ParseResult {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines });
  const problems: Message[] = [];
  const at = (line: number, column: number, rule: DefinitionRule, message: string, field?: string) =>
    problems.push(definitionProblem({ file, line, column }, rule, message, field));

  if (!Array.isArray(docs) || docs.length === 0) {
    at(1, 1, 'yaml', 'the file is empty; expected one SMA-cluster definition');
    return { ok: false, problems };
  }
  if (docs.length > 1) {
    const { line, col } = lines.linePos(docs[1]!.range[0]);
    at(line, col, 'yaml', 'expected one definition per file, found another YAML document here');
  }
  const doc = docs[0]!;
  for (const error of doc.errors) {
    const pos = error.linePos?.[0] ?? { line: 1, col: 1 };
    at(pos.line, pos.col, 'yaml', error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''));
  }
  if (problems.length) return { ok: false, problems };

  const value = plainValue(doc);
  if (!value.ok) {
    const { line, col } = lines.linePos(value.aliasAt);
    at(line, col, 'yaml', value.message);
    return { ok: false, problems };
  }
  const result = definitionSchema.safeParse(value.value);
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const where = locate(doc, lines, [...issue.path, key], 'key');
          at(where.line, where.column, 'schema', 'unknown field', [...issue.path, key].join('.'));
        }
        continue;
      }
      const where = locate(doc, lines, issue.path);
      const message = where.present ? issue.message : `is required${requiredHint(issue.path)}`;
      at(where.line, where.column, 'schema', message, issue.path.join('.') || undefined);
    }
    return { ok: false, problems };
  }

  const data = result.data;
  const field = (path: string[], message: string, keyOrValue: 'key' | 'value' = 'value') => {
    const where = locate(doc, lines, path, keyOrValue);
    at(where.line, where.column, 'provider-fields', message, path.join('.'));
  };
  const families: Family[] = [];
  if (data.spec.v4Enabled) families.push('v4');
  if (data.spec.v6Enabled) families.push('v6');
  if (data.spec.provider === 'context') {
    if (data.spec.context === undefined) field(['spec', 'context'], 'is required for provider "context"');
  } else {
    if (data.spec.subnet === undefined) field(['spec', 'subnet'], `is required for provider "${data.spec.provider}"`);
    if (!families.length) field(['spec'], 'set v4Enabled and/or v6Enabled to true', 'key');
    if (data.spec.context !== undefined) field(['spec', 'context'], 'is only used with provider "context"', 'key');
  }
  if (problems.length) return { ok: false, problems };

  const name = locate(doc, lines, ['metadata', 'name']);
  const subnetWhere = locate(doc, lines, ['spec', 'subnet']);
  const ids = data.spec.subnet === undefined ? undefined : subnetIds(data.spec.subnet);
  return {
    ok: true,
    parsed: {
      definition: resolve(file, data, families, ids, { file, line: name.line, column: name.column }, hasValuesFile),
      subnetAt: subnetWhere.present ? { file, line: subnetWhere.line, column: subnetWhere.column } : undefined,
    },
  };
}

/** How many times aliases may be expanded: the yaml library's default, which stops a "billion laughs" file. */
const MAX_ALIAS_COUNT = 100;

/** The document as plain data, or where its aliases start to expand too much. */
function plainValue(doc: Document): { ok: true; value: unknown } | { ok: false; message: string; aliasAt: number } {
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    let aliasAt = 0;
    visit(doc, (_, node) => {
      if (!isAlias(node)) return undefined;
      aliasAt = node.range?.[0] ?? 0;
      return visit.BREAK;
    });
    return { ok: false, message: `aliases expand to too much data (${error.message})`, aliasAt };
  }
}

function requiredHint(path: readonly PropertyKey[]): string {
  const dotted = path.join('.');
  if (dotted === 'spec.provider') return ' (kind, k3d or context)';
  if (dotted === 'kind') return ' (SMA-cluster)';
  if (dotted === 'apiVersion') return ' (sma.buoyant.io/v1alpha1)';
  return '';
}

function subnetIds(subnet: string): SubnetIds {
  const [, byte, nybble] = SUBNET_SYNTAX.exec(subnet)!;
  return { byteId: parseInt(byte!, 16), nybbleId: parseInt(nybble!, 16) };
}

function resolve(
  file: string,
  data: DefinitionDocument,
  families: Family[],
  ids: SubnetIds | undefined,
  at: Position,
  hasValuesFile: (path: string) => boolean,
): ClusterDefinition {
  const dir = dirname(file);
  const values = join(dir, 'mc-values.yaml');
  return {
    name: data.metadata.name,
    provider: data.spec.provider,
    file,
    dir,
    at,
    subnet: ids,
    families: ids ? families : [],
    podCidrs: ids ? podCidrs(ids, families) : {},
    serviceCidrs: ids ? serviceCidrs(ids, families) : {},
    group: data.spec.group,
    zone: data.spec.zone,
    context: data.spec.context,
    multiclusterValues: hasValuesFile(values) ? values : undefined,
  };
}
