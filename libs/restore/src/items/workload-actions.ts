// Velero's restore item actions for pods, jobs, service accounts and secrets
// (pkg/restore/actions/pod_action.go, job_action.go, service_account_action.go, secret_action.go)
// as pure transforms over parsed JSON.
import { asObject, mappedNamespace, stringMapOf, withStringMap, withoutKeys, type ItemJson } from './item-json';

/** A restore item action's answer: the item to create, or skip it; items it pulls in. */
export interface ActionOutput {
  readonly item: ItemJson;
  /** Velero's `SkipRestore`: the item is not created (reported as skipped). */
  readonly skip?: boolean;
  /** Velero's `AdditionalItems`: restored right before this item when the backup has them. */
  readonly additionalItems?: readonly AdditionalItem[];
}

/** One additional item: a resource (`group.resource` form), its namespace (`""` = cluster) and name. */
export interface AdditionalItem {
  readonly groupResource: string;
  readonly namespace: string;
  readonly name: string;
}

const withoutTokenMounts = (container: unknown, prefix: string): unknown => {
  const fields = asObject(container);
  const mounts = fields?.['volumeMounts'];
  if (!fields || !Array.isArray(mounts)) return container;
  const kept = mounts.filter((mount) => !String(asObject(mount)?.['name'] ?? '').startsWith(prefix));
  return { ...fields, volumeMounts: kept.length > 0 ? kept : undefined };
};

/**
 * Velero's PodAction: `nodeName` and `priority` cleared; the service-account token volumes
 * (`<serviceAccountName>-token-…`) and their mounts in containers and init containers removed;
 * a `priorityClassName` pulled in as an additional item. Pure.
 */
export function podAction(pod: ItemJson): ActionOutput {
  const spec = asObject(pod['spec']) ?? {};
  const serviceAccount = typeof spec['serviceAccountName'] === 'string' ? spec['serviceAccountName'] : '';
  const prefix = `${serviceAccount}-token-`;
  const volumes = Array.isArray(spec['volumes'])
    ? spec['volumes'].filter((volume) => !String(asObject(volume)?.['name'] ?? '').startsWith(prefix))
    : undefined;
  const containers = (field: string): unknown =>
    Array.isArray(spec[field]) ? (spec[field] as unknown[]).map((container) => withoutTokenMounts(container, prefix)) : spec[field];
  const nextSpec: ItemJson = { ...withoutKeys(spec, 'nodeName', 'priority'), containers: containers('containers') };
  if (spec['initContainers'] !== undefined) nextSpec['initContainers'] = containers('initContainers');
  if (volumes !== undefined && volumes.length > 0) nextSpec['volumes'] = volumes;
  else delete nextSpec['volumes'];
  const priorityClass = spec['priorityClassName'];
  return {
    item: { ...pod, spec: nextSpec },
    ...(typeof priorityClass === 'string' && priorityClass !== ''
      ? { additionalItems: [{ groupResource: 'priorityclasses.scheduling.k8s.io', namespace: '', name: priorityClass }] }
      : {}),
  };
}

const controllerUidLabels = ['batch.kubernetes.io/controller-uid', 'controller-uid'];

function withoutLabels(map: unknown): unknown {
  const labels = asObject(map);
  if (!labels) return map;
  return Object.fromEntries(Object.entries(labels).filter(([key]) => !controllerUidLabels.includes(key)));
}

/** Velero's JobAction: the controller-uid labels (new and legacy) removed from the selector and the pod template. Pure. */
export function jobAction(job: ItemJson): ActionOutput {
  const spec = asObject(job['spec']) ?? {};
  const selector = asObject(spec['selector']);
  const template = asObject(spec['template']) ?? {};
  const templateMetadata = asObject(template['metadata']) ?? {};
  return {
    item: {
      ...job,
      spec: {
        ...spec,
        ...(selector ? { selector: { ...selector, matchLabels: withoutLabels(selector['matchLabels']) } } : {}),
        template: { ...template, metadata: { ...templateMetadata, labels: withoutLabels(templateMetadata['labels']) } },
      },
    },
  };
}

/** Velero's ServiceAccountAction: the first (from the end) `secrets` entry named `<sa>-token-…` removed. Pure. */
export function serviceAccountAction(serviceAccount: ItemJson): ActionOutput {
  const secrets = serviceAccount['secrets'];
  if (!Array.isArray(secrets)) return { item: serviceAccount };
  const prefix = `${String(asObject(serviceAccount['metadata'])?.['name'] ?? '')}-token-`;
  const index = secrets.findLastIndex((secret) => String(asObject(secret)?.['name'] ?? '').startsWith(prefix));
  if (index === -1) return { item: serviceAccount };
  return { item: { ...serviceAccount, secrets: secrets.filter((_, at) => at !== index) } };
}

/** Kubernetes' service-account token Secret type. */
export const serviceAccountTokenType = 'kubernetes.io/service-account-token';

/**
 * Velero's SecretAction: a service-account token Secret named `<sa>-token-…` after a service
 * account of its namespace (`serviceAccounts`: the names in the cluster when it is restored) is
 * skipped — the token controller makes it again; another token Secret loses the
 * `kubernetes.io/service-account.uid` annotation and the `token` and `ca.crt` data. Pure.
 */
export function secretAction(secret: ItemJson, serviceAccounts: readonly string[]): ActionOutput {
  if (secret['type'] !== serviceAccountTokenType) return { item: secret };
  const name = String(asObject(secret['metadata'])?.['name'] ?? '');
  if (serviceAccounts.some((account) => name.startsWith(`${account}-token-`))) return { item: secret, skip: true };
  const data = asObject(secret['data']);
  const keptData = withoutKeys(data ?? {}, 'token', 'ca.crt');
  const annotated = stringMapOf(secret, 'annotations')
    ? withStringMap(secret, 'annotations', (annotations) => withoutKeys(annotations, 'kubernetes.io/service-account.uid'))
    : secret;
  return { item: data ? { ...annotated, data: keptData } : annotated };
}

/** Velero's AddPVCFromPodAction: every claim the pod mounts is an additional item. Pure. */
export function podClaimItems(pod: ItemJson): AdditionalItem[] {
  const spec = asObject(pod['spec']);
  const namespace = String(asObject(pod['metadata'])?.['namespace'] ?? '');
  const volumes = Array.isArray(spec?.['volumes']) ? spec['volumes'] : [];
  return volumes.flatMap((volume) => {
    const claim = asObject(asObject(volume)?.['persistentVolumeClaim'])?.['claimName'];
    return typeof claim === 'string' ? [{ groupResource: 'persistentvolumeclaims', namespace, name: claim }] : [];
  });
}

/** Velero's RoleBindingAction / ClusterRoleBindingAction: subjects' namespaces remapped through `namespaceMapping`. Pure. */
export function bindingAction(binding: ItemJson, namespaceMapping: Readonly<Record<string, string>>): ActionOutput {
  const subjects = binding['subjects'];
  if (Object.keys(namespaceMapping).length === 0 || !Array.isArray(subjects)) return { item: binding };
  return {
    item: {
      ...binding,
      subjects: subjects.map((subject) => {
        const fields = asObject(subject) ?? {};
        const target = typeof fields['namespace'] === 'string' ? mappedNamespace(namespaceMapping, fields['namespace']) : undefined;
        return target === undefined ? fields : { ...fields, namespace: target };
      }),
    },
  };
}
