import { css } from '@lit/reactive-element';

export const statStyles = css`
  :host {
    display: inline;
  }
  [part='value'] {
    font-variant-numeric: tabular-nums;
    font-weight: var(--wistia-value-font-weight, inherit);
    font-size: var(--wistia-value-font-size, inherit);
    color: var(--wistia-value-color, inherit);
  }
  :host([stale]) [part='value'] {
    opacity: var(--wistia-stale-opacity, 0.7);
  }
`;
