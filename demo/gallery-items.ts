/**
 * The badges and cards the demo page shows live and the README shows as pictures
 * (docs/gallery/<name>.svg, written by `npm run gallery`): one list, so both show the same.
 */
import { KNOWN } from './simulated-account/catalogue.ts';

export interface GalleryItem {
  /** The README's file: docs/gallery/<name>.svg. */
  name: string;
  /** The Worker path, query included. */
  path: string;
  caption: string;
  /**
   * An error answer on purpose: the demo page shows the picture `npm run gallery` saved of it,
   * because a browser logs every image that answers an error status as a console error.
   */
  error?: true;
}

const media = `/v1/badges/medias/${KNOWN.mediaId}`;

export const GALLERY: GalleryItem[] = [
  { name: 'account-plays', path: '/v1/badges/account/play_count.svg', caption: 'account plays' },
  {
    name: 'account-loads-compact',
    path: '/v1/badges/account/load_count.svg?format=compact&color=brightgreen',
    caption: 'compact, a named colour',
  },
  {
    name: 'project-videos',
    path: `/v1/badges/projects/${KNOWN.projectId}/number_of_videos.svg?label=videos%20in%20the%20tour`,
    caption: 'a project, its own label',
  },
  { name: 'media-play-rate-plastic', path: `${media}/play_rate.svg?style=plastic&color=orange`, caption: 'style=plastic' },
  {
    name: 'media-hours-for-the-badge',
    path: `${media}/hours_watched.svg?style=for-the-badge&labelColor=2949e5`,
    caption: 'style=for-the-badge',
  },
  { name: 'media-visitors-de', path: `${media}/visitors.svg?locale=de-DE&label=Zuschauer`, caption: 'locale=de-DE' },
  { name: 'media-engagement-value-only', path: `${media}/engagement.svg?label=`, caption: 'no label' },
  {
    name: 'error-not-found',
    path: `/v1/badges/medias/${KNOWN.missingMediaId}/play_count.svg`,
    caption: 'an error badge (404)',
    error: true,
  },
  { name: 'media-card', path: `/v1/cards/medias/${KNOWN.mediaId}.svg?title=Product%20tour%3A%20dashboards`, caption: 'a media card' },
  { name: 'media-card-dark', path: `/v1/cards/medias/${KNOWN.mediaId}.svg?theme=dark&locale=de-DE`, caption: 'theme=dark, locale=de-DE' },
];
