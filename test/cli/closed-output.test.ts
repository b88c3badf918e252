// Every command ends quietly when whoever reads its output goes away (`stepdown list --json … | head`): status
// 141, as a program ended by SIGPIPE, and not a word on stderr.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../../dist/cli/', import.meta.url));
const clusters = fileURLToPath(new URL('../../clusters', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'stepdown-closed-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// Enough output for several writes, and a warning per section for lint.
const sections = Array.from({ length: 2000 }, (_, i) => `## Part ${i}\n\n\`\`\`bash\n#@nosuchcommand${i}\n\`\`\`\n`);
writeFileSync(join(dir, 'w.md'), `# Workshop\n\n${sections.join('\n')}`);

/** Runs a built CLI with its stdout closed before it writes, as by a reader that has gone. */
function withClosedOutput(program: string, args: string[]): Promise<{ status: number | null; stderr: string }> {
  const child = spawn(process.execPath, [join(dist, program), ...args], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stderr })));
}

const runs: [string, string[]][] = [
  ['stepdown.js', ['lint', 'w.md']],
  ['stepdown.js', ['lint', '--json', 'w.md']],
  ['stepdown.js', ['list', 'w.md']],
  ['stepdown.js', ['list', '--json', 'w.md']],
  ['stepdown.js', ['--help']],
  ['localcluster.js', ['certs', '--dryrun', clusters]],
  ['localcluster.js', ['--help']],
];
for (const [program, args] of runs) {
  test(`${program.replace('.js', '')} ${args.join(' ')} | (closed): status 141, nothing on stderr`, async () => {
    const { status, stderr } = await withClosedOutput(program, args);
    assert.equal(stderr, '');
    assert.equal(status, 141);
  });
}
