import { readReferenceCrd } from '../testing';
import { findIncompatibilities } from './schema-compatibility';

type Node = Record<string, unknown>;

// The real upstream DataUpload and Restore schemas serve as "upstream"; each case mutates a copy
// as "ours" and must be caught at the right path. This checks the checker, not libs/api's CRDs.
const load = (file: string): Node =>
  readReferenceCrd<{ spec: { versions: { schema: { openAPIV3Schema: Node } }[] } }>(`velero/${file}`).spec.versions[0]!.schema
    .openAPIV3Schema;
const dataUpload = load('velero.io_datauploads.yaml');
const restore = load('velero.io_restores.yaml');

function at(root: Node, path: string): Node {
  return path.split('.').reduce<Node>((node, key) => {
    if (key === '[]') return node['items'] as Node;
    if (key === '{}') return node['additionalProperties'] as Node;
    return (node['properties'] as Record<string, Node>)[key]!;
  }, root);
}

const spec = 'spec';
const status = 'status';

describe('schema compatibility - identical schemas', () => {
  it.each([
    ['DataUpload', dataUpload],
    ['Restore', restore],
  ])('%s is compatible with itself', (_name, schema) => {
    expect(findIncompatibilities(schema, structuredClone(schema))).toEqual([]);
  });
});

describe('schema compatibility - detects what would reject or change upstream objects', () => {
  it.each<[string, Node, (ours: Node) => void, string, string]>([
    ['missing property', dataUpload, (o) => delete (at(o, spec)['properties'] as Node)['datamover'], 'spec.datamover', 'property missing'],
    [
      'different type',
      dataUpload,
      (o) => (at(o, `${status}.progress.bytesDone`)['type'] = 'string'),
      'status.progress.bytesDone',
      'type differs',
    ],
    ['enum not a superset', dataUpload, (o) => (at(o, `${status}.phase`)['enum'] = ['New', 'Failed']), 'status.phase', 'enum lacks'],
    ['enum added', dataUpload, (o) => (at(o, `${spec}.snapshotType`)['enum'] = ['CSI']), 'spec.snapshotType', 'restricts to an enum'],
    [
      'stricter required',
      dataUpload,
      (o) => (at(o, spec)['required'] as string[]).push('datamover'),
      'spec',
      'also requires ["datamover"]',
    ],
    ['nullable dropped', dataUpload, (o) => delete at(o, `${spec}.csiSnapshot`)['nullable'], 'spec.csiSnapshot', 'nullable dropped'],
    ['date-time dropped', dataUpload, (o) => delete at(o, `${status}.startTimestamp`)['format'], 'status.startTimestamp', 'format differs'],
    ['int64 dropped', dataUpload, (o) => delete at(o, `${status}.incrementalBytes`)['format'], 'status.incrementalBytes', 'format differs'],
    [
      'map turned into object',
      dataUpload,
      (o) => {
        const node = at(o, `${spec}.dataMoverConfig`);
        delete node['additionalProperties'];
        node['properties'] = {};
      },
      'spec.dataMoverConfig',
      'additionalProperties (map values) missing',
    ],
    [
      'map value type',
      dataUpload,
      (o) => (at(o, `${status}.dataMoverResult.{}`)['type'] = 'integer'),
      'status.dataMoverResult{}',
      'type differs',
    ],
    [
      'preserve-unknown-fields dropped',
      restore,
      (o) => delete at(o, 'spec.hooks.resources.[].postHooks.[].init.initContainers')['x-kubernetes-preserve-unknown-fields'],
      'spec.hooks.resources[].postHooks[].init.initContainers',
      'x-kubernetes-preserve-unknown-fields dropped',
    ],
    [
      'nested item property',
      restore,
      (o) => delete (at(o, 'spec.hooks.resources.[]')['properties'] as Node)['name'],
      'spec.hooks.resources[].name',
      'property missing',
    ],
    [
      'map type changed',
      restore,
      (o) => delete at(o, `${spec}.labelSelector`)['x-kubernetes-map-type'],
      'spec.labelSelector',
      'x-kubernetes-map-type differs',
    ],
    [
      'list type changed',
      restore,
      (o) => (at(o, `${spec}.labelSelector.matchExpressions`)['x-kubernetes-list-type'] = 'set'),
      'spec.labelSelector.matchExpressions',
      'x-kubernetes-list-type differs',
    ],
    [
      'tighter minItems',
      restore,
      (o) => (at(o, 'spec.hooks.resources.[].postHooks.[].exec.command')['minItems'] = 2),
      'spec.hooks.resources[].postHooks[].exec.command',
      'minItems tighter',
    ],
    ['new maxLength', dataUpload, (o) => (at(o, `${spec}.sourcePVC`)['maxLength'] = 63), 'spec.sourcePVC', 'maxLength tighter'],
    ['new pattern', dataUpload, (o) => (at(o, `${spec}.sourcePVC`)['pattern'] = '^[a-z]+$'), 'spec.sourcePVC', 'pattern differs'],
    ['new CEL rule', dataUpload, (o) => (at(o, spec)['x-kubernetes-validations'] = [{ rule: 'true' }]), 'spec', 'CEL rule'],
    ['items missing', restore, (o) => delete at(o, `${spec}.includedNamespaces`)['items'], 'spec.includedNamespaces', 'items missing'],
  ])('%s', (_name, upstream, mutate, path, problem) => {
    const ours = structuredClone(upstream);
    mutate(ours);
    const found = findIncompatibilities(upstream, ours);
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe(path);
    expect(found[0]?.problem).toContain(problem);
  });
});

describe('schema compatibility - allows what only widens', () => {
  it.each<[string, (ours: Node) => void]>([
    ['extra property', (o) => ((at(o, spec)['properties'] as Node)['extra'] = { type: 'string' })],
    ['enum widened', (o) => (at(o, `${status}.phase`)['enum'] as string[]).push('Paused')],
    ['enum removed', (o) => delete at(o, `${status}.nodeOS`)['enum']],
    ['fewer required', (o) => (at(o, spec)['required'] = ['sourcePVC'])],
    ['nullable added', (o) => (at(o, `${spec}.sourcePVC`)['nullable'] = true)],
    [
      'int-or-string instead of string',
      (o) => {
        const node = at(o, `${spec}.sourcePVC`);
        delete node['type'];
        node['x-kubernetes-int-or-string'] = true;
      },
    ],
    [
      'preserve-unknown-fields instead of properties',
      (o) => {
        (o['properties'] as Node)['status'] = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
      },
    ],
  ])('%s', (_name, mutate) => {
    const ours = structuredClone(dataUpload);
    mutate(ours);
    expect(findIncompatibilities(dataUpload, ours)).toEqual([]);
  });
});
