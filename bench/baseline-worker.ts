/**
 * Figure 6's baselines, run under `wrangler dev` with the project's own wrangler config (only
 * `main` differs), so that both pay what the platform costs locally and the figure sees the
 * Worker's code:
 * - any path: the same JSON every time, nothing else;
 * - `/v1/floor`: only what an edge hit must do — look the answer up in this location's cache
 *   and hand it on — with none of the project's routing, validation or policy.
 */
declare const caches: {
  default: { match(key: string): Promise<Response | undefined>; put(key: string, response: Response): Promise<void> };
};

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' };

export default {
  async fetch(request: Request, env: { BODY: string }): Promise<Response> {
    if (!request.url.endsWith('/v1/floor')) return new Response(env.BODY, { headers: JSON_HEADERS });
    const key = new URL('/__floor', request.url).href;
    const cached = await caches.default.match(key);
    if (cached) return new Response(cached.body, cached);
    const answer = new Response(env.BODY, { headers: { ...JSON_HEADERS, 'Cache-Control': 'public, max-age=3600' } });
    await caches.default.put(key, answer.clone());
    return answer;
  },
};
