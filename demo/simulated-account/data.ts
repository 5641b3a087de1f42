/**
 * The simulated Wistia account's data: seeded and deterministic (same seed → same account),
 * shaped field for field like the Wistia Stats API (src/wistia-api.ts).
 *
 * Only the media counters are stored; account and project stats are summed from them on
 * every request, so the totals can never disagree, however the account grows.
 */
import type {
  AccountStats,
  DayStats,
  EventThumbnail,
  MediaAction,
  MediaEngagement,
  MediaStats,
  Project,
  ProjectStats,
  StatsEvent,
  Visitor,
  VisitorFilter,
  VisitorListItem,
} from '../../src/wistia-api.ts';
import { ACTION_TYPES, AGENTS, FIRST_NAMES, KNOWN, LAST_NAMES, ORGS, PLACES, PROJECTS, type Place, type ProjectSeed } from './catalogue.ts';
import { Random } from './random.ts';

export { KNOWN, MEDIA_IDS } from './catalogue.ts';

/** Seeded data ends here (2025-11-01T00:00:00Z) rather than at "now", so it is the same on every run. */
const SEED_END_MS = Date.UTC(2025, 10, 1);
const DAY_MS = 86_400_000;
const MAX_ENGAGEMENT_POINTS = 1000;

// ---- stored records ----

interface SimProject {
  numericId: number;
  hashedId: string;
  name: string;
  description: string;
  publicId: string;
  createdMs: number;
  medias: SimMedia[];
}

interface SimMedia {
  numericId: number;
  hashedId: string;
  project: SimProject;
  name: string;
  description: string;
  durationSeconds: number;
  createdMs: number;
  thumbnail: EventThumbnail;
  embedUrls: string[];
  // The counters: only ever increased.
  loadCount: number;
  playCount: number;
  visitors: number;
  hoursWatched: number;
  actions: MediaAction[];
  /** Share of plays that reached each point (1 at the start); engagement_data is this × play_count. */
  engagementShape: number[];
  /** Rewatches per play at each point, on the same scale. */
  rewatchShape: number[];
  /** Mean of engagementShape: the average share of the video viewed. */
  engagement: number;
  /** The counters day by day (`YYYY-MM-DD`, UTC): they sum to the counters (see `settle`). */
  daily: Map<string, DayCounts>;
  /** How much of the counters `daily` holds so far. */
  attributed: DayCounts;
}

interface DayCounts {
  loads: number;
  plays: number;
  hours: number;
}

interface SimVisitor {
  item: VisitorListItem;
  lastActiveMs: number;
  viaEmailGate: boolean;
  place: Place;
  ip: string;
}

interface SimEvent {
  /** iframe_heatmap_url is filled in per answer, from the server's address. */
  event: StatsEvent;
  receivedMs: number;
}

export interface VisitorQuery {
  page: number;
  perPage: number;
  filter?: VisitorFilter | undefined;
  search?: string | undefined;
}

export interface EventQuery {
  page: number;
  perPage: number;
  mediaId?: string | undefined;
  visitorKey?: string | undefined;
  /** Epoch ms, inclusive. */
  fromMs?: number | undefined;
  /** Epoch ms, exclusive. */
  untilMs?: number | undefined;
}

export type BumpMetric = 'visitors' | 'load_count' | 'play_count';

/** The longest range the by-date routes answer day by day; a longer one is cut to its last days. */
const MAX_BY_DATE_DAYS = 3660;

/** `YYYY-MM-DD` of an instant, in UTC (the simulated account's time zone). */
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Formats like Wistia: whole seconds, `2014-01-27T22:42:53Z`. */
function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/** Visitors whose histories tests know by heart: growth never adds a session to them. */
const QUIET_VISITORS = new Set<string>([KNOWN.visitorKey, KNOWN.bingeVisitorKey, KNOWN.completistVisitorKey]);

/** `total` in whole parts in proportion to `weights`, summing exactly to `total` (largest remainders). */
function split(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    parts[i]! += 1;
  }
  return parts;
}

function page<T>(items: T[], pageNumber: number, perPage: number): T[] {
  const start = (pageNumber - 1) * perPage;
  return items.slice(start, start + perPage);
}

export class SimulatedAccountData {
  /** Where iframe_heatmap_url points: the server sets this once it knows its own address. */
  heatmapBase = 'https://api.wistia.com/v1';
  /** Where thumbnails are (Wistia's CDN): the server, which serves them too, sets its own address. */
  deliveriesBase = 'https://embed-ssl.wistia.com';
  publicToken = 'simulatedpublic';

