import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createValidatedJsonReader } from './validated-json';

describe('createValidatedJsonReader', () => {
  const schema = z.object({ prompt: z.string(), seconds: z.number().optional() });

  it('answers what the schema answers, a fresh object each time', () => {
    const readJson = createValidatedJsonReader();
    const text = '{"prompt":"a fox","seconds":4}';
    const first = readJson(text, schema);
    const second = readJson(text, schema);
    expect(first).toEqual({ success: true, data: { prompt: 'a fox', seconds: 4 } });
    expect(second).toEqual(first);
    if (!first.success || !second.success) throw new Error('unreachable');
    expect(second.data).not.toBe(first.data);
  });

  it('keeps validating a text the schema changes (a stripped key), and never remembers a refused one', () => {
    const readJson = createValidatedJsonReader();
    const stripped = '{"prompt":"a fox","unknown":true}';
    expect(readJson(stripped, schema)).toEqual({ success: true, data: { prompt: 'a fox' } });
    expect(readJson(stripped, schema)).toEqual({ success: true, data: { prompt: 'a fox' } });
    const wrong = '{"prompt":7}';
    expect(readJson(wrong, schema).success).toBe(false);
    expect(readJson(wrong, schema).success).toBe(false);
  });

  it('remembers a text per schema: valid for one column is not valid for another', () => {
    const readJson = createValidatedJsonReader();
    const text = '{"prompt":"a fox"}';
    expect(readJson(text, schema).success).toBe(true);
    expect(readJson(text, z.object({ prompt: z.number() })).success).toBe(false);
  });

  it('validates once per distinct text: a schema that counts its calls sees a repeat only once', () => {
    const readJson = createValidatedJsonReader();
    let calls = 0;
    const counting = z.object({ prompt: z.string() }).refine(() => {
      calls += 1;
      return true;
    });
    for (let index = 0; index < 5; index++) readJson('{"prompt":"a fox"}', counting);
    expect(calls).toBe(1);
  });
});
