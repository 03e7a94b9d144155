// Pieces shared by the backup and restore pods: the settings taken from the node-agent daemonset
// and the node-agent ConfigMap, node affinity, owner references and the data volume.
import type {
  Container,
  EnvVar,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  OwnerReference,
  PodSpec,
  PvcVolume,
  ResourceRequirements,
} from './kube-types';

/** Node label holding the node's OS; exposer pods never go to Windows nodes. */
export const OsLabel = 'kubernetes.io/os';
/** Node label holding the node's name (topology key, restore node selector). */
export const HostnameLabel = 'kubernetes.io/hostname';

/**
 * Settings of an exposer pod, resolved by the caller from the node-agent daemonset (image, service
 * account, env, args) and the node-agent ConfigMap (loadAffinity, podResources, priorityClassName,
 * podLabels, podAnnotations). Plain values; nothing here is read from the cluster.
 */
export interface ExposerPodTemplate {
  image: string;
  serviceAccountName: string;
  /** Default `Never`: the mover image is the node-agent's, already on every node. */
  imagePullPolicy?: string;
  /** loadAffinity as node selector terms (ORed); empty or absent = any Linux node. */
  nodeAffinityTerms?: NodeSelectorTerm[];
  resources?: ResourceRequirements;
  priorityClassName?: string;
  /** Extra pod labels; the exposer's own labels win on a clash. */
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  env?: EnvVar[];
  /** Args appended after the exposer's own (e.g. inherited `--log-format`, `--log-level`). */
  extraArgs?: string[];
}

/** Owner of intermediate objects: the DataUpload or DataDownload. */
export interface ExposureOwner {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
}

/** A controller owner reference to the DU/DD: deleting it garbage-collects the object. */
export function controllerRefTo(owner: ExposureOwner): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, uid: owner.uid, controller: true };
}

const notWindows: NodeSelectorRequirement = { key: OsLabel, operator: 'NotIn', values: ['windows'] };

/**
 * Required node affinity of an exposer pod: each loadAffinity term ANDed with each volume-topology
 * term (the PV's required terms for WaitForFirstConsumer classes) and with `kubernetes.io/os NotIn
 * [windows]`. Terms stay ORed, as in a node selector.
 */
export function exposerNodeAffinityTerms(
  loadTerms: NodeSelectorTerm[] = [],
  volumeTopologyTerms: NodeSelectorTerm[] = [],
): NodeSelectorTerm[] {
  const left = loadTerms.length > 0 ? loadTerms : [{}];
  const right = volumeTopologyTerms.length > 0 ? volumeTopologyTerms : [{}];
  return left.flatMap((l) =>
    right.map((r) => {
      const fields = [...(l.matchFields ?? []), ...(r.matchFields ?? [])];
      return {
        matchExpressions: [...(l.matchExpressions ?? []), ...(r.matchExpressions ?? []), notWindows],
        ...(fields.length > 0 ? { matchFields: fields } : {}),
      };
    }),
  );
}

/** Inputs of {@link exposerPodSpec}. */
export interface ExposerPodSpecInput {
  template: ExposerPodTemplate;
  /** Container and data volume name: the DU/DD UID. */
  ownerUid: string;
  claimName: string;
  volumeMode: string;
  readOnly: boolean;
  command: string[];
  args: string[];
  nodeAffinityTerms: NodeSelectorTerm[];
}

/**
 * The pod spec common to backup and restore pods: one container named after the owner UID mounting
 * the claim at `/<uid>` (a device for Block volumes), restartPolicy Never, grace 0, root on Linux.
 */
export function exposerPodSpec(input: ExposerPodSpecInput): PodSpec {
  const { template, ownerUid, readOnly } = input;
  const volume: PvcVolume = {
    name: ownerUid,
    persistentVolumeClaim: { claimName: input.claimName, ...(readOnly ? { readOnly: true } : {}) },
  };
  const container: Container = {
    name: ownerUid,
    image: template.image,
    imagePullPolicy: template.imagePullPolicy ?? 'Never',
    command: input.command,
    args: [...input.args, ...(template.extraArgs ?? [])],
    ...(template.env && template.env.length > 0 ? { env: template.env } : {}),
    ...(template.resources ? { resources: template.resources } : {}),
    ...(input.volumeMode === 'Block'
      ? { volumeDevices: [{ name: ownerUid, devicePath: `/${ownerUid}` }] }
      : { volumeMounts: [{ name: ownerUid, mountPath: `/${ownerUid}`, ...(readOnly ? { readOnly: true } : {}) }] }),
  };
  return {
    containers: [container],
    volumes: [volume],
    serviceAccountName: template.serviceAccountName,
    restartPolicy: 'Never',
    terminationGracePeriodSeconds: 0,
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: input.nodeAffinityTerms } } },
    ...(template.priorityClassName ? { priorityClassName: template.priorityClassName } : {}),
    securityContext: { runAsUser: 0 },
  };
}