  private readonly projects: SimProject[] = [];
  private readonly medias: SimMedia[] = [];
  private readonly visitors: SimVisitor[] = [];
  /** Newest first, always: growth prepends. */
  private readonly events: SimEvent[] = [];
  private readonly mediaById = new Map<string, SimMedia>();
  private readonly visitorByKey = new Map<string, SimVisitor>();
  private readonly eventByKey = new Map<string, SimEvent>();
  private random: Random;
  private ticks = 0;

  /** `todayMs`: the day the daily history ends on (its counts are spread over the days before it). */
  constructor(seed = 1, todayMs = Date.now()) {
    this.random = new Random(seed);
    this.seedCatalogue();
    this.seedAudience();
    // Drawn from their own sequences, so every number seeded before them, and growth, stay as they were.
    const main = this.random;
    this.random = new Random(seed + 0x5eed);
    this.seedKnownViewers();
    this.random = new Random(seed + 0xda7e);
    this.seedDailyHistory(todayMs);
    this.random = main;
  }

  // ---- reads: each builds a fresh response object ----

  accountStats(): AccountStats {
    return this.sum(this.medias);
  }

  projectStats(projectId: string): ProjectStats | undefined {
    const project = this.projects.find((p) => p.hashedId === projectId);
    return project && { ...this.sum(project.medias), number_of_videos: project.medias.length };
  }

  mediaStats(mediaId: string): MediaStats | undefined {
    const media = this.mediaById.get(mediaId);
    if (!media) return undefined;
    return {
      load_count: media.loadCount,
      play_count: media.playCount,
      play_rate: media.loadCount === 0 ? 0 : round(media.playCount / media.loadCount, 3),
      hours_watched: round(media.hoursWatched, 1),
      engagement: round(media.engagement, 3),
      visitors: media.visitors,
      actions: media.actions.map((a) => ({ ...a })),
    };
  }

  mediaEngagement(mediaId: string): MediaEngagement | undefined {
    const media = this.mediaById.get(mediaId);
    if (!media) return undefined;
    return {
      engagement: round(media.engagement, 3),
      engagement_data: media.engagementShape.map((share) => Math.round(share * media.playCount)),
      rewatch_data: media.rewatchShape.map((share) => Math.round(share * media.playCount)),
    };
  }

  /**
   * `GET /v1/stats/account/by_date.json` and `/v1/stats/medias/{id}/by_date.json`: one item a day
   * from `startDate` to `endDate` (`YYYY-MM-DD`, both included; Wistia's default is yesterday and
   * today), zeros where nothing happened. Summed over every day, they are the totals.
   */
  byDate(
    mediaId: string | undefined,
    startDate: string | undefined,
    endDate: string | undefined,
    nowMs = Date.now(),
  ): DayStats[] | undefined {
    const medias = mediaId === undefined ? this.medias : [this.mediaById.get(mediaId)].filter((m): m is SimMedia => m !== undefined);
    if (mediaId !== undefined && medias.length === 0) return undefined;
    this.settle(nowMs);
    const endMs = Date.parse(`${endDate ?? dayOf(nowMs)}T00:00:00Z`);
    let startMs = Date.parse(`${startDate ?? dayOf(nowMs - DAY_MS)}T00:00:00Z`);
    if (Number.isNaN(startMs) || Number.isNaN(endMs)) return [];
    startMs = Math.max(startMs, endMs - (MAX_BY_DATE_DAYS - 1) * DAY_MS);
    const days: DayStats[] = [];
    for (let ms = startMs; ms <= endMs; ms += DAY_MS) {
      const date = dayOf(ms);
      const total: DayCounts = { loads: 0, plays: 0, hours: 0 };
      for (const media of medias) {
        const day = media.daily.get(date);
        if (day) {
          total.loads += day.loads;
          total.plays += day.plays;
          total.hours += day.hours;
        }
      }
      days.push({ date, load_count: total.loads, play_count: total.plays, hours_watched: round(total.hours, 3) });
    }
    return days;
  }

  /** The Data API's project show, used for recommendations. */
  project(projectId: string): Project | undefined {
    const project = this.projects.find((p) => p.hashedId === projectId);
    if (!project) return undefined;
    const updatedMs = Math.max(project.createdMs, ...project.medias.map((m) => m.createdMs));
    return {
      id: project.numericId,
      hashedId: project.hashedId,
      name: project.name,
      description: project.description,
      mediaCount: project.medias.length,
      created: isoSeconds(project.createdMs),
      updated: isoSeconds(updatedMs),
      public: false,
      publicId: project.publicId,
      anonymousCanUpload: false,
      anonymousCanDownload: false,
      medias: project.medias.map((m) => ({
        id: m.numericId,
        hashed_id: m.hashedId,
        name: m.name,
        type: 'Video',
        created: isoSeconds(m.createdMs),
        updated: isoSeconds(m.createdMs),
        duration: m.durationSeconds,
        description: m.description,
        progress: 1,
        status: 'ready',
        thumbnail: { url: `${this.deliveriesBase}${m.thumbnail.url}`, width: m.thumbnail.width, height: m.thumbnail.height },
      })),
    };
  }

