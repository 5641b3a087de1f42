/**
 * The giveaway demo: a milestone a few visitors above the live count, a button that brings
 * visitors (the simulated account's /__sim/bump), and a rival who can claim first.
 */
import { loadDropIn } from './drop-in.ts';
import { KNOWN } from './simulated-account/catalogue.ts';

const params = new URLSearchParams(location.search);
const endpoint = params.get('endpoint') ?? `${location.protocol}//${location.hostname}:8787`;
const account = params.get('account') ?? `${location.protocol}//${location.hostname}:8788`;
const milestone = document.querySelector<HTMLElement>('#milestone')!;
const log = document.querySelector('#log')!;

const note = (text: string) => log.insertAdjacentHTML('afterbegin', `<li>${new Date().toLocaleTimeString()} — ${text}</li>`);

async function liveVisitors(): Promise<number> {
  const response = await fetch(`${endpoint}/v1/stats/medias/${KNOWN.mediaId}.json`, { cache: 'no-store' });
  return ((await response.json()) as { visitors: number }).visitors;
}

/** A new milestone 25 visitors ahead: a new prize nobody has claimed. */
async function newGiveaway(): Promise<void> {
  const threshold = (await liveVisitors()) + 25;
  milestone.setAttribute('threshold', String(threshold));
  note(`New giveaway: the ${threshold.toLocaleString()}th visitor wins.`);
}

document.querySelector('#bump')!.addEventListener('click', async () => {
  await fetch(`${account}/__sim/bump`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ mediaId: KNOWN.mediaId, metric: 'visitors', by: 5 }),
  });
  note('5 more viewers came in.');
});

document.querySelector('#rival')!.addEventListener('click', async () => {
  const threshold = Number(milestone.getAttribute('threshold'));
  const response = await fetch(`${endpoint}/v1/milestones/claim`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ scope: 'media', id: KNOWN.mediaId, metric: 'visitors', threshold, visitor_key: `rival${Date.now()}` }),
  });
  const answer = (await response.json()) as { won?: boolean; error?: { message: string } };
  note(answer.error ? `The rival’s claim was refused: ${answer.error.message}` : `The rival claimed: won = ${answer.won}.`);
});

document.querySelector('#again')!.addEventListener('click', () => void newGiveaway());

milestone.addEventListener('wistia-milestone', (event) =>
  note(`wistia-milestone: ${event.detail.value.toLocaleString()} visitors crossed ${event.detail.threshold.toLocaleString()}.`),
);
milestone.addEventListener('wistia-milestone-claim', (event) => note(`wistia-milestone-claim: won = ${event.detail.won}.`));
milestone.addEventListener('wistia-error', (event) => note(`wistia-error: ${event.detail.message}`));

await newGiveaway();
loadDropIn(endpoint);
