import { gunzipSync } from 'node:zlib';
import { openRestoreLog } from './restore-log';

describe('restore log - logrus lines in a gzip file', () => {
  it('keeps every line in order, across the batches handed to gzip', async () => {
    const log = await openRestoreLog('velero/r1', () => new Date('2026-01-02T03:04:05.000Z'));
    try {
      for (let i = 0; i < 3000; i++) log.write('info', `Restored ${i} items`, { resource: 'configmaps', name: `c ${i}` });
      log.write('warning', 'last');
      const lines = gunzipSync(await log.finish())
        .toString('utf8')
        .split('\n');
      expect(lines).toHaveLength(3002);
      expect(lines[0]).toBe(
        'time="2026-01-02T03:04:05Z" level=info msg="Restored 0 items" name="c 0" resource=configmaps restore=velero/r1',
      );
      expect(lines[2999]).toContain('msg="Restored 2999 items"');
      expect(lines[3000]).toBe('time="2026-01-02T03:04:05Z" level=warning msg=last restore=velero/r1');
      expect(lines[3001]).toBe('');
    } finally {
      await log.dispose();
    }
  });
});
