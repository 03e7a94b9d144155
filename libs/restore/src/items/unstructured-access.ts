// apimachinery's `unstructured.NestedSlice` over parsed JSON, with its accessor errors, for the
// actions that report Velero's exact error when a field has the wrong type. Pure.
import { goTypeName } from '@ferry/kube-values';
import { asObject, type ItemJson } from './item-json';

/** apimachinery's accessor error at `path` (`.spec.containers`). Pure. */
export function accessorError(path: readonly string[], value: unknown, expected: string): string {
  const shown = typeof value === 'string' ? value : value === null ? '<nil>' : JSON.stringify(value);
  return `.${path.join('.')} accessor error: ${shown} is of the type ${goTypeName(value)}, expected ${expected}`;
}

/**
 * The list at `path`: undefined when a key on the way is missing (or a parent is null); throws
 * the accessor error when a parent is not an object or the value is not a list. Pure.
 */
export function nestedSlice(item: ItemJson, path: readonly string[]): readonly unknown[] | undefined {
  let current: unknown = item;
  for (const [index, key] of path.entries()) {
    if (current === null) return undefined;
    const object = asObject(current);
    if (!object) throw new Error(accessorError(path.slice(0, index + 1), current, 'map[string]interface{}'));
    if (!Object.hasOwn(object, key)) return undefined;
    current = object[key];
  }
  if (!Array.isArray(current)) throw new Error(accessorError(path, current, '[]interface{}'));
  return current;
}
