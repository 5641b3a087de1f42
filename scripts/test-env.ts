/**
 * The world the browser tests run in: the simulated account (growth frozen) and the real
 * Worker in workerd in front of it (serving the built drop-in too), every resource exposed,
 * 1 s TTLs so refreshes and recoveries show, and a counting door in front of the Worker.
 * Prints one JSON line with their URLs, then runs until SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulatedAccount } from '../demo/simulated-account/server.ts';
import { startCountingProxy } from './counting-proxy.ts';
import { simulatedAccountVars, startWorkerProcess } from './worker-process.ts';

const token = `browser-test-${process.pid}`;
const persistTo = mkdtempSync(join(tmpdir(), 'wse-browser-'));
const account = await startSimulatedAccount({ token, growthIntervalMs: 0 });
const worker = await startWorkerProcess({
  persistTo,
  secrets: { WISTIA_API_TOKEN: token },
  vars: { ...simulatedAccountVars(account), CACHE_TTL: '1', NEGATIVE_TTL: '1' },
});
const counted = await startCountingProxy(worker.url);
// A Worker whose configuration does not parse: its errors must still be readable by a page.
const misconfiguredPersistTo = mkdtempSync(join(tmpdir(), 'wse-browser-misconfigured-'));
const misconfigured = await startWorkerProcess({
  persistTo: misconfiguredPersistTo,
  secrets: { WISTIA_API_TOKEN: token },
  vars: { ...simulatedAccountVars(account), CACHE_TTL: 'often' },
});
// The tests reach the Worker through the door: one visitor per request, every request counted.
console.log(JSON.stringify({ worker: counted.url, misconfigured: misconfigured.url, account: account.url, token }));

async function stop(): Promise<void> {
  await counted.close();
  await misconfigured.stop();
  await worker.stop();
  await account.close();
  for (const folder of [persistTo, misconfiguredPersistTo]) rmSync(folder, { recursive: true, force: true });
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
// If the test runner dies without a word, do not outlive it.
process.stdin.on('end', () => void stop());
process.stdin.resume();
