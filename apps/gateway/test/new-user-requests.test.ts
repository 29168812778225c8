import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInSimulators, startTestGateway, type TestGateway } from './test-gateway';

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

  describe('a parameter only the user knows', () => {
    const submits = () => {
      const simulators = builtInSimulators(gateway);
      return [simulators.openai, simulators.fal, simulators.replicate].flatMap((simulator) =>
        simulator.requests.filter((request) => request.method === 'POST'),
      );
    };

    it('is warned about in the dry run: no provider declares it, so it is passed through on trust', async () => {
      const plan = await dryRun({ model: 'sora-2-pro', prompt: 'a fox', foo: 'bar' });
      expect(plan.warnings).toContainEqual(
        expect.objectContaining({
          type: 'compatibility',
          feature: 'foo',
          details: expect.stringContaining('not a Reelay parameter'),
        }),
      );
      expect(plan.route[0]?.normalization).toContainEqual(
        expect.objectContaining({ param: 'foo', action: 'passthrough' }),
      );
    });

    it('refused by the provider is the user error: a 400 naming it, tried nowhere else, listed nowhere', async () => {
      const before = submits().length;
      const response = await post({ model: 'sora-2-pro', prompt: 'a fox', foo: 'bar' });
      const body = (await response.json()) as { error: Record<string, unknown> };
      expect(response.status).toBe(400);
      expect(body.error).toMatchObject({
        type: 'invalid_request_error',
        param: 'foo',
        code: 'parameter_refused',
      });
      expect(body.error['message']).toContain(`Unknown parameter: 'foo'`);
      // about the parameter, not the model: the retirement note is not glued on
      expect(body.error['message']).not.toContain('retired');
      const sent = submits().slice(before);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.path).toBe('/v1/videos');

      const several = await post({ model: 'sora-2-pro', prompt: 'two foxes', foo: 'bar', n: 2 });
      expect(several.status).toBe(400);
      expect(((await several.json()) as typeof body).error).toMatchObject({ param: 'foo' });

      const list = (await (await fetch(`${gateway.url}/v1/videos`)).json()) as {
        data: Array<{ prompt: string }>;
      };
      expect(list.data).toEqual([]);
    });
  });

  it('lists model tags that agree with the modes, for every model', async () => {
    const models = (await (await fetch(`${gateway.url}/v1/models`)).json()) as {
      data: Array<{ id: string; tags: string[]; modes: string[] }>;
    };
    expect(models.data.length).toBeGreaterThan(10);
    const modeNames = ['text-to-video', 'image-to-video', 'extend-video', 'edit-video'];
    for (const model of models.data) {
      expect(model.tags.filter((tag) => modeNames.includes(tag)).sort(), model.id).toEqual(
        [...model.modes].sort(),
      );
    }
  });
});