  listVisitors(query: VisitorQuery): VisitorListItem[] {
    const { filter, search } = query;
    const matching = this.visitors.filter(({ item, viaEmailGate }) => {
      const { name, email } = item.visitor_identity;
      if (filter === 'has_name' && name === null) return false;
      if (filter === 'has_email' && email === null) return false;
      if (filter === 'identified_by_email_gate' && !viaEmailGate) return false;
      // "contains the exact given value": a case-sensitive substring of the name or the email.
      if (search !== undefined && !(name?.includes(search) || email?.includes(search))) return false;
      return true;
    });
    matching.sort((a, b) => b.lastActiveMs - a.lastActiveMs || a.item.visitor_key.localeCompare(b.item.visitor_key));
    return page(matching, query.page, query.perPage).map((v) => structuredClone(v.item));
  }

  visitor(visitorKey: string): Visitor | undefined {
    const found = this.visitorByKey.get(visitorKey);
    if (!found) return undefined;
    // The show route has every list field but identifying_event_key.
    const { identifying_event_key: _omitted, ...visitor } = structuredClone(found.item);
    return visitor;
  }

  listEvents(query: EventQuery): StatsEvent[] {
    const matching = this.events.filter(
      ({ event, receivedMs }) =>
        (query.mediaId === undefined || event.media_id === query.mediaId) &&
        (query.visitorKey === undefined || event.visitor_key === query.visitorKey) &&
        (query.fromMs === undefined || receivedMs >= query.fromMs) &&
        (query.untilMs === undefined || receivedMs < query.untilMs),
    );
    return page(matching, query.page, query.perPage).map((e) => this.publicEvent(e));
  }

  event(eventKey: string): StatsEvent | undefined {
    const found = this.eventByKey.get(eventKey);
    return found && this.publicEvent(found);
  }

  /** What the heatmap iframe draws: the media's engagement, and how far this session got. */
  heatmap(eventKey: string): { event: StatsEvent; engagement: MediaEngagement } | undefined {
    const event = this.event(eventKey);
    const engagement = event && this.mediaEngagement(event.media_id);
    return event && engagement && { event, engagement };
  }

  /** A token-free overview for `/__sim/state`. */
  summary() {
    return {
      ticks: this.ticks,
      account: this.accountStats(),
      projects: this.projects.map((p) => ({ hashedId: p.hashedId, name: p.name, number_of_videos: p.medias.length })),
      medias: this.medias.map((m) => ({ hashedId: m.hashedId, name: m.name, projectId: m.project.hashedId, duration: m.durationSeconds })),
      visitorCount: this.visitors.length,
      eventCount: this.events.length,
      newestEventAt: this.events[0] ? isoSeconds(this.events[0].receivedMs) : null,
    };
  }

  // ---- growth: every change only ever adds ----

  /** Advances the account by `count` ticks of simulated traffic. */
  tick(count = 1, nowMs = Date.now()): void {
    for (let i = 0; i < count; i++) this.growOnce(nowMs);
    this.settle(nowMs);
  }

  /** Adds `by` to one counter of a media, keeping the others consistent; undefined for an unknown media. */
  bump(mediaId: string, metric: BumpMetric, by: number): MediaStats | undefined {
    const media = this.mediaById.get(mediaId);
    if (!media) return undefined;
    if (metric === 'visitors') {
      // A new visitor is a load too.
      media.visitors += by;
      media.loadCount += by;
    } else if (metric === 'load_count') {
      media.loadCount += by;
    } else {
      this.addPlays(media, by, this.random.float(0.5, 1.5));
      media.loadCount = Math.max(media.loadCount, media.playCount);
    }
    this.settle(Date.now());
    return this.mediaStats(mediaId);
  }

  /**
   * A viewing session of one media, now, by the given visitor key (a new visitor if the account
   * has never seen it): what a real person playing the video leaves in Wistia's events.
   */
  view(mediaId: string, visitorKey: string, nowMs = Date.now(), percentViewed?: number): StatsEvent | undefined {
    const media = this.mediaById.get(mediaId);
    if (!media) return undefined;
    let visitor = this.visitorByKey.get(visitorKey);
    if (!visitor) {
      visitor = this.createVisitor(visitorKey, nowMs);
      this.addVisitor(visitor);
      media.visitors += 1;
    }
    const session = this.addSession(media, visitor, nowMs, percentViewed);
    this.settle(nowMs);
    return this.publicEvent(session);
  }

