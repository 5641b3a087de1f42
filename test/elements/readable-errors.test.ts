/**
 * docs/architecture.md, "The Worker": every answer carries the CORS headers, errors included,
 * so a page of another origin can read why — here a 414 and a `misconfigured` 500, read by
 * fetch and shown by an element (without CORS, a browser reports only a network error).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.ts';
import { KNOWN } from '../../demo/simulated-account/catalogue.ts';
import { record, settled, testEnv } from './helpers.ts';

const { worker, misconfigured } = await testEnv();

describe('a page of another origin reads the Worker’s errors', () => {
  it('414: a URL too long', async () => {
    const response = await fetch(`${worker}/v1/stats/medias/${KNOWN.mediaId}.json?${'x'.repeat(3000)}`);
    expect(response.status).to.equal(414);
    expect(((await response.json()) as { error: { code: string } }).error.code).to.equal('uri_too_long');
  });

  it('500 misconfigured: a Worker whose settings do not parse, by fetch and by an element', async () => {
    const response = await fetch(`${misconfigured}/v1/stats/account.json`);
    expect(response.status).to.equal(500);
    expect(((await response.json()) as { error: { code: string } }).error.code).to.equal('misconfigured');
    const errors = record(document, 'wistia-error');
    const element = await fixture(html`<wistia-play-count endpoint=${misconfigured} media-id=${KNOWN.mediaId}></wistia-play-count>`);
    await settled(element, 'error');
    expect(errors.filter((event) => event.target === element).map((event) => event.detail.code)).to.deep.equal(['misconfigured']);
  });
});
