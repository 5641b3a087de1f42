/**
 * The playground: any element custom-elements.json lists, with any ids and attributes and a
 * theme, live through the local Worker, and the snippet that makes the same on a site owner's
 * page. The form is built from the manifest, so an element added later appears by itself.
 */
import type { Attribute, CustomElementDeclaration, Package } from 'custom-elements-manifest';
import { endpoint, loadDropIn } from './drop-in.ts';
import { KNOWN, PROJECTS } from './simulated-account/catalogue.ts';

type ManifestElement = CustomElementDeclaration & { tagName: string };

/** Where a first look at each kind of id starts; any other id can be typed. */
const STARTING_VALUES: Record<string, string> = { 'media-id': KNOWN.mediaId, 'event-key': KNOWN.eventKey, threshold: '100000' };
/** What an element needs besides, to show something at first rather than an error. */
const STARTING_VALUES_OF: Record<string, Record<string, string>> = {
  'wistia-stat': { metric: 'play_count' },
  'wistia-recommendations': { 'project-id': KNOWN.projectId, 'visitor-key': KNOWN.bingeVisitorKey },
};
/** Id fields and the known ids offered for them. */
const SUGGESTIONS: Record<string, string> = {
  'media-id': 'media-ids',
  'project-id': 'project-ids',
  'event-key': 'event-keys',
  'visitor-key': 'visitor-keys',
};
/** Set for the playground as a whole: the elements find the Worker the script came from. */
const NOT_OFFERED = new Set(['endpoint']);

const form = document.querySelector<HTMLFormElement>('#controls')!;
const elementSelect = document.querySelector<HTMLSelectElement>('#element')!;
const elementHint = document.querySelector('#element-hint')!;
const themeSelect = document.querySelector<HTMLSelectElement>('#theme')!;
const attributeFields = document.querySelector('#attributes')!;
const preview = document.querySelector<HTMLElement>('#preview')!;
const code = document.querySelector('#code')!;
const copied = document.querySelector('#copied')!;

fillSuggestions();
const manifest = (await (await fetch(new URL('../custom-elements.json', location.href))).json()) as Package;
const elements = manifest.modules
  .flatMap((module) => module.declarations ?? [])
  .filter(
    (declaration): declaration is ManifestElement =>
      'customElement' in declaration && Boolean(declaration.tagName) && declaration.tagName !== 'wistia-stats',
  )
  .sort((a, b) => a.tagName.localeCompare(b.tagName));
for (const element of elements) elementSelect.add(new Option(`<${element.tagName}>`, element.tagName));
elementSelect.value = elements.some((element) => element.tagName === 'wistia-play-count') ? 'wistia-play-count' : elements[0]!.tagName;

/**
 * What the user typed so far for this element, by attribute name. Each element's form starts
 * afresh from the known ids: a project-id typed for one would clash with another's media-id.
 */
const startingValues = () =>
  new Map<string, string | boolean>(Object.entries({ ...STARTING_VALUES, ...STARTING_VALUES_OF[elementSelect.value] }));
let values = startingValues();

form.addEventListener('submit', (event) => event.preventDefault());
elementSelect.addEventListener('change', () => {
  values = startingValues();
  buildFields();
  render();
});
themeSelect.addEventListener('change', render);
attributeFields.addEventListener('input', (event) => {
  const input = event.target as HTMLInputElement | HTMLSelectElement;
  values.set(input.name, input instanceof HTMLInputElement && input.type === 'checkbox' ? input.checked : input.value);
  render();
});
document.querySelector('#copy')!.addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(code.textContent ?? '');
    copied.textContent = 'Copied.';
  } catch {
    getSelection()?.selectAllChildren(code);
    copied.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
  }
});

buildFields();
render();
loadDropIn();

function chosen(): ManifestElement {
  return elements.find((element) => element.tagName === elementSelect.value)!;
}

/** Attributes a page sets: not the ones the element sets itself (`stale`, `reached`). */
function offered(element: ManifestElement): Attribute[] {
  const readOnly = new Set(
    (element.members ?? []).filter((member) => 'readonly' in member && member.readonly).map((member) => member.name),
  );
  return (element.attributes ?? []).filter(
    (attribute) => attribute.fieldName && !readOnly.has(attribute.fieldName) && !NOT_OFFERED.has(attribute.name),
  );
}

function hasDefaultSlot(element: ManifestElement): boolean {
  return (element.slots ?? []).some((slot) => slot.name === '');
}

function buildFields(): void {
  const element = chosen();
  elementHint.replaceChildren(...withCode(element.summary ?? element.description?.split('\n')[0] ?? ''));
  const fields = offered(element).map((attribute) => field(attribute));
  if (hasDefaultSlot(element)) {
    const slot = element.slots!.find((each) => each.name === '')!;
    fields.push(
      field({ name: 'content', description: `The element's content. ${slot.description ?? ''}`, type: { text: 'string' } }, 'Content'),
    );
  }
  attributeFields.replaceChildren(attributeFields.querySelector('legend')!, ...fields);
}

