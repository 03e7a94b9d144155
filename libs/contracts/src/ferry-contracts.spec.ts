import { contractRegistryProblems } from './contract-registry-check';
import { defineConsumer } from './consumer-definition';
import { InvalidDefinitionError, InvalidNameError } from './errors';
import { createFerryContracts, ferryContracts } from './ferry-contracts';
import { defineCoreContract, defineJetStreamContract } from './message-contract';
import { moveJobSchema } from './move-messages';
import { subjectsOverlap } from './subject-match';
import { subjectTemplate } from './subject-template';
import { createSmokeContracts } from './testing/smoke-contracts';
import { isSubjectToken } from './subject-token';

describe('ferry-contracts - registry', () => {
  const { subjects, streams, messages, consumers } = ferryContracts;

  it('spells every subject from valid tokens', () => {
    for (const template of Object.values(subjects)) {
      for (const token of template.wildcard.split('.')) expect(token === '*' || isSubjectToken(token)).toBe(true);
      expect(template.pattern.startsWith('ferry.')).toBe(true);
      expect(template.pattern).toMatch(/\.v\d+(\.|$)/);
    }
  });

  it('gives no two subjects (hence no two contracts) a common subject', () => {
    const all = Object.values(subjects);
    for (const [i, a] of all.entries()) {
      for (const b of all.slice(i + 1)) expect(subjectsOverlap(a.wildcard, b.wildcard)).toBe(false);
    }
    expect(new Set(Object.values(messages).map((m) => m.subject.pattern)).size).toBe(Object.keys(messages).length);
  });

  it('finds no registry problems', () => {
    expect(contractRegistryProblems({ subjects, streams, messages })).toEqual([]);
  });

  it('reports a contract that shares a subject, and a core subject a stream would capture', () => {
    const clash = defineJetStreamContract({
      name: 'other.job',
      version: 1,
      subject: subjects.moveJob,
      stream: streams.work,
      schema: moveJobSchema,
    });
    const captured = defineCoreContract({
      name: 'bad.signal',
      version: 1,
      subject: subjectTemplate(['ferry.job.bad.v1']),
      schema: moveJobSchema,
    });
    const problems = contractRegistryProblems({
      subjects: { ...subjects, clash: clash.subject, captured: captured.subject },
      streams,
      messages: { ...messages, clash, captured },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/subjects moveJob .* and clash .* overlap/),
        expect.stringMatching(/core contract captured .* is captured by stream FERRY_WORK/),
      ]),
    );
  });

  it('defines the streams with their retention', () => {
    expect(streams.work).toMatchObject({ name: 'FERRY_WORK', retention: 'workqueue', storage: 'file', subjects: ['ferry.job.>'] });
    expect(streams.events).toMatchObject({ name: 'FERRY_EVENTS', retention: 'limits', subjects: ['ferry.event.>'] });
  });

  it('gives each mover a durable filtered to its own node, capped at its load concurrency', () => {
    const mover = consumers.mover('ip-10-0-1-2.ec2.internal', 3);
    expect(mover).toMatchObject({
      durableName: 'mover-jobs-ip-10-0-1-2_ec2_internal',
      filterSubjects: ['ferry.job.move.v1.ip-10-0-1-2_ec2_internal'],
      maxAckPending: 3,
    });
    expect(() => consumers.mover('node*', 1)).toThrow(/not a Kubernetes node name/);
  });

  it('keeps work-queue consumer filters disjoint (the server requires it)', () => {
    const filters = [
      consumers.exposer(),
      consumers.mover('a', 1),
      consumers.mover('b', 1),
      createSmokeContracts(ferryContracts).consumers.smoke('l'),
    ].flatMap((c) => c.filterSubjects);
    for (const [i, a] of filters.entries()) for (const b of filters.slice(i + 1)) expect(subjectsOverlap(a, b)).toBe(false);
  });

  it('isolates a namespace: other stream names, other subjects, no overlap with production', () => {
    const isolated = createFerryContracts({ namespace: 't-1' });
    expect(isolated.streams.work.name).toBe('T_1_WORK');
    expect(isolated.messages.moveJob.subject.build({ node: 'x' })).toBe('t-1.job.move.v1.x');
    expect(subjectsOverlap(isolated.streams.work.subjects[0] ?? '', streams.work.subjects[0] ?? '')).toBe(false);
    expect(() => createFerryContracts({ namespace: 'Bad.NS' })).toThrow(InvalidNameError);
  });

  it('rejects a consumer filter outside its stream and non-positive limits', () => {
    const base = { stream: streams.work, durableName: 'x', description: 'x', ackWaitMs: 1000, maxDeliver: 1, maxAckPending: 1 };
    expect(() => defineConsumer({ ...base, filterSubjects: ['ferry.event.>'] })).toThrow(InvalidDefinitionError);
    expect(() => defineConsumer({ ...base, filterSubjects: ['ferry.job.x'], maxAckPending: 0 })).toThrow(/maxAckPending/);
    expect(() => consumers.exposer({ ackWaitMs: 0 })).toThrow(/ackWaitMs/);
  });

  it('rejects a JetStream contract its stream does not capture', () => {
    expect(() =>
      defineJetStreamContract({ name: 'x.job', version: 1, subject: subjects.moveResult, stream: streams.work, schema: moveJobSchema }),
    ).toThrow(/does not capture ferry\.event\.move\.v1\.result/);
  });
});
