/**
 * What the seeded account is made of: a fictional analytics company, "Northwind", with four
 * projects of videos, and the people, places and browsers its visitors are drawn from.
 * The ids here are fixed, whatever the seed: the seed only draws the numbers and the audience.
 */

/**
 * Ids that exist (or, for the `missing*` ones, do not) whatever the seed. Tests and the demo use them.
 * - `projectId` ("Product tours") holds `mediaId` and `otherMediaId`.
 * - `visitorKey` (identified through an email gate as `visitorName` / `visitorEmail`) has played
 *   `mediaId` only, never `otherMediaId`, so a recommendation for it must include `otherMediaId`.
 *   Growth never adds events to it.
 * - `eventKey` is that visitor's latest event (its `last_event_key`), on `mediaId`.
 * - `bingeVisitorKey` has 250 sessions, newest first over three pages of 100. In `projectId` it
 *   finished `mediaId` and `1k4ixe0v0x` (best `percent_viewed` ≥ 0.9), left `pqru4z51xt`,
 *   `359jvnrgey` and `i7p141sich` before the end (most recent first; `i7p141sich` only on the
 *   oldest page), and never played the rest (`bingeUnwatched`). Growth never adds events to it.
 * - `completistVisitorKey` finished every media of `completedProjectId` (two pages of sessions):
 *   nothing is left to recommend there.
 */
export const KNOWN = {
  projectId: 'p4k9x2m1ab',
  mediaId: 'q8v3n6d2hw',
  otherMediaId: 'r5t1k8z3fe',
  visitorKey: 'E4E7613B5C24CB0F1F7C0A1E4E874635E752263E',
  visitorName: 'Jim Lemon',
  visitorEmail: 'jim@example.com',
  eventKey: '1761782412345e0.8447021404281259',
  bingeVisitorKey: 'B1D0C0FFEE5EE5A11B1D0C0FFEE5EE5A11B1D0C0F',
  bingeUnwatched: ['r5t1k8z3fe', 'n01bilbvxm', '5w4p5yx841', 'jlsbcd5pcn'],
  bingeUnfinished: ['pqru4z51xt', '359jvnrgey', 'i7p141sich'],
  completistVisitorKey: 'C0C0A11D0E5E7E1234567890ABCDEF0C0C0A11D0',
  completedProjectId: 'zhsln3bys0',
  missingProjectId: 'p0000000zz',
  missingMediaId: 'z9y8x7w6v5',
  missingVisitorKey: '0000000000000000000000000000000000000000',
  missingEventKey: '1000000000000e0.1',
} as const;

export interface ProjectSeed {
  hashedId: string;
  name: string;
  description: string;
  durationSeconds: [number, number];
  site: string;
  /** [hashed id, name] */
  medias: [string, string][];
}

export const PROJECTS: ProjectSeed[] = [
  {
    hashedId: KNOWN.projectId,
    name: 'Product tours',
    description: 'Short walkthroughs of each part of the product.',
    durationSeconds: [60, 420],
    site: 'https://www.northwind-analytics.com/tour',
    medias: [
      [KNOWN.mediaId, 'Product tour: dashboards'],
      [KNOWN.otherMediaId, 'Product tour: reports and exports'],
      ['1k4ixe0v0x', 'Product tour: the query builder'],
      ['359jvnrgey', 'Product tour: alerts'],
      ['n01bilbvxm', 'Product tour: sharing with your team'],
      ['pqru4z51xt', 'Product tour: integrations'],
      ['5w4p5yx841', 'Product tour: mobile app'],
      ['i7p141sich', 'Product tour: admin settings'],
      ['jlsbcd5pcn', 'Product tour: what is new in 4.0'],
    ],
  },
  {
    hashedId: 'fcczgo6l2x',
    name: 'Customer stories',
    description: 'How our customers use Northwind, in their own words.',
    durationSeconds: [90, 480],
    site: 'https://www.northwind-analytics.com/customers',
    medias: [
      ['4d609bhfab', 'Customer story: Globex Logistics'],
      ['ffkdu0m7tn', 'Customer story: Initech'],
      ['qaslpbzcn1', 'Customer story: Umbrella Health'],
      ['1ee0sqim22', 'Customer story: Stark Foods'],
      ['bgp6wa0o0u', 'Customer story: Wayne Freight'],
      ['6qagdz3mtp', 'Customer story: Acme Retail'],
      ['0e221nhl9x', 'Customer story: Hooli Cloud'],
      ['794jtwrwz3', 'Customer story: Soylent Labs'],
    ],
  },
  {
    hashedId: 'ufvi0rfhiq',
    name: 'Webinars',
    description: 'Recorded webinars and live Q&A sessions.',
    durationSeconds: [900, 1800],
    site: 'https://www.northwind-analytics.com/webinars',
    medias: [
      ['s1ftdyt83o', 'Webinar: Dashboards that people actually read'],
      ['ug3h55x7no', 'Webinar: Forecasting with seasonality'],
      ['nbeditdmj7', 'Webinar: Data governance for small teams'],
      ['lcsvisjjuy', 'Webinar: Live Q&A, spring edition'],
      ['j6w0qth4m2', 'Webinar: From spreadsheet to pipeline'],
      ['3xsfehd0kq', 'Webinar: Metrics your board cares about'],
      ['kuesapu4mx', 'Webinar: Live Q&A, autumn edition'],
    ],
  },
  {
    hashedId: 'zhsln3bys0',
    name: 'Onboarding',
    description: 'Everything a new account needs in its first week.',
    durationSeconds: [30, 240],
    site: 'https://app.northwind-analytics.com/welcome',
    medias: [
      ['1zywjgx2bh', 'Welcome to Northwind'],
      ['m2oh0to9w0', 'Connecting your first data source'],
      ['p78rpvn31d', 'Inviting your team'],
      ['6o5gh8dvdb', 'Your first dashboard in five minutes'],
      ['fvrb895j3k', 'Setting up single sign-on'],
      ['u00vaehbb0', 'Where to get help'],
    ],
  },
];

