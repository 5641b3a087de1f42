/**
 * `npm run gallery`: the README's gallery (docs/gallery/*.svg), the badges and cards of
 * demo/gallery-items.ts as the Worker draws them from the simulated account, with their sizes.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GALLERY } from '../demo/gallery-items.ts';
import { startSimulatedAccount } from '../demo/simulated-account/server.ts';
import { simulatedAccountVars, startWorkerProcess } from './worker-process.ts';

const OUT = resolve(import.meta.dirname, '../docs/gallery');
const token = 'gallery-token';
const persistTo = mkdtempSync(join(tmpdir(), 'wse-gallery-'));
// Growth frozen: the pictures change only when the seed or the drawing does.
const account = await startSimulatedAccount({ token, growthIntervalMs: 0 });
const worker = await startWorkerProcess({ persistTo, secrets: { WISTIA_API_TOKEN: token }, vars: simulatedAccountVars(account) });
try {
  mkdirSync(OUT, { recursive: true });
  for (const item of GALLERY) {
    const response = await fetch(`${worker.url}${item.path}`);
    const svg = await response.text();
    writeFileSync(join(OUT, `${item.name}.svg`), svg);
    const gzip = (await new Response(new Blob([svg]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer()).byteLength;
    console.log(
      `${String(response.status).padEnd(4)}${item.name.padEnd(30)}${String(Buffer.byteLength(svg)).padStart(6)} B  ${String(gzip).padStart(5)} B gzip  ${item.path}`,
    );
  }
} finally {
  await worker.stop();
  await account.close();
  rmSync(persistTo, { recursive: true, force: true });
}
