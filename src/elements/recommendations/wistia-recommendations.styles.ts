import { css } from 'lit';

export const recommendationsStyles = css`
  :host {
    display: block;
  }
  [part~='list'] {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(var(--wistia-recommendations-card-width, 10rem), 1fr));
    gap: var(--wistia-recommendations-gap, 0.75rem);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [part~='card'] {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    width: 100%;
    height: 100%;
    padding: 0;
    border: 0;
    border-radius: var(--wistia-recommendations-radius, 0.5rem);
    background: var(--wistia-recommendations-card-background, transparent);
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  [part~='card']:focus-visible {
    outline: 2px solid var(--wistia-recommendations-focus-color, #1b72c4);
    outline-offset: 2px;
  }
  [part~='thumbnail'] {
    display: block;
    width: 100%;
    aspect-ratio: 16 / 9;
    overflow: hidden;
    border-radius: var(--wistia-recommendations-radius, 0.5rem);
    background: var(--wistia-recommendations-placeholder-color, color-mix(in srgb, currentColor 10%, transparent));
  }
  [part~='image'] {
    display: block;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  [part~='image'][hidden] {
    display: none;
  }
  [part~='name'] {
    font-weight: 600;
  }
  [part~='duration'] {
    font-size: 0.875em;
    opacity: 0.75;
  }
  :host([stale]) [part~='list'] {
    opacity: var(--wistia-stale-opacity, 0.7);
  }
  /* Dimmed once, with the list: twice would be too faint to read (0.7 × 0.75). */
  :host([stale]) [part~='duration'] {
    opacity: 1;
  }
`;
