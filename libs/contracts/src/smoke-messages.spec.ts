import { ferryContracts } from './ferry-contracts';

const { smokeJob, smokeSignal, smokePing } = ferryContracts.messages;

function issuePaths(result: { success: boolean; error?: { issues: readonly { path: readonly PropertyKey[] }[] } }): string[] {
  return (result.error?.issues ?? []).map((i) => i.path.map(String).join('.'));
}

describe('smoke-messages - schemas', () => {
  it('accepts a well-formed smoke job and strips unknown fields', () => {
    const parsed = smokeJob.schema.parse({ id: 'a', sentAt: '2026-11-21T10:00:00Z', extra: 1 });
    expect(parsed).toEqual({ id: 'a', sentAt: '2026-11-21T10:00:00Z' });
  });

  it.each([
    [{ sentAt: '2026-11-21T10:00:00Z' }, 'id'],
    [{ id: '', sentAt: '2026-11-21T10:00:00Z' }, 'id'],
    [{ id: 'a', sentAt: 'yesterday' }, 'sentAt'],
    [{ id: 'a', sentAt: '2026-11-21T10:00:00Z', note: 7 }, 'note'],
  ])('rejects smoke job %j at path %s', (payload, path) => {
    const result = smokeJob.schema.safeParse(payload);
    expect(result.success).toBe(false);
    expect(issuePaths(result)).toContain(path);
  });

  it('rejects malformed signals, ping requests and replies', () => {
    expect(issuePaths(smokeSignal.schema.safeParse({ id: 'a', seq: -1 }))).toEqual(['seq']);
    expect(issuePaths(smokeSignal.schema.safeParse({ id: 'a', seq: 1.5 }))).toEqual(['seq']);
    expect(smokePing.schema.safeParse('ping').success).toBe(false);
    expect(issuePaths(smokePing.replySchema.safeParse({ id: 'a' }))).toEqual(['responder']);
  });

  it('declares delivery and version on every contract', () => {
    expect([smokeJob.delivery, smokeSignal.delivery, smokePing.delivery]).toEqual(['jetstream', 'core', 'request']);
    expect([smokeJob.version, smokeSignal.version, smokePing.version]).toEqual([1, 1, 1]);
    expect(smokePing.queueGroup).toBe('smoke-ping');
  });
});
