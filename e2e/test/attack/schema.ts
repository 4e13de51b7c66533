import fc from 'fast-check';

/** The JSON Schema subset the OpenAPI document's request schemas use (zod 4's output). */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  propertyNames?: Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  multipleOf?: number;
}

export type Resolve = (schema: Schema) => Schema;

/** Follows `#/components/…` references within `doc`. */
export function resolverOf(doc: unknown): Resolve {
  const resolve = (schema: Schema): Schema => {
    if (!schema.$ref) return schema;
    const target = schema.$ref.replace(/^#\//, '').split('/').reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], doc);
    if (!target) throw new Error(`unresolved ${schema.$ref}`);
    return resolve(target as Schema);
  };
  return resolve;
}

const MAX_TEXT = 60;
const within = (min = 0, max = MAX_TEXT) => ({ minLength: min, maxLength: Math.min(max, Math.max(min, MAX_TEXT)) });

function text(schema: Schema): fc.Arbitrary<string> {
  const { minLength = 0, maxLength = MAX_TEXT } = schema;
  if (schema.format === 'date-time') return fc.date({ min: new Date('2000-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
  if (schema.format === 'date') return fc.date({ min: new Date('1900-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.pattern) {
    const re = new RegExp(schema.pattern);
    // stringMatching's default size makes a `+` a few characters long: a pattern with a larger minimum
    // (FactuurSturen's API key, 20 to 400) would pass the filter almost never and spin the generator.
    return fc.stringMatching(re, minLength > 10 ? { size: 'medium' } : {}).filter((s) => s.length >= minLength && s.length <= maxLength);
  }
  return fc.oneof(fc.string(within(minLength, maxLength)), fc.string({ ...within(minLength, maxLength), unit: 'grapheme' }));
}

function number(schema: Schema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : 0.01) : -1e6);
  const max = schema.maximum ?? 1e6;
  if (integer) return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  const step = schema.multipleOf ?? 0.01;
  return fc.integer({ min: Math.ceil(min / step), max: Math.floor(max / step) }).map((n) => Math.round(n * step * 100) / 100);
}

/** Values the schema admits (mostly: formats the schema cannot express, like an e-mail address, may still be refused). */
export function valid(schema: Schema, resolve: Resolve, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => valid(a, resolve, depth + 1)));
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string': return text(s);
    case 'integer': return number(s, true);
    case 'number': return number(s, false);
    case 'boolean': return fc.boolean();
    case 'null': return fc.constant(null);
    case 'array': return fc.array(valid(s.items ?? {}, resolve, depth + 1), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 4, 4) });
    case 'object': {
      const properties = Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, valid(v, resolve, depth + 1)]));
      const record = fc.record(properties, { requiredKeys: s.required ?? [] });
      if (typeof s.additionalProperties !== 'object') return record;
      const keys = s.propertyNames ? text(resolve(s.propertyNames)) : fc.string({ minLength: 1, maxLength: 20 });
      const extra = fc.dictionary(keys, valid(s.additionalProperties, resolve, depth + 1), { maxKeys: 3 });
      return fc.tuple(record, extra).map(([known, more]) => ({ ...more, ...known }));
    }
    default: return fc.jsonValue({ maxDepth: 2 });
  }
}

/** The JSON types a schema admits, so that a value of none of them is certainly refused. */
function admittedTypes(schema: Schema, resolve: Resolve): Set<string> {
  const s = resolve(schema);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return new Set(alternatives.flatMap((a) => [...admittedTypes(a, resolve)]));
  if (s.const !== undefined) return new Set([jsonType(s.const)]);
  if (s.enum) return new Set(s.enum.map(jsonType));
  if (!s.type) return new Set(['string', 'number', 'integer', 'boolean', 'null', 'array', 'object']);
  const types = Array.isArray(s.type) ? s.type : [s.type];
  return new Set(types.flatMap((t) => (t === 'number' ? ['number', 'integer'] : [t])));
}

const jsonType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
const OF_TYPE: Record<string, unknown> = { string: 'x', integer: 7, number: 7.5, boolean: true, null: null, array: [], object: {} };

