// Minimal structural shapes of the core Kubernetes objects the exposer builds and reads. Domain
// code may not import @kubernetes/client-node; these are assignable to and from its types for the
// fields Ferry uses (plain JSON, camelCase keys as the API serves them).
/** `metav1.OwnerReference`. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** `metav1.ObjectMeta` (the fields Ferry reads and writes). */
export interface KubeMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
}

/** `core/v1.NodeSelectorRequirement`. */
export interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

/** `core/v1.NodeSelectorTerm`: requirements ANDed; terms of a selector are ORed. */
export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

/** `core/v1.ResourceRequirements` (quantities as strings). */
export interface ResourceRequirements {
  requests?: Record<string, string>;
  limits?: Record<string, string>;
}

/** `core/v1.PersistentVolumeClaim` (the fields Ferry reads and writes). */
export interface PersistentVolumeClaim {
  apiVersion?: 'v1';
  kind?: 'PersistentVolumeClaim';
  metadata: KubeMeta;
  spec?: {
    accessModes?: string[];
    storageClassName?: string;
    volumeMode?: string;
    volumeName?: string;
    resources?: ResourceRequirements;
    dataSource?: { apiGroup?: string; kind: string; name: string };
  };
  status?: { phase?: string };
}

/** `core/v1.PersistentVolume` (the fields Ferry reads). */
export interface PersistentVolume {
  metadata: KubeMeta;
  spec?: {
    persistentVolumeReclaimPolicy?: string;
    claimRef?: { namespace?: string; name?: string; uid?: string };
    nodeAffinity?: { required?: { nodeSelectorTerms: NodeSelectorTerm[] } };
  };
  status?: { phase?: string; reason?: string; message?: string };
}

/** `core/v1.EnvVar` (literal values only; secrets are mounted, not passed). */
export interface EnvVar {
  name: string;
  value?: string;
}

/** `core/v1.Container` (the fields the exposer sets). */
export interface Container {
  name: string;
  image: string;
  imagePullPolicy?: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  resources?: ResourceRequirements;
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
  volumeDevices?: { name: string; devicePath: string }[];
}

/** `core/v1.Volume` backed by a PVC. */
export interface PvcVolume {
  name: string;
  persistentVolumeClaim: { claimName: string; readOnly?: boolean };
}

/** `core/v1.TopologySpreadConstraint`. */
export interface TopologySpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: 'ScheduleAnyway' | 'DoNotSchedule';
  labelSelector?: { matchLabels?: Record<string, string> };
}

/** `core/v1.PodSpec` (the fields the exposer sets). */
export interface PodSpec {
  containers: Container[];
  volumes?: PvcVolume[];
  serviceAccountName?: string;
  restartPolicy?: string;
  terminationGracePeriodSeconds?: number;
  nodeSelector?: Record<string, string>;
  affinity?: { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms: NodeSelectorTerm[] } } };
  topologySpreadConstraints?: TopologySpreadConstraint[];
  priorityClassName?: string;
  securityContext?: { runAsUser?: number; seLinuxOptions?: { type?: string } };
  nodeName?: string;
}

/** Container state as the kubelet reports it. */
export interface ContainerStatus {
  name: string;
  state?: { waiting?: { reason?: string; message?: string }; terminated?: { reason?: string; message?: string; exitCode?: number } };
}

/** `core/v1.PodCondition`. */
export interface PodCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** `core/v1.Pod` (the fields Ferry reads and writes). */
export interface Pod {
  apiVersion?: 'v1';
  kind?: 'Pod';
  metadata: KubeMeta;
  spec?: PodSpec;
  status?: {
    phase?: string;
    message?: string;
    reason?: string;
    conditions?: PodCondition[];
    containerStatuses?: ContainerStatus[];
  };
}

/** `core/v1.Event` (the fields the diagnosis reads). */
export interface KubeEvent {
  type?: string;
  reason?: string;
  message?: string;
}
