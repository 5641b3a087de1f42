/**
 * docs/architecture.md, "The page side" › "Elements", `<wistia-recommendations>`: the Worker's
 * recommendations as cards, for the visitor the page's Wistia player knows (here a stand-in
 * with the player's API), refreshed when the viewer finishes a video, a card's pick fired as
 * `wistia-recommendation-select` and played in the player `for` names; an empty state.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.ts';
import { KNOWN } from '../../demo/simulated-account/catalogue.ts';
import type { WistiaRecommendations } from '../../src/index.ts';
import type { Project } from '../../src/wistia-api.ts';
import { expectBadAttributes, fetched, record, testEnv, visibleText, wistia } from './helpers.ts';

const { worker } = await testEnv();
const project = await wistia<Project>(`/v1/projects/${KNOWN.projectId}.json`);
const nameOf = (id: string) => project.medias.find((media) => media.hashed_id === id)!.name;

/** A stand-in for Wistia's `<wistia-player>`: the parts of its API the element uses, and a record of calls. */
type StandIn = HTMLElement & {
  visitorKey?: string;
  mediaId: string;
  calls: string[];
  replaceWithMedia(id: string): Promise<void>;
  play(): Promise<void>;
};
function standInPlayer(id: string, visitorKey: string | undefined, mediaId = KNOWN.mediaId): StandIn {
  const player = document.createElement('wistia-player') as StandIn;
  player.id = id;
  player.setAttribute('media-id', mediaId);
  Object.assign(player, {
    visitorKey,
    mediaId,
    calls: [],
    async replaceWithMedia(this: StandIn, next: string) {
      this.calls.push(`replaceWithMedia ${next}`);
      this.mediaId = next;
    },
    async play(this: StandIn) {
      this.calls.push('play');
    },
  });
  document.body.append(player);
  return player;
}
afterEach(() => {
  document.querySelectorAll('wistia-player').forEach((player) => player.remove());
  sessionStorage.clear(); // what a viewer finished in this tab
});

async function recommendations(attributes: string): Promise<WistiaRecommendations> {
  const parent = await fixture(html`<div style="width: 640px"></div>`);
  parent.innerHTML = `<wistia-recommendations endpoint="${worker}" locale="en-US" ${attributes}></wistia-recommendations>`;
  const element = parent.firstElementChild as WistiaRecommendations;
  await waitUntil(() => element.shadowRoot?.querySelector('[part~="list"], [part~="empty"], [part~="error"]'), 'nothing shown', {
    timeout: 14_000,
  });
  return element;
}

const cards = (element: Element) => [...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="card"]')];
const cardNames = (element: Element) => cards(element).map((card) => card.querySelector('[part~="name"]')!.textContent);

