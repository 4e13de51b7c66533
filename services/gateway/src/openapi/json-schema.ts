import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

/**
 * A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect). Requests are described by what they
 * accept (`input`), responses by what they carry (`output`). A normalising transform (postcode
 * spacing, lower-cased e-mail) has no JSON Schema of its own; the value it produces still matches
 * the pattern of its input side, so that side describes it.
 */
export function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    override: (ctx) => {
      const def = ctx.zodSchema._zod.def;
      if (io === 'output' && def.type === 'pipe' && def.out._zod.def.type === 'transform') {
        for (const key of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[key];
        Object.assign(ctx.jsonSchema, toJsonSchema(def.in as z.ZodType, 'output'));
      }
    },
  }) as JsonSchema;
  delete json.$schema;
  return json;
}