/** One labelled input, its kind taken from the attribute's type in the manifest. */
function field(attribute: Attribute, label = attribute.name): HTMLElement {
  const type = (attribute.type?.text ?? 'string').replace(/\s*\|\s*undefined/g, '').trim();
  const choices = /^'[^']*'(\s*\|\s*'[^']*')*$/.test(type) ? [...type.matchAll(/'([^']*)'/g)].map((match) => match[1]!) : undefined;
  const id = `attribute-${attribute.name}`;
  const wrapper = document.createElement('div');
  wrapper.className = 'field';
  const labelElement = Object.assign(document.createElement('label'), { htmlFor: id, textContent: label });
  let input: HTMLInputElement | HTMLSelectElement;
  if (choices) {
    input = document.createElement('select');
    input.add(new Option('(default)', ''));
    for (const choice of choices) input.add(new Option(choice, choice));
    input.value = String(values.get(attribute.name) ?? '');
  } else if (type === 'boolean') {
    input = Object.assign(document.createElement('input'), { type: 'checkbox', checked: values.get(attribute.name) === true });
    wrapper.classList.add('check');
  } else {
    input = Object.assign(document.createElement('input'), {
      type: type === 'number' ? 'number' : 'text',
      value: String(values.get(attribute.name) ?? ''),
    });
    input.autocomplete = 'off';
    input.spellcheck = false;
    if (SUGGESTIONS[attribute.name]) input.setAttribute('list', SUGGESTIONS[attribute.name]!);
  }
  Object.assign(input, { id, name: attribute.name });
  wrapper.append(labelElement, input);
  if (attribute.description) {
    const hint = Object.assign(document.createElement('p'), { className: 'hint', id: `${id}-hint` });
    hint.append(...withCode(attribute.description));
    input.setAttribute('aria-describedby', hint.id);
    wrapper.append(hint);
  }
  return wrapper;
}

/** The element as chosen, live in the preview, and the snippet that makes it. */
function render(): void {
  const element = chosen();
  const attributes: Array<[string, string]> = [];
  for (const attribute of offered(element)) {
    const value = values.get(attribute.name);
    if (value === true) attributes.push([attribute.name, '']);
    else if (typeof value === 'string' && value.trim() !== '') attributes.push([attribute.name, value.trim()]);
  }
  const content = hasDefaultSlot(element) ? String(values.get('content') ?? '').trim() : '';

  const live = document.createElement(element.tagName);
  for (const [name, value] of attributes) live.setAttribute(name, value);
  live.textContent = content;
  preview.className = `preview ${themeSelect.value}`;
  preview.replaceChildren(live);

  const tag = `<${element.tagName}${attributes.map(([name, value]) => (value === '' ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`)).join('')}>${escapeHtml(content)}</${element.tagName}>`;
  const theme = themeRules(themeSelect.value, element);
  code.textContent = [
    `<script type="module" src="${endpoint}/wistia-stats.js"></script>`,
    ...(theme ? ['', `<style>\n  ${element.tagName} {\n${theme}\n  }\n</style>`] : []),
    '',
    tag,
  ].join('\n');
  copied.textContent = '';
}

/**
 * The theme's settings, read from demo.css: what a page sets to make `element` look the same,
 * so only the custom properties it reads. Its background and colour come too: the theme's
 * colours are chosen for them (yellow on white is unreadable).
 */
function themeRules(themeClass: string, element: ManifestElement): string {
  const reads = new Set(element.cssProperties?.map((property) => property.name));
  const lines: string[] = [];
  for (const sheet of document.styleSheets) {
    for (const rule of sheet.cssRules) {
      if (!(rule instanceof CSSStyleRule) || rule.selectorText !== `.${themeClass}`) continue;
      for (const property of ['background', 'color', ...[...rule.style].filter((name) => reads.has(name))]) {
        const value = rule.style.getPropertyValue(property).trim();
        if (value) lines.push(`    ${property}: ${value};`);
      }
    }
  }
  return lines.join('\n');
}

/** The manifest's descriptions mark code with backticks: text and <code>, never parsed as HTML. */
function withCode(text: string): Node[] {
  return text
    .split('`')
    .map((part, index) =>
      index % 2 ? Object.assign(document.createElement('code'), { textContent: part }) : document.createTextNode(part),
    );
}

/** Text as HTML source. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/** Text as the value of a double-quoted attribute. */
function escapeAttribute(text: string): string {
  return escapeHtml(text).replace(/"/g, '&quot;');
}

function fillSuggestions(): void {
  const options = (list: string, entries: Array<[string, string]>) =>
    document.querySelector(`#${list}`)!.replaceChildren(...entries.map(([value, label]) => new Option(label, value)));
  options(
    'media-ids',
    PROJECTS.flatMap((project) => project.medias.map(([id, name]): [string, string] => [id, name])),
  );
  options(
    'project-ids',
    PROJECTS.map((project): [string, string] => [project.hashedId, project.name]),
  );
  options('event-keys', [[KNOWN.eventKey, 'A viewing session of “Product tour: dashboards”']]);
  options('visitor-keys', [[KNOWN.visitorKey, 'A visitor who watched “Product tour: dashboards”']]);
}
