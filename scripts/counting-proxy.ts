/**
 * A door in front of the Worker that counts what reaches it, by method and status, so tests
 * and the bench can see what a browser really sends (preflights included) on another origin.
 * `GET /__counts` answers the counts so far; `GET /__counts?reset` answers them and starts again.
 * Each request arrives as from its own client address (`CF-Connecting-IP`, as Cloudflare's
 * edge sets it): the browser tests stand for many visitors, not one client spending its limits.
 */
import { createServer, request } from 'node:http';

export interface CountingProxy {
  url: string;
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const to = new URL(target);
  let counts: Record<string, number> = {};
  let visitor = 1;
  const server = createServer((incoming, outgoing) => {
    if (incoming.url?.startsWith('/__counts')) {
      outgoing.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' });
      outgoing.end(JSON.stringify(counts));
      if (incoming.url.endsWith('?reset')) counts = {};
      return;
    }
    const forwarded = request(
      { host: to.hostname, port: to.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: to.host, 'cf-connecting-ip': `10.0.${(visitor >> 8) & 255}.${visitor++ & 255}` } },
      (answer) => {
        const key = `${incoming.method} ${answer.statusCode}`;
        counts[key] = (counts[key] ?? 0) + 1;
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