describe('<wistia-recommendations>', () => {
  it('stale, its secondary text stays readable: the list is dimmed, the durations not twice over', async () => {
    const element = await recommendations(`project-id="${KNOWN.projectId}" visitor-key="${KNOWN.bingeVisitorKey}"`);
    element.setAttribute('stale', ''); // as the element marks a list the Worker called stale
    let opacity = 1;
    for (let node: Element | null = element.shadowRoot!.querySelector('[part~="duration"]'); node; node = node.parentElement) {
      opacity *= Number(getComputedStyle(node).opacity);
    }
    expect(opacity).to.be.closeTo(0.7, 0.001);
  });

  it('renders the videos the visitor never played as cards: thumbnail, name, length in the locale', async () => {
    const element = await recommendations(`project-id="${KNOWN.projectId}" visitor-key="${KNOWN.bingeVisitorKey}"`);
    expect(cardNames(element)).to.deep.equal(KNOWN.bingeUnwatched.map(nameOf));
    const first = project.medias.find((media) => media.hashed_id === KNOWN.bingeUnwatched[0])!;
    const card = cards(element)[0]!;
    expect(card.querySelector('[part~="thumbnail"] img[part~="image"]')!.getAttribute('src')).to.equal(first.thumbnail.url);
    const duration = card.querySelector('[part~="duration"]')!.textContent!;
    const minutes = Math.floor(Math.round(first.duration) / 60);
    expect(duration).to.contain(String(minutes));
    expect(duration).to.equal(
      new (Intl as unknown as { DurationFormat: new (l: string, o: object) => { format(d: object): string } }).DurationFormat('en-US', {
        style: 'short',
      }).format({
        hours: 0,
        minutes,
        seconds: Math.round(first.duration) % 60,
      }),
    );
  });

  it('mode="unfinished": the ones left before the end, most recent first; limit keeps the first', async () => {
    const element = await recommendations(`project-id="${KNOWN.projectId}" visitor-key="${KNOWN.bingeVisitorKey}" mode="unfinished"`);
    expect(cardNames(element)).to.deep.equal(KNOWN.bingeUnfinished.map(nameOf));
    const limited = await recommendations(
      `project-id="${KNOWN.projectId}" visitor-key="${KNOWN.bingeVisitorKey}" mode="unfinished" limit="2"`,
    );
    expect(cardNames(limited)).to.deep.equal(KNOWN.bingeUnfinished.slice(0, 2).map(nameOf));
  });

  it('shows the empty state when nothing is left, in its own words or the page’s', async () => {
    const element = await recommendations(`project-id="${KNOWN.completedProjectId}" visitor-key="${KNOWN.completistVisitorKey}"`);
    expect(visibleText(element).trim()).to.equal('You’ve seen everything.');
    const custom = await fixture(html`<div></div>`);
    custom.innerHTML = `<wistia-recommendations endpoint="${worker}" project-id="${KNOWN.completedProjectId}" visitor-key="${KNOWN.completistVisitorKey}" mode="unfinished"><span slot="empty">All caught up!</span></wistia-recommendations>`;
    const withSlot = custom.firstElementChild as WistiaRecommendations;
    await waitUntil(() => withSlot.shadowRoot?.querySelector('[part~="empty"]'), 'no empty state');
    expect(visibleText(withSlot).trim()).to.equal('All caught up!');
  });

  it('without visitor-key, the visitor Wistia’s player on the page knows', async () => {
    standInPlayer('player', KNOWN.bingeVisitorKey);
    const before = fetched.length;
    const element = await recommendations(`project-id="${KNOWN.projectId}"`);
    expect(cardNames(element)).to.deep.equal(KNOWN.bingeUnwatched.map(nameOf));
    expect(fetched.slice(before).filter((url) => url.includes('/v1/recommendations'))).to.deep.equal([
      `${worker}/v1/recommendations.json?project_id=${KNOWN.projectId}&visitor_key=${KNOWN.bingeVisitorKey}`,
    ]);
  });

  it('or an older embed’s, through window._wq', async () => {
    const queue: Array<{ id: string; onReady: (video: unknown) => void }> = [];
    (window as { _wq?: unknown })._wq = queue;
    const ends: Array<() => void> = [];
    try {
      const parent = await fixture(html`<div></div>`);
      parent.innerHTML = `<wistia-recommendations endpoint="${worker}" project-id="${KNOWN.projectId}"></wistia-recommendations>`;
      const element = parent.firstElementChild as WistiaRecommendations;
      await waitUntil(() => queue.length >= 2, 'the element did not ask the queue');
      // What Wistia's script does with the queue: hands each entry the player once it is ready.
      const video = {
        visitorKey: () => KNOWN.bingeVisitorKey,
        hashedId: () => KNOWN.bingeUnwatched[0],
        bind: (_: string, listener: () => void) => ends.push(listener),
        unbind: () => undefined,
      };
      queue.forEach((entry) => entry.onReady(video));
      await waitUntil(() => cards(element).length > 0, 'no cards');
      expect(cardNames(element)).to.deep.equal(KNOWN.bingeUnwatched.map(nameOf));
      ends.forEach((ended) => ended());
      await waitUntil(() => cards(element).length === KNOWN.bingeUnwatched.length - 1, 'the finished video stayed');
    } finally {
      delete (window as { _wq?: unknown })._wq;
    }
  });

  it('no visitor key anywhere: every video of the project', async () => {
    const element = await recommendations(`project-id="${KNOWN.projectId}"`);
    expect(cardNames(element)).to.deep.equal(project.medias.map((media) => media.name));
  });

  it('when the viewer finishes a video in that player, it leaves the list at once and the Worker is asked again', async () => {
    const player = standInPlayer('main-player', KNOWN.bingeVisitorKey);
    const element = await recommendations(`project-id="${KNOWN.projectId}" for="main-player"`);
    const url = `${worker}/v1/recommendations.json?project_id=${KNOWN.projectId}&visitor_key=${KNOWN.bingeVisitorKey}`;
    const asked = () => fetched.filter((fetchedUrl) => fetchedUrl === url).length;
    const before = asked();
    player.mediaId = KNOWN.bingeUnwatched[1]!;
    player.dispatchEvent(new Event('ended'));
    await element.updateComplete;
    expect(cardNames(element)).to.deep.equal(KNOWN.bingeUnwatched.filter((id) => id !== KNOWN.bingeUnwatched[1]).map(nameOf));
    await waitUntil(() => asked() > before, 'the Worker was not asked again');
    // Another player's video ending is not this viewer's.
    const other = standInPlayer('other-player', 'SOMEONEELSE');
    other.mediaId = KNOWN.bingeUnwatched[0]!;
    other.dispatchEvent(new Event('ended'));
    await element.updateComplete;
    expect(cards(element)).to.have.length(KNOWN.bingeUnwatched.length - 1);
  });

  /**
   * The viewer finishes `mediaId` in `player` while a list follows it; then the page again: a
   * new element, and a Worker whose cached answer (and Wistia's) still lists the video.
   */
  async function finishedThenAgain(player: StandIn, mediaId: string): Promise<WistiaRecommendations> {
    const first = await recommendations(`project-id="${KNOWN.projectId}" for="${player.id}"`);
    player.mediaId = mediaId;
    player.dispatchEvent(new Event('ended'));
    await first.updateComplete;
    first.remove();
    return recommendations(`project-id="${KNOWN.projectId}" for="${player.id}"`);
  }

  it('a video finished in this tab stays off the list after a reload, while the Worker’s copy still has it', async () => {
    const finished = KNOWN.bingeUnwatched[2]!;
    const again = await finishedThenAgain(standInPlayer('main-player', KNOWN.bingeVisitorKey), finished);
    expect(cardNames(again)).to.deep.equal(KNOWN.bingeUnwatched.filter((id) => id !== finished).map(nameOf));
    // Another viewer in the same tab still gets it.
    const someoneElse = await recommendations(`project-id="${KNOWN.projectId}" visitor-key="SOMEONEELSE"`);
    expect(cardNames(someoneElse)).to.include(nameOf(finished));
  });

  it('with no viewer known, what was finished in this tab stays off too', async () => {
    const finished = project.medias[1]!.hashed_id;
    const again = await finishedThenAgain(standInPlayer('anonymous-player', undefined), finished);
    expect(cardNames(again)).to.deep.equal(project.medias.filter((media) => media.hashed_id !== finished).map((media) => media.name));
  });

  it('storage refused (a sandboxed frame): a finished video still leaves the list, and nothing breaks', async () => {
    const { getItem, setItem } = Storage.prototype;
    const refuse = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    Object.assign(Storage.prototype, { getItem: refuse, setItem: refuse });
    try {
      const player = standInPlayer('main-player', KNOWN.bingeVisitorKey);
      const element = await recommendations(`project-id="${KNOWN.projectId}" for="main-player"`);
      expect(cardNames(element)).to.deep.equal(KNOWN.bingeUnwatched.map(nameOf));
      player.mediaId = KNOWN.bingeUnwatched[0]!;
      player.dispatchEvent(new Event('ended'));
      await element.updateComplete;
      expect(cardNames(element)).to.deep.equal(KNOWN.bingeUnwatched.slice(1).map(nameOf));
    } finally {
      Object.assign(Storage.prototype, { getItem, setItem });
    }
  });

  for (const [what, kept, hidden] of [
    ['not JSON', '{"', []],
    ['not a list', '{"a": 1}', []],
    ['a list with other things in it', `["${KNOWN.bingeUnwatched[0]}", 5, null, {}]`, [KNOWN.bingeUnwatched[0]]],
  ] as const) {
    it(`what the tab kept is ${what}: only its video ids count`, async () => {
      sessionStorage.setItem(`wistia-stats:finished:${KNOWN.bingeVisitorKey}`, kept);
      const element = await recommendations(`project-id="${KNOWN.projectId}" visitor-key="${KNOWN.bingeVisitorKey}"`);
      expect(cardNames(element)).to.deep.equal(
        KNOWN.bingeUnwatched.filter((id) => !(hidden as readonly string[]).includes(id)).map(nameOf),
      );
    });
  }

  it('picking a card fires wistia-recommendation-select and plays it in the player `for` names', async () => {
    const player = standInPlayer('picker-player', KNOWN.bingeVisitorKey);
    const element = await recommendations(`project-id="${KNOWN.projectId}" for="picker-player"`);
    const picks = record(document, 'wistia-recommendation-select');
    cards(element)[2]!.click();
    const id = KNOWN.bingeUnwatched[2]!;
    expect(picks.map((event) => event.detail)).to.deep.equal([{ hashed_id: id, name: nameOf(id) }]);
    expect(picks[0]!.bubbles && picks[0]!.composed).to.equal(true);
    await waitUntil(() => player.calls.length === 2, 'the player was not asked to play');
    expect(player.calls).to.deep.equal([`replaceWithMedia ${id}`, 'play']);
  });

  it('without for, a pick is only the event; with for naming nothing, a wistia-error too', async () => {
    const element = await recommendations(`project-id="${KNOWN.projectId}" visitor-key="${KNOWN.bingeVisitorKey}" for="no-such-player"`);
    const errors = record(element, 'wistia-error');
    const picks = record(element, 'wistia-recommendation-select');
    cards(element)[0]!.click();
    expect(picks).to.have.length(1);
    expect(errors.map((event) => event.detail.code)).to.deep.equal(['bad_attribute']);
    expect(errors[0]!.detail.message).to.contain('no-such-player');
  });

  for (const [what, attributes] of [
    ['no project-id', `visitor-key="${KNOWN.bingeVisitorKey}"`],
    ['a bad project-id', 'project-id="Not An Id"'],
    ['a bad visitor-key', `project-id="${KNOWN.projectId}" visitor-key="not-a-key!"`],
    ['an unknown mode', `project-id="${KNOWN.projectId}" mode="everything"`],
    ['limit 0', `project-id="${KNOWN.projectId}" limit="0"`],
    ['limit over 100', `project-id="${KNOWN.projectId}" limit="101"`],
  ] as const) {
    it(`${what}: a readable error and wistia-error, no request`, () =>
      expectBadAttributes('wistia-recommendations', attributes, '/v1/recommendations'));
  }

  it('a project Wistia does not have: the Worker’s 404, readable', async () => {
    const element = await recommendations(`project-id="${KNOWN.missingProjectId}"`);
    expect(element.shadowRoot!.querySelector('[part="error"]')!.textContent).to.match(/no such project/i);
  });

  it('a picture that cannot load leaves the placeholder, not a broken image', async () => {
    const element = await recommendations(`project-id="${KNOWN.projectId}" visitor-key="${KNOWN.bingeVisitorKey}" limit="1"`);
    const image = element.shadowRoot!.querySelector<HTMLImageElement>('[part~="image"]')!;
    // The simulated account serves its pictures; this one it does not have.
    image.src = `${location.origin}/no-such-picture.png`;
    await waitUntil(() => image.hidden, 'the broken picture is still shown');
    const box = element.shadowRoot!.querySelector('[part~="thumbnail"]')!.getBoundingClientRect();
    expect(box.height / box.width).to.be.closeTo(9 / 16, 0.02);
  });

  it('themable through parts and custom properties', async () => {
    const element = await recommendations(
      `project-id="${KNOWN.projectId}" visitor-key="${KNOWN.bingeVisitorKey}" style="--wistia-recommendations-radius: 3px"`,
    );
    expect(getComputedStyle(element.shadowRoot!.querySelector('[part~="thumbnail"]')!).borderTopLeftRadius).to.equal('3px');
  });
});
