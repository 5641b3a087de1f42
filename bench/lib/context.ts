/** What figures share: one simulated account and one Worker in front of it, started when first asked for. */
import type { SimulatedAccount } from '../../demo/simulated-account/server.ts';
import type { WorkerProcess } from '../../scripts/worker-process.ts';
import { progress } from './report.ts';
import { account, worker } from './stack.ts';

export interface Stack {
  account: SimulatedAccount;
  worker: WorkerProcess;
}

let shared: Promise<Stack> | undefined;

/** The simulated account and a Worker (default TTLs) in front of it, shared by figures 2–6 and 9. */
export function sharedStack(): Promise<Stack> {
  shared ??= (async () => {
    progress('starting the simulated account and the Worker (wrangler dev)…');
    const sim = await account();
    return { account: sim, worker: await worker(sim) };
  })();
  return shared;
}
