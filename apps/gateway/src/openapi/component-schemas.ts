import {
  dryRunResultSchema,
  dryRunRouteSchema,
  jsonValueSchema,
  modelCardSchema,
  modelListSchema,
  modelProviderCardSchema,
  openAIErrorBodySchema,
  videoDeletedSchema,
  videoListSchema,
  videoObjectSchema,
} from '@reelay/core';
import { usageReportSchema } from '@reelay/engine';
import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

/** Every shape the gateway answers with, by component name: the zod schemas its routes answer from. */
const responseSchemas: Record<string, z.ZodType> = {
  Video: videoObjectSchema,
  VideoList: videoListSchema,
  VideoDeleted: videoDeletedSchema,
  DryRunResult: dryRunResultSchema,
  DryRunRoute: dryRunRouteSchema,
  Model: modelCardSchema,
  ModelProvider: modelProviderCardSchema,
  ModelList: modelListSchema,
  UsageReport: usageReportSchema,
  Error: openAIErrorBodySchema,
  /** Recursive, so it needs a name to be referred to (the normalization report's values). */
  JsonValue: jsonValueSchema,
};

export const componentRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/**
 * The response components as JSON Schema. Converted as one registry so a shape nested in another
 * (the video in a list, the card in the model list) is a `$ref` to its own component.
 */
export function responseComponentSchemas(): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(responseSchemas)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    io: 'output',
    unrepresentable: 'any',
    target: 'draft-2020-12',
    uri: (id) => componentRef(id).$ref,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => [id, withoutSchemaIds(schema as JsonSchema)]),
  );
}

/** One request body as JSON Schema, with each property's description merged in. */
export function requestSchema(schema: z.ZodType, docs: Record<string, string> = {}): JsonSchema {
  return withDescriptions(
    withoutSchemaIds(
      z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema,
    ),
    docs,
  );
}

export function withDescriptions(schema: JsonSchema, docs: Record<string, string>): JsonSchema {
  const properties = schema['properties'];
  if (typeof properties === 'object' && properties !== null) {
    for (const [name, description] of Object.entries(docs)) {
      const property = (properties as Record<string, JsonSchema>)[name];
      if (property !== undefined) property['description'] = description;
    }
  }
  return schema;
}

/** An OpenAPI component is addressed by its place in the document, not by `$id`; `$schema` is implied. */
function withoutSchemaIds(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return rest;
}
