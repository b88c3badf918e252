// Files localcluster writes are replaced atomically: a reader (or a crash) never sees half a file.
import { open, realpath, rename, rm } from 'node:fs/promises';
import { makeDirs } from '../common/make-dirs.js';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export async function writeFileAtomic(path: string, content: string, mode = 0o644, dirMode = 0o755): Promise<void> {
  // Through a symlink (a kubeconfig kept in a dotfiles repository, say) the file it points to is replaced.
  const target = await realpath(path).catch(() => path);
  const dir = dirname(target);
  makeDirs(dir, dirMode);
  const temporary = join(dir, `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    // Created with its final mode, so a key is never readable by others, not even for a moment.
    const handle = await open(temporary, 'wx', mode);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Runs `work` holding `<path>.lock`, the lock file kubectl (client-go) creates while it writes a kubeconfig:
 * no kubectl changes the file meanwhile, and like kubectl we refuse to wait on a lock someone else holds.
 */
export async function withLockFile<T>(path: string, work: () => Promise<T>): Promise<T> {
  const lock = `${path}.lock`;
  makeDirs(dirname(lock));
  try {
    await (await open(lock, 'wx', 0o600)).close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new Error(`${lock} exists: another program is changing the kubeconfig (if none is, remove that file)`);
  }
  try {
    return await work();
  } finally {
    await rm(lock, { force: true });
  }
}
