/**
 * A door in front of the Worker that counts what reaches it, by method and status, so tests
 * and the bench can see what a browser really sends (preflights included) on another origin.
 * `GET /__counts` answers the counts so far; `GET /__counts?reset` answers them and starts again.
 * Each request arrives as from its own client address (`CF-Connecting-IP`, as Cloudflare's
 * edge sets it): the browser tests stand for many visitors, not one client spending its limits.
 */
import { createServer, request } from 'node:http';

/** One request that reached the Worker, for callers that need more than the counts (the bench). */
export interface Passed {
  method: string;
  /** Path and query. */
  url: string;
  status: number;
  /** When it arrived at the door (epoch ms). */
  at: number;
  /** The answer's size as the Worker sent it: status line and headers (as HTTP/1.1 text), and body. */
  bytes: number;
}

export interface CountingProxy {
  url: string;
  close(): Promise<void>;
}

export async function startCountingProxy(target: string, onPassed?: (passed: Passed) => void): Promise<CountingProxy> {
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
    const at = Date.now();
    const forwarded = request(
      {
        host: to.hostname,
        port: to.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: to.host, 'cf-connecting-ip': `10.0.${(visitor >> 8) & 255}.${visitor++ & 255}` },
      },
      (answer) => {
        const key = `${incoming.method} ${answer.statusCode}`;
        counts[key] = (counts[key] ?? 0) + 1;
        if (onPassed) {
          let bytes = `HTTP/1.1 ${answer.statusCode} ${answer.statusMessage}\r\n\r\n`.length;
          for (let i = 0; i < answer.rawHeaders.length; i += 2) bytes += `${answer.rawHeaders[i]}: ${answer.rawHeaders[i + 1]}\r\n`.length;
          answer.on('data', (chunk: Buffer) => (bytes += chunk.length));
          answer.on('end', () =>
            onPassed({ method: incoming.method ?? '', url: incoming.url ?? '', status: answer.statusCode ?? 0, at, bytes }),
          );
        }
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
