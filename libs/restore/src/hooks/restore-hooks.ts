// A Restore's `spec.hooks` as Velero reads them (internal/hook/item_hook_handler.go:
// GetRestoreHooksFromSpec, ResourceHookSelector.applicableTo, parseStringToCommand,
// ValidateContainer). Pure.
import type { RestoreSpec } from '@ferry/api';
import { GlobSet, IncludesExcludes } from '@ferry/backup';
import { compileLabelSelector, labelSelectorError } from '@ferry/kube-values';
import { RestoreRuleError, RestoreRuleErrorCode } from '../errors';
import { asObject, type ItemJson } from '../items/item-json';

/** One `spec.hooks.resources[]` entry. */
export type RestoreResourceHookSpec = NonNullable<NonNullable<RestoreSpec['hooks']>['resources']>[number];
/** One of its `postHooks`: an `exec` and/or an `init`. */
export type RestoreResourceHook = NonNullable<RestoreResourceHookSpec['postHooks']>[number];

/** Velero's `ResourceHookSelector`: which items a resource hook applies to. */
export interface HookSelector {
  readonly namespaces: IncludesExcludes;
  readonly resources: IncludesExcludes;
  /** Undefined when the hook has no label selector (every item's labels match). */
  readonly labels?: (labels: Readonly<Record<string, string>>) => boolean;
}

/** Velero's `ResourceRestoreHook`: a named selector and its post hooks. */
export interface ResourceRestoreHook {
  readonly name: string;
  readonly selector: HookSelector;
  readonly postHooks: readonly RestoreResourceHook[];
}

const includesExcludes = (includes: readonly string[] | null | undefined, excludes: readonly string[] | null | undefined) =>
  new IncludesExcludes(new GlobSet(includes ?? []), new GlobSet(excludes ?? []));

/**
 * Velero's `applicableTo`: the namespace, the `resource.group` and the labels pass the selector's
 * filters (a glob exclude wins; no includes or `*` includes all). Pure.
 */
export function hookAppliesTo(
  selector: HookSelector,
  groupResource: string,
  namespace: string,
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  return (
    selector.namespaces.shouldInclude(namespace) &&
    selector.resources.shouldInclude(groupResource) &&
    (selector.labels === undefined || selector.labels(labels ?? {}))
  );
}

/**
 * Velero's `GetRestoreHooksFromSpec`: each resource hook with its namespace filters and label
 * selector; its resource filters are replaced by `pods` (restore hooks apply to pods only, so
 * Velero ignores the spec's `includedResources`/`excludedResources`). Throws a RestoreRuleError
 * with apimachinery's message for the first invalid label selector (validation rejects such a
 * Restore before it runs). Pure.
 */
export function restoreHooksFromSpec(hooks: RestoreSpec['hooks']): ResourceRestoreHook[] {
  return (hooks?.resources ?? []).map((resource) => {
    const compiled = compileLabelSelector(resource.labelSelector ?? undefined);
    if (!compiled.ok) throw new RestoreRuleError(RestoreRuleErrorCode.InvalidRestoreHook, compiled.reason);
    return {
      name: resource.name,
      selector: {
        namespaces: includesExcludes(resource.includedNamespaces, resource.excludedNamespaces),
        resources: includesExcludes(['pods'], []),
        ...(resource.labelSelector == null ? {} : { labels: compiled.matches }),
      },
      postHooks: resource.postHooks ?? [],
    };
  });
}

/**
 * Velero's checks of `spec.hooks` when a Restore is validated: the first invalid label selector
 * (then nothing else), else each init container {@link initContainerError} rejects. Pure.
 */
export function restoreHooksErrors(hooks: RestoreSpec['hooks']): string[] {
  const resources = hooks?.resources ?? [];
  for (const resource of resources) {
    const problem = labelSelectorError(resource.labelSelector);
    if (problem !== undefined) return [problem];
  }
  return resources.flatMap((resource) =>
    (resource.postHooks ?? []).flatMap((hook) => (hook.init?.initContainers ?? []).flatMap((raw) => initContainerError(raw) ?? [])),
  );
}

/**
 * Velero's `parseStringToCommand`: a value starting with `[` that decodes as a JSON array of
 * strings is the command (Go decodes `null` elements as `""`), anything else is a one-word
 * command. Callers pass a non-empty value (Velero indexes its first byte unchecked). Pure.
 */
export function parseStringToCommand(value: string): string[] {
  if (!value.startsWith('[')) return [value];
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed) && parsed.every((part) => part === null || typeof part === 'string')) {
      return parsed.map((part: string | null) => part ?? '');
    }
  } catch {
    // Not JSON: the whole value is the command, as in Velero.
  }
  return [value];
}

/** Velero's `ValidateContainer` message for a container without a name, image or command. */
export const invalidInitContainerMessage = "invalid InitContainer in restore hook, it doesn't have Command, Name or Image field";

/** Go's encoding/json name of a JSON value's kind (an UnmarshalTypeError's `Value`). */
function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}

const typeError = (value: unknown, field: string, type: string): string =>
  `json: cannot unmarshal ${jsonKind(value)} into Go struct field Container.${field} of type ${type}`;

/** Go's first decoding error of `name`, `image` and `command` into a corev1.Container, in document order. */
function decodeError(container: ItemJson): string | undefined {
  for (const [field, value] of Object.entries(container)) {
    if (value === null) continue;
    if ((field === 'name' || field === 'image') && typeof value !== 'string') return typeError(value, field, 'string');
    if (field !== 'command') continue;
    if (!Array.isArray(value)) return typeError(value, field, '[]string');
    const part: unknown = value.find((element) => element !== null && typeof element !== 'string');
    if (part !== undefined) return typeError(part, field, 'string');
  }
  return undefined;
}

/**
 * Velero's `ValidateContainer` over one `init.initContainers[]` entry: Go's decoding error of
 * `name`, `image` or `command` (other fields are not checked here; the API server rejects them
 * when the pod is created), else {@link invalidInitContainerMessage} when one of the three is
 * empty, else undefined. Pure.
 */
export function initContainerError(raw: unknown): string | undefined {
  const container = asObject(raw) ?? {};
  const decoding = decodeError(container);
  if (decoding !== undefined) return decoding;
  const filled = (field: string) => {
    const value = container[field];
    return typeof value === 'string' ? value.length > 0 : Array.isArray(value) && value.length > 0;
  };
  return filled('name') && filled('image') && filled('command') ? undefined : invalidInitContainerMessage;
}
