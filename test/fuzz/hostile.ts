// Generators of hostile input for the fuzz tests and the bench: workshops made of the constructs that have cost
// stepdown time, memory or a crash (directives, nesting, fences, comments, macro chains, long repetitions), and
// definition files (YAML aliases, odd values, sizes). Only the shape is random; fast-check shrinks a failure to
// a small input, which then becomes a regular test.
import fc from 'fast-check';

/** fast-check's options for a fuzz test: a fixed seed, and `runs` runs unless FUZZ_RUNS says how many. */
export function fuzzOptions(runs: number): fc.Parameters<unknown> {
  return { seed: Number(process.env.FUZZ_SEED ?? 20261205), numRuns: Number(process.env.FUZZ_RUNS ?? runs) };
}

const fence = '```';

/** Lines of Markdown and shell that open, close or nest something, or are directives. */
const MARKDOWN_LINES = [
  '',
  'prose',
  '# Heading *with* `markup`',
  '## Two',
  '> quote',
  '> - > - > * > 1. > - a',
  '- item',
  '  - nested',
  '1. item',
  '    indented',
  '===',
  '---',
  '|a|b|',
  '<!-- @SHOW -->',
  '<!-- @HIDE -->',
  '<!-- @wait_clear -->',
  '<!-- @import other.sh -->',
  '<!-- @print "hello -->',
  '<!-- @nosuch -->',
  '<!--',
  '-->',
  '<div>',
  `${fence}bash`,
  `${fence}sh`,
  `${fence}`,
  '~~~',
  `> ${fence}bash`,
  `- ${fence}bash`,
  'echo "$((1+$((2',
  'echo $(echo `echo ${x:-"y',
  '#@immed',
  '#@macro m',
  '#@macro n',
  '#@end',
  '#@m',
  '#@n arg',
  '#@hook h X',
  '#@ifhook h',
  '#@endif',
  'cat <<EOF',
  'EOF',
  'if true; then',
  'fi',
  '( ( (',
];

const line = fc.oneof(fc.constantFrom(...MARKDOWN_LINES), fc.string({ maxLength: 12 }));

/** A run of lines repeated: what makes a short description into a long hostile file. */
const run = fc
  .tuple(fc.array(line, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 400 }))
  .map(([lines, times]) => Array(times).fill(lines.join('\n')).join('\n'));

/** A chain of macros, each calling the next. */
const macroChain = fc.integer({ min: 1, max: 300 }).map((n) => {
  const macros = Array.from({ length: n }, (_, i) => `#@macro c${i}\n#@c${i + 1}\n#@end`).join('\n');
  return `${fence}bash\n${macros}\n#@macro c${n}\necho end\n#@end\n#@c0\n${fence}`;
});

/** A workshop of at most `maxBytes` (cut there). */
export function hostileWorkshop(maxBytes: number): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof({ weight: 4, arbitrary: run }, { weight: 1, arbitrary: macroChain }), {
      minLength: 1,
      maxLength: 8,
    })
    .map((parts) => parts.join('\n').slice(0, maxBytes));
}

/** A valid definition to start from. */
const DEFINITION = [
  'apiVersion: sma.buoyant.io/v1alpha1',
  'kind: SMA-cluster',
  'metadata:',
  '  name: fuzz',
  'spec:',
  '  provider: kind',
  '  subnet: "01/1"',
  '  v4Enabled: true',
];

const YAML_LINES = [
  'a: &a [x, x, x, x, x, x, x, x, x]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
  '  group: *a',
  '  zone: !!binary aGVsbG8=',
  '  context: [1, 2',
  '  subnet: "zz/z"',
  '  provider: context',
  '  v6Enabled: yes',
  '---',
  '%YAML 1.1',
  'metadata: {name: "x"}',
  '? [a, b]',
  ': c',
  '  name: &n fuzz',
  '  name: *n',
  '- - - -',
  '"\\u0000"',
];

