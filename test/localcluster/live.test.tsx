/** @jsxRuntime automatic */
// (tsx reads tsconfig.json, which covers src/ only: the pragma gives this test the same JSX runtime.)
// localcluster's live progress through Ink: ProgressView draws the screen model in columns, and liveProgress
// writes each finished phase's summary once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { render } from 'ink-testing-library';
import { liveProgress, ProgressView } from '../../src/localcluster/executor/live.js';
import type { ProgressScreen } from '../../src/localcluster/executor/progress.js';
import type { Lane } from '../../src/localcluster/model/actions.js';
import { run } from '../../src/localcluster/model/commands.js';

const stripAnsi = (text: string) => text.replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '');

const screen: ProgressScreen = {
  finished: ['Checking tools: 1 ok'],
  title: 'Creating clusters',
  labelWidth: 9,
  rows: [
    {
      mark: { kind: 'spinner' },
      label: 'east',
      count: '1/3',
      current: `kind create cluster --name east ${'--flag '.repeat(20)}`,
      last: 'Ensuring node image',
    },
    { mark: { kind: 'sign', text: '✔', color: 'green' }, label: 'west-long', count: '3/3', current: 'done in 12.3s' },
  ],
};

test('the progress rows: mark, label, count and action in columns; the last output under the action', () => {
  const view = render(<ProgressView screen={screen} />);
  const rows = stripAnsi(view.lastFrame() ?? '').split('\n');
  view.unmount();
  const at = (text: string) => rows.find((row) => row.includes(text)) ?? assert.fail(`${text} in\n${rows.join('\n')}`);
  const column = 2 + 9 + 1 + 8;
  assert.equal(at('Creating clusters').trim(), 'Creating clusters');
  assert.equal(at('east ').indexOf('east'), 2);
  assert.equal(at('east ').indexOf('1/3'), 2 + 9 + 1);
  assert.equal(at('east ').indexOf('kind create'), column);
  assert.ok(at('kind create').endsWith('…'), 'a long action is cut to the width');
  assert.ok(at('kind create').length <= 100);
  assert.equal(at('Ensuring node image').indexOf('Ensuring'), column);
  assert.equal(at('west-long').indexOf('✔'), 0);
  assert.equal(at('west-long').indexOf('done in 12.3s'), column);
});

/** A terminal that keeps what is written to it. */
class FakeStdout extends EventEmitter {
  readonly columns = 80;
  readonly rows = 24;
  output = '';
  write(data: string): boolean {
    this.output += data;
    return true;
  }
}

test("liveProgress writes each phase's summary once, the last when stopped", () => {
  const stdout = new FakeStdout();
  const lane = (label: string): Lane => ({ label, actions: [{ kind: 'run', command: run('true', []) }] });
  const display = liveProgress(stdout as unknown as NodeJS.WriteStream);
  const [a, b] = [lane('east'), lane('west')];
  display.phase({ title: 'Creating clusters', lanes: [a, b] });
  display.laneStarted(a);
  display.laneFinished({ lane: a, status: 'ok', steps: 1, ms: 1000 });
  display.laneFinished({ lane: b, status: 'failed', steps: 0, ms: 5, failure: { message: 'no', output: [] } });
  display.phase({ title: 'Linking', lanes: [lane('east→west')] });
  display.stop();
  const output = stripAnsi(stdout.output);
  for (const summary of ['Creating clusters: 1 ok, 1 failed', 'Linking: 1 waiting']) {
    assert.equal(output.split(summary).length - 1, 1, `${summary} once in:\n${output}`);
  }
});
