/** The stat family, loaded together by the drop-in: `<wistia-stat>` and its fixed-metric forms are one small module. */
export { WistiaStat } from './wistia-stat.ts';
export { WistiaPlayCount } from './wistia-play-count.ts';
export { WistiaLoadCount } from './wistia-load-count.ts';
export { WistiaVisitorCount } from './wistia-visitor-count.ts';
export { WistiaHoursWatched } from './wistia-hours-watched.ts';
export { WistiaPlayRate } from './wistia-play-rate.ts';
