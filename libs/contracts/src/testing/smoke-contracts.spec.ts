import { createFerryContracts, ferryContracts } from '../ferry-contracts';
import { createSmokeContracts } from './smoke-contracts';

const { smokeJob, smokeSignal, smokePing } = createSmokeContracts(ferryContracts).messages;

function issuePaths(result: { success: boolean; error?: { issues: readonly { path: readonly PropertyKey[] }[] } }): string[] {
  return (result.error?.issues ?? []).map((i) => i.path.map(String).join('.'));
}

describe('smoke-contracts - schemas', () => {
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

describe('smoke-contracts - registry', () => {
  it('keeps smoke contracts out of the production registry', () => {
    expect(Object.keys(ferryContracts.messages).filter((name) => name.startsWith('smoke'))).toEqual([]);
    expect(Object.keys(ferryContracts.consumers)).not.toContain('smoke');
  });

  it("builds them in the registry's namespace, on its WORK stream", () => {
    const isolated = createFerryContracts({ namespace: 't-1' });
    const smoke = createSmokeContracts(isolated);
    expect(smoke.messages.smokeJob.subject.build({ lane: 'x' })).toBe('t-1.job.smoke.v1.x');
    expect(smoke.messages.smokeJob.stream).toBe(isolated.streams.work);
    expect(smoke.consumers.smoke('l')).toMatchObject({ durableName: 'smoke-jobs-l', filterSubjects: ['t-1.job.smoke.v1.l'] });
    expect(() => smoke.consumers.smoke('l', { ackWaitMs: 0 })).toThrow(/ackWaitMs/);
  });
});