  /**
   * Whatever the counters grew by since the last call is counted on the day of `nowMs`, so the
   * daily history always sums to the counters, however and whenever they grew.
   */
  private settle(nowMs: number): void {
    const today = dayOf(nowMs);
    for (const media of this.medias) {
      const { attributed } = media;
      const grown = {
        loads: media.loadCount - attributed.loads,
        plays: media.playCount - attributed.plays,
        hours: media.hoursWatched - attributed.hours,
      };
      if (grown.loads === 0 && grown.plays === 0 && grown.hours === 0) continue;
      const day = media.daily.get(today) ?? { loads: 0, plays: 0, hours: 0 };
      media.daily.set(today, { loads: day.loads + grown.loads, plays: day.plays + grown.plays, hours: day.hours + grown.hours });
      media.attributed = { loads: media.loadCount, plays: media.playCount, hours: media.hoursWatched };
    }
  }

  private growOnce(nowMs: number): void {
    this.ticks++;
    const r = this.random;
    // The known media gets traffic on about half the ticks, so a milestone on it visibly approaches.
    const picked = new Set<SimMedia>();
    const known = this.mediaById.get(KNOWN.mediaId);
    if (known && r.chance(0.5)) picked.add(known);
    const wanted = r.int(1, 3);
    while (picked.size < wanted) picked.add(r.pick(this.medias));

    for (const media of picked) {
      const loads = r.int(1, 6);
      const playRate = media.playCount / Math.max(media.loadCount, 1);
      let plays = 0;
      for (let i = 0; i < loads; i++) if (r.chance(playRate)) plays++;
      media.loadCount += loads;
      if (r.chance(0.6)) media.visitors += r.int(1, loads);
      this.addPlays(media, plays, r.float(0.5, 1.5));
    }
    if (r.chance(0.35)) this.addLiveEvent(r.pick([...picked]), nowMs);
  }

  /** Plays add watch time (a share of the duration near the media's engagement) and action impressions. */
  private addPlays(media: SimMedia, plays: number, watchFactor: number): void {
    media.playCount += plays;
    media.hoursWatched += (plays * media.durationSeconds * media.engagement * watchFactor) / 3600;
    for (const action of media.actions) {
      const impressions = Math.round(plays * 0.9);
      let taken = 0;
      for (let i = 0; i < impressions; i++) if (this.random.chance(action.rate || 0.2)) taken++;
      action.impression_count += impressions;
      action.action_count += taken;
      action.rate = round(action.action_count / Math.max(action.impression_count, 1), 3);
    }
  }

  /** A viewing session happening now: sometimes by a new visitor, never by one of KNOWN's visitors. */
  private addLiveEvent(media: SimMedia, nowMs: number): void {
    const r = this.random;
    let visitor: SimVisitor;
    if (r.chance(0.4)) {
      visitor = this.createVisitor(this.randomVisitorKey(), nowMs);
      this.addVisitor(visitor);
      media.visitors += 1;
    } else {
      do visitor = r.pick(this.visitors);
      while (QUIET_VISITORS.has(visitor.item.visitor_key));
    }
    this.addSession(media, visitor, nowMs);
  }

  /** Records one viewing session of a media by a visitor, now: the event, the load, the play, the visitor's history. */
  private addSession(media: SimMedia, visitor: SimVisitor, nowMs: number, percentViewed?: number): SimEvent {
    const newest = this.events[0]?.receivedMs ?? 0;
    const receivedMs = Math.max(nowMs, newest + 1); // keeps "newest first" true even if the clock is behind the seed
    const first = visitor.item.play_count === 0;
    const event = this.createEvent(media, visitor, receivedMs, this.randomEventKey(receivedMs), first);
    if (percentViewed !== undefined) event.event.percent_viewed = percentViewed;
    this.events.unshift(event);
    this.eventByKey.set(event.event.event_key, event);
    media.loadCount += 1;
    this.addPlays(media, 1, event.event.percent_viewed / Math.max(media.engagement, 0.01));
    media.loadCount = Math.max(media.loadCount, media.playCount);
    this.recordSession(visitor, event, 0, first);
    return event;
  }

  // ---- seeding ----

