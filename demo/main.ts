/**
 * The demo page: loads the drop-in from the local Worker (`?endpoint=` to change it), exactly
 * as a site owner's page does, so what you see is what ships.
 */
import { endpoint, loadDropIn } from './drop-in.ts';

// The playful theme shows the plain one's markup; the one-line change draws the graph in purple cats.
const playful = document.querySelector('.theme-plain wistia-stats')!.cloneNode(true) as Element;
playful.querySelector('wistia-engagement')!.setAttribute('bar-image', './purple-cat.svg');
playful.querySelector('wistia-engagement')!.setAttribute('bars', '36');
playful.querySelector('wistia-engagement')!.previousElementSibling!.textContent = 'Engagement graph, in purple cats';
document.querySelector('.theme-playful')!.append(playful);

document.querySelector('#snippet')!.textContent = `<script type="module" src="${endpoint}/wistia-stats.js"></script>

<wistia-play-count media-id="q8v3n6d2hw">plays</wistia-play-count>
<wistia-engagement media-id="q8v3n6d2hw"></wistia-engagement>`;

document.addEventListener('wistia-error', (event) => console.warn('wistia-error', event.detail));

// The elements ask the Worker the script came from: no endpoint attribute anywhere.
loadDropIn();
