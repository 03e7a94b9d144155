import { KubeError, KubeErrorCode } from '@ferry/kube';
import type { ItemJson } from '@ferry/restore';
import type { ApiObjectClient, ApiResourceRef } from '../api/api-object-client';
import { StorageClassChecks, loadPluginConfigs } from './restore-plugin-configs';

/** An API client answering `list` and `get` from tables, recording every request. */
function fakeApi(listed: ItemJson[] | Error, existing: ReadonlySet<string>, failing: ReadonlySet<string> = new Set()) {
  const requests: string[] = [];
  const unused = () => Promise.reject(new Error('not used'));
  const api: ApiObjectClient = {
    list: (ref: ApiResourceRef, namespace: string, labelSelector: string) => {
      requests.push(`LIST ${ref.resource} ${namespace} ${labelSelector}`);
      return listed instanceof Error ? Promise.reject(listed) : Promise.resolve(listed);
    },
    get: (ref: ApiResourceRef, _namespace: string, name: string) => {
      requests.push(`GET ${ref.group}/${ref.resource}/${name}`);
      if (failing.has(name)) return Promise.reject(new KubeError(KubeErrorCode.Forbidden, `GET storageclasses/${name}: forbidden`));
      if (existing.has(name)) return Promise.resolve({ metadata: { name } });
      return Promise.reject(new KubeError(KubeErrorCode.NotFound, `GET /apis/storage.k8s.io/v1/storageclasses/${name}: not found`));
    },
    create: unused,
    remove: unused,
    mergePatch: unused,
    replaceStatus: unused,
    requests: () => requests.length,
  };
  return { api, requests };
}
const pluginConfig = (name: string, plugin: string, data: Record<string, string>) => ({
  metadata: { name, labels: { 'velero.io/plugin-config': '', [plugin]: 'RestoreItemAction' } },
  data,
});
const signal = new AbortController().signal;

describe('loadPluginConfigs', () => {
  it('loadPluginConfigs - one LIST by the plugin-config label in Velero namespace gives both plugins', async () => {
    const { api, requests } = fakeApi(
      [pluginConfig('sc', 'velero.io/change-storage-class', { a: 'b' }), pluginConfig('img', 'velero.io/change-image-name', { x: 'y,z' })],
      new Set(),
    );
    expect(await loadPluginConfigs(api, 'velero', signal)).toEqual({
      changeStorageClass: { kind: 'found', data: { a: 'b' } },
      changeImageName: { kind: 'found', data: { x: 'y,z' } },
    });
    expect(requests).toEqual(['LIST configmaps velero velero.io/plugin-config']);
  });

  it('loadPluginConfigs - a failed LIST fails both plugins with its message', async () => {
    const { api } = fakeApi(new Error('configmaps is forbidden'), new Set());
    expect(await loadPluginConfigs(api, 'velero', signal)).toEqual({
      changeStorageClass: { kind: 'failed', message: 'configmaps is forbidden' },
      changeImageName: { kind: 'failed', message: 'configmaps is forbidden' },
    });
  });
});

describe('StorageClassChecks', () => {
  it('StorageClassChecks - each class is asked of the API once per restore', async () => {
    const { api, requests } = fakeApi([], new Set(['fast']), new Set(['locked']));
    const checks = new StorageClassChecks(api, signal);
    expect(Object.fromEntries(await checks.problemsOf(['fast', 'gone', 'fast']))).toEqual({
      fast: undefined,
      gone: 'storageclasses.storage.k8s.io "gone" not found',
    });
    expect(Object.fromEntries(await checks.problemsOf(['gone', 'locked']))).toEqual({
      gone: 'storageclasses.storage.k8s.io "gone" not found',
      locked: 'GET storageclasses/locked: forbidden',
    });
    expect(requests).toEqual([
      'GET storage.k8s.io/storageclasses/fast',
      'GET storage.k8s.io/storageclasses/gone',
      'GET storage.k8s.io/storageclasses/locked',
    ]);
  });
});
