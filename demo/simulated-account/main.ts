/**
 * Runs the simulated Wistia account from the command line, for `npm start` and by hand:
 *   tsx demo/simulated-account/main.ts [--port 8788] [--host 127.0.0.1] [--growth-ms 1500]
 *                                      [--token T] [--public-token P] [--seed N]
 * --growth-ms 0 turns automatic growth off.
 */
import { parseArgs } from 'node:util';
import { startSimulatedAccount } from './server.ts';

function wholeNumberOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number, got ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return n;
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'growth-ms': { type: 'string' },
      token: { type: 'string' },
      'public-token': { type: 'string' },
      seed: { type: 'string' },
    },
  }));
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(2);
}

const token = values.token ?? 'simulated-token';
const account = await startSimulatedAccount({
  port: wholeNumberOption('port', values.port, 8788),
  host: values.host ?? '127.0.0.1',
  growthIntervalMs: wholeNumberOption('growth-ms', values['growth-ms'], 1500),
  seed: wholeNumberOption('seed', values.seed, 1),
  token,
  ...(values['public-token'] !== undefined && { publicToken: values['public-token'] }),
});
console.log(`simulated Wistia account on ${account.apiBase} (token: ${token})`);

// The growth timer is unref'd for tests; here the listening server keeps the process alive.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void account.close().then(() => process.exit(0));
  });
}
