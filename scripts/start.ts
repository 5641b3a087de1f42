/**
 * `npm start`: the simulated Wistia account and the Worker under `wrangler dev` (workerd,
 * local), pointed at it — no Wistia account or token needed. With a WISTIA_API_TOKEN in
 * `.dev.vars`, the same command runs the Worker against the real Wistia API instead.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSimulatedAccount } from '../demo/simulated-account/server.ts';

const ROOT = resolve(import.meta.dirname, '..');
const WORKER_PORT = Number(process.env.PORT ?? 8787);
const ACCOUNT_PORT = Number(process.env.SIMULATED_ACCOUNT_PORT ?? 8788);
const SIMULATED_TOKEN = 'simulated-token';

const devVars = join(ROOT, '.dev.vars');
const realToken = existsSync(devVars) && /^\s*WISTIA_API_TOKEN\s*=\s*\S/m.test(readFileSync(devVars, 'utf8'));

const args = [
  join(ROOT, 'node_modules/wrangler/bin/wrangler.js'), 'dev', '--local', '--ip', '127.0.0.1',
  '--port', String(WORKER_PORT), '--show-interactive-dev-session=false',
];

let closeAccount = async (): Promise<void> => {};
if (realToken) {
  console.log('Using the real Wistia API with the token in .dev.vars.');
} else {
  const account = await startSimulatedAccount({ port: ACCOUNT_PORT, token: SIMULATED_TOKEN, growthIntervalMs: 1500 });
  closeAccount = () => account.close();
  console.log(`Simulated Wistia account on ${account.apiBase} (counts grow every 1.5 s).`);
  // The simulated token goes in a secrets file, as a real one would, so wrangler prints it as "(hidden)".
  const secrets = join(mkdtempSync(join(tmpdir(), 'wistia-stats-')), '.env');
  writeFileSync(secrets, `WISTIA_API_TOKEN=${SIMULATED_TOKEN}\n`);
  args.push(
    '--env-file', secrets,
    '--var', `WISTIA_API_BASE:${account.apiBase}`,
    // The simulated account holds no real people: show every resource, with short TTLs so growth is visible.
    '--var', 'EXPOSE:account,projects,medias,engagement,visitors,events,recommendations,heatmap,milestones',
    '--var', 'CACHE_TTL:5',
    '--var', 'WISTIA_PUBLIC_TOKEN:simulatedpublic',
  );
}

const worker = spawn(process.execPath, args, {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
});
console.log(`Worker on http://127.0.0.1:${WORKER_PORT} — try: curl http://127.0.0.1:${WORKER_PORT}/v1/stats/account.json`);

async function shutdown(code: number): Promise<never> {
  worker.kill('SIGTERM');
  await closeAccount();
  process.exit(code);
}
worker.on('exit', (code) => void shutdown(code ?? 0));
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