  private seedCatalogue(): void {
    const r = this.random;
    // Wistia's numeric ids: increasing, with gaps (other accounts' uploads in between).
    let numericId = r.int(1_000_000, 9_000_000);
    const nextNumericId = (): number => (numericId += r.int(1, 5000));

    for (const seed of PROJECTS) {
      const project: SimProject = {
        numericId: nextNumericId(),
        hashedId: seed.hashedId,
        name: seed.name,
        description: seed.description,
        publicId: r.chars('abcdefghijklmnopqrstuvwxyz0123456789', 10),
        createdMs: SEED_END_MS - r.int(400 * DAY_MS, 900 * DAY_MS),
        medias: [],
      };
      this.projects.push(project);
      for (const [hashedId, name] of seed.medias) {
        const media = this.createMedia(project, hashedId, nextNumericId(), name, seed);
        project.medias.push(media);
        this.medias.push(media);
        this.mediaById.set(media.hashedId, media);
      }
    }
  }

  private createMedia(project: SimProject, hashedId: string, numericId: number, name: string, seed: ProjectSeed): SimMedia {
    const r = this.random;
    const durationSeconds = r.int(...seed.durationSeconds);
    const { engagementShape, rewatchShape } = this.engagementCurve(Math.min(durationSeconds, MAX_ENGAGEMENT_POINTS));
    const engagement = engagementShape.reduce((a, b) => a + b, 0) / engagementShape.length;

    // Popularity is skewed: a few medias get most of the traffic.
    const visitors = Math.round(40 + 9000 * r.next() ** 3);
    const loadCount = Math.round(visitors * r.float(1.1, 1.8));
    const playCount = Math.round(loadCount * r.float(0.3, 0.85));
    const actions: MediaAction[] = [];
    const actionCount = r.pick([0, 0, 1, 1, 1, 2]);
    for (const type of ACTION_TYPES.slice(0, actionCount)) {
      const impression_count = Math.round(playCount * r.float(0.4, 0.9));
      const action_count = Math.round(impression_count * r.float(0.05, 0.4));
      actions.push({ type, action_count, impression_count, rate: round(action_count / Math.max(impression_count, 1), 3) });
    }
    const [width, height] = r.pick([
      [640, 360],
      [1280, 720],
      [1920, 1080],
    ] as const);
    return {
      numericId,
      hashedId,
      project,
      name,
      description: `${name}, from the ${project.name} project.`,
      durationSeconds,
      createdMs: project.createdMs + r.int(DAY_MS, 300 * DAY_MS),
      thumbnail: {
        // A path: the address is deliveriesBase's when the media is shown.
        url: `/deliveries/${r.chars('0123456789abcdef', 40)}.bin`,
        width,
        height,
        fileSize: r.int(20_000, 250_000),
        contentType: 'image/jpeg',
        type: 'StillImageFile',
      },
      embedUrls: [
        `${seed.site}/${name
          .toLowerCase()
          .replace(/^[^:]*: /, '')
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '')}`,
        seed.site,
      ],
      loadCount,
      playCount,
      visitors,
      hoursWatched: (playCount * durationSeconds * engagement * r.float(0.9, 1.2)) / 3600,
      actions,
      engagementShape,
      rewatchShape,
      engagement,
      daily: new Map(),
      attributed: { loads: 0, plays: 0, hours: 0 },
    };
  }

  /**
   * A realistic engagement curve: a quick drop in the first seconds, a slow decay, a last drop
   * before the end; rewatches low everywhere but for two bumps (a demo people replay).
   */
  private engagementCurve(points: number): { engagementShape: number[]; rewatchShape: number[] } {
    const r = this.random;
    const decay = r.float(0.6, 2.2);
    const floor = r.float(0.1, 0.35);
    const bumps = [r.float(0.15, 0.45), r.float(0.55, 0.85)].map((at) => ({ at, height: r.float(0.08, 0.25), width: r.float(0.01, 0.04) }));
    const engagementShape: number[] = [];
    const rewatchShape: number[] = [];
    for (let i = 0; i < points; i++) {
      const x = points === 1 ? 0 : i / (points - 1);
      const earlyDrop = 1 - 0.2 * Math.min(x / 0.04, 1);
      const endDrop = x > 0.95 ? 1 - 6 * (x - 0.95) : 1;
      const bump = bumps.reduce((sum, b) => sum + b.height * Math.exp(-(((x - b.at) / b.width) ** 2)), 0);
      const base = (floor + (1 - floor) * Math.exp(-decay * x)) * earlyDrop * endDrop;
      engagementShape.push(Math.min(1, Math.max(0, i === 0 ? 1 : base * (1 + r.float(-0.015, 0.015)) + bump * 0.3)));
      rewatchShape.push(Math.max(0, base * r.float(0.02, 0.05) + bump * base));
    }
    return { engagementShape, rewatchShape };
  }

