/**
 * The giveaway demo: a milestone a few visitors above the live count, a button that brings
 * visitors (the simulated account's /__sim/bump), and a rival who can claim first.
 */
import { account, endpoint, loadDropIn, note } from './drop-in.ts';
import { KNOWN } from './simulated-account/catalogue.ts';

const milestone = document.querySelector<HTMLElement>('#milestone')!;
const log = document.querySelector('#log')!;

async function liveVisitors(): Promise<number> {
  const response = await fetch(`${endpoint}/v1/stats/medias/${KNOWN.mediaId}.json`, { cache: 'no-store' });
  return ((await response.json()) as { visitors: number }).visitors;
}

/** A new milestone 25 visitors ahead: a new prize nobody has claimed. */
async function newGiveaway(): Promise<void> {
  const threshold = (await liveVisitors()) + 25;
  milestone.setAttribute('threshold', String(threshold));
  note(log, `New giveaway: the ${ordinal(threshold)} visitor wins.`);
}

document.querySelector('#bump')!.addEventListener('click', async () => {
  await fetch(`${account}/__sim/bump`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ mediaId: KNOWN.mediaId, metric: 'visitors', by: 5 }),
  });
  note(log, '5 more viewers came in.');
});

document.querySelector('#rival')!.addEventListener('click', async () => {
  const threshold = Number(milestone.getAttribute('threshold'));
  const response = await fetch(`${endpoint}/v1/milestones/claim`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ scope: 'media', id: KNOWN.mediaId, metric: 'visitors', threshold, visitor_key: `rival${Date.now()}` }),
  });
  const answer = (await response.json()) as { won?: boolean; error?: { message: string } };
  note(log, answer.error ? `The rival’s claim was refused: ${answer.error.message}` : `The rival claimed: won = ${answer.won}.`);
});

document.querySelector('#again')!.addEventListener('click', () => void newGiveaway());

milestone.addEventListener('wistia-milestone', (event) =>
  note(log, `wistia-milestone: ${event.detail.value.toLocaleString()} visitors crossed ${event.detail.threshold.toLocaleString()}.`),
);
milestone.addEventListener('wistia-milestone-claim', (event) => note(log, `wistia-milestone-claim: won = ${event.detail.won}.`));
milestone.addEventListener('wistia-error', (event) => note(log, `wistia-error: ${event.detail.message}`));

await newGiveaway();
loadDropIn();

/** 3,961st, 3,962nd, 3,963rd, 3,964th: English ordinals, as the page is written in English. */
function ordinal(count: number): string {
  const suffixes: Partial<Record<Intl.LDMLPluralRule, string>> = { one: 'st', two: 'nd', few: 'rd' };
  const suffix = suffixes[new Intl.PluralRules('en', { type: 'ordinal' }).select(count)];
  return `${count.toLocaleString('en')}${suffix ?? 'th'}`;
}
