/**
 * The public heatmap iframe (`/v1/stats/events/{key}/iframe.html`): a small self-contained page,
 * like Wistia's, drawing the media's engagement as bars and marking the part this session watched.
 */
import type { MediaEngagement, StatsEvent } from '../../src/wistia-api.ts';

const MAX_BARS = 120;

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>html,body{margin:0;height:100%;font:12px system-ui,sans-serif;color:#223;background:#fff}
.wrap{display:flex;flex-direction:column;height:100%}.label{padding:2px 6px}svg{flex:1;width:100%;display:block}</style>
</head><body>${body}</body></html>`;
}

export function heatmapPage(event: StatsEvent, engagement: MediaEngagement): string {
  // Long engagement arrays are averaged down to at most MAX_BARS bars.
  const data = engagement.engagement_data;
  const barCount = Math.max(1, Math.min(MAX_BARS, data.length));
  const bars: number[] = [];
  for (let b = 0; b < barCount; b++) {
    const start = Math.floor((b * data.length) / barCount);
    const slice = data.slice(start, Math.max(Math.floor(((b + 1) * data.length) / barCount), start + 1));
    bars.push(slice.reduce((sum, v) => sum + v, 0) / Math.max(slice.length, 1));
  }
  const peak = Math.max(1, ...bars);
  const watchedBars = Math.round(event.percent_viewed * barCount);
  const rects = bars
    .map((value, i) => {
      const height = Math.max(2, (value / peak) * 100);
      const fill = i < watchedBars ? '#2f9e6e' : '#d5dbe1';
      return `<rect x="${i}" y="${(100 - height).toFixed(2)}" width="0.85" height="${height.toFixed(2)}" fill="${fill}"/>`;
    })
    .join('');
  const percent = Math.round(event.percent_viewed * 100);
  const label = `${event.media_name}: ${percent}% watched, ${event.received_at}`;
  return page(
    `Heatmap: ${event.media_name}`,
    `<div class="wrap"><div class="label">${escapeHtml(label)}</div>
<svg viewBox="0 0 ${barCount} 100" preserveAspectRatio="none" role="img" aria-label="${escapeHtml(label)}">${rects}</svg></div>`,
  );
}

export function heatmapErrorPage(message: string): string {
  return page('Heatmap unavailable', `<p class="label">${escapeHtml(message)}</p>`);
}
