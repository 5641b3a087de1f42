import { css } from '@lit/reactive-element';
import type { StatsError } from './events.ts';

/**
 * The states every element shows. Custom properties fall back to the page's own text, so
 * an element looks at home until a site owner themes it.
 */
export const stateStyles = css`
  :host {
    font-family: var(--wistia-font-family, inherit);
    color: var(--wistia-color, inherit);
  }
  :host([hidden]) {
    display: none;
  }
  /* A block of the text's own colour, faded: visible on any background, in any theme. */
  [part='loading'] {
    display: inline-block;
    min-width: 3ch;
    height: 1em;
    vertical-align: -0.125em;
    border-radius: 0.25em;
    background: var(--wistia-loading-color, color-mix(in srgb, currentColor 15%, transparent));
  }
  [part='error'] {
    color: var(--wistia-error-color, #b3261e);
    font-size: var(--wistia-error-font-size, 0.875em);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

/**
 * The error and loading states, built one way for every element: as DOM nodes, which a Lit
 * template shows as they are and a counter (no lit-html) appends itself.
 */
export function errorView(error: Pick<StatsError, 'message'>): HTMLElement {
  return span({ part: 'error', role: 'status' }, error.message);
}

/** The loading state: a placeholder the size of what will come; screen readers hear "Loading". */
export function loadingView(heightPx?: number): HTMLElement {
  const view = span({ part: 'loading', 'aria-busy': 'true' }, span({ class: 'visually-hidden' }, 'Loading'));
  if (heightPx) view.style.cssText = `display:block;height:${heightPx}px`;
  return view;
}

/** A `<span>` with these attributes and children. */
export function span(attributes: Record<string, string>, ...children: Array<Node | string>): HTMLSpanElement {
  const element = document.createElement('span');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}
