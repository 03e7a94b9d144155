import { FerryService } from './contract-usage';
import { createFerryContracts } from './ferry-contracts';
import { natsContractsUsed, natsIdentities, natsInboxPrefix, natsPermissions, natsUserName, type NatsIdentity } from './nats-permissions';
import { subjectMatches } from './subject-match';

const contracts = createFerryContracts();
const { subjects } = contracts;
const moverA: NatsIdentity = { service: FerryService.Mover, node: 'node-a' };
const moverB: NatsIdentity = { service: FerryService.Mover, node: 'node-b' };
const controller: NatsIdentity = { service: FerryService.Controller };
const exposer: NatsIdentity = { service: FerryService.Exposer };
const everyone = natsIdentities(['node-a', 'node-b']);

const mayPublish = (identity: NatsIdentity, subject: string): boolean =>
  natsPermissions(contracts, identity).publish.some((allowed) => subjectMatches(allowed, subject));
const maySubscribe = (identity: NatsIdentity, subject: string): boolean =>
  natsPermissions(contracts, identity).subscribe.some((allowed) => subjectMatches(allowed, subject));

const jobs = [
  subjects.exposeJob.build({}),
  subjects.exposeCleanupJob.build({}),
  subjects.exposeCompleteRestoreJob.build({}),
  subjects.moveJob.build({ node: 'node-a' }),
  subjects.moveJob.build({ node: 'node-b' }),
];

