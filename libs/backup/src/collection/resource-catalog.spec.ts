import { aResource } from '../testing/catalog-builder';
import { buildResourceCatalog, type DiscoveredGroup } from './resource-catalog';

const groups: DiscoveredGroup[] = [
  {
    name: '',
    preferredVersion: 'v1',
    versions: [
      {
        version: 'v1',
        resources: [
          aResource('configmaps', 'ConfigMap', true, ['cm']),
          aResource('pods/log', 'Pod', true),
          aResource('persistentvolumes', 'PersistentVolume', false),
          aResource('pods', 'Pod', true),
        ],
      },
    ],
  },
  {
    name: 'extensions',
    preferredVersion: 'v1beta1',
    versions: [{ version: 'v1beta1', resources: [aResource('deployments', 'Deployment', true)] }],
  },
  {
    name: 'example.io',
    preferredVersion: 'v2',
    versions: [
      { version: 'v2', resources: [aResource('widgets', 'Widget', true)] },
      { version: 'v1', resources: [aResource('widgets', 'Widget', true), aResource('gizmos', 'Gizmo', false)] },
    ],
  },
  {
    name: 'readonly.io',
    preferredVersion: 'v1',
    versions: [{ version: 'v1', resources: [{ name: 'views', kind: 'View', namespaced: true, verbs: ['list', 'get'] }] }],
  },
];

describe('resource catalog - Velero’s discovery helper', () => {
  const catalog = buildResourceCatalog(groups);

  it('orders the core group pods, PVs, rest; the extensions group last; skips subresources and types without list/create/get/delete', () => {
    expect(catalog.resources.map((r) => `${r.groupResource}@${r.version}`)).toEqual([
      'pods@v1',
      'persistentvolumes@v1',
      'configmaps@v1',
      'widgets.example.io@v2',
      'gizmos.example.io@v1',
      'deployments.extensions@v1beta1',
    ]);
  });

  it.each<[string, string | undefined]>([
    ['configmaps', 'configmaps'],
    ['ConfigMap', 'configmaps'],
    ['cm', 'configmaps'],
    ['widget', 'widgets.example.io'],
    ['widgets.example.io', 'widgets.example.io'],
    ['widgets.other.io', undefined],
    ['*.example.io', undefined],
  ])('resolves %j to %j', (name, expected) => {
    expect(catalog.resolve(name)?.groupResource).toBe(expected);
  });
});

// Velero's TestSortCoreGroup: pods, PVCs, PVs first, the rest of the core group in the server's order.
describe('resource catalog - core group order (TestSortCoreGroup)', () => {
  it('puts pods, persistentvolumeclaims, persistentvolumes ahead of the rest', () => {
    const core: DiscoveredGroup = {
      name: '',
      preferredVersion: 'v1',
      versions: [
        {
          version: 'v1',
          resources: [
            aResource('persistentvolumes', 'PersistentVolume', false),
            aResource('configmaps', 'ConfigMap', true),
            aResource('antelopes', 'Antelope', true),
            aResource('persistentvolumeclaims', 'PersistentVolumeClaim', true),
            aResource('pods', 'Pod', true),
          ],
        },
      ],
    };
    expect(buildResourceCatalog([core]).resources.map((r) => r.resource)).toEqual([
      'pods',
      'persistentvolumeclaims',
      'persistentvolumes',
      'configmaps',
      'antelopes',
    ]);
  });
});
