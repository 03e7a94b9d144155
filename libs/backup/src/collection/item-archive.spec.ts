import { encodeUnstructured, itemEntryNames, ResourceListBuilder } from './item-archive';

describe('item archive - paths, JSON and resource list', () => {
  it('writes the legacy path and the preferred-version copy', () => {
    expect(itemEntryNames('deployments.apps', 'v1', 'app', 'web')).toEqual([
      'resources/deployments.apps/namespaces/app/web.json',
      'resources/deployments.apps/v1-preferredversion/namespaces/app/web.json',
    ]);
    expect(itemEntryNames('persistentvolumes', 'v1', '', 'pv-1')).toEqual([
      'resources/persistentvolumes/cluster/pv-1.json',
      'resources/persistentvolumes/v1-preferredversion/cluster/pv-1.json',
    ]);
  });

  it.each<[string, unknown, string]>([
    [
      'keys sorted at every level',
      { b: 1, a: { d: [2, { z: null, y: true }], c: 'x' } },
      '{"a":{"c":"x","d":[2,{"y":true,"z":null}]},"b":1}',
    ],
    [
      'sorted maps inside unsorted structs and arrays kept, the rest sorted',
      { spec: { list: [{ z: 1, a: 2 }, { a: 1 }], sorted: { x: 1, y: { m: 2, n: 3 } } }, kind: 'K', apiVersion: 'v1' },
      '{"apiVersion":"v1","kind":"K","spec":{"list":[{"a":2,"z":1},{"a":1}],"sorted":{"x":1,"y":{"m":2,"n":3}}}}',
    ],
    ['HTML-safe escapes as Go', { s: '<a & b>\u2028' }, '{"s":"\\u003ca \\u0026 b\\u003e\\u2028"}'],
    ['quotes, backslashes and control characters', { s: 'a"b\\c\n\t' }, '{"s":"a\\"b\\\\c\\n\\t"}'],
    ['numbers as Go writes float64 and int64', { f: 0.5, big: 1e21, small: 1e-7, int: 42 }, '{"big":1e+21,"f":0.5,"int":42,"small":1e-7}'],
    ['keys ordered by UTF-8 bytes', { é: 1, z: 2, Z: 3 }, '{"Z":3,"z":2,"é":1}'],
    ['keys past U+E000 and beyond the BMP ordered by UTF-8 bytes', { '😀': 1, '\uff01': 2, a: 3 }, '{"a":3,"\uff01":2,"😀":1}'],
    ['integer-like keys in byte order too', { data: { '9': 'a', '10': 'b', x: 'c' } }, '{"data":{"10":"b","9":"a","x":"c"}}'],
    ['a lone surrogate as U+FFFD', { s: 'a\ud800b' }, '{"s":"a\ufffdb"}'],
    ['U+2028 and U+2029 escaped', { s: '\u2028\u2029' }, '{"s":"\\u2028\\u2029"}'],
  ])('%s', (_name, value, expected) => {
    expect(encodeUnstructured(value)).toBe(expected);
  });

  it('keeps one entry per item and sorts each list', () => {
    const list = new ResourceListBuilder();
    expect(list.add('v1', 'ConfigMap', 'b', 'x')).toBe(true);
    expect(list.add('v1', 'ConfigMap', 'a', 'y')).toBe(true);
    expect(list.add('v1', 'ConfigMap', 'b', 'x')).toBe(false);
    expect(list.add('v1', 'PersistentVolume', '', 'pv')).toBe(true);
    expect(list.size).toBe(3);
    expect(list.has('v1', 'ConfigMap', 'a', 'y')).toBe(true);
    expect(list.build()).toEqual({ 'v1/ConfigMap': ['a/y', 'b/x'], 'v1/PersistentVolume': ['pv'] });
  });
});