describe('natsPermissions', () => {
  it.each(everyone.filter((i) => i.service !== FerryService.Controller).map((i) => [natsUserName('ferry', i), i] as const))(
    'only the controller publishes jobs: %s publishes none',
    (_name, identity) => {
      for (const job of jobs) expect(mayPublish(identity, job)).toBe(false);
    },
  );

  it('lets the controller publish every job, never a mover result or progress', () => {
    for (const job of jobs) expect(mayPublish(controller, job)).toBe(true);
    expect(mayPublish(controller, subjects.moveResult.build({ node: 'node-a', job: 'du-1' }))).toBe(false);
    expect(mayPublish(controller, subjects.moveProgress.build({ node: 'node-a' }))).toBe(false);
    expect(mayPublish(controller, subjects.exposeResult.build({}))).toBe(false);
  });

  it.each([
    ['its own progress', subjects.moveProgress.build({ node: 'node-a' }), true],
    ["another node's progress", subjects.moveProgress.build({ node: 'node-b' }), false],
    ["the result of its own node's job", subjects.moveResult.build({ node: 'node-a', job: 'du-1' }), true],
    ["the result of another node's job", subjects.moveResult.build({ node: 'node-b', job: 'du-1' }), false],
    ['a repository claim', subjects.repositoryClaim.build({ key: 'k1' }), true],
    ['an expose result', subjects.exposeResult.build({}), false],
    ['a move cancel', subjects.moveCancel.build({ job: 'du-1' }), false],
    ['its own volume-info record', subjects.volumeInfoRecord.build({ kind: 'backup', uid: 'u-1', source: 'mover' }), true],
    ["the controller's volume-info record", subjects.volumeInfoRecord.build({ kind: 'backup', uid: 'u-1', source: 'controller' }), false],
    ['pull from its own consumer', '$JS.API.CONSUMER.MSG.NEXT.FERRY_WORK.mover-jobs-node-a', true],
    ["pull from another node's consumer", '$JS.API.CONSUMER.MSG.NEXT.FERRY_WORK.mover-jobs-node-b', false],
    ["create its consumer on another node's jobs", '$JS.API.CONSUMER.CREATE.FERRY_WORK.mover-jobs-node-a.ferry.job.move.v1.node-b', false],
    ['create its consumer without the filter in the subject', '$JS.API.CONSUMER.CREATE.FERRY_WORK.mover-jobs-node-a', false],
    ['ack its own deliveries', '$JS.ACK.FERRY_WORK.mover-jobs-node-a.1.2.3.4.5', true],
    ["ack another node's deliveries", '$JS.ACK.FERRY_WORK.mover-jobs-node-b.1.2.3.4.5', false],
    ['read stored events', '$JS.API.STREAM.MSG.GET.FERRY_EVENTS', true],
    ['read stored jobs', '$JS.API.STREAM.MSG.GET.FERRY_WORK', false],
    ['delete a stream', '$JS.API.STREAM.DELETE.FERRY_WORK', false],
  ])('a mover publishes %s: %s', (_what, subject, allowed) => {
    expect(mayPublish(moverA, subject)).toBe(allowed);
  });

  it("keeps a mover's subscriptions to cancels, its own inbox and no job subject", () => {
    expect(maySubscribe(moverA, subjects.moveCancel.build({ job: 'du-1' }))).toBe(true);
    expect(maySubscribe(moverA, `${natsInboxPrefix(natsUserName('ferry', moverA))}.abc`)).toBe(true);
    expect(maySubscribe(moverA, `${natsInboxPrefix(natsUserName('ferry', moverB))}.abc`)).toBe(false);
    expect(maySubscribe(moverA, subjects.moveJob.build({ node: 'node-b' }))).toBe(false);
    expect(maySubscribe(moverA, subjects.moveJob.build({ node: 'node-a' }))).toBe(false);
  });

  it("pins the exposer's durable to the expose jobs; the controller's two-filter one goes through the durable API", () => {
    expect(mayPublish(exposer, '$JS.API.CONSUMER.CREATE.FERRY_WORK.exposer-jobs.ferry.job.expose.v1.*')).toBe(true);
    expect(mayPublish(exposer, '$JS.API.CONSUMER.CREATE.FERRY_WORK.exposer-jobs.ferry.job.move.v1.*')).toBe(false);
    expect(mayPublish(exposer, '$JS.API.CONSUMER.DURABLE.CREATE.FERRY_WORK.exposer-jobs')).toBe(false);
    expect(mayPublish(controller, '$JS.API.CONSUMER.DURABLE.CREATE.FERRY_EVENTS.controller-events')).toBe(true);
    expect(mayPublish(moverA, '$JS.API.CONSUMER.DURABLE.CREATE.FERRY_WORK.mover-jobs-node-a')).toBe(false);
  });

  it('lets the exposer publish only expose results and its own volume-info records among Ferry subjects', () => {
    const own = natsPermissions(contracts, exposer).publish.filter((s) => s.startsWith('ferry.'));
    expect(own).toEqual([subjects.exposeResult.wildcard, 'ferry.event.volumeinfo.v1.record.*.*.exposer']);
  });

  it.each([
    [controller, 'controller'],
    [exposer, 'exposer'],
    [moverA, 'mover'],
  ] as const)('lets %j publish volume-info records only as %s', (identity, own) => {
    for (const source of ['controller', 'exposer', 'mover']) {
      const subject = subjects.volumeInfoRecord.build({ kind: 'backup', uid: 'u-1', source });
      expect([source, mayPublish(identity, subject)]).toEqual([source, source === own]);
    }
  });

  it('lets volume-info look records up but publish none', () => {
    const volumeInfo = { service: FerryService.VolumeInfo } as NatsIdentity;
    expect(mayPublish(volumeInfo, '$JS.API.STREAM.MSG.GET.FERRY_EVENTS')).toBe(true);
    expect(mayPublish(volumeInfo, subjects.volumeInfoRecord.build({ kind: 'backup', uid: 'u-1', source: 'controller' }))).toBe(false);
    expect(natsPermissions(contracts, volumeInfo).publish.some((s) => s.includes('CONSUMER'))).toBe(false);
  });

  it.each([
    [FerryService.Controller, false],
    [FerryService.Exposer, true],
    [FerryService.Policy, true],
    [FerryService.VolumeInfo, true],
  ] as const)('allows responses for %s: %s (it serves requests)', (service, allowed) => {
    expect(natsPermissions(contracts, { service } as NatsIdentity).allowResponses).toBe(allowed);
  });

  it('follows the contract namespace', () => {
    const isolated = createFerryContracts({ namespace: 't01' });
    const publish = natsPermissions(isolated, moverA).publish;
    expect(publish).toContain('t01.signal.move.v1.progress.node-a');
    expect(publish).toContain('$JS.API.CONSUMER.MSG.NEXT.T01_WORK.mover-jobs-node-a');
    expect(publish.some((s) => s.startsWith('ferry.'))).toBe(false);
  });

  it('names users and inboxes per namespace, service and node', () => {
    expect(natsUserName('ferry', moverA)).toBe('ferry-mover-node-a');
    expect(natsUserName('t01', controller)).toBe('t01-controller');
    expect(natsInboxPrefix('t01-controller')).toBe('_INBOX.t01-controller');
    expect(everyone.map((i) => natsUserName('ferry', i))).toEqual([
      'ferry-controller',
      'ferry-exposer',
      'ferry-policy',
      'ferry-volume-info',
      'ferry-mover-node-a',
      'ferry-mover-node-b',
    ]);
  });
});

describe('natsContractsUsed', () => {
  it.each([
    [moverA, ['moveJob', 'moveResult', 'moveCancel', 'repositoryClaim', 'moveProgress', 'repositoryDeleteSnapshots', 'volumeInfoRecord']],
    [exposer, ['exposeJob', 'exposeCleanupJob', 'exposeCompleteRestoreJob', 'exposeResult', 'exposeDiagnose', 'volumeInfoRecord']],
    [{ service: FerryService.Policy } as NatsIdentity, ['policyEvaluate']],
  ])('counts what %j names in the usage table and what its consumers deliver', (identity, keys) => {
    expect(natsContractsUsed(contracts, identity)).toEqual(keys);
  });
});
