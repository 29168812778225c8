import { z } from 'zod';

export type JsonValue = null | string | number | boolean | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Any JSON value. One instance, so generated JSON Schema names it once (`JsonValue`) wherever it is used. */
export const jsonValueSchema: z.ZodType<JsonValue> = z.json();

/** Any JSON object (an upstream body fragment, a stored operation). */
export const jsonObjectSchema: z.ZodType<JsonObject> = z.record(z.string(), jsonValueSchema);
