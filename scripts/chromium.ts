/**
 * Headless Chromium for the e2e tests, the screenshots and the bench: Debian's (no browser
 * downloads on these machines), or CHROME_PATH, driven by playwright-core. The element tests
 * launch the same binary with the same flags through web-test-runner: both read them from
 * chromium.json (that config is plain JavaScript).
 */
import { readFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const { path, args } = JSON.parse(readFileSync(new URL('./chromium.json', import.meta.url), 'utf8')) as { path: string; args: string[] };

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROME_PATH ?? path, args: [...args, ...extraArgs] });
}

/**
 * Run in a page (a string: these files are typechecked for Node, without the DOM): whether every
 * element of ours shows what it is for — not the provider, which shows nothing, nor the
 * watch-next page's stand-in for Wistia's <wistia-player> — and there is one at least (the
 * playground makes its own once the manifest has come, and is not ready before).
 */
export const EVERY_ELEMENT_SHOWN = `(() => {
  const ours = [...document.querySelectorAll('*')].filter(
    (element) => element.localName.startsWith('wistia-') && !['wistia-stats', 'wistia-player'].includes(element.localName),
  );
  return ours.length > 0 && ours.every((element) =>
    element.shadowRoot?.querySelector('[part~="value"], [part~="graph"], [part~="frame"], [part~="progress"], [part~="chart"], [part~="list"], [part~="empty"]'),
  );
})()`;
