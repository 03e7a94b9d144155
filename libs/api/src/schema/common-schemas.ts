// Kubernetes meta/core types embedded in the custom resources, spelled as the API server and
// controller-gen render them (same required lists, atomic markers, patterns).
import { z } from 'zod';
import { atomicList, atomicObject, dateTime, int64, integer, stringList, stringMap, withCrd } from './crd-extensions';

/**
 * `metav1.ObjectMeta` as Ferry reads it. Unknown keys are accepted (the API server owns this
 * shape); the CRD renders it as a bare `{type: object}` as every CRD must.
 */
export const objectMetaSchema = withCrd(
  z.looseObject({
    name: z.string().optional(),
    generateName: z.string().optional(),
    namespace: z.string().optional(),
    uid: z.string().optional(),
    resourceVersion: z.string().optional(),
    generation: integer().optional(),
    creationTimestamp: dateTime().nullish(),
    deletionTimestamp: dateTime().nullish(),
    labels: stringMap().optional(),
    annotations: stringMap().optional(),
    finalizers: z.array(z.string()).optional(),
    ownerReferences: z.array(z.looseObject({ apiVersion: z.string(), kind: z.string(), name: z.string(), uid: z.string() })).optional(),
  }),
  { opaqueObject: true },
);
/** `metav1.ObjectMeta` (the fields Ferry uses; others are kept). */
export type ObjectMeta = z.infer<typeof objectMetaSchema>;

/** The operators `metav1.LabelSelectorRequirement` documents (the CRDs accept any string). */
export const LabelSelectorOperator = { In: 'In', NotIn: 'NotIn', Exists: 'Exists', DoesNotExist: 'DoesNotExist' } as const;
/** One of {@link LabelSelectorOperator}. */
export type LabelSelectorOperator = (typeof LabelSelectorOperator)[keyof typeof LabelSelectorOperator];

/** `metav1.LabelSelector`: atomic map, atomic expression lists, as controller-gen renders it. */
export const labelSelectorSchema = atomicObject(
  z.object({
    matchExpressions: atomicList(
      z.array(
        z.object({
          key: z.string(),
          operator: z.string(),
          values: atomicList(z.array(z.string())).optional(),
        }),
      ),
    ).optional(),
    matchLabels: stringMap().optional(),
  }),
);
/** `metav1.LabelSelector`. */
export type LabelSelector = z.infer<typeof labelSelectorSchema>;

/**
 * `metav1.LabelSelector` whose operators must be one of {@link LabelSelectorOperator}, for
 * Ferry-defined kinds (no upstream CRD to stay as lenient as): the API server then refuses a
 * selector Kubernetes could never evaluate, naming the field, instead of it matching nothing.
 */
export const strictLabelSelectorSchema = atomicObject(
  z.object({
    matchExpressions: atomicList(
      z.array(
        z.object({
          key: z.string(),
          operator: z.enum(LabelSelectorOperator),
          values: atomicList(z.array(z.string())).optional(),
        }),
      ),
    ).optional(),
    matchLabels: stringMap().optional(),
  }),
);

/** `corev1.ObjectReference` (all fields optional, atomic as in Velero's CRDs). */
export const objectReferenceSchema = atomicObject(
  z.object({
    apiVersion: z.string().optional(),
    fieldPath: z.string().optional(),
    kind: z.string().optional(),
    name: z.string().optional(),
    namespace: z.string().optional(),
    resourceVersion: z.string().optional(),
    uid: z.string().optional(),
  }),
);
/** `corev1.ObjectReference`. */
export type ObjectReference = z.infer<typeof objectReferenceSchema>;

/** Builds a `corev1.ObjectReference` schema without the atomic marker (OADP's older rendering). */
export function plainObjectReferenceSchema(): typeof objectReferenceSchema {
  return z.object(objectReferenceSchema.shape);
}

/** `corev1.TypedLocalObjectReference` (`kind` and `name` required, atomic). */
export function typedLocalObjectReferenceSchema() {
  return atomicObject(z.object({ apiGroup: z.string().optional(), kind: z.string(), name: z.string() }));
}
/** `corev1.TypedLocalObjectReference`. */
export type TypedLocalObjectReference = z.infer<ReturnType<typeof typedLocalObjectReferenceSchema>>;

/** `corev1.SecretKeySelector` (`key` required; `name` defaults to "" on the API server). */
export const secretKeySelectorSchema = atomicObject(
  z.object({
    key: z.string(),
    name: withCrd(z.string(), { default: '' }).optional(),
    optional: z.boolean().optional(),
  }),
);
/** `corev1.SecretKeySelector`. */
export type SecretKeySelector = z.infer<typeof secretKeySelectorSchema>;

/** Values of `metav1.Condition.status`. */
export const ConditionStatus = { True: 'True', False: 'False', Unknown: 'Unknown' } as const;
/** One of {@link ConditionStatus}. */
export type ConditionStatus = (typeof ConditionStatus)[keyof typeof ConditionStatus];

/** `metav1.Condition` with the length limits and patterns the API machinery declares. */
export const conditionSchema = z.object({
  lastTransitionTime: dateTime(),
  message: z.string().max(32768),
  observedGeneration: int64({ minimum: 0 }).optional(),
  reason: z.string().min(1).max(1024).regex(new RegExp('^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$')),
  status: z.enum(ConditionStatus),
  type: z
    .string()
    .max(316)
    .regex(new RegExp('^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$')),
});
/** `metav1.Condition`. */
export type Condition = z.infer<typeof conditionSchema>;

/**
 * Builds the root schema of a custom resource: optional `apiVersion`/`kind` (list items omit them),
 * required `metadata` (the API server always sets it; the renderer never lists it as required),
 * plus the resource's own top-level fields.
 */
export function resourceRootSchema<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.object({
    apiVersion: z.string().optional(),
    kind: z.string().optional(),
    metadata: objectMetaSchema,
    ...shape,
  });
}

/**
 * The namespace and resource filters that Backups, Restores and their resource hooks share
 * (Velero's `IncludedNamespaces` … `ExcludedResources`); spread into an object schema.
 */
export const resourceFilterShape = {
  includedNamespaces: stringList().nullish(),
  excludedNamespaces: stringList().nullish(),
  includedResources: stringList().nullish(),
  excludedResources: stringList().nullish(),
};
