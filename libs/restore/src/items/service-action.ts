// Velero's ServiceAction (pkg/restore/actions/service_action.go): the cluster IPs cleared (not for
// headless services); without `preserveNodePorts`, node ports cleared unless the
// last-applied-configuration annotation (or, without it, a managedFields entry) set them
// explicitly, and the health-check node port of a
// Local LoadBalancer cleared unless that annotation or a managedFields entry set it.
import { asObject, stringMapOf, type ItemJson } from './item-json';
import type { ActionOutput } from './workload-actions';

/** kubectl's last-applied-configuration annotation. */
export const lastAppliedConfigAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';

function lastApplied(service: ItemJson): ItemJson | undefined {
  const text = stringMapOf(service, 'annotations')?.[lastAppliedConfigAnnotation];
  if (text === undefined) return undefined;
  return asObject(JSON.parse(text)) ?? {};
}

function nodePortNumber(value: unknown): number {
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value === 'string') {
    // Go's strconv.Atoi: the whole string must be a signed decimal integer ("80x" is an error, not 80).
    if (!/^[+-]?[0-9]+$/.test(value)) throw new Error(`strconv.Atoi: parsing "${value}": invalid syntax`);
    return Number.parseInt(value, 10);
  }
  return 0;
}

/** Velero's `portKey`: the managedFields key of a port. */
const portKey = (port: ItemJson): string => `k:{"port":${String(port['port'] ?? 0)},"protocol":"${String(port['protocol'] ?? '')}"}`;

/** Ports whose nodePort some field manager set (managedFields `f:spec.f:ports.<key>.f:nodePort`). */
function managedNodePortKeys(service: ItemJson): Set<string> {
  const keys = new Set<string>();
  const managed = asObject(service['metadata'])?.['managedFields'];
  for (const entry of Array.isArray(managed) ? managed : []) {
    const ports = asObject(asObject(asObject(asObject(entry)?.['fieldsV1'])?.['f:spec'])?.['f:ports']);
    for (const [key, port] of Object.entries(ports ?? {})) if (asObject(port)?.['f:nodePort'] !== undefined) keys.add(key);
  }
  return keys;
}

function clearedNodePorts(service: ItemJson, ports: readonly unknown[]): unknown[] {
  const applied = lastApplied(service);
  if (applied === undefined) {
    const explicit = managedNodePortKeys(service);
    return ports.map((port) => {
      const fields = asObject(port) ?? {};
      return explicit.has(portKey(fields)) ? fields : { ...fields, nodePort: undefined };
    });
  }
  const named = new Set<string>();
  const unnamed = new Set<number>();
  const appliedPorts = asObject(applied['spec'])?.['ports'];
  for (const port of Array.isArray(appliedPorts) ? appliedPorts : []) {
    const fields = asObject(port);
    if (!fields || !('nodePort' in fields)) continue;
    const number = nodePortNumber(fields['nodePort']);
    if (number <= 0) continue;
    if ('name' in fields) named.add(String(fields['name']));
    else unnamed.add(number);
  }
  return ports.map((port) => {
    const fields = asObject(port) ?? {};
    const name = typeof fields['name'] === 'string' ? fields['name'] : '';
    const keep = name !== '' ? named.has(name) : unnamed.has(nodePortNumber(fields['nodePort']));
    return keep ? fields : { ...fields, nodePort: undefined };
  });
}

function keepsHealthCheckNodePort(service: ItemJson): boolean {
  const applied = lastApplied(service);
  const explicit = asObject(applied?.['spec'])?.['healthCheckNodePort'];
  if (typeof explicit === 'number' && explicit !== 0) return true;
  const managed = asObject(service['metadata'])?.['managedFields'];
  return (Array.isArray(managed) ? managed : []).some(
    (entry) => asObject(asObject(asObject(entry)?.['fieldsV1'])?.['f:spec'])?.['f:healthCheckNodePort'] !== undefined,
  );
}

/**
 * The action for one Service; `preserveNodePorts` is the Restore's `spec.preserveNodePorts`.
 * Throws (Velero's "error preparing" item error) when the last-applied annotation is not JSON.
 * Pure.
 */
export function serviceAction(service: ItemJson, preserveNodePorts: boolean): ActionOutput {
  const spec: ItemJson = { ...asObject(service['spec']) };
  if (spec['clusterIP'] !== 'None') {
    delete spec['clusterIP'];
    delete spec['clusterIPs'];
  }
  if (!preserveNodePorts) {
    if (spec['type'] !== 'ExternalName' && Array.isArray(spec['ports'])) spec['ports'] = clearedNodePorts(service, spec['ports']);
    const healthCheck = spec['healthCheckNodePort'];
    const local = spec['externalTrafficPolicy'] === 'Local' && spec['type'] === 'LoadBalancer';
    if (local && typeof healthCheck === 'number' && healthCheck !== 0 && !keepsHealthCheckNodePort(service))
      delete spec['healthCheckNodePort'];
  }
  return { item: { ...service, spec } };
}
