import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { RestoreServiceErrorCode } from '../errors';
import { spoolBackupTarball } from './backup-spool';

async function tarball(entries: Record<string, string>): Promise<Buffer> {
  const archive = pack();
  for (const [name, body] of Object.entries(entries)) archive.entry({ name, mode: 0o755 }, body);
  archive.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of archive) chunks.push(chunk as Buffer);
  return gzipSync(Buffer.concat(chunks));
}

describe('spoolBackupTarball (reference §9 layout read back)', () => {
  it('indexes every item entry by resource, version directory, namespace and name; bodies on disk', async () => {
    const bytes = await tarball({
      'metadata/version': '1.1.0\n',
      'resources/configmaps/namespaces/app/a.json': '{"kind":"ConfigMap"}',
      'resources/configmaps/v1-preferredversion/namespaces/app/a.json': '{"kind":"ConfigMap","v":1}',
      'resources/persistentvolumes/cluster/pv-1.json': '{"kind":"PersistentVolume"}',
    });
    const spool = await spoolBackupTarball(Readable.from([bytes]), 'b1');
    try {
      expect(spool.entries).toBe(3);
      expect([...spool.resources.keys()].sort()).toEqual(['configmaps', 'persistentvolumes']);
      expect([...(spool.resources.get('configmaps')?.keys() ?? [])].sort()).toEqual(['', 'v1-preferredversion']);
      expect(spool.names('configmaps', '', 'app')).toEqual(['a']);
      expect(spool.namespaces('persistentvolumes', '')).toEqual(['']);
      expect((await spool.read('configmaps', 'v1-preferredversion', 'app', 'a'))?.toString()).toBe('{"kind":"ConfigMap","v":1}');
      expect(await spool.read('configmaps', '', 'app', 'missing')).toBeUndefined();
    } finally {
      await spool.dispose();
    }
  });

  it('reads every body back from the spool file, also past the file’s write buffer and when empty', async () => {
    const entries: Record<string, string> = { 'resources/secrets/namespaces/app/empty.json': '' };
    for (let i = 0; i < 300; i++) entries[`resources/configmaps/namespaces/app/c${i}.json`] = JSON.stringify({ i, pad: 'x'.repeat(i * 7) });
    const spool = await spoolBackupTarball(Readable.from([await tarball(entries)]), 'b1');
    try {
      expect(spool.entries).toBe(301);
      for (let i = 0; i < 300; i++) {
        expect(JSON.parse((await spool.read('configmaps', '', 'app', `c${i}`))?.toString() ?? '')).toEqual({ i, pad: 'x'.repeat(i * 7) });
      }
      expect((await spool.read('secrets', '', 'app', 'empty'))?.length).toBe(0);
    } finally {
      await spool.dispose();
    }
  });

  it('reads bodies back in whatever order, across read-ahead windows, and bodies larger than a window', async () => {
    const entries: Record<string, string> = {};
    const body = (i: number) => JSON.stringify({ i, pad: 'y'.repeat(i % 7 === 0 ? 70_000 : i * 13) });
    for (let i = 0; i < 200; i++) entries[`resources/configmaps/namespaces/app/c${i}.json`] = body(i);
    const spool = await spoolBackupTarball(Readable.from([await tarball(entries)]), 'b1');
    try {
      const order = [...Array.from({ length: 200 }, (_, i) => 199 - i), 5, 150, 0, 77, 140, 3];
      for (const i of order) expect((await spool.read('configmaps', '', 'app', `c${i}`))?.toString()).toBe(body(i));
    } finally {
      await spool.dispose();
    }
  });

  it('rejects what is not a gzip’d tar with RESTORE_TARBALL_UNREADABLE', async () => {
    await expect(spoolBackupTarball(Readable.from([Buffer.from('not gzip')]), 'b1')).rejects.toMatchObject({
      code: RestoreServiceErrorCode.TarballUnreadable,
    });
  });
});
