import { selectDataMover } from './data-mover-selector';
import type { VolumeDecision } from './decision-reason';
import { shouldPerformSnapshot } from './snapshot-decider';
import { aBackup, aPv, policies, when } from './testing';

describe('data mover selection ([newest])', () => {
  const decide = (set: ReturnType<typeof policies> | undefined): VolumeDecision =>
    shouldPerformSnapshot({ ...(set ? { policies: set } : {}), backup: aBackup(), subject: { kind: 'pv', pv: aPv('p') } });

  it.each<[string, ReturnType<typeof policies> | undefined, string | undefined, string, string]>([
    ['policy parameter', policies(when({}, 'snapshot', { dataMover: 'velero-block' })), 'velero', 'velero-block', 'volume-policy'],
    ['"" parameter is kept as written', policies(when({}, 'snapshot', { dataMover: '' })), 'velero', '', 'volume-policy'],
    ['snapshot policy without the parameter', policies(when({}, 'snapshot')), 'velero-fs', 'velero-fs', 'backup-spec'],
    ['no policy match', undefined, 'velero-block', 'velero-block', 'backup-spec'],
    ['nothing set', undefined, undefined, '', 'backup-spec'],
  ])('%s', (_name, set, datamover, dataMover, source) => {
    expect(selectDataMover(decide(set), aBackup({ datamover }))).toEqual({ dataMover, source });
  });
});
