import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedWebhook = { path: string; headers: IncomingHttpHeaders; rawBody: Buffer; json: unknown };

export type WebhookReceiver = {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  received: ReceivedWebhook[];
  /** Statuses for the next deliveries, in order (`'hang'` never answers); then 200. */
  answers: Array<number | 'hang'>;
  close(): Promise<void>;
};

/** A webhook receiver on 127.0.0.1 that records every delivery and answers as told. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const hung = new Set<ServerResponse>();
  const receiver: WebhookReceiver = { origin: '', received: [], answers: [], close: async () => {} };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      let json: unknown;
      try {
        json = JSON.parse(rawBody.toString('utf8'));
      } catch {
        json = undefined;
      }
      receiver.received.push({ path: request.url ?? '/', headers: request.headers, rawBody, json });
      const answer = receiver.answers.shift() ?? 200;
      if (answer === 'hang') {
        hung.add(response);
        return;
      }
      response.writeHead(answer, { 'content-type': 'text/plain' });
      response.end(answer < 300 ? 'ok' : 'not now');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.close = async () => {
    for (const response of hung) response.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return receiver;
}
