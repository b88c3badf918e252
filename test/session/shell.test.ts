import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { commandFile, commandLine, mayStartTracing, startupScript } from '../../src/session/shell.js';

describe('shell text of the session', () => {
  it('spots commands that may turn tracing on', () => {
    for (const command of ['set -x', 'set -euxo pipefail', 'set -e -x', 'set -o xtrace', 'true\nset -x']) {
      assert.equal(mayStartTracing(command), true, command);
    }
    for (const command of ['set +x', 'set -e', 'X=1', 'bash -x script.sh', 'reset -x']) {
      assert.equal(mayStartTracing(command), false, command);
    }
  });

  it('puts carried options back on the first line of the command file, keeping line numbers', () => {
    assert.equal(commandFile('echo hi', { errexit: false, xtrace: false, allexport: false }), 'echo hi\n');
    assert.equal(
      commandFile('a\nb\n', { errexit: true, xtrace: true, allexport: true }),
      '{ set -exa; __sd_r;} 2>/dev/null;a\nb\n',
    );
  });

  it('types one short line per command; /dev/null as stdin when not interactive', () => {
    assert.equal(commandLine(true, false), '__sd_b;if . "$__sd_f";then __sd_d 0;else __sd_d $?;fi\n');
    assert.match(commandLine(false, false), /\. "\$__sd_f" <&\$__sd_nul;/);
    assert.match(commandLine(true, true), /\{ __sd_d \$\?;\} 2>\/dev\/null/);
  });

  it('the start-up file is valid bash and refuses a nonce that is not hex', () => {
    const check = spawnSync('bash', ['-n'], { input: startupScript('0123abcd'), encoding: 'utf8' });
    assert.equal(check.status, 0, check.stderr);
    assert.throws(() => startupScript("x'; rm -rf ~; '"), /bad nonce/);
  });
});
