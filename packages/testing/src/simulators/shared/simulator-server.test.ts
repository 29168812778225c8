import { afterEach, describe, expect, it } from 'vitest';
import { type SimulatorServer, startSimulatorServer } from './simulator-server';

/** The fault kinds over real HTTP: what the client sees, and what the server recorded. */
describe('startSimulatorServer faults', () => {
  let server: SimulatorServer;
  let made = 0;
  afterEach(() => server?.close());

  const start = async () => {
    made = 0;
    server = await startSimulatorServer({
      handle: () => {
        made += 1;
        return { status: 201, json: { id: `job-${made}`, padding: 'x'.repeat(2000) } };
      },
      rateLimitBody: () => ({ error: 'slow down' }),
    });
  };
  const post = (signal?: AbortSignal) =>
    fetch(`${server.origin}/v1/jobs`, { method: 'POST', body: '{}', ...(signal ? { signal } : {}) });

  it('truncated: the job is made, the body is cut off mid-way and the read fails', async () => {
    await start();
    server.injectFault({ route: 'POST /v1/jobs', fault: { kind: 'truncated' } });
    const response = await post();
    expect(response.status).toBe(201);
    await expect(response.text()).rejects.toThrow();
    expect(made).toBe(1);
    expect(server.requests[0]).toMatchObject({ fault: 'truncated', handled: true });
  });

  it('stall: nothing is made and nothing answers until the client gives up', async () => {
    await start();
    server.injectFault({ route: 'POST *', fault: { kind: 'stall' } });
    await expect(post(AbortSignal.timeout(200))).rejects.toThrow();
    expect(made).toBe(0);
    expect(server.requests[0]).toMatchObject({ fault: 'stall', handled: false });
  });

  it('raw and content-type: a proxy page in place of the answer; the real answer mislabelled', async () => {
    await start();
    server.injectFault({
      route: '*',
      fault: { kind: 'raw', status: 502, contentType: 'text/html', body: '<h1>Bad Gateway</h1>' },
    });
    server.injectFault({ route: '*', fault: { kind: 'content-type', contentType: 'text/plain' } });
    const page = await post();
    expect([page.status, page.headers.get('content-type'), await page.text()]).toEqual([
      502,
      'text/html',
      '<h1>Bad Gateway</h1>',
    ]);
    const mislabelled = await post();
    expect(mislabelled.headers.get('content-type')).toBe('text/plain');
    expect(JSON.parse(await mislabelled.text())).toMatchObject({ id: 'job-1' });
    expect(server.requests.map((request) => [request.fault, request.handled])).toEqual([
      ['raw', false],
      ['content-type', true],
    ]);
  });

  it('takes rules in the order injected, each `times` times, then answers normally', async () => {
    await start();
    server.injectFault({ route: 'POST *', times: 2, fault: { kind: 'status', status: 503 } });
    server.injectFault({ route: 'POST *', fault: { kind: 'rate-limit', retryAfterSeconds: 3 } });
    const statuses: Array<[number, string | null]> = [];
    for (let index = 0; index < 4; index++) {
      const response = await post();
      statuses.push([response.status, response.headers.get('retry-after')]);
      await response.arrayBuffer();
    }
    expect(statuses).toEqual([
      [503, null],
      [503, null],
      [429, '3'],
      [201, null],
    ]);
    expect(server.requests.map((request) => request.handled)).toEqual([false, false, false, true]);
  });
});
