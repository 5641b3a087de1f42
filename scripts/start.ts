/**
 * `npm start`: the simulated Wistia account, the Worker under `wrangler dev` (workerd,
 * local) pointed at it, and the demo page — no Wistia account or token needed. With a WISTIA_API_TOKEN in
 * `.dev.vars`, the same command runs the Worker against the real Wistia API instead.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { startSimulatedAccount } from '../demo/simulated-account/server.ts';
import { createServer as createHttpServer } from 'node:http';
import { build, createServer as createViteServer } from 'vite';
import { DEFAULT_PORTS } from './start-process.ts';
import { portTaken, simulatedAccountVars, startWorkerProcess, type WorkerProcessOptions } from './worker-process.ts';

const ROOT = resolve(import.meta.dirname, '..');
const WORKER_PORT = portFrom('PORT', DEFAULT_PORTS.PORT);
const ACCOUNT_PORT = portFrom('SIMULATED_ACCOUNT_PORT', DEFAULT_PORTS.SIMULATED_ACCOUNT_PORT);
const DEMO_PORT = portFrom('DEMO_PORT', DEFAULT_PORTS.DEMO_PORT);
const SIMULATED_TOKEN = 'simulated-token';

const devVars = join(ROOT, '.dev.vars');
const realToken = existsSync(devVars) && /^\s*WISTIA_API_TOKEN\s*=\s*\S/m.test(readFileSync(devVars, 'utf8'));

// Ports in use are checked before anything starts: one line naming every variable that moves
// one (all three, when another npm start is still running), not a stack trace.
const busy: Array<readonly [name: string, port: number]> = [];
for (const [name, port] of [
  ['PORT', WORKER_PORT],
  ['SIMULATED_ACCOUNT_PORT', ACCOUNT_PORT],
  ['DEMO_PORT', DEMO_PORT],
] as const) {
  if (name === 'SIMULATED_ACCOUNT_PORT' && realToken) continue;
  if (await portTaken(port)) busy.push([name, port]);
}
if (busy.length) {
  const which = busy.map(([name, port]) => `${port} (${name})`).join(', ');
  const moved = busy.map(([name, port]) => `${name}=${port + 10}`).join(' ');
  refuse(
    busy.length === 1
      ? `port ${which} is in use; free it, or choose another: ${moved} npm start`
      : `ports ${which} are in use; free them, or choose others: ${moved} npm start`,
  );
}

const options: WorkerProcessOptions = { port: WORKER_PORT, echo: true };
let closeAccount = async (): Promise<void> => {};
/** The giveaway's winners list needs an owner's token: one for this run, printed below (simulated account only). */
let adminToken: string | undefined;
if (realToken) {
  console.log('Using the real Wistia API with the token in .dev.vars (and its EXPOSE, or wrangler.jsonc’s).');
  console.log('The demo pages show the simulated account’s ids, which yours lacks: try your own in the playground.');
} else {
  const account = await startSimulatedAccount({ port: ACCOUNT_PORT, token: SIMULATED_TOKEN, growthIntervalMs: 1500 });
  closeAccount = () => account.close();
  console.log(`Simulated Wistia account on ${account.apiBase} (counts grow every 1.5 s).`);
  adminToken = randomBytes(12).toString('hex');
  options.secrets = { WISTIA_API_TOKEN: SIMULATED_TOKEN, ADMIN_TOKEN: adminToken };
  // The simulated account starts afresh every time; so does the Worker's state (cached answers, milestone winners).
  options.persistTo = mkdtempSync(join(tmpdir(), 'wistia-stats-demo-'));
  // A short TTL, so growth shows.
  options.vars = { ...simulatedAccountVars(account), CACHE_TTL: '5' };
}

// The demo loads the drop-in the way a site owner does: built, from the Worker. The build is this
// run's own, not dist/: wrangler dev restarts a Worker whose files change, losing what it keeps
// in memory, so a later `npm run build` (or another npm start) must not rewrite what this one serves.
console.log('Building the drop-in…');
const dropInFolder = mkdtempSync(join(tmpdir(), 'wistia-stats-drop-in-'));
await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir: dropInFolder } });
options.assets = dropInFolder;
// The playground builds its form from the elements' manifest: made afresh, in a folder of this
// run's own (several npm starts, as in the tests, must not write one file at once), and kept in memory.
const manifestFolder = mkdtempSync(join(tmpdir(), 'wistia-stats-manifest-'));
execFileSync(
  process.execPath,
  // cem puts --outdir under the working directory, so it is given relative to it.
  [join(ROOT, 'node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--quiet', '--outdir', relative(ROOT, manifestFolder)],
  { cwd: ROOT, stdio: 'inherit' },
);
const manifest = readFileSync(join(manifestFolder, 'custom-elements.json'));
rmSync(manifestFolder, { recursive: true, force: true });
console.log('Starting the Worker under wrangler dev…');
const worker = await startWorkerProcess(options);
// The demo page, served from source by Vite (the library build's vite.config.ts is not for it).
// Middleware mode on our own server: Vite's own would exit on SIGTERM before the Worker is stopped.
const demoServer = createHttpServer();
const demo = await createViteServer({ configFile: false, root: ROOT, server: { middlewareMode: true, hmr: { server: demoServer } } });
demoServer.on('request', (request, response) => {
  if (request.url?.split('?')[0] !== '/custom-elements.json') return demo.middlewares(request, response);
  response.writeHead(200, { 'Content-Type': 'application/json' }).end(manifest);
});
await new Promise<void>((listening) => demoServer.listen(DEMO_PORT, '127.0.0.1', listening));
// The demo pages find the Worker and the account on their default ports, or are told.
const query = new URLSearchParams();
if (WORKER_PORT !== DEFAULT_PORTS.PORT) query.set('endpoint', worker.url);
if (ACCOUNT_PORT !== DEFAULT_PORTS.SIMULATED_ACCOUNT_PORT) query.set('account', `http://127.0.0.1:${ACCOUNT_PORT}`);
const search = query.size ? `?${query}` : '';
console.log(`\nWorker on ${worker.url} — try: curl ${worker.url}/v1/stats/account.json`);
console.log(`Demo on http://127.0.0.1:${DEMO_PORT}/demo/${search}`);
console.log(`Giveaway on http://127.0.0.1:${DEMO_PORT}/demo/giveaway.html${search}`);
if (adminToken) console.log(`  its winners: curl -H 'Authorization: Bearer ${adminToken}' ${worker.url}/v1/milestones/winners.json`);
console.log(`Watch next on http://127.0.0.1:${DEMO_PORT}/demo/watch-next.html${search}`);
console.log(`Playground on http://127.0.0.1:${DEMO_PORT}/demo/playground.html${search}\n`);

let stopping = false;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await demo.close();
  demoServer.close();
  await worker.stop();
  for (const folder of [options.persistTo, dropInFolder]) if (folder) rmSync(folder, { recursive: true, force: true });
  await closeAccount();
  process.exit(code);
}
void worker.exited.then((code) => shutdown(code));
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGHUP', () => void shutdown(0));

function portFrom(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    refuse(`${name} must be a port number from 1 to 65535, not ${JSON.stringify(value)}`);
  return port;
}

function refuse(message: string): never {
  console.error(`npm start: ${message}`);
  process.exit(1);
}
