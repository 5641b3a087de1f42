/**
 * What every demo page shares: where the local Worker and the simulated account are (or
 * `?endpoint=` and `?account=` for others), the drop-in's script tag, and a log of what happened.
 */
const params = new URLSearchParams(location.search);
export const endpoint = params.get('endpoint') ?? `${location.protocol}//${location.hostname}:8787`;
export const account = params.get('account') ?? `${location.protocol}//${location.hostname}:8788`;

/** Adds the drop-in's script tag, as a site owner's page has it: the elements then ask the Worker it came from. */
export function loadDropIn(): void {
  const script = document.createElement('script');
  script.type = 'module';
  script.src = `${endpoint}/wistia-stats.js`;
  document.head.append(script);
}

/** A line at the top of a page's log, as text (it quotes media names and the Worker's messages). */
export function note(log: Element, text: string): void {
  const line = document.createElement('li');
  line.textContent = `${new Date().toLocaleTimeString()} — ${text}`;
  log.prepend(line);
}
