import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { bash, check, readIn } from './cli.js';

const workshop = [
  '# First a < b & "quotes"',
  bash('echo fine'),
  '## Broken',
  '<!-- @failok -->',
  bash("printf 'allowed\\n'; false"),
  bash(
    "printf 'ctl \\001\\002 \\033[31mred\\033[0m <&> \\x27]]>\\n'; printf 'progress 10%%\\rprogress 100%%\\n'; (exit 2)",
  ),
  bash('echo never'),
].join('\n');

interface Case {
  '@_name': string;
  '@_classname': string;
  '@_line': string;
  failure?: { '@_message': string; '#text': string };
  skipped?: { '@_message': string };
}

test('--junit writes XML a strict parser accepts: a testcase per command, classname = heading', async () => {
  const run = await check({ 'w.md': workshop }, ['--junit', 'report.xml', 'w.md']);
  assert.equal(run.status, 1);
  const xml = readIn(run.dir, 'report.xml');
  assert.equal(XMLValidator.validate(xml), true);
  const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testcase' }).parse(xml);
  const suite = parsed.testsuites.testsuite;
  assert.equal(suite['@_name'], 'w.md');
  assert.deepEqual([suite['@_tests'], suite['@_failures'], suite['@_skipped']], ['4', '1', '1']);
  const cases: Case[] = suite.testcase;
  assert.deepEqual(
    cases.map((c) => [c['@_classname'], c['@_name']]),
    [
      ['First a < b & "quotes"', 'echo fine (w.md:3)'],
      ['Broken', "printf 'allowed\\n'; false (w.md:9)"],
      ['Broken', `printf 'ctl \\001\\002 \\033[31mred\\033[0m <&> \\x27]]>\\n'; printf 'progress 10%%\\r… (w.md:13)`],
      ['Broken', 'echo never (w.md:17)'],
    ],
  );
  const failure = cases[2]!.failure!;
  assert.equal(failure['@_message'], 'exit status 2');
  // Control characters cannot be in XML: colours are removed, the rest shown as \xNN.
  assert.match(failure['#text'], /ctl \\x01\\x02 red <&> ']]>\nprogress 100%$/);
  assert.equal(cases[3]!.skipped!['@_message'], 'not run (stopped)');
});

test('--json writes the outcomes as data', async () => {
  const run = await check({ 'w.md': workshop }, ['--keep-going', '--json', 'report.json', 'w.md', 'arg1']);
  const report = JSON.parse(readIn(run.dir, 'report.json'));
  assert.equal(report.file, 'w.md');
  assert.deepEqual(report.args, ['arg1']);
  assert.deepEqual([report.passed, report.failed, report.skipped, report.status], [3, 1, 0, 1]);
  assert.deepEqual(
    report.outcomes.map((o: { result: string; status: number; failOk?: boolean }) => [
      o.result,
      o.status,
      o.failOk ?? false,
    ]),
    [
      ['passed', 0, false],
      ['passed', 1, true],
      ['failed', 2, false],
      ['passed', 0, false],
    ],
  );
  assert.deepEqual(report.outcomes[1].output, ['allowed']);
  assert.equal(report.outcomes[0].at.line, 3);
  assert.equal(report.outcomes[2].heading, 'Broken');
});
