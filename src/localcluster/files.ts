// Files localcluster writes are replaced atomically: a reader (or a crash) never sees half a file.
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export async function writeFileAtomic(path: string, content: string, mode = 0o644, dirMode = 0o755): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: dirMode });
  const temporary = join(dir, `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    // Created with its final mode, so a key is never readable by others, not even for a moment.
    const handle = await open(temporary, 'wx', mode);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
