import { css } from 'lit';

export const milestoneStyles = css`
  :host {
    display: block;
  }
  [part~='progress'] {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25em 0.5em;
  }
  [part~='value'] {
    font-variant-numeric: tabular-nums;
    font-weight: var(--wistia-value-font-weight, 600);
    font-size: var(--wistia-value-font-size, inherit);
    color: var(--wistia-value-color, inherit);
  }
  [part~='track'] {
    flex: 1 0 100%;
    height: var(--wistia-milestone-height, 0.6em);
    border-radius: var(--wistia-milestone-radius, 999px);
    background: var(--wistia-milestone-track-color, color-mix(in srgb, currentColor 15%, transparent));
    overflow: hidden;
  }
  [part~='fill'] {
    height: 100%;
    background: var(--wistia-milestone-fill-color, #54bbff);
    transition: width 0.4s ease-out;
  }
  @media (prefers-reduced-motion: reduce) {
    [part~='fill'] {
      transition: none;
    }
  }
  [hidden] {
    display: none;
  }
`;
