/**
 * The demo page: points every element at the local Worker (`?endpoint=` to change it),
 * then loads the elements from source, as a site owner's page would load the bundle.
 */
const params = new URLSearchParams(location.search);
const endpoint = params.get('endpoint') ?? `${location.protocol}//${location.hostname}:8787`;

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
