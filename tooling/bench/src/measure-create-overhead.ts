import { type Dispatcher, Pool } from 'undici';
import { dispatcherFor } from './dispatcher-for';
import { CREATE_BODY } from './gateway-calls';
import type { SimulatorProcess } from './processes';
import { median, percentile } from './stats';

export type CreateOverhead = {
  rounds: number;
  pairsPerRound: number;
  /** Median of the per-round (gateway median − direct median), ms. */
  overheadMs: number;
  roundOverheadsMs: number[];
  gatewayMedianMs: number;
  gatewayP99Ms: number;
  directMedianMs: number;
  directP99Ms: number;
  /** Portkey's chat path measured the same way in the same rounds, when Portkey ran. */
  portkey?: PortkeyOverhead;
};

export type PortkeyOverhead = {
  /** Median of the per-round (Portkey median − direct chat median), ms. */
  overheadMs: number;
  roundOverheadsMs: number[];
  portkeyMedianMs: number;
  directMedianMs: number;
  /** Reelay's create-path overhead ÷ Portkey's chat-path overhead, both from these rounds. */
  ratio: number;
};

const CHAT_BODY = JSON.stringify({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'reelay benchmark: describe a paper boat in three words' }],
});

/**
 * Sequential creates, interleaved gateway / direct (A, B, A, B…): A is `POST /v1/videos` on the gateway (which
 * stores the job, calls the simulator through the OpenAI adapter, stores the upstream id and answers); B is the
 * same create sent straight to the simulator, as a client without Reelay would. With `portkey`, each step also
 * sends C, a chat completion through Portkey's gateway to a bare upstream, and D, the same chat straight to that
 * upstream (A, B, C, D, A, B…), so both gateways' overheads come from the same rounds on the same machine.
 */
export async function measureCreateOverhead(options: {
  /** One gateway, or several instances on one database that the creates are spread over. */
  gatewayUrls: string[];
  simulator: SimulatorProcess;
  rounds: number;
  pairsPerRound: number;
  warmupPairs: number;
  portkey?: { url: string; upstreamUrl: string };
}): Promise<CreateOverhead> {
  const gateway = dispatcherFor(options.gatewayUrls, 1);
  const upstream = new URL(options.simulator.baseURL);
  const direct = new Pool(upstream.origin, { connections: 1 });
  const directPath = `${upstream.pathname.replace(/\/$/, '')}/videos`;
  const viaGateway = () =>
    timed(gateway, { path: '/v1/videos', headers: { 'content-type': 'application/json' } });
  const straight = () =>
    timed(direct, {
      path: directPath,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${options.simulator.apiKey}` },
    });

  const chat = options.portkey === undefined ? undefined : chatCalls(options.portkey);

  try {
    for (let index = 0; index < options.warmupPairs; index++) {
      await viaGateway();
      await straight();
      await chat?.viaPortkey();
      await chat?.straight();
    }
    const gatewayAll: number[] = [];
    const directAll: number[] = [];
    const roundOverheadsMs: number[] = [];
    const portkeyAll: number[] = [];
    const chatDirectAll: number[] = [];
    const portkeyRoundOverheadsMs: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const a: number[] = [];
      const b: number[] = [];
      const c: number[] = [];
      const d: number[] = [];
      for (let index = 0; index < options.pairsPerRound; index++) {
        a.push(await viaGateway());
        b.push(await straight());
        if (chat !== undefined) {
          c.push(await chat.viaPortkey());
          d.push(await chat.straight());
        }
      }
      roundOverheadsMs.push(median(a) - median(b));
      gatewayAll.push(...a);
      directAll.push(...b);
      if (chat !== undefined) {
        portkeyRoundOverheadsMs.push(median(c) - median(d));
        portkeyAll.push(...c);
        chatDirectAll.push(...d);
      }
    }
    const overheadMs = median(roundOverheadsMs);
    const portkeyOverheadMs = median(portkeyRoundOverheadsMs);
    return {
      rounds: options.rounds,
      pairsPerRound: options.pairsPerRound,
      overheadMs,
      roundOverheadsMs,
      gatewayMedianMs: median(gatewayAll),
      gatewayP99Ms: percentile(gatewayAll, 99),
      directMedianMs: median(directAll),
      directP99Ms: percentile(directAll, 99),
      ...(chat === undefined
        ? {}
        : {
            portkey: {
              overheadMs: portkeyOverheadMs,
              roundOverheadsMs: portkeyRoundOverheadsMs,
              portkeyMedianMs: median(portkeyAll),
              directMedianMs: median(chatDirectAll),
              ratio: overheadMs / portkeyOverheadMs,
            },
          }),
    };
  } finally {
    await Promise.all([gateway.close(), direct.close(), chat?.close()]);
  }
}

/** Portkey's documented way to reach an OpenAI-compatible host: provider `openai` plus a custom host. */
function chatCalls(portkey: { url: string; upstreamUrl: string }) {
  const viaPortkey = new Pool(portkey.url, { connections: 1 });
  const upstream = new Pool(portkey.upstreamUrl, { connections: 1 });
  const headers = { 'content-type': 'application/json', authorization: 'Bearer sk-reelay-bench' };
  return {
    viaPortkey: () =>
      timed(
        viaPortkey,
        {
          path: '/v1/chat/completions',
          headers: {
            ...headers,
            'x-portkey-provider': 'openai',
            'x-portkey-custom-host': `${portkey.upstreamUrl}/v1`,
          },
        },
        CHAT_BODY,
      ),
    straight: () => timed(upstream, { path: '/v1/chat/completions', headers }, CHAT_BODY),
    close: () => Promise.all([viaPortkey.close(), upstream.close()]),
  };
}

async function timed(
  pool: Dispatcher,
  request: { path: string; headers: Record<string, string> },
  body: string = CREATE_BODY,
): Promise<number> {
  const started = performance.now();
  const response = await pool.request({ method: 'POST', ...request, body });
  const text = await response.body.text();
  const elapsed = performance.now() - started;
  if (response.statusCode !== 200)
    throw new Error(`create via ${request.path} answered ${response.statusCode}: ${text}`);
  return elapsed;
}