  /**
   * About 300 visitors and 900 events: every visitor has at least one session, a few have many.
   * KNOWN.visitorKey has three sessions, all on KNOWN.mediaId, the last being KNOWN.eventKey.
   */
  private seedAudience(): void {
    const r = this.random;
    const knownMedia = this.mediaById.get(KNOWN.mediaId);
    if (!knownMedia) throw new Error('the known media is missing from the catalogue');
    const sessions = new Map<SimVisitor, { media: SimMedia; ms: number; key?: string }[]>();

    const jim = this.createVisitor(KNOWN.visitorKey, 0);
    jim.viaEmailGate = true;
    jim.item.visitor_identity = {
      name: KNOWN.visitorName,
      email: KNOWN.visitorEmail,
      org: { name: "Jim's Lemonade", title: 'Expert lemon squeezer' },
    };
    const knownEventMs = Number(KNOWN.eventKey.slice(0, 13));
    sessions.set(jim, [
      { media: knownMedia, ms: knownEventMs - 20 * DAY_MS + r.int(0, DAY_MS) },
      { media: knownMedia, ms: knownEventMs - 9 * DAY_MS + r.int(0, DAY_MS) },
      { media: knownMedia, ms: knownEventMs, key: KNOWN.eventKey },
    ]);
    this.addVisitor(jim);

    const others: SimVisitor[] = [];
    for (let i = 1; i < 300; i++) {
      const visitor = this.createVisitor(this.randomVisitorKey(), 0);
      others.push(visitor);
      this.addVisitor(visitor);
    }
    // Sessions land on medias in proportion to their visitors.
    const totalVisitors = this.medias.reduce((sum, m) => sum + m.visitors, 0);
    const pickMedia = (): SimMedia => {
      let roll = r.next() * totalVisitors;
      for (const media of this.medias) if ((roll -= media.visitors) < 0) return media;
      return r.pick(this.medias);
    };
    const sessionCount = 900 - 3;
    for (let i = 0; i < sessionCount; i++) {
      // The first session of each visitor, then the rest skewed toward a few heavy viewers.
      const visitor = i < others.length ? others[i] : others[Math.floor(r.next() ** 2.5 * others.length)];
      if (!visitor) continue;
      const list = sessions.get(visitor) ?? [];
      list.push({ media: pickMedia(), ms: SEED_END_MS - Math.floor(r.next() * 90 * DAY_MS) });
      sessions.set(visitor, list);
    }

    for (const [visitor, list] of sessions) {
      list.sort((a, b) => a.ms - b.ms);
      list.forEach((session, index) => {
        const event = this.createEvent(session.media, visitor, session.ms, session.key ?? this.randomEventKey(session.ms), index === 0);
        this.events.push(event);
        this.eventByKey.set(event.event.event_key, event);
        if (index === 0) visitor.item.created_at = isoSeconds(session.ms - r.int(0, 3 * DAY_MS));
        this.recordSession(visitor, event, r.int(0, 1), index === 0);
      });
    }
    this.events.sort((a, b) => b.receivedMs - a.receivedMs || b.event.event_key.localeCompare(a.event.event_key));
  }

  /**
   * The visitors recommendations are tested and shown with (KNOWN): long histories over several
   * pages of the events list, with `percent_viewed` chosen so that which medias they finished,
   * left unfinished or never played is known. Dates count back from the seed's end.
   */
  private seedKnownViewers(): void {
    const r = this.random;
    const media = (id: string): SimMedia => this.mediaById.get(id)!;
    const tours = this.projects.find((p) => p.hashedId === KNOWN.projectId)!;
    const elsewhere = (projectId: string) => this.medias.filter((m) => m.project.hashedId !== projectId);
    type Planned = { media: SimMedia; daysAgo: number; percentViewed: number };
    const spread = (medias: SimMedia[], count: number, fromDays: number, toDays: number): Planned[] =>
      Array.from({ length: count }, () => ({ media: r.pick(medias), daysAgo: r.float(fromDays, toDays), percentViewed: r.float(0.05, 1) }));
    const at = (id: string, daysAgo: number[], viewed: number[]): Planned[] =>
      daysAgo.map((days, i) => ({ media: media(id), daysAgo: days, percentViewed: viewed[i]! }));

    const [dashboards, , queryBuilder, alerts, , integrations, , admin] = tours.medias.map((m) => m.hashedId);
    this.seedViewer(KNOWN.bingeVisitorKey, [
      ...at(integrations!, [1.2, 2.4, 3.1], [0.3, 0.1, 0.25]),
      ...at(alerts!, [10.5, 12.2, 14.8, 17.1, 19.9], [0.5, 0.2, 0.45, 0.12, 0.33]),
      ...at(queryBuilder!, [61.3, 64.2, 66.8, 69.5], [0.4, 0.95, 0.3, 0.7]),
      ...at(admin!, [88.2, 88.9, 89.4], [0.2, 0.89, 0.6]),
      ...at(dashboards!, [30.5], [1]),
      ...spread([media(dashboards!)], 39, 4, 85).map((p) => ({ ...p, percentViewed: Math.min(p.percentViewed, 0.85) })),
      ...spread(elsewhere(KNOWN.projectId), 195, 4, 87),
    ]);

    const onboarding = this.projects.find((p) => p.hashedId === KNOWN.completedProjectId)!.medias;
    this.seedViewer(KNOWN.completistVisitorKey, [
      ...onboarding.map((m, i) => ({ media: m, daysAgo: 80 + i, percentViewed: 0.9 + i / 60 })),
      ...spread(onboarding, 20, 1, 79).map((p) => ({ ...p, percentViewed: Math.min(p.percentViewed, 0.6) })),
      ...spread(elsewhere(KNOWN.completedProjectId), 124, 1, 79),
    ]);
    this.events.sort((a, b) => b.receivedMs - a.receivedMs || b.event.event_key.localeCompare(a.event.event_key));
  }

