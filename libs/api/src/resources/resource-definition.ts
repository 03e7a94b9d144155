import type { z } from 'zod';

/** CRD scope. */
export const ResourceScope = { Namespaced: 'Namespaced', Cluster: 'Cluster' } as const;
/** One of {@link ResourceScope}. */
export type ResourceScope = (typeof ResourceScope)[keyof typeof ResourceScope];

/**
 * Where a resource's CRD manifest comes from: `generated` from the zod schema by the CRD renderer,
 * or `upstream`: the upstream YAML is installed unchanged (local environment only) and the schema
 * exists for types and validation.
 */
export const CrdSource = { Generated: 'generated', Upstream: 'upstream' } as const;
/** One of {@link CrdSource}. */
export type CrdSource = (typeof CrdSource)[keyof typeof CrdSource];

/** One `additionalPrinterColumns` entry, exactly as in a CRD version. */
export interface PrinterColumn {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  readonly jsonPath: string;
  readonly description?: string;
  readonly format?: string;
  readonly priority?: number;
}

/**
 * Everything Ferry knows about one custom resource kind: API coordinates, CRD names and columns,
 * and the zod schema of the whole object (root included), which yields the TypeScript type, the
 * runtime validation and the CRD's OpenAPI schema. Immutable data; safe to share.
 */
export interface ResourceDefinition<S extends z.ZodType = z.ZodType> {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly listKind: string;
  readonly plural: string;
  readonly singular: string;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  readonly scope: ResourceScope;
  /** Whether `status` is a subresource (false for every velero.io kind: status is written with the object). */
  readonly statusSubresource: boolean;
  readonly printerColumns: readonly PrinterColumn[];
  readonly description?: string;
  readonly crdSource: CrdSource;
  readonly schema: S;
}

/** Input of {@link defineResource}: `listKind` defaults to `<kind>List`, lists to empty. */
export type ResourceDefinitionInput<S extends z.ZodType> = Omit<
  ResourceDefinition<S>,
  'listKind' | 'shortNames' | 'categories' | 'crdSource'
> &
  Partial<Pick<ResourceDefinition<S>, 'listKind' | 'shortNames' | 'categories' | 'crdSource'>>;

/** Builds a frozen {@link ResourceDefinition} with Kubernetes' defaults filled in. Pure. */
export function defineResource<S extends z.ZodType>(input: ResourceDefinitionInput<S>): ResourceDefinition<S> {
  return Object.freeze({
    listKind: `${input.kind}List`,
    shortNames: [],
    categories: [],
    crdSource: CrdSource.Generated,
    ...input,
  });
}

/** `group/version` of a definition, as objects carry it in `apiVersion`. */
export function apiVersionOf(definition: Pick<ResourceDefinition, 'group' | 'version'>): string {
  return `${definition.group}/${definition.version}`;
}

/** CRD object name `<plural>.<group>` (also the manifest file stem `<group>_<plural>`). */
export function crdNameOf(definition: Pick<ResourceDefinition, 'group' | 'plural'>): string {
  return `${definition.plural}.${definition.group}`;
}
