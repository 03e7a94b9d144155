import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, mkdir, readdir, readlink, symlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Shape of a generated directory tree. */
export interface DataTreeSpec {
  readonly largeFileBytes: number;
  readonly smallFiles: number;
  readonly smallFileBytes: number;
}

/** The tree the environment's uploader tests use: one 50 MB file and 1,000 small files. */
export const standardDataTree: DataTreeSpec = { largeFileBytes: 50 * 1024 * 1024, smallFiles: 1_000, smallFileBytes: 512 };

/**
 * Writes a tree of random content under `root`: nested directories, one large file, many small
 * files spread over subdirectories, an empty file, an empty directory and a relative symlink.
 */
export async function buildDataTree(root: string, spec: DataTreeSpec = standardDataTree): Promise<void> {
  await mkdir(join(root, 'nested/deeper/deepest'), { recursive: true });
  await mkdir(join(root, 'empty-dir'), { recursive: true });
  await writeFile(join(root, 'nested/deeper/large.bin'), randomBytes(spec.largeFileBytes));
  for (let i = 0; i < spec.smallFiles; i++) {
    const dir = join(root, 'small', `d${i % 10}`);
    if (i < 10) await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `f${i}.txt`), randomBytes(spec.smallFileBytes));
  }
  await writeFile(join(root, 'nested/deeper/deepest/empty'), '');
  await symlink('nested/deeper/large.bin', join(root, 'link-to-large'));
}

/**
 * Describes every entry under `root` by relative path: `file <sha256>`, `dir`, or `symlink
 * <target>`. Two trees are identical when their descriptions are equal.
 */
export async function describeTree(root: string): Promise<Record<string, string>> {
  const description: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    const stats = await lstat(path);
    const key = relative(root, path);
    if (stats.isSymbolicLink()) description[key] = `symlink ${await readlink(path)}`;
    else if (stats.isDirectory()) description[key] = 'dir';
    else description[key] = `file ${await sha256(path)}`;
  }
  return description;
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
