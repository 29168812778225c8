import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './test-gateway';

type Entry = { param: string; requested: unknown; action: string };
type DryRun = {
  route: Array<{ offering: string; seconds: number; normalization: Entry[] }>;
  deprecation?: Record<string, unknown>;
  warnings: Array<Record<string, unknown>>;
};

// What a new user tripped over, asked as they asked it, over real HTTP against the sandbox.
describe('requests a new user sends', () => {
  let gateway: TestGateway;
  const post = (body: unknown, query = '') =>
    fetch(`${gateway.url}/v1/videos${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const dryRun = async (body: unknown) => {
    const response = await post(body, '?dry_run=true');
    expect(response.status).toBe(200);
    return (await response.json()) as DryRun;
  };

  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('takes seconds written as "8s", as fal and Luma write durations', async () => {
    const plan = await dryRun({ model: 'veo-3.1', prompt: 'a fox', seconds: '8s' });
    expect(plan.route[0]?.seconds).toBe(8);
    expect(plan.route[0]?.normalization).toContainEqual(
      expect.objectContaining({ param: 'seconds', requested: 8 }),
    );
  });

  it('reports size "auto" as asked, not as left out', async () => {
    const plan = await dryRun({ model: 'veo-3.1', prompt: 'a fox', size: 'auto' });
    expect(plan.route[0]?.normalization).toContainEqual(
      expect.objectContaining({ param: 'size', requested: 'auto', action: 'defaulted' }),
    );
  });

  it('writes the dry run deprecation in snake_case, like every other key', async () => {
    const plan = await dryRun({ model: 'sora-2-pro', prompt: 'a fox' });
    expect(plan.deprecation).toEqual({
      status: 'retired',
      date: '2026-09-24',
      deprecated_at: expect.any(String),
      retired_at: '2026-09-24',
      successors: expect.any(Array),
    });
  });
});