  private seedViewer(visitorKey: string, planned: Array<{ media: SimMedia; daysAgo: number; percentViewed: number }>): void {
    const visitor = this.createVisitor(visitorKey, 0);
    this.addVisitor(visitor);
    const sessions = planned.map((p) => ({ ...p, ms: SEED_END_MS - Math.round(p.daysAgo * DAY_MS) })).sort((a, b) => a.ms - b.ms);
    sessions.forEach((session, index) => {
      const event = this.createEvent(session.media, visitor, session.ms, this.randomEventKey(session.ms), index === 0);
      event.event.percent_viewed = round(session.percentViewed, 4);
      this.events.push(event);
      this.eventByKey.set(event.event.event_key, event);
      if (index === 0) visitor.item.created_at = isoSeconds(session.ms);
      this.recordSession(visitor, event, 0, index === 0);
    });
  }

  /**
   * Each media's counters spread over the days from its upload to `todayMs`: more on weekdays,
   * growing as the media catches on, with day-to-day noise. Whole loads and plays (never more
   * plays than loads on a day) and hours to the thousandth; the hours counter becomes their sum,
   * so the totals and the days agree exactly.
   */
  private seedDailyHistory(todayMs: number): void {
    const r = this.random;
    const todayStart = Date.parse(`${dayOf(todayMs)}T00:00:00Z`);
    for (const media of this.medias) {
      const days = Math.max(1, Math.ceil((SEED_END_MS - media.createdMs) / DAY_MS));
      const weights = Array.from({ length: days }, (_, i) => {
        const weekday = new Date(todayStart - (days - 1 - i) * DAY_MS).getUTCDay();
        return (0.4 + i / days) * (weekday === 0 || weekday === 6 ? 0.55 : 1) * r.float(0.5, 1.5);
      });
      const plays = split(media.playCount, weights);
      const extraLoads = split(media.loadCount - media.playCount, weights);
      let hoursSum = 0;
      weights.forEach((_, i) => {
        const hours = round((media.hoursWatched * plays[i]!) / Math.max(media.playCount, 1), 3);
        hoursSum += hours;
        media.daily.set(dayOf(todayStart - (days - 1 - i) * DAY_MS), { loads: plays[i]! + extraLoads[i]!, plays: plays[i]!, hours });
      });
      media.hoursWatched = hoursSum;
      media.attributed = { loads: media.loadCount, plays: media.playCount, hours: media.hoursWatched };
    }
  }

  /** A visitor without sessions yet; about a third are identified (by an email gate, or by name or email only). */
  private createVisitor(visitorKey: string, createdMs: number): SimVisitor {
    const r = this.random;
    const agent = r.pick(AGENTS);
    const place = r.pick(PLACES);
    const identity = {
      name: null as string | null,
      email: null as string | null,
      org: { name: null as string | null, title: null as string | null },
    };
    let viaEmailGate = false;
    if (r.chance(1 / 3)) {
      const first = r.pick(FIRST_NAMES);
      const last = r.pick(LAST_NAMES);
      const [orgName, title, domain] = r.pick(ORGS);
      const kind = r.pick(['gate', 'gate', 'gate', 'email', 'email', 'name'] as const);
      viaEmailGate = kind === 'gate';
      if (kind !== 'email') identity.name = `${first} ${last}`;
      if (kind !== 'name') identity.email = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') + `@${domain}`;
      if (r.chance(0.5)) identity.org = { name: orgName, title };
    }
    return {
      item: {
        visitor_key: visitorKey,
        created_at: isoSeconds(createdMs),
        last_active_at: isoSeconds(createdMs),
        last_event_key: '',
        load_count: 0,
        play_count: 0,
        identifying_event_key: null,
        visitor_identity: identity,
        user_agent_details: {
          browser: agent.browser,
          browser_version: String(r.int(agent.versions[0], agent.versions[1])),
          platform: agent.platform,
          mobile: agent.mobile,
        },
      },
      lastActiveMs: createdMs,
      viaEmailGate,
      place,
      ip: `${r.int(place.ip[0], place.ip[1])}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`,
    };
  }

