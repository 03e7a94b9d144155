/** The metadata the adapter reads. Every Kubernetes object's metadata fits it. */
export interface KubeObjectMeta {
  readonly name?: string;
  readonly namespace?: string;
  readonly uid?: string;
  readonly resourceVersion?: string;
}

/**
 * Any Kubernetes object, structurally: client-node's models (`V1Pod`) and schema-derived types
 * (`@ferry/api`'s, whose timestamps are strings) alike.
 */
export interface KubeObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: KubeObjectMeta;
}
