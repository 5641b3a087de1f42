import { css } from 'lit';

export const engagementStyles = css`
  :host {
    display: block;
    position: relative;
  }
  svg {
    display: block;
    width: 100%;
    background: var(--wistia-engagement-background, transparent);
    border-radius: var(--wistia-engagement-radius, 0);
  }
  :host(:not([bar-image])) [part~='bar'] {
    fill: var(--wistia-engagement-bar-color, #54bbff);
  }
  [part~='rewatch'] {
    fill: var(--wistia-engagement-rewatch-color, #1b72c4);
    opacity: var(--wistia-engagement-rewatch-opacity, 0.9);
  }
`;
