import { checkBody, checkPlanBody, evaluateBodySchema, validateBodySchema } from './request-schemas';

describe('request schemas - validate and evaluate bodies', () => {
  it('accepts a document', () => {
    expect(checkBody(validateBodySchema, { document: 'version: v1' })).toEqual({ ok: true, value: { document: 'version: v1' } });
  });

  it.each<[string, unknown, { path: string; message: RegExp }[]]>([
    ['a body that is not an object', 'version: v1', [{ path: '(root)', message: /JSON object/ }]],
    ['a missing document', {}, [{ path: 'document', message: /required field is missing/ }]],
    ['a document of the wrong type', { document: 1 }, [{ path: 'document', message: /expected string, received number 1/ }]],
    ['an unknown field', { document: '', extra: true }, [{ path: 'extra', message: /unknown field/ }]],
  ])('rejects %s naming the field', (_name, body, expected) => {
    const check = checkBody(validateBodySchema, body);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.issues).toEqual(expected.map((e) => ({ path: e.path, message: expect.stringMatching(e.message) })));
  });

  it('accepts loose Kubernetes objects in a dry run', () => {
    const body = {
      document: 'version: v1',
      volumes: [
        {
          name: 'a',
          pv: { metadata: { name: 'pv', uid: 'x' }, spec: { capacity: { storage: '1Gi' }, csi: { driver: 'd', volumeHandle: 'h' } } },
        },
      ],
    };
    expect(checkBody(evaluateBodySchema, body).ok).toBe(true);
  });

  it.each<[string, unknown, string]>([
    ['no volumes', { document: '', volumes: [] }, 'volumes'],
    ['a volume without pv, pvc or podVolume', { document: '', volumes: [{ name: 'x' }] }, 'volumes[0]'],
    [
      'a capacity that is not a map of strings',
      { document: '', volumes: [{ pv: { spec: { capacity: { storage: 5 } } } }] },
      'volumes[0].pv.spec.capacity.storage',
    ],
    [
      'pvc labels that are not strings',
      { document: '', volumes: [{ pvc: { metadata: { labels: { a: 1 } } } }] },
      'volumes[0].pvc.metadata.labels.a',
    ],
    ['a pod volume without a name', { document: '', volumes: [{ podVolume: { emptyDir: {} } }] }, 'volumes[0].podVolume.name'],
    ['an unknown field of a volume', { document: '', volumes: [{ pvc: {}, pod: {} }] }, 'volumes[0].pod'],
  ])('rejects %s at %s', (_name, body, path) => {
    const check = checkBody(evaluateBodySchema, body);
    expect(check.ok ? [] : check.issues.map((i) => i.path)).toContain(path);
  });
});

describe('request schemas - plan bodies', () => {
  it('takes a reference', () => {
    expect(checkPlanBody({ namespace: 'velero', name: 'b' })).toEqual({ ok: true, value: { namespace: 'velero', name: 'b' } });
  });

  it('takes an inline backup', () => {
    const backup = { metadata: { name: 'b' }, spec: { includedNamespaces: ['a'] } };
    expect(checkPlanBody({ backup })).toEqual({ ok: true, value: { backup } });
  });

  it.each<[string, unknown, string]>([
    ['a reference without name', { namespace: 'velero' }, 'name'],
    ['a reference with an empty namespace', { namespace: '', name: 'b' }, 'namespace'],
    ['an inline backup without metadata', { backup: { spec: {} } }, 'backup.metadata'],
    [
      'an inline backup with a bad field',
      { backup: { metadata: { name: 'b' }, spec: { snapshotVolumes: 'yes' } } },
      'backup.spec.snapshotVolumes',
    ],
    ['both forms at once', { backup: { metadata: {} }, name: 'b' }, 'name'],
  ])('rejects %s at %s', (_name, body, path) => {
    const check = checkPlanBody(body);
    expect(check.ok ? [] : check.issues.map((i) => i.path)).toContain(path);
  });
});
