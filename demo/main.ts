/**
 * The demo page: points every element at the local Worker (`?endpoint=` to change it),
 * then loads the elements from source, as a site owner's page would load the bundle.
 */
const params = new URLSearchParams(location.search);
const endpoint = params.get('endpoint') ?? `${location.protocol}//${location.hostname}:8787`;

// The playful theme shows the plain one's markup; the one-line change draws the graph in purple cats.
const playful = document.querySelector('.theme-plain wistia-stats')!.cloneNode(true) as Element;
playful.querySelector('wistia-engagement')!.setAttribute('bar-image', './purple-cat.svg');
playful.querySelector('wistia-engagement')!.setAttribute('bars', '36');
playful.querySelector('wistia-engagement')!.previousElementSibling!.textContent = 'Engagement graph, in purple cats';
document.querySelector('.theme-playful')!.append(playful);

// Set before the elements are defined, so they never see a page without an endpoint.
for (const element of document.querySelectorAll('wistia-stats, .cms-post [media-id]')) element.setAttribute('endpoint', endpoint);

document.querySelector('#snippet')!.textContent = `<script type="module" src="https://unpkg.com/wistia-stats-elements/dist/wistia-stats.js"></script>

<wistia-stats endpoint="${endpoint}" refresh="30">
  <wistia-play-count media-id="q8v3n6d2hw">plays</wistia-play-count>
  <wistia-engagement media-id="q8v3n6d2hw"></wistia-engagement>
</wistia-stats>`;

document.addEventListener('wistia-error', (event) => console.warn('wistia-error', event.detail));

await import('../src/index.ts');

export {};
