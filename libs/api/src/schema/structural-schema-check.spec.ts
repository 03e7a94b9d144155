import { buildCrd } from '../crd/crd-renderer';
import { resourceDefinitions, resourceKinds } from '../resources/resource-registry';
import { listReferenceCrdFiles, readReferenceCrd } from '../testing';
import { checkStructuralSchema } from './structural-schema-check';

const root = (properties: Record<string, unknown>): Record<string, unknown> => ({ type: 'object', properties });

describe('structural schema check - rules', () => {
  it.each<[string, Record<string, unknown>, string, string]>([
    ['root not an object', { type: 'string' }, '(root)', 'root must have type object'],
    ['missing type', root({ a: { description: 'x' } }), 'a', 'a type is required'],
    ['unknown type', root({ a: { type: 'map' } }), 'a', 'unknown type'],
    ['anyOf', root({ a: { type: 'string', anyOf: [{ type: 'string' }] } }), 'a', 'key "anyOf" is not allowed'],
    ['$ref', root({ a: { $ref: '#/definitions/x' } }), 'a', 'key "$ref" is not allowed'],
    ['additionalProperties false', root({ a: { type: 'object', additionalProperties: false } }), 'a', 'must be a schema, not a boolean'],
    [
      'properties and additionalProperties',
      root({ a: { type: 'object', properties: {}, additionalProperties: { type: 'string' } } }),
      'a',
      'mutually exclusive',
    ],
    ['array without items', root({ a: { type: 'array' } }), 'a', 'arrays need a single items schema'],
    ['tuple items', root({ a: { type: 'array', items: [{ type: 'string' }] } }), 'a', 'arrays need a single items schema'],
    ['items on a string', root({ a: { type: 'string', items: { type: 'string' } } }), 'a', 'items need type array'],
    ['required names no property', { ...root({ a: { type: 'string' } }), required: ['b'] }, '(root)', 'required "b" is not a property'],
    ['enum of the wrong type', root({ a: { type: 'string', enum: [1] } }), 'a', 'does not match the type'],
    ['preserve-unknown-fields false', root({ a: { type: 'object', 'x-kubernetes-preserve-unknown-fields': false } }), 'a', 'must be true'],
    [
      'metadata with properties',
      root({ metadata: { type: 'object', properties: { labels: { type: 'object' } } } }),
      'metadata',
      'exactly {type: object}',
    ],
    ['nested under items', root({ a: { type: 'array', items: { type: 'object', properties: { b: {} } } } }), 'a[].b', 'a type is required'],
    ['nested under map values', root({ a: { type: 'object', additionalProperties: { properties: {} } } }), 'a{}', 'a type is required'],
  ])('flags %s', (_name, schema, path, rule) => {
    const violations = checkStructuralSchema(schema);
    expect(violations.some((v) => v.path === path && v.rule.includes(rule))).toBe(true);
  });

  it.each<[string, Record<string, unknown>]>([
    ['int-or-string without type', root({ a: { 'x-kubernetes-int-or-string': true } })],
    ['preserve-unknown-fields without type', root({ a: { 'x-kubernetes-preserve-unknown-fields': true } })],
    ['nullable and formats', root({ a: { type: 'string', format: 'date-time', nullable: true } })],
  ])('accepts %s', (_name, schema) => {
    expect(checkStructuralSchema(schema)).toEqual([]);
  });
});

describe('structural schema check - real schemas', () => {
  it.each(resourceKinds)('the rendered %s CRD is structural', (kind) => {
    const schema = buildCrd(resourceDefinitions[kind]).spec.versions[0]!.schema.openAPIV3Schema;
    expect(checkStructuralSchema(schema)).toEqual([]);
  });

  it.each(listReferenceCrdFiles())('the checker accepts upstream %s (it is no stricter than Kubernetes)', (file) => {
    const crd = readReferenceCrd<{ spec: { versions: { schema: { openAPIV3Schema: Record<string, unknown> } }[] } }>(file);
    for (const version of crd.spec.versions) expect(checkStructuralSchema(version.schema.openAPIV3Schema)).toEqual([]);
  });
});
