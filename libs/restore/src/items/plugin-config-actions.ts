// Velero's restore item actions configured by a plugin-config ConfigMap in Velero's namespace:
// ChangeStorageClassAction (pkg/restore/actions/change_storageclass_action.go) and
// ChangeImageNameAction (change_image_name_action.go), with the ConfigMap chosen as
// `GetPluginConfig` (pkg/plugin/framework/common/plugin_config.go) chooses it. The ConfigMaps are
// listed once per restore and the target's StorageClasses checked by the caller. Pure.
import { asObject, nameOf, nestedValue, stringMapOf, type ItemJson } from './item-json';
import { accessorError, nestedSlice } from './unstructured-access';
import type { ActionOutput } from './workload-actions';

/** The plugins configured by a ConfigMap, by the label key that selects their ConfigMap. */
export const PluginConfigName = {
  ChangeStorageClass: 'velero.io/change-storage-class',
  ChangeImageName: 'velero.io/change-image-name',
} as const;
export type PluginConfigName = (typeof PluginConfigName)[keyof typeof PluginConfigName];

/** The label every plugin-config ConfigMap carries (any value). */
export const pluginConfigLabel = 'velero.io/plugin-config';

/** Velero's `PluginConfigLabelSelector` for a restore item action's ConfigMap. Pure. */
export function pluginConfigSelector(name: PluginConfigName): string {
  return `${pluginConfigLabel},${name}=RestoreItemAction`;
}

/** One plugin's ConfigMap as found in Velero's namespace. */
export type PluginConfig =
  /** No ConfigMap carries the plugin's labels: the action leaves items unchanged. */
  | { readonly kind: 'none' }
  | { readonly kind: 'found'; readonly data: Readonly<Record<string, string>> }
  /** The LIST failed or more than one ConfigMap matched: every item the action applies to fails with `message`. */
  | { readonly kind: 'failed'; readonly message: string };

/** The plugin-config ConfigMaps of one restore. */
export interface RestorePluginConfigs {
  readonly changeStorageClass: PluginConfig;
  readonly changeImageName: PluginConfig;
}

/** No plugin-config ConfigMaps. */
export const noPluginConfigs: RestorePluginConfigs = { changeStorageClass: { kind: 'none' }, changeImageName: { kind: 'none' } };

/**
 * `GetPluginConfig` of plugin `name` over the ConfigMaps listed by `pluginConfigLabel` (in the
 * API's order): the ones whose `name` label is `RestoreItemAction`. Pure.
 */
export function choosePluginConfig(name: PluginConfigName, configMaps: readonly ItemJson[]): PluginConfig {
  const matching = configMaps.filter((configMap) => {
    const labels = stringMapOf(configMap, 'labels') ?? {};
    return Object.hasOwn(labels, pluginConfigLabel) && labels[name] === 'RestoreItemAction';
  });
  const [only, ...others] = matching;
  if (!only) return { kind: 'none' };
  if (others.length > 0)
    return {
      kind: 'failed',
      message: `found more than one ConfigMap matching label selector "${pluginConfigSelector(name)}": [${matching.map(nameOf).join(' ')}]`,
    };
  const data = asObject(only['data']) ?? {};
  return {
    kind: 'found',
    data: Object.fromEntries(Object.entries(data).filter((entry): entry is [string, string] => typeof entry[1] === 'string')),
  };
}

/** Both plugins' configs from the ConfigMaps listed by `pluginConfigLabel` (one LIST per restore). Pure. */
export function restorePluginConfigsOf(configMaps: readonly ItemJson[]): RestorePluginConfigs {
  return {
    changeStorageClass: choosePluginConfig(PluginConfigName.ChangeStorageClass, configMaps),
    changeImageName: choosePluginConfig(PluginConfigName.ChangeImageName, configMaps),
  };
}

/** Both plugins failing with `message` (the LIST failed, as each action's own LIST would have). */
export function failedPluginConfigs(message: string): RestorePluginConfigs {
  return { changeStorageClass: { kind: 'failed', message }, changeImageName: { kind: 'failed', message } };
}

/** The mappings of a config, or undefined when the action has nothing to do; throws a failed config's error. */
function mappingsOf(config: PluginConfig): Readonly<Record<string, string>> | undefined {
  if (config.kind === 'failed') throw new Error(config.message);
  return config.kind === 'found' && Object.keys(config.data).length > 0 ? config.data : undefined;
}

/** The storage classes of a PV, PVC (`spec.storageClassName`) or StatefulSet (its claim templates'). */
function storageClassesOf(item: ItemJson): unknown[] {
  if (item['kind'] !== 'StatefulSet') return [nestedValue(item, 'spec', 'storageClassName')];
  const templates = nestedValue(item, 'spec', 'volumeClaimTemplates');
  return Array.isArray(templates) ? templates.map((template) => nestedValue(template, 'spec', 'storageClassName')) : [];
}

/** The class `storageClass` maps to, or undefined when it is empty or has no mapping. */
function mappedClass(storageClass: unknown, mappings: Readonly<Record<string, string>>): string | undefined {
  return typeof storageClass === 'string' && storageClass !== '' && Object.hasOwn(mappings, storageClass)
    ? mappings[storageClass]
    : undefined;
}

/** The resources ChangeStorageClassAction applies to (`group.resource` form). */
export const changeStorageClassResources: ReadonlySet<string> = new Set([
  'persistentvolumeclaims',
  'persistentvolumes',
  'statefulsets.apps',
]);

/**
 * The StorageClasses the change-storage-class action will look up for `item` of `groupResource`
 * (the caller checks each in the target cluster before preparing the item). Pure.
 */
