import { LitElement } from 'lit';
import { Wistia } from './base-element.ts';

/**
 * The base of every element drawn from a Lit template: all but the counters, which the
 * drop-in loads without lit-html (src/elements/stat/stat-element.ts).
 */
export abstract class WistiaElement extends Wistia(LitElement) {}