/** A value of a JSON type the schema does not admit, or undefined when it admits every type. */
export function wrongType(schema: Schema, resolve: Resolve): unknown {
  const admitted = admittedTypes(schema, resolve);
  const type = ['object', 'array', 'boolean', 'string', 'integer', 'null'].find((t) => !admitted.has(t) && !(t === 'integer' && admitted.has('number')));
  return type === undefined ? undefined : OF_TYPE[type];
}

/** One change to a valid body that makes it certainly invalid under its schema, with what it did. */
export interface Mutation {
  what: string;
  body?: unknown;
  rawBody?: string;
  contentType?: string;
}

type Path = string[];

/** Every object schema within the body schema that the sample body reaches, with its path. */
function objectsIn(schema: Schema, value: unknown, resolve: Resolve, path: Path = []): { path: Path; schema: Schema; value: Record<string, unknown> }[] {
  const s = resolve(schema);
  if (s.type !== 'object' || typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const here = { path, schema: s, value: value as Record<string, unknown> };
  const nested = Object.entries(s.properties ?? {}).flatMap(([k, v]) => objectsIn(v, (value as Record<string, unknown>)[k], resolve, [...path, k]));
  return [here, ...nested];
}

const setAt = (root: unknown, path: Path, change: (o: Record<string, unknown>) => void): unknown => {
  const copy = structuredClone(root);
  const target = path.reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, copy as Record<string, unknown>);
  change(target);
  return copy;
};

/**
 * Every certainly-invalid variant of a valid `sample` body: a required property dropped, a property of
 * a type its schema refuses, an unknown property where none is allowed, a text over its length or off
 * its pattern, a value outside its enumeration, a body of the wrong kind, broken JSON, another media
 * type, and one far too large.
 */
export function mutations(schema: Schema, sample: unknown, resolve: Resolve): Mutation[] {
  const out: Mutation[] = [];
  for (const { path, schema: s, value } of objectsIn(schema, sample, resolve)) {
    const at = path.length ? path.join('.') : 'the body';
    for (const key of s.required ?? []) out.push({ what: `${at} without ${key}`, body: setAt(sample, path, (o) => delete o[key]) });
    if (s.additionalProperties === false) out.push({ what: `${at} with an unknown property`, body: setAt(sample, path, (o) => (o.zzUnknown = 1)) });
    for (const [key, property] of Object.entries(s.properties ?? {})) {
      const p = resolve(property);
      const wrong = wrongType(p, resolve);
      if (wrong !== undefined) out.push({ what: `${at}.${key} of a refused type`, body: setAt(sample, path, (o) => (o[key] = wrong)) });
      if (p.type === 'string' && p.maxLength !== undefined) {
        out.push({ what: `${at}.${key} over ${p.maxLength} characters`, body: setAt(sample, path, (o) => (o[key] = 'x'.repeat(p.maxLength! + 1))) });
      }
      if (p.type === 'string' && p.pattern && !new RegExp(p.pattern).test('!?')) {
        out.push({ what: `${at}.${key} off its pattern`, body: setAt(sample, path, (o) => (o[key] = '!?')) });
      }
      if (p.enum && !p.enum.includes('zz-not-an-option')) out.push({ what: `${at}.${key} outside its enum`, body: setAt(sample, path, (o) => (o[key] = 'zz-not-an-option')) });
      void value;
    }
  }
  const top = wrongType(schema, resolve);
  if (top !== undefined) out.push({ what: 'a body of a refused type', body: top });
  out.push({ what: 'broken JSON', rawBody: '{"type": "access", "subject": ' });
  out.push({ what: 'JSON with a NUL byte and a lone surrogate', rawBody: '{"name": "\\u0000\\ud800", ' });
  out.push({ what: 'the sample as text/plain', rawBody: JSON.stringify(sample ?? {}), contentType: 'text/plain' });
  out.push({ what: 'a body of 200 kB', rawBody: JSON.stringify({ ...(typeof sample === 'object' && sample ? sample : {}), pad: 'x'.repeat(200_000) }) });
  return out;
}