/** A definition file: the valid one with lines replaced, added or repeated. */
export const hostileDefinition: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.nat({ max: DEFINITION.length }),
      fc.oneof(fc.constantFrom(...YAML_LINES), fc.string({ maxLength: 16 })),
      fc.integer({ min: 1, max: 50 }),
    ),
    { maxLength: 6 },
  )
  .map((edits) => {
    const lines = [...DEFINITION];
    for (const [at, text, times] of edits) lines.splice(at, times === 1 ? 1 : 0, ...Array(times).fill(text));
    return `${lines.join('\n')}\n`;
  });

/** A text of at most `bytes`: `head`, then `unit` repeated to fill it. */
function fill(bytes: number, unit: string, head = ''): string {
  return head + unit.repeat(Math.max(0, Math.floor((bytes - head.length) / unit.length)));
}

const BASH_BLOCK = `${fence}bash\necho hi\n${fence}\n`;

/**
 * Hostile files of about `bytes` each, by name: the shapes that have cost stepdown minutes, gigabytes or a crash
 * (issue 14), and their neighbours. The bench reads them at 1 MiB; the CLI fuzz test at a quarter of that.
 */
export function hostileFiles(bytes: number): Record<string, string> {
  let chain = `${fence}bash\n`;
  for (let i = 0; chain.length < bytes - 40; i++) chain += `#@macro m${i}\n#@m${i + 1}\n#@end\n`;
  let nestedList = '';
  for (let i = 0; nestedList.length < bytes - 110; i++) nestedList += `${' '.repeat(Math.min(i, 100))}- a\n`;
  let sections = '# T\n\n';
  for (let i = 0; sections.length < bytes - 40; i++) sections += `## h${i}\n\n${fence}bash\necho ${i}\n${fence}\n\n`;
  return {
    'block quote lines': fill(bytes, '> a\n'),
    'nested quotes and lists per line': fill(bytes, '> - > - > * > 1. > - a\n'),
    'nested quotes and lists on one line': `${fill(bytes - 2, '> - ')}x\n`,
    'unclosed comments, one per line': fill(bytes, '<!--\n'),
    'unclosed comments on one line': fill(bytes, '<!-- '),
    'bash block, then short lines': fill(bytes, 'a\n', BASH_BLOCK),
    'text block, then short lines': fill(bytes, 'a\n', `${fence}text\necho hi\n${fence}\n`),
    'bash block, then table rows': fill(bytes, '|a|b|\n', `${BASH_BLOCK}|a|b|\n|-|-|\n`),
    headings: fill(bytes, '# h\n\n'),
    'setext headings': fill(bytes, 'h\n-\n'),
    'headings in block quotes': fill(bytes, '> # h\n\n'),
    'headings in list items': fill(bytes, '- # h\n\n'),
    'distinct headings, each with a bash block': sections,
    'heading and bash block, repeated': fill(bytes, `# h\n\n${BASH_BLOCK}`),
    'macro chain (each calls the next)': `${chain}#@m0\n${fence}\n`,
    'prose between comments, no blank line': fill(bytes, '<!-- @wait_clear -->\n*k\n#@ifhook h\n'),
    'list items holding a fence, no blank line': fill(bytes, `<!-- @wait_clear -->\n- ${fence}bash\n#@immed\n`),
    'an HTML block with no blank line': fill(bytes, 'prose\n<div>\n<!-- @nosuch -->\n'),
    'unclosed macros': fill(bytes, '#@macro a\n', `${fence}bash\n`),
    'unclosed ifhooks': fill(bytes, '#@ifhook h\n', `${fence}bash\n`),
    'unclosed fences': fill(bytes, `${fence}\n`),
    backticks: fill(bytes, '`'),
    brackets: fill(bytes, '['),
    emphasis: fill(bytes, '*a '),
    'list nested 100 deep': nestedList,
  };
}

/** A file of about `bytes`: a short head (a fence, heading, quote or comment), then a run of lines repeated. */
export function hostileRepetition(bytes: number): fc.Arbitrary<string> {
  const head = fc.constantFrom('', BASH_BLOCK, '# h\n', '> a\n', '<!--\n', `${fence}bash\n`, '- a\n');
  return fc
    .tuple(head, fc.array(line, { minLength: 1, maxLength: 4 }))
    .map(([start, lines]) => fill(bytes, `${lines.join('\n')}\n`, start));
}