  /** One viewing session. An email-gate visitor's first session carries the gate's conversion data. */
  private createEvent(media: SimMedia, visitor: SimVisitor, receivedMs: number, eventKey: string, identifying: boolean): SimEvent {
    const r = this.random;
    const { name, email } = visitor.item.visitor_identity;
    const gate = identifying && visitor.viaEmailGate;
    const [firstName = '', ...lastNames] = (name ?? '').split(' ');
    const percentViewed = r.chance(0.3) ? r.float(0.01, 0.15) : Math.min(1, Math.max(0.02, media.engagement + r.float(-0.35, 0.35)));
    return {
      receivedMs,
      event: {
        received_at: isoSeconds(receivedMs),
        event_key: eventKey,
        ip: visitor.ip,
        country: visitor.place.country,
        region: visitor.place.region,
        city: visitor.place.city,
        lat: visitor.place.lat,
        lon: visitor.place.lon,
        org: visitor.place.org,
        // Wistia only knows the email on sessions of a visitor who gave it through a gate.
        email: visitor.viaEmailGate ? email : null,
        percent_viewed: percentViewed,
        embed_url: r.pick(media.embedUrls),
        conversion_type: gate ? 'pre-roll-email' : '',
        conversion_data: gate && email ? { email, first_name: firstName, last_name: lastNames.join(' ') } : {},
        iframe_heatmap_url: '',
        visitor_key: visitor.item.visitor_key,
        media_id: media.hashedId,
        media_name: media.name,
        media_url: `https://northwind.wistia.com/medias/${media.hashedId}`,
        thumbnail: { ...media.thumbnail },
      },
    };
  }

  private addVisitor(visitor: SimVisitor): void {
    this.visitors.push(visitor);
    this.visitorByKey.set(visitor.item.visitor_key, visitor);
  }

  /** Counts a session on its visitor; an identified visitor's first session is the one that identified them. */
  private recordSession(visitor: SimVisitor, { event, receivedMs }: SimEvent, extraLoads: number, first: boolean): void {
    const item = visitor.item;
    const { name, email } = item.visitor_identity;
    if (first && (name !== null || email !== null)) item.identifying_event_key = event.event_key;
    item.play_count += 1;
    item.load_count += 1 + extraLoads;
    if (receivedMs >= visitor.lastActiveMs) {
      visitor.lastActiveMs = receivedMs;
      item.last_active_at = event.received_at;
      item.last_event_key = event.event_key;
    }
  }

  private publicEvent({ event }: SimEvent): StatsEvent {
    // Spread first, so the fields keep the documented order.
    return {
      ...event,
      thumbnail: { ...event.thumbnail, url: `${this.deliveriesBase}${event.thumbnail.url}` },
      conversion_data: { ...event.conversion_data },
      iframe_heatmap_url: `${this.heatmapBase}/stats/events/${event.event_key}/iframe.html?public_token=${encodeURIComponent(this.publicToken)}`,
    };
  }

  private randomVisitorKey(): string {
    let key: string;
    do key = this.random.chars('0123456789ABCDEF', 40);
    while (this.visitorByKey.has(key));
    return key;
  }

  /** Wistia's shape: the epoch ms, a letter, then a random fraction (`1390862572596e0.8447021404281259`). */
  private randomEventKey(ms: number): string {
    let key: string;
    do key = `${ms}${this.random.pick(['e', 'f'])}0.${this.random.chars('0123456789', 16)}`;
    while (this.eventByKey.has(key));
    return key;
  }

  private sum(medias: SimMedia[]): AccountStats {
    let loads = 0;
    let plays = 0;
    let hours = 0;
    for (const m of medias) {
      loads += m.loadCount;
      plays += m.playCount;
      hours += m.hoursWatched;
    }
    return { load_count: loads, play_count: plays, hours_watched: round(hours, 1) };
  }
}
