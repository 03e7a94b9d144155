import type { DataMoverClass } from '@ferry/api';
import {
  DataMoverClassKey,
  dataMoverClassClaims,
  isDefaultDataMoverClass,
  selectDataMoverClass,
  type ClaimForClassSelection,
} from './data-mover-class-selection';

function moverClass(name: string, spec: Partial<DataMoverClass['spec']> = {}, isDefault = false): DataMoverClass {
  return {
    apiVersion: 'datamover.oadp.openshift.io/v1alpha1',
    kind: 'DataMoverClass',
    metadata: { name, ...(isDefault ? { annotations: { [DataMoverClassKey.IsDefaultClass]: 'true' } } : {}) },
    spec: { mover: 'ferry', datamover: name, ...spec },
  };
}

const kopia = moverClass('ferry-kopia', { dataMoverConfig: { uploaderType: 'kopia' } }, true);
const restic = moverClass('ferry-restic', { dataMoverConfig: { uploaderType: 'restic' } });
const fast = moverClass('fast-class', { storageClassNames: ['fast'] });
const tier = moverClass('tier-db', { pvcSelector: { matchLabels: { tier: 'db' } } });
const acme = moverClass('acme', { mover: 'acme', datamover: 'acme' });
const all = [restic, kopia, fast, tier, acme];

const claim = (overrides: Partial<ClaimForClassSelection> = {}): ClaimForClassSelection => ({
  namespace: 'app',
  name: 'data',
  storageClassName: 'standard',
  ...overrides,
});

describe('data mover class selection - tag, criteria, default', () => {
  it.each<[string, ClaimForClassSelection, string, string]>([
    ['untagged → default', claim(), 'ferry-kopia', 'default'],
    ['label names a class', claim({ labels: { [DataMoverClassKey.Class]: 'ferry-restic' } }), 'ferry-restic', 'label'],
    ['annotation names a class', claim({ annotations: { [DataMoverClassKey.Class]: 'acme' } }), 'acme', 'annotation'],
    [
      'label wins over annotation',
      claim({ labels: { [DataMoverClassKey.Class]: 'acme' }, annotations: { [DataMoverClassKey.Class]: 'ferry-restic' } }),
      'acme',
      'label',
    ],
    [
      'tag beats criteria',
      claim({ storageClassName: 'fast', labels: { [DataMoverClassKey.Class]: 'ferry-restic' } }),
      'ferry-restic',
      'label',
    ],
    ['storage class criteria', claim({ storageClassName: 'fast' }), 'fast-class', 'selector'],
    ['label selector criteria', claim({ labels: { tier: 'db' } }), 'tier-db', 'selector'],
    ['several claim → first by name', claim({ storageClassName: 'fast', labels: { tier: 'db' } }), 'fast-class', 'selector'],
    ['tag value is trimmed', claim({ labels: { [DataMoverClassKey.Class]: ' acme ' } }), 'acme', 'label'],
  ])('%s', (_title, pvc, expected, source) => {
    const selection = selectDataMoverClass(pvc, all);
    expect(selection).toMatchObject({ ok: true, source });
    if (selection.ok) expect(selection.dataMoverClass.metadata?.name).toBe(expected);
  });

  it('a tag naming no class is an error naming the PVC, the key and the class', () => {
    const selection = selectDataMoverClass(claim({ labels: { [DataMoverClassKey.Class]: 'nope' } }), all);
    expect(selection.ok).toBe(false);
    if (!selection.ok)
      expect(selection.message).toMatch(/PVC app\/data names DataMoverClass "nope" in its label datamover\.oadp\.openshift\.io\/class/);
  });

  it('no default and nothing claims → error telling how to fix it', () => {
    const selection = selectDataMoverClass(claim(), [restic, fast]);
    expect(selection.ok).toBe(false);
    if (!selection.ok) expect(selection.message).toContain(DataMoverClassKey.IsDefaultClass);
  });

  it('several defaults → the first by name', () => {
    const other = moverClass('a-default', {}, true);
    const selection = selectDataMoverClass(claim(), [kopia, other]);
    expect(selection.ok && selection.dataMoverClass.metadata?.name).toBe('a-default');
  });

  it('classes without criteria never claim by selector (only as default)', () => {
    expect(selectDataMoverClass(claim(), [restic]).ok).toBe(false);
  });

  it('an invalid selector claims nothing', () => {
    const broken = moverClass('broken', { pvcSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: [] }] } });
    expect(dataMoverClassClaims(broken, claim({ labels: { tier: 'db' } }))).toBe(false);
  });

  it('default annotation is "true", case-insensitive', () => {
    expect(isDefaultDataMoverClass(kopia)).toBe(true);
    expect(isDefaultDataMoverClass(restic)).toBe(false);
    expect(
      isDefaultDataMoverClass({ ...restic, metadata: { name: 'x', annotations: { [DataMoverClassKey.IsDefaultClass]: 'True' } } }),
    ).toBe(true);
    expect(
      isDefaultDataMoverClass({ ...restic, metadata: { name: 'x', annotations: { [DataMoverClassKey.IsDefaultClass]: 'false' } } }),
    ).toBe(false);
  });
});
