/** Adds the drop-in's script tag, as a site owner's page has it: the elements then ask the Worker it came from. */
export function loadDropIn(worker: string): void {
  const script = document.createElement('script');
  script.type = 'module';
  script.src = `${worker}/wistia-stats.js`;
  document.head.append(script);
}
