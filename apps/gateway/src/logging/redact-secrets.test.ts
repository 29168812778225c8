import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger';
import { redactSecrets } from './redact-secrets';

describe('redactSecrets', () => {
  it('censors secret fields at the top level and one level down, without touching the caller’s object', () => {
    const line = {
      event: 'x',
      authorization: 'Bearer k',
      headers: { authorization: 'Bearer k', accept: '*/*' },
      input: [{ api_key: 'k' }],
      nested: { openai_api_key: 'k', apiKey: 'k' },
    };
    const before = structuredClone(line);
    expect(redactSecrets(line)).toEqual({
      event: 'x',
      authorization: '[redacted]',
      headers: { authorization: '[redacted]', accept: '*/*' },
      input: [{ api_key: 'k' }],
      nested: { openai_api_key: '[redacted]', apiKey: '[redacted]' },
    });
    expect(line).toEqual(before);
  });

  it('returns a line without secrets as it is', () => {
    const line = { event: 'http.request', status: 200, route: '/v1/videos/:id' };
    expect(redactSecrets(line)).toBe(line);
  });

  it('is what the gateway logger writes', async () => {
    const lines: string[] = [];
    const logger = await createLogger({ level: 'info', lines: (line) => lines.push(line) });
    logger.info({ event: 'x', headers: { authorization: 'Bearer secret' }, api_key: 'secret' }, 'hello');
    expect(lines.join('\n')).not.toContain('secret');
    expect(JSON.parse(lines[0]!)).toMatchObject({ event: 'x', api_key: '[redacted]', msg: 'hello' });
  });
});
