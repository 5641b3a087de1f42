/**
 * The demo's "Where scripts can't run" section: the gallery of badges and cards, live from the
 * local Worker (but the error badge: see GalleryItem.error), an embed in an iframe, and the
 * snippets for both (`?endpoint=` moves the Worker).
 */
import { GALLERY } from './gallery-items.ts';
import { KNOWN } from './simulated-account/catalogue.ts';
import { endpoint } from './drop-in.ts';

const gallery = document.querySelector('#gallery')!;
for (const item of GALLERY) {
  const figure = document.createElement('figure');
  const src = item.error ? `/docs/gallery/${item.name}.svg` : `${endpoint}${item.path}`;
  const image = Object.assign(document.createElement('img'), { src, alt: item.caption });
  const caption = document.createElement('figcaption');
  caption.textContent = item.caption;
  figure.append(image, caption);
  gallery.append(figure);
}

const embedUrl = `${endpoint}/embed/wistia-play-count?media-id=${KNOWN.mediaId}&label=plays`;
document.querySelector<HTMLIFrameElement>('#embed')!.src = embedUrl;
document.querySelector('#image-snippet')!.textContent =
  `<img src="${endpoint}/v1/badges/medias/${KNOWN.mediaId}/play_count.svg" alt="plays">\n` +
  `![plays](${endpoint}/v1/badges/medias/${KNOWN.mediaId}/play_count.svg)`;
document.querySelector('#iframe-snippet')!.textContent =
  `<iframe src="${embedUrl}" width="240" height="40" style="border:0" title="plays"></iframe>`;
