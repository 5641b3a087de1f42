/**
 * The npm entry: `import 'wistia-stats-elements'` defines every element. (The drop-in the
 * Worker serves is src/drop-in.ts.) The provider comes first, so elements inside it find
 * their settings when they upgrade.
 */
export { WistiaStats } from './elements/stats-provider/wistia-stats.ts';
export { WistiaStat } from './elements/stat/wistia-stat.ts';
export { WistiaPlayCount } from './elements/stat/wistia-play-count.ts';
export { WistiaLoadCount } from './elements/stat/wistia-load-count.ts';
export { WistiaVisitorCount } from './elements/stat/wistia-visitor-count.ts';
export { WistiaHoursWatched } from './elements/stat/wistia-hours-watched.ts';
export { WistiaPlayRate } from './elements/stat/wistia-play-rate.ts';
export { WistiaEngagement } from './elements/engagement/wistia-engagement.ts';
export { WistiaHeatmap } from './elements/heatmap/wistia-heatmap.ts';
export { WistiaMilestone } from './elements/milestone/wistia-milestone.ts';
export { WistiaTrend, type TrendPoint } from './elements/trend/wistia-trend.ts';
export { WistiaRecommendations } from './elements/recommendations/wistia-recommendations.ts';
export type {
  MilestoneClaimDetail,
  MilestoneDetail,
  RecommendationSelectDetail,
  StatsError,
  StatsErrorDetail,
  StatsUpdateDetail,
} from './core/events.ts';
export type { Status } from './core/resource-controller.ts';
export type * from './wistia-api.ts';
