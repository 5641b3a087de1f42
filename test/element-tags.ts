/** Every element the package defines. */
export const ELEMENT_TAGS = [
  'wistia-stats',
  'wistia-stat',
  'wistia-play-count',
  'wistia-load-count',
  'wistia-visitor-count',
  'wistia-hours-watched',
  'wistia-play-rate',
  'wistia-engagement',
  'wistia-heatmap',
  'wistia-milestone',
  'wistia-trend',
  'wistia-recommendations',
] as const;
