/**
 * 9. Giveaway under load: 500 concurrent milestone claims, each from its own visitor and
 * address, through the one Durable Object that decides the milestone: claims a second against
 * 500 concurrent edge hits (the same load generator), in alternating rounds, and how many
 * upstream reads the claims cost (their value is read as a page reads it: edge, then shield).
 */
import { MEDIA_IDS } from '../../demo/simulated-account/data.ts';
import { sharedStack } from '../lib/context.ts';
import { requests, statusList, sumStatuses, type Figures } from '../lib/load.ts';
import { progress, type Figure } from '../lib/report.ts';

const CLAIMS = 500;
const ROUNDS = 3;

export async function claims(): Promise<Figure> {
  const { account, worker } = await sharedStack();
  const claimed = MEDIA_IDS[20]!; // read by no other figure: the first claims find it cold
  const hitUrl = `${worker.url}/v1/stats/medias/${MEDIA_IDS[21]}.json`;
  await fetch(hitUrl).then((response) => response.arrayBuffer());
  account.resetRequests();

  const hits: Figures[] = [];
  const claimRuns: Figures[] = [];
  let won = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    hits.push(await requests(() => ({ url: hitUrl }), { count: CLAIMS, concurrency: CLAIMS }));
    claimRuns.push(
      await requests(
        (i) => ({
          url: `${worker.url}/v1/milestones/claim`,
          headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': `10.8.${round * 2 + (i >> 8)}.${i & 255}` },
          body: JSON.stringify({ scope: 'media', id: claimed, metric: 'load_count', threshold: 1, visitor_key: `bench${round}x${i}` }),
        }),
        {
          count: CLAIMS,
          concurrency: CLAIMS,
          onAnswer: (status, body) => {
            if (status === 200 && (JSON.parse(body) as { won?: boolean }).won === true) won++;
          },
        },
      ),
    );
    progress(
      `figure 9: round ${round}/${ROUNDS}: edge hits ${hits.at(-1)!.perSecond.toFixed(0)}/s, claims ${claimRuns.at(-1)!.perSecond.toFixed(0)}/s`,
    );
  }
  const upstreamReads = account.requests().filter((r) => r.path.includes(claimed)).length;
  const perSecond = (runs: Figures[]) =>
    runs.reduce((sum, run) => sum + run.count, 0) / runs.reduce((sum, run) => sum + run.count / run.perSecond, 0);
  const p50 = (runs: Figures[]) => runs.reduce((sum, run) => sum + run.p50, 0) / runs.length;
  const statuses = sumStatuses(claimRuns);
  const ratio = perSecond(claimRuns) / perSecond(hits);
  return {
    number: 9,
    name: 'Giveaway under load',
    measured: `${perSecond(claimRuns).toFixed(0)} claims/s, p50 ${p50(claimRuns).toFixed(0)} ms; ${upstreamReads} upstream read`,
    baseline: `edge hits: ${perSecond(hits).toFixed(0)}/s, p50 ${p50(hits).toFixed(0)} ms`,
    result: `×${ratio.toFixed(2)}; ${upstreamReads} upstream read`,
    target: '1 upstream read; ratio reported',
    met: upstreamReads === 1 && won === 1 && statuses[200] === CLAIMS * ROUNDS,
    details: [
      `${ROUNDS} alternating rounds of ${CLAIMS} concurrent claims (distinct visitors and addresses, one milestone: media ${claimed}, load_count ≥ 1) and ${CLAIMS} concurrent edge hits; node's fetch.`,
      `Claims answered: ${statusList(statuses)}; exactly one won: ${won === 1 ? 'yes' : `no (${won})`}.`,
      `Upstream reads for the claimed media over all ${CLAIMS * ROUNDS} claims: ${upstreamReads} (the first claims found it cold and shared one read; the rest read the edge copy).`,
    ],
  };
}
