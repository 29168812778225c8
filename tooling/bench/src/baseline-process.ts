import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * Child process: a bare node:http server, the ceiling this machine allows for the same traffic.
 * `GET /json` answers a fixed JSON body (the gateway's own answer, passed in); `GET /file` streams a file from disk;
 * `POST /v1/chat/completions` answers a fixed OpenAI chat completion: the upstream of Portkey's chat path.
 */

const CHAT_COMPLETION = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1_764_806_400,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: 'A paper boat.' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 },
});

const { json, file } = JSON.parse(process.argv[2] ?? '{}') as { json?: string; file?: string };
const server = createServer((request, response) => {
  if (request.url === '/json' && json !== undefined) {
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(json),
    });
    response.end(json);
  } else if (request.url === '/v1/chat/completions' && request.method === 'POST') {
    request.resume();
    request.once('end', () => {
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(CHAT_COMPLETION),
      });
      response.end(CHAT_COMPLETION);
    });
  } else if (request.url === '/file' && file !== undefined) {
    response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': statSync(file).size });
    createReadStream(file).pipe(response);
  } else {
    response.writeHead(404).end();
  }
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});
process.once('disconnect', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
