import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookPost {
  readonly idempotencyKey: string;
  readonly contentType: string;
  readonly body: { text: string; blocks: unknown[]; event: { key: string; kind: string } };
  /** The status this server answered with. */
  readonly status: number;
}

/**
 * A real HTTP server on a loopback port standing in for a Slack incoming webhook: it records
 * every POST and answers 200 "ok", or the status `answer` picks for that request (to make a
 * delivery fail once, or always).
 */
export async function startWebhookServer(
  answer: (post: Omit<WebhookPost, 'status'>, index: number) => number = () => 200,
) {
  const posts: WebhookPost[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => {
      text += chunk;
    });
    req.on('end', () => {
      const post = {
        idempotencyKey: String(req.headers['idempotency-key'] ?? ''),
        contentType: String(req.headers['content-type'] ?? ''),
        body: JSON.parse(text) as WebhookPost['body'],
      };
      const status = req.method === 'POST' ? answer(post, posts.length) : 405;
      posts.push({ ...post, status });
      res.statusCode = status;
      res.end(status === 200 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T000/B000/XXXX`,
    posts,
    /** Keys of the posts this server accepted (answered 2xx), in order. */
    accepted: () => posts.filter((p) => p.status < 300).map((p) => p.idempotencyKey),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
