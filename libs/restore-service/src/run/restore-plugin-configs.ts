// The plugin-config ConfigMaps and StorageClasses Velero's ConfigMap-configured restore item
// actions read (ChangeStorageClassAction, ChangeImageNameAction): the ConfigMaps listed once per
// restore in Velero's namespace, each StorageClass a mapping names read at most once per restore.
import { isNotFound } from '@ferry/kube';
import { failedPluginConfigs, pluginConfigLabel, restorePluginConfigsOf, type RestorePluginConfigs } from '@ferry/restore';
import type { ApiObjectClient, ApiResourceRef } from '../api/api-object-client';

const configMaps: ApiResourceRef = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };
const storageClasses: ApiResourceRef = { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses', namespaced: false };

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The plugin-config ConfigMaps in `namespace` (Velero's), from one LIST by the plugin-config
 * label. Never rejects: a failed LIST makes every item the actions apply to fail with its message,
 * as each of Velero's per-item LISTs would have.
 */
export async function loadPluginConfigs(api: ApiObjectClient, namespace: string, signal: AbortSignal): Promise<RestorePluginConfigs> {
  try {
    return restorePluginConfigsOf(await api.list(configMaps, namespace, pluginConfigLabel, signal));
  } catch (error) {
    return failedPluginConfigs(message(error));
  }
}

/** Whether the target's StorageClasses exist, each asked of the API at most once per restore. */
export class StorageClassChecks {
  private readonly checks = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly api: ApiObjectClient,
    private readonly signal: AbortSignal,
  ) {}

  /**
   * For each of `names`: why it cannot be read (the API's message; a missing class reads as
   * Kubernetes words it), undefined when it exists. Never rejects.
   */
  async problemsOf(names: readonly string[]): Promise<ReadonlyMap<string, string | undefined>> {
    return new Map(await Promise.all(names.map(async (name) => [name, await this.problemOf(name)] as const)));
  }

  private problemOf(name: string): Promise<string | undefined> {
    let check = this.checks.get(name);
    if (!check) {
      check = this.api.get(storageClasses, '', name, this.signal).then(
        () => undefined,
        (error: unknown) => (isNotFound(error) ? `storageclasses.storage.k8s.io "${name}" not found` : message(error)),
      );
      this.checks.set(name, check);
    }
    return check;
  }
}
