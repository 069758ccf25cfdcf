// The generator page. Everything about the options comes from /metadata: this file names none of them,
// so an option added to the archetype appears here by itself.
'use strict';

const METADATA_URL = '/metadata';
const METADATA_TYPE = 'application/vnd.lambdacontainer.metadata.v1+json';

const state = { metadata: null, previewFor: null };

const byId = (id) => document.getElementById(id);

function element(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    node.setAttribute(key, value);
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/** One control per option: a select when the values are listed, a text field otherwise. */
function controlFor(option) {
  const id = 'option-' + option.name;
  const wrapper = element('div', { class: 'option' });
  wrapper.append(element('label', { for: id }, option.name));
  let control;
  if (option.values.length > 0) {
    control = element('select', { id, name: option.name });
    for (const value of option.values) {
      const choice = element('option', { value }, value);
      choice.dataset.label = value;
      choice.selected = value === option.default;
      control.append(choice);
    }
  } else {
    control = element('input', { id, name: option.name, type: 'text', autocomplete: 'off', spellcheck: 'false' });
    if (option.required) {
      control.required = true;
      control.setAttribute('aria-required', 'true');
    } else {
      control.placeholder = option.default;
    }
  }
  const describedBy = [];
  if (option.description) {
    const description = element('p', { class: 'description', id: id + '-description' }, option.description);
    wrapper.append(description);
    describedBy.push(description.id);
  }
  const unavailable = element('p', { class: 'unavailable', id: id + '-unavailable', 'aria-live': 'polite' });
  unavailable.hidden = true;
  describedBy.push(unavailable.id);
  control.setAttribute('aria-describedby', describedBy.join(' '));
  wrapper.insertBefore(control, wrapper.children[1]);
  wrapper.append(unavailable);
  control.addEventListener('change', update);
  control.addEventListener('input', update);
  return wrapper;
}

function controls() {
  return state.metadata.options.map((option) => ({ option, control: document.getElementsByName(option.name)[0] }));
}

/** The value each option will have: the one chosen or typed, else its default. */
function effectiveValues() {
  const values = {};
  for (const { option, control } of controls()) {
    values[option.name] = control.value !== '' ? control.value : option.default;
  }
  return values;
}

/** The parameters to send: only what differs from the defaults (and what has no default). */
function chosenParameters() {
  const parameters = new URLSearchParams();
  for (const { option, control } of controls()) {
    if (control.value !== '' && control.value !== option.default) {
      parameters.append(option.name, control.value);
    }
  }
  return parameters;
}

/** The combinations the values complete, each with its reason. */
function refusalsOf(values) {
  return state.metadata.refusedCombinations.filter((combination) =>
    Object.entries(combination.when).every(([name, value]) => values[name] === value));
}

/** Marks each choice that would complete a refused combination with the others as they are now. */
function markUnavailableChoices(values) {
  for (const { option, control } of controls()) {
    if (control.tagName !== 'SELECT') {
      continue;
    }
    const reasons = [];
    for (const choice of control.options) {
      const refusals = refusalsOf({ ...values, [option.name]: choice.value });
      const unavailable = refusals.length > 0 && choice.value !== values[option.name];
      choice.disabled = unavailable;
      choice.textContent = unavailable ? choice.dataset.label + ' (unavailable)' : choice.dataset.label;
      choice.title = unavailable ? refusals.map((refusal) => refusal.reason).join(' ') : '';
      if (unavailable) {
        reasons.push(choice.dataset.label + ': ' + refusals.map((refusal) => refusal.reason).join(' '));
      }
    }
    const note = byId('option-' + option.name + '-unavailable');
    note.textContent = reasons.join(' ');
    note.hidden = reasons.length === 0;
  }
}

function missingRequired() {
  return controls().filter(({ option, control }) => option.required && control.value.trim() === '')
    .map(({ option }) => option.name);
}

function shellQuote(value) {
  return /^[A-Za-z0-9_.,:\/=@-]+$/.test(value) ? value : "'" + value.replace(/'/g, "'\\''") + "'";
}

function update() {
  const values = effectiveValues();
  markUnavailableChoices(values);
  const refusals = refusalsOf(values);
  const missing = missingRequired();
  const refusal = byId('refusal');
  const problems = refusals.map((combination) => combination.reason);
  if (missing.length > 0) {
    problems.push('Fill in ' + missing.join(', ') + ' to generate.');
  }
  refusal.textContent = problems.join(' ');
  refusal.hidden = problems.length === 0;

  const parameters = chosenParameters();
  const query = parameters.toString();
  const links = state.metadata.links;
  const blocked = problems.length > 0;
  for (const [id, route] of [['download-zip', links.starterZip], ['download-tgz', links.starterTgz]]) {
    const link = byId(id);
    link.href = route + (query ? '?' + query : '');
    link.setAttribute('aria-disabled', String(blocked));
    link.tabIndex = blocked ? -1 : 0;
  }
  byId('explore').disabled = blocked;
  byId('share-link').href = links.home + (query ? '?' + query : '');
  history.replaceState(null, '', links.home + (query ? '?' + query : ''));

  const definitions = [...Object.entries(state.metadata.archetype), ...parameters.entries()]
    .map(([name, value]) => ' -D' + name + '=' + shellQuote(value)).join('');
  byId('mvn-command').textContent = 'mvn -B ' + state.metadata.generateGoal + definitions;
  const data = [...parameters.entries()].map(([name, value]) => ' -d ' + shellQuote(name + '=' + value)).join('');
  byId('curl-command').textContent = 'curl -G ' + location.origin + links.starterZip + data + ' -o project.zip';
}

function showError(message) {
  const error = byId('error');
  error.textContent = message;
  error.hidden = !message;
}

async function fetchOrExplain(url, accept) {
  const response = await fetch(url, { headers: { Accept: accept } });
  if (!response.ok) {
    let detail = response.status + ' ' + response.statusText;
    try {
      detail = (await response.json()).detail || detail;
    } catch (notJson) {
      // the status line says enough
    }
    throw new Error(detail);
  }
  return response;
}

function showFile(file, button) {
  for (const other of byId('file-list').querySelectorAll('button')) {
    other.setAttribute('aria-current', String(other === button));
  }
  byId('file-name').textContent = file.path + (file.executable ? ' (executable)' : '');
  byId('file-content').textContent = file.text !== null ? file.text : '(binary file, ' + file.size + ' bytes)';
}

async function explore() {
  showError('');
  const query = chosenParameters().toString();
  try {
    const preview = await (await fetchOrExplain(state.metadata.links.preview + '?' + query, 'application/json')).json();
    const list = byId('file-list');
    list.replaceChildren();
    let first = null;
    for (const file of preview.files) {
      const button = element('button', { type: 'button', 'data-path': file.path }, file.path);
      button.addEventListener('click', () => showFile(file, button));
      const item = element('li');
      item.append(button);
      list.append(item);
      first = first || { file, button };
    }
    byId('explorer-title').textContent = 'Files of ' + preview.folder + ' (' + preview.files.length + ')';
    byId('explorer').hidden = false;
    if (first) {
      showFile(first.file, first.button);
      first.button.focus();
    }
  } catch (failure) {
    showError(failure.message);
  }
}

async function changes() {
  showError('');
  try {
    const text = await (await fetchOrExplain(state.metadata.links.diff + '?' + chosenParameters().toString(), 'text/x-diff')).text();
    byId('diff-content').textContent = text || 'No file differs from the defaults.';
    byId('diff').hidden = false;
    byId('diff-content').focus();
  } catch (failure) {
    showError(failure.message);
  }
}

/** Applies the share link's parameters to the controls; values the metadata does not list are left out. */
function applyLocation() {
  const given = new URLSearchParams(location.search);
  for (const { option, control } of controls()) {
    const value = given.get(option.name);
    if (value !== null && (option.values.length === 0 || option.values.includes(value))) {
      control.value = value;
    }
  }
}

async function start() {
  try {
    state.metadata = await (await fetchOrExplain(METADATA_URL, METADATA_TYPE)).json();
  } catch (failure) {
    showError('The options could not be loaded: ' + failure.message);
    return;
  }
  const [, artifact, release] = Object.values(state.metadata.archetype);
  byId('archetype-name').textContent += ' ' + artifact + ' ' + release + '.';
  byId('options').replaceChildren(...state.metadata.options.map(controlFor));
  applyLocation();
  byId('explore').addEventListener('click', explore);
  byId('changes').addEventListener('click', changes);
  byId('options-form').addEventListener('submit', (event) => event.preventDefault());
  update();
  document.body.dataset.ready = 'true';
}

start();
