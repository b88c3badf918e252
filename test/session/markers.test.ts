import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MarkerScanner, markerFormats, type CommandEnd } from '../../src/session/markers.js';
import { OutputTail } from '../../src/session/tail.js';

const NONCE = '0123456789abcdef';
const READY = `\x1b]133;A;${NONCE}\x07`;
const START = `\x1b]133;C;${NONCE}\x07`;
const end = (status: number, flags = '') => `\x1b]133;D;${NONCE};${status};${flags}\x07`;

interface Seen {
  events: string[];
  output: string;
  ends: CommandEnd[];
}

function scanner(): { scan: MarkerScanner; seen: Seen } {
  const seen: Seen = { events: [], output: '', ends: [] };
  const scan = new MarkerScanner(NONCE, {
    ready: () => seen.events.push('ready'),
    start: () => seen.events.push('start'),
    output: (text) => (seen.output += text),
    end: (e) => {
      seen.events.push('end');
      seen.ends.push(e);
    },
    exit: (e) => seen.events.push(e.quietFailure ? 'exit q' : 'exit'),
  });
  return { scan, seen };
}

/** Feeds the start-up noise and one command's stream, cut into pieces at the given offsets. */
function feed(stream: string, cuts: number[]): Seen {
  const { scan, seen } = scanner();
  scan.push(`bash-5.2$ . "$__stepdown_startup"\r\n${READY}`);
  scan.expectCommand();
  let from = 0;
  for (const cut of [...cuts, stream.length]) {
    scan.push(stream.slice(from, cut));
    from = cut;
  }
  return seen;
}

describe('MarkerScanner', () => {
  const output = 'line 1\r\n\x1b[31mred\x1b[0m and a fake \x1b]133;D;0\x07 and \x1b]133;D;ffffffffffffffff;0;\x07end';
  const stream = `__sd_b;if . "$__sd_f";then …\r\n${START}${output}${end(3, 'e')}prompt> `;

  it('passes through exactly the bytes between the start and end marks, wherever the stream is cut', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      const seen = feed(stream, [cut]);
      assert.equal(seen.output, output, `cut at ${cut}`);
      assert.deepEqual(seen.events, ['ready', 'start', 'end'], `cut at ${cut}`);
      assert.deepEqual(seen.ends, [{ status: 3, errexit: true, xtrace: false, allexport: false, quietFailure: false }]);
    }
  });

  it('copes with a stream delivered one character at a time', () => {
    const seen = feed(
      stream,
      Array.from({ length: stream.length }, (_, i) => i),
    );
    assert.equal(seen.output, output);
    assert.deepEqual(seen.ends, [{ status: 3, errexit: true, xtrace: false, allexport: false, quietFailure: false }]);
  });

  it('ignores marks of another session and everything outside a command', () => {
    const { scan, seen } = scanner();
    scan.push(`\x1b]133;A;ffffffffffffffff\x07`);
    assert.deepEqual(seen.events, []);
    scan.push(READY);
    scan.push(`job [1] done\r\n${START}${end(0)}`); // no command expected: nothing counts
    assert.deepEqual(seen.events, ['ready']);
    scan.expectCommand();
    scan.push(`${START}x${end(0, 'xa')}${START}late${end(1)}`);
    assert.equal(seen.output, 'x');
    assert.deepEqual(seen.ends, [{ status: 0, errexit: false, xtrace: true, allexport: true, quietFailure: false }]);
  });

  it('the exit mark ends the output, wherever the stream is cut; nothing after it counts', () => {
    const exiting = `${START}bye\r\n${end(3, 'X')}${NONCE}\r\n${START}${end(0)}`;
    for (let cut = 0; cut <= exiting.length; cut++) {
      const seen = feed(exiting, [cut]);
      assert.equal(seen.output, 'bye\r\n', `cut at ${cut}`);
      assert.deepEqual(seen.events, ['ready', 'start', 'exit'], `cut at ${cut}`);
    }
  });

  it('flag q (DEMOSH_QUIET_FAILURE) is passed on with the end and with the exit', () => {
    const seen = feed(`${START}${end(1, 'eq')}`, []);
    assert.deepEqual(seen.ends, [{ status: 1, errexit: true, xtrace: false, allexport: false, quietFailure: true }]);
    const exiting = feed(`${START}${end(1, 'Xq')}`, []);
    assert.deepEqual(exiting.events, ['ready', 'start', 'exit q']);
  });

  it('sees the exit mark outside a command too (a hangup while idle or before the command began)', () => {
    for (const between of [`${end(0)}`, '']) {
      const { scan, seen } = scanner();
      scan.push(READY);
      scan.expectCommand();
      scan.push(`${START}${between}`);
      if (!between) scan.expectCommand(); // a new command line written, not begun yet
      scan.push(`job output \x1b]133;D;${NONCE.slice(0, 5)}`);
      scan.push(`${NONCE.slice(5)};129;X\x07`);
      assert.equal(seen.events.at(-1), 'exit');
    }
  });

  it('does not hold back output that merely ends in an escape sequence', () => {
    const { scan, seen } = scanner();
    scan.push(READY);
    scan.expectCommand();
    scan.push(`${START}abc\x1b[0m`);
    assert.equal(seen.output, 'abc\x1b[0m');
    scan.push('\x1b]13'); // could be the start of the end mark: held back…
    assert.equal(seen.output, 'abc\x1b[0m');
    scan.push('4;not a mark\x07'); // …until it is clearly not
    assert.equal(seen.output, 'abc\x1b[0m\x1b]134;not a mark\x07');
  });

  it('gives the shell printf formats for the same marks', () => {
    const formats = markerFormats(NONCE);
    assert.equal(formats.ready, `\\e]133;A;${NONCE}\\a`);
    assert.equal(formats.start, `\\e]133;C;${NONCE}\\a`);
    assert.equal(formats.end, `\\e]133;D;${NONCE};%s;%s\\a`);
  });
});

describe('OutputTail', () => {
  it('keeps the last characters of a long stream, with CRLF as LF', () => {
    const tail = new OutputTail(10);
    for (let i = 0; i < 1000; i++) tail.push(`${i}\r\n`);
    assert.equal(tail.text(), '998\n999\n'); // the last 10 characters were "998\r\n999\r\n"
  });

  it('keeps everything when under the limit', () => {
    const tail = new OutputTail(100);
    tail.push('a\r\n');
    tail.push('b');
    assert.equal(tail.text(), 'a\nb');
  });
});
