import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { estimateSourceBytes } from './source-size-estimate';

describe('estimateSourceBytes', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ferry-estimate-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('adds the regular files of every folder, not the links', async () => {
    await mkdir(join(dir, 'a', 'b'), { recursive: true });
    await writeFile(join(dir, 'top.bin'), Buffer.alloc(1000));
    await writeFile(join(dir, 'a', 'mid.bin'), Buffer.alloc(2000));
    await writeFile(join(dir, 'a', 'b', 'deep.bin'), Buffer.alloc(3000));
    await symlink(join(dir, 'top.bin'), join(dir, 'a', 'link'));
    expect(await estimateSourceBytes(dir)).toBe(6000);
  });

  it('is 0 for an empty folder and rejects for a missing one', async () => {
    expect(await estimateSourceBytes(dir)).toBe(0);
    await expect(estimateSourceBytes(join(dir, 'missing'))).rejects.toThrow(/ENOENT/);
  });

  it('stops when aborted', async () => {
    await writeFile(join(dir, 'f'), 'x');
    await expect(estimateSourceBytes(dir, AbortSignal.abort())).rejects.toThrow();
  });
});