export function mappedStorageClasses(item: ItemJson, groupResource: string, config: PluginConfig): string[] {
  if (!changeStorageClassResources.has(groupResource) || config.kind !== 'found') return [];
  return storageClassesOf(item).flatMap((storageClass) => mappedClass(storageClass, config.data) ?? []);
}

/**
 * ChangeStorageClassAction: a PV's or PVC's `spec.storageClassName`, or each StatefulSet claim
 * template's, mapped by the ConfigMap's data (old class → new class) when the new class exists.
 * `storageClassProblem(name)` is why the target's StorageClass cannot be read (the API's
 * message, e.g. `storageclasses.storage.k8s.io "x" not found`), undefined when it exists. Throws
 * Velero's error for a failed config, a missing class or a non-string class. Pure.
 */
export function changeStorageClassAction(
  item: ItemJson,
  config: PluginConfig,
  storageClassProblem: (name: string) => string | undefined,
): ActionOutput {
  const mappings = mappingsOf(config);
  if (!mappings) return { item };
  const target = (storageClass: unknown): string | undefined => {
    const mapped = mappedClass(storageClass, mappings);
    const problem = mapped === undefined ? undefined : storageClassProblem(mapped);
    if (problem !== undefined) throw new Error(`error getting storage class ${mapped} from API: ${problem}`);
    return mapped;
  };
  const spec = asObject(item['spec']) ?? {};
  if (item['kind'] === 'StatefulSet') {
    const templates = spec['volumeClaimTemplates'];
    if (!Array.isArray(templates) || templates.length === 0) return { item };
    const updated = templates.map((template: unknown) => {
      const claim = asObject(template) ?? {};
      const claimSpec = asObject(claim['spec']) ?? {};
      const storageClass = target(claimSpec['storageClassName']);
      return storageClass === undefined ? template : { ...claim, spec: { ...claimSpec, storageClassName: storageClass } };
    });
    return { item: { ...item, spec: { ...spec, volumeClaimTemplates: updated } } };
  }
  const current = spec['storageClassName'];
  if (current !== undefined && typeof current !== 'string')
    throw new Error(`error getting item's spec.storageClassName: ${accessorError(['spec', 'storageClassName'], current, 'string')}`);
  const storageClass = target(current);
  return storageClass === undefined ? { item } : { item: { ...item, spec: { ...spec, storageClassName: storageClass } } };
}

/** The container lists ChangeImageNameAction rewrites, by kind. */
function containerPaths(kind: unknown): string[][] {
  const podSpec =
    kind === 'Pod' ? ['spec'] : kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template', 'spec'] : ['spec', 'template', 'spec'];
  return [
    [...podSpec, 'containers'],
    [...podSpec, 'initContainers'],
  ];
}

/**
 * Velero's `isImageReplaceRuleExist`: the first rule `"<old part>,<new part>"` (parts trimmed)
 * whose old part occurs in `image` replaces every occurrence of it. Go visits the data in random
 * order; keys are visited sorted here so that overlapping rules give one answer.
 */
function replacedImage(image: string, mappings: Readonly<Record<string, string>>): string | undefined {
  if (image === '') return undefined;
  for (const key of Object.keys(mappings).sort()) {
    const rule = mappings[key] ?? '';
    const comma = rule.indexOf(',');
    if (comma === -1) continue;
    const oldPart = rule.slice(0, comma).trim();
    if (image.includes(oldPart) && rule.length - comma > 1) return image.replaceAll(oldPart, rule.slice(comma + 1).trim());
  }
  return undefined;
}

/** `item` with the containers at `path` given their replaced images; unchanged when none matched. */
function withReplacedImages(item: ItemJson, path: readonly string[], mappings: Readonly<Record<string, string>>): ItemJson {
  let containers: readonly unknown[] | undefined;
  try {
    containers = nestedSlice(item, path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`error getting item's spec.containers: error getting item's spec.containers: ${reason}`, {
      cause: error,
    });
  }
  if (!containers) return item;
  let changed = false;
  const updated = containers.map((container) => {
    const fields = asObject(container);
    const image = fields?.['image'];
    const replaced = typeof image === 'string' ? replacedImage(image, mappings) : undefined;
    if (!fields || replaced === undefined) return container;
    changed = true;
    return { ...fields, image: replaced };
  });
  return changed ? withNested(item, path, updated) : item;
}

/** A copy of `item` with `value` at `path`, objects created on the way. */
function withNested(item: ItemJson, path: readonly string[], value: unknown): ItemJson {
  const [key, ...rest] = path;
  if (key === undefined) return item;
  return { ...item, [key]: rest.length === 0 ? value : withNested(asObject(item[key]) ?? {}, rest, value) };
}

/**
 * ChangeImageNameAction: the images of the containers and init containers of a Pod, of a
 * CronJob's job template, or of another workload's pod template, rewritten by the ConfigMap's
 * rules (`"case1": "1.1.1.1:5000,2.2.2.2:3000"` replaces the first part with the second; rules
 * without a comma are ignored). Throws Velero's error for a failed config or a container list
 * that is not a list. Pure.
 */
export function changeImageNameAction(item: ItemJson, config: PluginConfig): ActionOutput {
  const mappings = mappingsOf(config);
  if (!mappings) return { item };
  return { item: containerPaths(item['kind']).reduce((current, path) => withReplacedImages(current, path, mappings), item) };
}

/** The resources ChangeImageNameAction applies to (`group.resource` form). */
export const changeImageNameResources: ReadonlySet<string> = new Set([
  'pods',
  'deployments.apps',
  'statefulsets.apps',
  'daemonsets.apps',
  'replicasets.apps',
  'replicationcontrollers',
  'jobs.batch',
  'cronjobs.batch',
]);
