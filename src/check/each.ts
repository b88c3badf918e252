// `stepdown check --each FILE|FOLDER…`: many workshops in one run, each in a session of its own, `jobs` at once.
// A workshop's lines are held until it ends and written as one group, in the order the workshops were given.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../common/errors.js';
import { fileProblem } from '../markdown/source.js';
import { counts, type CheckReport } from './report.js';
import { summaryLine } from './human.js';
import { checkOne, type RunFlags, type WorkshopIo } from './one.js';

/** Folders a workshop tree keeps other things in: version control, dependencies. */
const NOT_WORKSHOPS = /(^|\/)(\.[^/]*|node_modules)(\/|$)/;

/** The workshops named by `paths`: files as given, folders as every `.md` in them, recursively, sorted. */
export function workshopFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let folder = false;
    try {
      folder = statSync(path).isDirectory();
    } catch {
      // fileProblem says what is wrong with it.
    }
    if (!folder) {
      const problem = fileProblem(path);
      if (problem) throw new UserError(`${path}: ${problem}`, 2);
      files.push(path);
      continue;
    }
    const found = readdirSync(path, { recursive: true, encoding: 'utf8' })
      .filter((entry) => entry.endsWith('.md') && !NOT_WORKSHOPS.test(entry))
      .map((entry) => join(path, entry))
      .filter((file) => statSync(file).isFile())
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (found.length === 0) throw new UserError(`${path}: no .md files in this folder`, 2);
    files.push(...found);
  }
  return files;
}

/** Checks every workshop, `jobs` at once; writes each one's lines as a group, then one closing count. */
export async function checkEach(
  files: readonly string[],
  flags: RunFlags,
  jobs: number,
  io: WorkshopIo,
  signal: AbortSignal,
): Promise<CheckReport[]> {
  const groups: ({ lines: { err: boolean; text: string }[]; report: CheckReport } | undefined)[] = files.map(
    () => undefined,
  );
  let written = 0;
  const writeFinished = () => {
    for (let group = groups[written]; group; group = groups[++written]) {
      for (const line of group.lines) (line.err ? io.err : io.out)(line.text);
    }
  };
  let next = 0;
  const worker = async () => {
    while (next < files.length && !signal.aborted) {
      const index = next++;
      const file = files[index]!;
      const lines: { err: boolean; text: string }[] = [{ err: false, text: `== ${file}\n` }];
      const held: WorkshopIo = {
        out: (text) => lines.push({ err: false, text }),
        err: (text) => lines.push({ err: true, text }),
        env: io.env,
        ownCommands: io.ownCommands,
      };
      const startedAt = new Date();
      const report = (await checkOne(file, [], flags, held, signal)) ?? notRun(file, startedAt);
      lines.push({ err: false, text: `${file}: ${summaryLine(report)}\n\n` });
      groups[index] = { lines, report };
      writeFinished();
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, files.length) }, worker));
  const reports = groups.flatMap((group) => (group ? [group.report] : []));
  const failed = reports.filter((report) => report.status !== 0).length;
  const workshops = `${reports.length} workshop${reports.length === 1 ? '' : 's'}`;
  io.out(`${workshops}, ${failed} failed\n${summaryLine(counts(reports.flatMap((r) => r.outcomes)))}\n`);
  return reports;
}

/** The report of a workshop that did not start (its errors are in its group). */
function notRun(file: string, startedAt: Date): CheckReport {
  return {
    file,
    args: [],
    outcomes: [],
    ...counts([]),
    status: 1,
    reason: 'error',
    message: `${file}: not run: fix its errors first (\`stepdown lint\` shows them)`,
    warnings: [],
    startedAt,
    durationMs: 0,
  };
}
