import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeTree } from '@ferry/devenv';
import { buildDataTree } from '@ferry/devenv/testing';
import { readStoredMessages } from '@ferry/nats';
import type { MoverService } from '../src/index';
import { startMoverHarness, type MoverHarness } from './mover-test-harness';

describe.each(['kopia', 'restic'] as const)('mover round trip - %s through move jobs, against MinIO', (uploader) => {
  let h: MoverHarness;
  let mover: MoverService;
  let node: string;

  beforeAll(async () => {
    h = await startMoverHarness(`rt-${uploader}`);
    node = h.info.nodes[0]?.name ?? 'node-missing';
    mover = await h.startMover(node);
  });
  afterAll(async () => {
    await mover.stop();
    await h.close();
  });

  it('backs up the standard dataset and restores it byte-identical; a 1% change moves about 1%', async () => {
    const source = await h.volume(node);
    await buildDataTree(source.path);
    const report = {
      target: { kind: 'backup' as const, namespace: h.namespace, name: 'nightly', uid: `b-uid-${uploader}` },
      volumeKey: 'claim:app/data',
      claim: { namespace: 'app', name: 'data' },
    };
    const backup = h.backupJob(node, source, { uploader, report });
    await h.send(node, backup);
    const first = await h.result(backup.jobId);
    expect(first).toMatchObject({ outcome: 'completed', node, direction: 'backup', operation: backup.operation });
    const summary = first.summary;
    expect(summary?.path).toBe(source.path);
    expect(summary?.emptyVolume).toBe(false);
    expect(summary?.totalBytes).toBeGreaterThan(50 * 1024 * 1024);
    expect(summary?.snapshotId).toBeTruthy();

    // What the mover learnt is recorded for volume-info, under its own subject, before the result.
    const contract = h.contracts.messages.volumeInfoRecord;
    const records: { subject: string; facts: unknown }[] = [];
    await readStoredMessages(h.nats, contract, ({ subject, data }) => void records.push({ subject, facts: data.facts }), {
      subjectFilter: contract.subject.filter({ kind: 'backup', uid: report.target.uid }),
    });
    expect(records).toEqual([
      {
        subject: contract.subject.build({ kind: 'backup', uid: report.target.uid, source: 'mover' }),
        facts: {
          nodeName: node,
          uploaderType: uploader,
          startTimestamp: first.startedAt,
          completionTimestamp: first.completedAt,
          result: 'succeeded',
          snapshotHandle: summary?.snapshotId,
          bytes: summary?.totalBytes,
          ...(summary?.incrementalBytes === undefined ? {} : { incrementalBytes: summary.incrementalBytes }),
        },
      },
    ]);

    // Progress: about once a second, bytes never going back, an ETA only with a known total.
    const signals = h.progress.filter((p) => p.jobId === backup.jobId);
    expect(signals.length).toBeGreaterThan(0);
    signals.slice(1).forEach((p, i) => expect(p.bytesDone).toBeGreaterThanOrEqual(signals[i]?.bytesDone ?? 0));
    for (const signal of signals) {
      expect(signal.node).toBe(node);
      if (signal.totalBytes === undefined) expect(signal.etaSeconds).toBeUndefined();
    }

    const target = await h.volume(node);
    const restore = h.restoreJob(target, summary?.snapshotId ?? '', { uploader });
    await h.send(node, restore);
    expect(await h.result(restore.jobId)).toMatchObject({
      outcome: 'completed',
      summary: { snapshotId: summary?.snapshotId, path: target.path },
    });
    const restored = await describeTree(target.path);
    expect(restored).toEqual(await describeTree(source.path));
    expect(Object.keys(restored)).toEqual(expect.arrayContaining(['link-to-large', 'nested/deeper/deepest/empty', 'empty-dir']));

    // Change ~1% of the bytes: new content in every small file (1,000 × 512 B of ~53 MB). Kopia counts
    // the bytes it had to hash (Velero's incremental = total − cached), so rewriting part of the large
    // file would count as the whole file for it.
    const total = summary?.totalBytes ?? 0;
    for (let i = 0; i < 1000; i++) await writeFile(join(source.path, 'small', `d${i % 10}`, `f${i}.txt`), randomBytes(512));
    const second = h.backupJob(node, source, { uploader, jobId: `${backup.jobId}-2` });
    await h.send(node, second);
    const incremental = await h.result(second.jobId);
    expect(incremental.outcome).toBe('completed');
    expect(incremental.summary?.incrementalBytes).toBeGreaterThan(total * 0.005);
    expect(incremental.summary?.incrementalBytes).toBeLessThan(total * 0.05);
    expect(incremental.summary?.snapshotId).not.toBe(summary?.snapshotId);

    // Velero's `parentSnapshot: none` (Backup `backupType: Full`): every file is read again (restic
    // `--force`, kopia `--force-hash=100`); kopia then counts every byte as hashed.
    const full = h.backupJob(node, source, { uploader, jobId: `${backup.jobId}-full`, parentSnapshot: 'none' });
    await h.send(node, full);
    const fullResult = await h.result(full.jobId);
    expect(fullResult.outcome).toBe('completed');
    if (uploader === 'kopia') expect(fullResult.summary?.incrementalBytes).toBeGreaterThan(total * 0.9);
  });
});
