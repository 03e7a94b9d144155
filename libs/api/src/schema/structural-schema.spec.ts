import { z } from 'zod';
import { UnsupportedSchemaError } from '../errors';
import { atomicList, atomicObject, dateTime, freeformObject, int32, int64, integer, stringMap, withCrd } from './crd-extensions';
import { objectMetaSchema } from './common-schemas';
import { toStructuralSchema, type JsonSchemaProps } from './structural-schema';

describe('structural schema - zod to OpenAPI', () => {
  it.each<[string, z.ZodType, JsonSchemaProps]>([
    ['string', z.string(), { type: 'string' }],
    ['boolean', z.boolean(), { type: 'boolean' }],
    ['integer without format', integer(), { type: 'integer' }],
    ['int64', int64(), { type: 'integer', format: 'int64' }],
    ['int64 with minimum', int64({ minimum: 0 }), { type: 'integer', format: 'int64', minimum: 0 }],
    ['int32', int32(), { type: 'integer', format: 'int32' }],
    ['zod safe integer', z.int(), { type: 'integer' }],
    ['date-time', dateTime(), { type: 'string', format: 'date-time' }],
    ['nullable date-time', dateTime().nullish(), { type: 'string', format: 'date-time', nullable: true }],
    [
      'string limits and pattern',
      z
        .string()
        .min(1)
        .max(5)
        .regex(/^a\/b$/),
      { type: 'string', minLength: 1, maxLength: 5, pattern: '^a/b$' },
    ],
    ['enum from as-const object', z.enum({ A: 'a', B: '' }), { type: 'string', enum: ['a', ''] }],
    ['array with minItems', z.array(z.string()).min(1), { type: 'array', items: { type: 'string' }, minItems: 1 }],
    ['string map', stringMap(), { type: 'object', additionalProperties: { type: 'string' } }],
    ['free-form object', freeformObject(), { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }],
    ['atomic list', atomicList(z.array(z.string())), { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'atomic' }],
    ['byte format', withCrd(z.string(), { format: 'byte' }), { type: 'string', format: 'byte' }],
    ['default', withCrd(z.string(), { default: '' }).optional(), { type: 'string', default: '' }],
    ['description', z.string().describe('the name'), { type: 'string', description: 'the name' }],
    ['int-or-string', withCrd(z.union([z.int(), z.string()]), { intOrString: true }), { 'x-kubernetes-int-or-string': true }],
    ['opaque metadata', objectMetaSchema, { type: 'object' }],
  ])('%s', (_name, schema, expected) => {
    expect(toStructuralSchema(schema)).toEqual(expected);
  });

  it('lists non-optional keys as required (sorted) and keeps optional ones out', () => {
    const schema = atomicObject(z.object({ b: z.string(), a: z.int(), c: z.string().optional(), d: z.string().nullish() }));
    expect(toStructuralSchema(schema)).toEqual({
      type: 'object',
      'x-kubernetes-map-type': 'atomic',
      required: ['a', 'b'],
      properties: {
        a: { type: 'integer' },
        b: { type: 'string' },
        c: { type: 'string' },
        d: { type: 'string', nullable: true },
      },
    });
  });

  it.each<[string, z.ZodType, string]>([
    ['transform', z.string().transform((s) => s.length), 'x'],
    ['refinement', z.string().refine((s) => s !== ''), 'x'],
    ['plain union', z.union([z.string(), z.boolean()]), 'x'],
    ['tuple', z.tuple([z.string()]), 'x'],
    ['non-string enum literal', z.literal(3), 'x'],
    ['exclusive minimum', z.int().positive(), 'x'],
    ['multipleOf other than 1', z.number().multipleOf(5), 'x'],
    ['email format', z.email(), 'x'],
  ])('refuses %s with UnsupportedSchemaError naming the path', (_name, schema, key) => {
    expect(() => toStructuralSchema(z.object({ [key]: schema }))).toThrow(UnsupportedSchemaError);
    expect(() => toStructuralSchema(z.object({ [key]: schema }))).toThrow(`"${key}"`);
  });
});
