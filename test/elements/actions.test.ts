/**
 * docs/architecture.md, "The page side" › "Elements": `<wistia-stat action>` shows a number of
 * one of a media's actions (Turnstile, Annotation, Call to Action) from the media's stats.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.ts';
import { MEDIA_IDS } from '../../demo/simulated-account/catalogue.ts';
import type { WistiaStat } from '../../src/index.ts';
import type { MediaStats } from '../../src/wistia-api.ts';
import { expectBadAttributes, partText, record, settled, testEnv, wistia } from './helpers.ts';

const { worker } = await testEnv();

/** The first media whose actions match, as Wistia (the simulated account) has it. */
async function mediaWith(match: (types: string[]) => boolean): Promise<{ mediaId: string; stats: MediaStats }> {
  for (const mediaId of MEDIA_IDS) {
    const stats = await wistia<MediaStats>(`/v1/stats/medias/${mediaId}.json`);
    if (match(stats.actions.map((action) => action.type))) return { mediaId, stats };
  }
  throw new Error('no such media in the simulated account');
}

async function stat(attributes: string, part: 'value' | 'error' = 'value'): Promise<WistiaStat> {
  const parent = await fixture(html`<div></div>`);
  parent.innerHTML = `<wistia-stat endpoint="${worker}" locale="en-US" ${attributes}></wistia-stat>`;
  const element = parent.firstElementChild as WistiaStat;
  await settled(element, part);
  return element;
}

describe('<wistia-stat action>: call-to-action stats', () => {
  it('metric="rate" shows the action’s rate as a percentage', async () => {
    const { mediaId, stats } = await mediaWith((types) => types.includes('Call to Action'));
    const action = stats.actions.find((a) => a.type === 'Call to Action')!;
    const element = await stat(`media-id="${mediaId}" action="Call to Action" metric="rate"`);
    expect(partText(element, 'value')).to.equal(
      new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(action.rate),
    );
  });

  it('action_count and impression_count as numbers, for any of the media’s actions', async () => {
    const { mediaId, stats } = await mediaWith((types) => types.includes('Turnstile'));
    const turnstile = stats.actions.find((a) => a.type === 'Turnstile')!;
    const clicks = await stat(`media-id="${mediaId}" action="Turnstile" metric="action_count"`);
    const seen = await stat(`media-id="${mediaId}" action="Turnstile" metric="impression_count"`);
    expect(partText(clicks, 'value')).to.equal(turnstile.action_count.toLocaleString('en-US'));
    expect(partText(seen, 'value')).to.equal(turnstile.impression_count.toLocaleString('en-US'));
  });

  it('a media without that action: a readable error, not a zero', async () => {
    const { mediaId } = await mediaWith((types) => !types.includes('Annotation'));
    const parent = await fixture(html`<div></div>`);
    const errors = record(parent, 'wistia-error');
    parent.innerHTML = `<wistia-stat endpoint="${worker}" media-id="${mediaId}" action="Annotation" metric="rate"></wistia-stat>`;
    const element = parent.firstElementChild as WistiaStat;
    await settled(element, 'error');
    expect(partText(element, 'error')).to.equal('This video has no Annotation.');
    expect(errors[0]!.detail.code).to.equal('no_action');
  });

  for (const [what, attributes] of [
    ['without media-id', 'action="Call to Action" metric="rate"'],
    ['with project-id', `project-id="p4k9x2m1ab" action="Call to Action" metric="rate"`],
    ['with a metric actions do not have', `media-id="${MEDIA_IDS[0]}" action="Call to Action" metric="play_count"`],
    ['with an empty action', `media-id="${MEDIA_IDS[0]}" action=" " metric="rate"`],
    ['with an action Wistia has no kind of', `media-id="${MEDIA_IDS[0]}" action="Call To Action" metric="rate"`],
    ['an action metric without action', `media-id="${MEDIA_IDS[0]}" metric="rate"`],
  ] as const) {
    it(`${what}: a readable error and wistia-error, no request`, () => expectBadAttributes('wistia-stat', attributes, ''));
  }
});