/** Every media's hashed id, 30 of them, in catalogue order (MEDIA_IDS[0] is KNOWN.mediaId). */
export const MEDIA_IDS: readonly string[] = PROJECTS.flatMap((project) => project.medias.map(([hashedId]) => hashedId));

export const FIRST_NAMES = [
  'Ada',
  'Grace',
  'Alan',
  'Katherine',
  'Linus',
  'Margaret',
  'Dennis',
  'Barbara',
  'Ken',
  'Radia',
  'Tim',
  'Frances',
  'Edsger',
  'Hedy',
  'John',
  'Sophie',
  'Guido',
  'Anita',
  'Bjarne',
  'Joan',
];
export const LAST_NAMES = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Johnson',
  'Torvalds',
  'Hamilton',
  'Ritchie',
  'Liskov',
  'Thompson',
  'Perlman',
  'Berners-Lee',
  'Allen',
  'Dijkstra',
  'Lamarr',
  'Backus',
  'Wilson',
  'van Rossum',
  'Borg',
  'Stroustrup',
  'Clarke',
];
export const ORGS: [string, string, string][] = [
  // [name, a job title there, email domain]
  ['Globex Logistics', 'Head of Operations', 'globex.example'],
  ['Initech', 'Data Analyst', 'initech.example'],
  ['Umbrella Health', 'VP Engineering', 'umbrella.example'],
  ['Stark Foods', 'Marketing Manager', 'starkfoods.example'],
  ['Wayne Freight', 'CFO', 'waynefreight.example'],
  ['Hooli Cloud', 'Product Manager', 'hooli.example'],
];
export const PLACES = [
  { country: 'US', region: 'WA', city: 'Seattle', lat: 47.6103, lon: -122.334, org: 'Comcast Cable', ip: [73, 97] },
  { country: 'US', region: 'NY', city: 'New York', lat: 40.7128, lon: -74.006, org: 'Verizon Fios', ip: [100, 108] },
  { country: 'US', region: 'CA', city: 'San Francisco', lat: 37.7749, lon: -122.4194, org: 'AT&T Internet', ip: [104, 107] },
  { country: 'US', region: 'MA', city: 'Boston', lat: 42.3601, lon: -71.0589, org: 'RCN', ip: [146, 148] },
  { country: 'US', region: 'TX', city: 'Austin', lat: 30.2672, lon: -97.7431, org: 'Spectrum', ip: [70, 72] },
  { country: 'CA', region: 'ON', city: 'Toronto', lat: 43.6532, lon: -79.3832, org: 'Rogers Cable', ip: [99, 99] },
  { country: 'GB', region: 'ENG', city: 'London', lat: 51.5072, lon: -0.1276, org: 'BT', ip: [86, 86] },
  { country: 'DE', region: 'BE', city: 'Berlin', lat: 52.52, lon: 13.405, org: 'Deutsche Telekom AG', ip: [91, 93] },
  { country: 'FR', region: 'IDF', city: 'Paris', lat: 48.8566, lon: 2.3522, org: 'Orange', ip: [90, 90] },
  { country: 'NL', region: 'NH', city: 'Amsterdam', lat: 52.3676, lon: 4.9041, org: 'KPN', ip: [145, 145] },
  { country: 'AR', region: '07', city: 'Buenos Aires', lat: -34.5875, lon: -58.6725, org: 'CABLEVISION S.A.', ip: [186, 186] },
  { country: 'BR', region: 'SP', city: 'São Paulo', lat: -23.5505, lon: -46.6333, org: 'Vivo', ip: [177, 179] },
  { country: 'IN', region: 'KA', city: 'Bengaluru', lat: 12.9716, lon: 77.5946, org: 'Bharti Airtel', ip: [106, 106] },
  { country: 'JP', region: '13', city: 'Tokyo', lat: 35.6762, lon: 139.6503, org: 'NTT', ip: [126, 126] },
  { country: 'AU', region: 'NSW', city: 'Sydney', lat: -33.8688, lon: 151.2093, org: 'Telstra', ip: [101, 101] },
] as const;
export type Place = (typeof PLACES)[number];

export const AGENTS = [
  { browser: 'Chrome', versions: [120, 131], platform: 'windows', mobile: false },
  { browser: 'Chrome', versions: [120, 131], platform: 'mac', mobile: false },
  { browser: 'Safari', versions: [16, 18], platform: 'mac', mobile: false },
  { browser: 'Firefox', versions: [128, 133], platform: 'windows', mobile: false },
  { browser: 'Firefox', versions: [128, 133], platform: 'linux', mobile: false },
  { browser: 'Edge', versions: [120, 131], platform: 'windows', mobile: false },
  { browser: 'Mobile Safari', versions: [16, 18], platform: 'ios', mobile: true },
  { browser: 'Chrome Mobile', versions: [120, 131], platform: 'android', mobile: true },
] as const;

export const ACTION_TYPES = ['Call to Action', 'Turnstile', 'Annotation'];
