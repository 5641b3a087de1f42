import { css } from 'lit';

export const trendStyles = css`
  :host {
    display: block;
  }
  [part~='header'] {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 0.5em;
  }
  [part~='total'] {
    font-variant-numeric: tabular-nums;
    font-weight: var(--wistia-value-font-weight, 600);
    font-size: var(--wistia-value-font-size, 1.25em);
    color: var(--wistia-value-color, inherit);
  }
  [part~='change'] {
    font-size: 0.875em;
  }
  [part~='up'] {
    color: var(--wistia-trend-up-color, #1a7f37);
  }
  [part~='down'] {
    color: var(--wistia-trend-down-color, #b3261e);
  }
  svg {
    display: block;
    width: 100%;
    height: var(--wistia-trend-height, 3em);
    overflow: visible;
  }
  [part~='line'] {
    fill: none;
    stroke: var(--wistia-trend-line-color, #1b72c4);
    stroke-width: var(--wistia-trend-line-width, 2px);
    stroke-linejoin: round;
    stroke-linecap: round;
  }
  [part~='area'] {
    fill: var(--wistia-trend-area-color, color-mix(in srgb, var(--wistia-trend-line-color, #1b72c4) 15%, transparent));
  }
  :host([stale]) svg {
    opacity: var(--wistia-stale-opacity, 0.7);
  }
`;
