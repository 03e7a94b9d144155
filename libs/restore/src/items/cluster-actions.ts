// The restore's handling of CustomResourceDefinitions and Namespaces: Velero's
// CRDV1PreserveUnknownFieldsAction (pkg/restore/actions/crd_v1_preserve_unknown_fields_action.go)
// and `getNamespace` (pkg/restore/restore.go), which creates a restored namespace from the
// backed-up one under its mapped name.
import { asObject, stringMapOf, type ItemJson } from './item-json';
import type { ActionOutput } from './workload-actions';

/**
 * A v1 CRD with `spec.preserveUnknownFields: true` (no longer allowed) gets `false`, and every
 * version's `openAPIV3Schema` gets `x-kubernetes-preserve-unknown-fields: true` instead; others
 * pass unchanged. Pure.
 */
export function customResourceDefinitionAction(crd: ItemJson): ActionOutput {
  const spec = asObject(crd['spec']);
  if (crd['apiVersion'] !== 'apiextensions.k8s.io/v1' || !spec || spec['preserveUnknownFields'] !== true) return { item: crd };
  const versions = Array.isArray(spec['versions'])
    ? spec['versions'].map((version) => {
        const fields = asObject(version) ?? {};
        const schema = asObject(fields['schema']);
        const openApi = asObject(schema?.['openAPIV3Schema']);
        if (!schema || !openApi) return fields;
        return { ...fields, schema: { ...schema, openAPIV3Schema: { ...openApi, 'x-kubernetes-preserve-unknown-fields': true } } };
      })
    : spec['versions'];
  return { item: { ...crd, spec: { ...spec, preserveUnknownFields: false, versions } } };
}

/**
 * The Namespace Velero makes sure exists before a namespaced item is restored: named
 * `targetName`, with the backed-up namespace's labels, annotations and spec when the backup has
 * it (`backedUp`), else bare. No restore labels (Velero adds none here). Pure.
 */
export function namespaceForRestore(targetName: string, backedUp: ItemJson | undefined): ItemJson {
  const labels = backedUp && stringMapOf(backedUp, 'labels');
  const annotations = backedUp && stringMapOf(backedUp, 'annotations');
  const spec = backedUp && asObject(backedUp['spec']);
  return {
    apiVersion: typeof backedUp?.['apiVersion'] === 'string' ? backedUp['apiVersion'] : 'v1',
    kind: 'Namespace',
    metadata: { name: targetName, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) },
    ...(spec ? { spec } : {}),
  };
}
