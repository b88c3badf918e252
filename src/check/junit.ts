// The JUnit XML report: one testsuite for the workshop, one testcase per command (classname = its section
// heading), failures with the exit status and the output tail, skipped commands marked skipped.
import { basename } from 'node:path';
import { formatPosition } from '../markdown/steps.js';
import { failureText } from './human.js';
import type { CheckReport, CommandOutcome } from './report.js';
import { firstLine } from './text.js';
import { plainText } from '../common/plain-text.js';

// Characters XML 1.0 does not allow at all (escaping cannot carry them): C0 controls but tab/LF/CR,
// lone surrogates, U+FFFE/U+FFFF.
const NOT_XML =
  /[\x00-\x08\x0b\x0c\x0e-\x1f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/g;

/** Text safe inside an XML attribute or element: markup escaped, forbidden characters shown as `\xNN`. */
export function xmlText(text: string): string {
  return text
    .replace(NOT_XML, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;');
}

/** Element text: like `xmlText`, but line ends stay readable. */
function xmlBody(text: string): string {
  return xmlText(text).replace(/&#10;/g, '\n');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function testcase(outcome: CommandOutcome, file: string): string {
  const name = `${firstLine(outcome.command, 80)} (${outcome.at.file}:${outcome.at.line})`;
  const classname = outcome.heading ?? basename(file);
  const open = `    <testcase name="${xmlText(name)}" classname="${xmlText(classname)}" file="${xmlText(outcome.at.file)}" line="${outcome.at.line}" time="${seconds(outcome.durationMs)}"`;
  if (outcome.result === 'passed') return `${open}/>`;
  if (outcome.result === 'skipped') {
    return `${open}>\n      <skipped message="${xmlText(`not run (${outcome.skipReason})`)}"/>\n    </testcase>`;
  }
  const message = failureText(outcome, 'exit status');
  const type = outcome.failure?.kind === 'status' || !outcome.failure ? 'exit-status' : outcome.failure.kind;
  const detail = [
    `${formatPosition(outcome.at)}: ${message}`,
    plainText(outcome.command.trimEnd()),
    '--- last lines of output ---',
    ...(outcome.output ?? []),
  ].join('\n');
  return `${open}>\n      <failure message="${xmlText(message)}" type="${type}">${xmlBody(detail)}</failure>\n    </testcase>`;
}

type Totals = Pick<CheckReport, 'passed' | 'failed' | 'skipped' | 'durationMs'> & { tests: number; errors: number };

const attributes = (t: Totals) =>
  `tests="${t.tests}" failures="${t.failed}" errors="${t.errors}" skipped="${t.skipped}" time="${seconds(t.durationMs)}"`;

/** A workshop that could not run to its end (it did not start, or the player stopped on an error) is an error. */
const totals = (report: CheckReport): Totals => ({
  ...report,
  tests: report.outcomes.length,
  errors: report.reason === 'error' ? 1 : 0,
});

/** One testsuite per workshop (`check --each` gives several). */
export function junitXml(reports: readonly CheckReport[]): string {
  const all = reports.map(totals);
  const sum = (key: keyof Totals) => all.reduce((total, t) => total + t[key], 0);
  const overall: Totals = {
    tests: sum('tests'),
    passed: sum('passed'),
    failed: sum('failed'),
    skipped: sum('skipped'),
    errors: sum('errors'),
    durationMs: sum('durationMs'),
  };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="stepdown check" ${attributes(overall)}>`,
    ...reports.flatMap(testsuite),
    '</testsuites>',
    '',
  ].join('\n');
}

function testsuite(report: CheckReport): string[] {
  // Why the run ended early (shell exit, error, interrupt) belongs to the suite, after its test cases.
  const systemErr = report.message ? [`    <system-err>${xmlBody(report.message)}</system-err>`] : [];
  return [
    `  <testsuite name="${xmlText(report.file)}" ${attributes(totals(report))} timestamp="${report.startedAt.toISOString().slice(0, 19)}">`,
    ...report.outcomes.map((outcome) => testcase(outcome, report.file)),
    ...systemErr,
    '  </testsuite>',
  ];
}
