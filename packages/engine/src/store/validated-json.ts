import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';

/** How many characters of column text the memory of validated texts may hold, all columns together. */
const MAX_REMEMBERED_CHARS = 4_000_000;

/**
 * Reads a JSON column through its schema, validating each distinct text once. A job's row is read on every
 * retrieve and every poll, and validating its JSON columns again was about a tenth of a retrieve's CPU. A text
 * is remembered only when the schema's answer for it is exactly what `JSON.parse` gives (nothing stripped,
 * defaulted or transformed), so a remembered text's `JSON.parse` is the schema's answer: every caller still gets
 * a fresh object of its own, and an unknown or changed text is validated in full.
 */
export function createValidatedJsonReader() {
  const remembered = new Map<z.ZodType, Set<string>>();
  let rememberedChars = 0;

  function remember(schema: z.ZodType, text: string): void {
    if (rememberedChars + text.length > MAX_REMEMBERED_CHARS) {
      remembered.clear();
      rememberedChars = 0;
    }
    let texts = remembered.get(schema);
    if (texts === undefined) {
      texts = new Set();
      remembered.set(schema, texts);
    }
    texts.add(text);
    rememberedChars += text.length;
  }

  return function readJson<T>(text: string, schema: z.ZodType<T>): z.ZodSafeParseResult<T> {
    if (remembered.get(schema)?.has(text)) return { success: true, data: JSON.parse(text) as T };
    const parsed: unknown = JSON.parse(text);
    const result = schema.safeParse(parsed);
    if (result.success && isDeepStrictEqual(result.data, JSON.parse(text))) remember(schema, text);
    return result;
  };
}
