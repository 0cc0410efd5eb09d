// The organizer's workspace (/admin#token=…): every debate, newest first, with its format, where its
// show stands and its join code; one debate open at a time with all its links (copy, replace), its
// panel, its run of show (editable until the show starts), its presentation (brand, live stream,
// sites allowed to embed it) and a way to start a new debate from it.
//
// Everything shown comes back from the server on every load (the list, each debate, its links), so
// a reload loses nothing. One template for the whole workspace, rendered again on every change:
// only what changed is touched, so what the organizer is typing, their focus and their scroll
// survive. Buttons busy with a request are marked aria-disabled rather than disabled, so the focus
// never falls back to the page body while a request runs.
import { html, render, nothing, repeat, live } from './lib.js';
import { readFragment } from './dom.js';
import { t, describe, initI18n, languages, language, setLanguage, onLanguageChange } from './i18n.js';
import { loadLimits, limit } from './limits.js';

await Promise.all([loadLimits(), initI18n('admin')]);

const FORMATS = ['talk_show', 'oxford', 'round_table', 'fishbowl'];
const KINDS = ['intro', 'vote_before', 'opening', 'free_debate', 'questions', 'closing', 'vote_after', 'conversation', 'round', 'fishbowl', 'wrap_up'];
const SPEAKERS = ['host', 'guest', 'panelist', 'for', 'against', 'seat'];
const RIGHTS = ['questions', 'arguments', 'vote'];
const STAFF = ['moderator', 'stage', 'overlay'];
const ROLES = ['panelist', 'guest', 'host'];
const SIDES = ['none', 'for', 'against'];
const STORAGE_KEY = 'tribune.admin';
const STATUS_POLL_MS = 30000;

let token = readFragment(STORAGE_KEY).token || '';

const ui = {
  rejected: false, // the server refused the organizer token
  debates: null, // the list, newest first; null while it loads
  details: new Map(), // debate id -> GET /api/debates/{id}
  formats: {}, // the format templates (GET /api/formats)
  open: null, // the debate open in the workspace (see openDebate)
  busy: new Set(), // actions waiting for the server
  fieldErrors: {}, // field id -> words shown under the field
  error: null, // the last error, as the server's code
  copied: null, // which link was copied last, for a visible mark next to its button
  createFormat: 'talk_show',
};

const top = document.getElementById('top');
const workspaceBox = document.getElementById('workspace');
const errorBox = document.getElementById('error');
const announceBox = document.getElementById('announce');

// ---- talking to the server ----

async function api(method, path, body) {
  let res;
  try {
    res = await fetch(path, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw { code: 'unavailable' };
  }
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw { ...(data.error || { code: 'unavailable' }), status: res.status };
  return data;
}

// ---- words ----

// A word from the admin catalog for a server value; an unknown value gets the group's fallback,
// never the raw code.
function word(group, value, fallback = 'other') {
  const key = `admin.${group}.${value}`;
  const text = t(key);
  if (text !== key) return text;
  const other = `admin.${group}.${fallback}`;
  return t(other) === other ? '' : t(other);
}

const formatWord = (f) => (f ? word('format', f) : '');
const stateWord = (s) => (s ? word('state', s, 'draft') : '');
const sideWord = (s) => (s === 'for' || s === 'against' ? t(`side.${s}`) : t('admin.panel.no_side'));
const linkName = (kind) => word('links', kind);

function formatDate(at) {
  return new Intl.DateTimeFormat(language(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
}

function formatMinutes(n) {
  return new Intl.NumberFormat(language(), { style: 'unit', unit: 'minute', unitDisplay: 'short' }).format(n);
}

// ---- messages: the alert for errors, the status line for confirmations ----

let announceTimer = null;

function announce(text) {
  clearTimeout(announceTimer);
  if (announceBox.textContent === text) {
    // The same words again: empty the region first so screen readers speak them once more.
    announceBox.textContent = '';
    setTimeout(() => { announceBox.textContent = text; }, 50);
  } else {
    announceBox.textContent = text;
  }
  announceTimer = setTimeout(() => { announceBox.textContent = ''; }, 10000);
}

// Escape closes the status line at once (it may cover part of the page), and an open
// confirmation, giving the focus back to the button that opened it.
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape') return;
  clearTimeout(announceTimer);
  announceBox.textContent = '';
  if (ui.open?.confirm) cancelRotate(ui.open.confirm);
});

function showError(err) {
  ui.error = err || null;
  draw();
}

function fail(err) {
  if (err && err.code === 'unauthorized' && err.status === 401) return signOut(true);
  showError(err);
}

const isBusy = (name) => ui.busy.has(name);

// Runs one request at a time per action name; the action's buttons say so while it runs.
async function busy(name, work) {
  if (ui.busy.has(name)) return;
  ui.busy.add(name);
  draw();
  try {
    await work();
  } finally {
    ui.busy.delete(name);
    draw();
  }
}

function focus(selector) {
  const el = document.querySelector(selector);
  if (el) el.focus();
}

// ---- sign-in ----

function signOut(rejected) {
  token = '';
  ui.rejected = rejected;
  ui.debates = null;
  ui.open = null;
  try { sessionStorage.removeItem(STORAGE_KEY); } catch { /* nothing kept */ }
  draw();
  // The workspace the focus was in is gone: the focus goes to the field that signs in again.
  if (!document.activeElement || document.activeElement === document.body) focus('#organizer-link');
}

function signIn(e) {
  e.preventDefault();
  const field = e.currentTarget.querySelector('#organizer-link');
  const text = field.value.trim();
  let found = '';
  try {
    const url = new URL(text, location.origin);
    found = new URLSearchParams(url.hash.slice(1)).get('token') || '';
  } catch { found = ''; }
  if (!found) {
    ui.fieldErrors = { 'organizer-link': t('admin.signin.not_a_link') };
    draw();
    field.focus();
    return;
  }
  token = found;
  ui.rejected = false;
  ui.fieldErrors = {};
  try { sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ token })); } catch { /* kept for this page only */ }
  draw();
  focus('#list-heading');
  loadList();
}

// ---- the list ----

async function loadList() {
  try {
    const { debates } = await api('GET', '/api/debates');
    ui.debates = [...debates].sort((a, b) => b.created_at - a.created_at);
    draw();
    await loadDetails(ui.debates.map((d) => d.id));
  } catch (err) {
    fail(err);
  }
}

// Each debate's state and format come from its own resource, a few at a time.
async function loadDetails(ids) {
  const queue = [...ids];
  const worker = async () => {
    while (queue.length > 0) {
      const id = queue.shift();
      try {
        ui.details.set(id, await api('GET', `/api/debates/${encodeURIComponent(id)}`));
        draw();
      } catch { /* the list still shows its title and code */ }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

async function loadFormats() {
  try {
    ui.formats = (await api('GET', '/api/formats')).formats || {};
  } catch { ui.formats = {}; }
}

// ---- one debate ----

let nextKey = 1;

// An editable copy of a run of show: each segment gets a key of its own so its row keeps its
// elements (and the focus) when segments move.
function editable(segments) {
  return (segments || []).map((s) => ({
    key: nextKey++, name: s.name, kind: s.kind || 'conversation', minutes: s.minutes ?? 10,
    speaker_seconds: s.speaker_seconds ?? 120, speakers: [...(s.speakers || [])], audience: [...(s.audience || [])],
  }));
}

function settingsDraft(d) {
  return {
    accentOn: Boolean(d.brand?.accent), accent: d.brand?.accent || '#1f5fbf', logo: d.brand?.logo || '',
    stream: d.stream?.url || '', origins: (d.embed_origins || []).join('\n'),
  };
}

function runOfShowOf(d, fallbackFormat) {
  if (Array.isArray(d.segments)) return d.segments;
  const template = ui.formats[d.format || fallbackFormat];
  return template ? template.segments : null;
}

// The links as the server gives them (GET or POST /links); an older server's answer to a rotation
// holds only the moderator and stage links, so the others are kept.
function applyLinks(o, data) {
  const l = data.links || {};
  o.links = {
    audience: l.audience ?? o.links?.audience ?? null,
    moderator: 'moderator' in l ? l.moderator : o.links?.moderator ?? null,
    stage: 'stage' in l ? l.stage : o.links?.stage ?? null,
    overlay: 'overlay' in l ? l.overlay : o.links?.overlay ?? null,
  };
  if (Array.isArray(data.panelists)) o.panelists = data.panelists;
}

function newOpen(id, extra = {}) {
  return {
    id, loading: true, debate: null, links: null, panelists: [], linksUnavailable: false, segments: null,
    formatDirty: false, confirm: null, settings: null, duplicateTitle: '', ...extra,
  };
}

// A run of show edited but not saved, kept while the organizer looks at another debate.
const drafts = new Map();

async function openDebate(id, { moveFocus = true, created = null, format = null } = {}) {
  if (ui.open?.id === id && !created) {
    // Already open (perhaps still loading): only the focus moves.
    if (moveFocus) focus('#debate-heading');
    return;
  }
  if (ui.open?.formatDirty) drafts.set(ui.open.id, ui.open.segments);
  const known = ui.details.get(id) || ui.debates?.find((d) => d.id === id) || created;
  ui.open = newOpen(id, { debate: known || null });
  ui.fieldErrors = {};
  ui.error = null;
  try { history.replaceState(null, '', `${location.pathname}?debate=${encodeURIComponent(id)}`); } catch { /* address kept */ }
  draw();
  if (moveFocus) focus('#debate-heading');
  // A debate just created brings its links with it; any other reads them from the server.
  const [debate, links] = await Promise.all([
    api('GET', `/api/debates/${encodeURIComponent(id)}`).catch((err) => ({ failed: err })),
    created?.links ? null : api('GET', `/api/debates/${encodeURIComponent(id)}/links`).catch(() => null),
  ]);
  if (ui.open?.id !== id) return; // another debate was opened meanwhile
  const o = ui.open;
  if (debate.failed) {
    if (!known) {
      ui.open = null;
      try { history.replaceState(null, '', location.pathname); } catch { /* address kept */ }
      return fail(debate.failed);
    }
  } else {
    ui.details.set(id, debate);
    o.debate = debate;
  }
  if (links) applyLinks(o, links);
  else if (created?.links) {
    // An older server's creation answer has no overlay link: the stage's token opens it.
    applyLinks(o, { ...created, links: { ...created.links, overlay: created.links.overlay ?? created.links.stage?.replace('/stage#', '/overlay#') } });
  } else o.linksUnavailable = true;
  o.segments = editable(runOfShowOf(o.debate || {}, format));
  const draft = drafts.get(id);
  drafts.delete(id);
  if (draft && (!o.debate?.status || o.debate.status === 'draft')) {
    o.segments = draft;
    o.formatDirty = true;
  }
  o.hasRunOfShow = Boolean(runOfShowOf(o.debate || {}, format));
  o.format = o.debate?.format || format || 'custom';
  o.settings = settingsDraft(o.debate || {});
  o.duplicateTitle = t('admin.duplicate.default_title', { title: o.debate?.title || '' });
  o.loading = false;
  draw();
}

// Where the open debate's show stands, asked again now and then: once it starts, the run of show
// becomes read-only without a reload. Not while the run of show holds unsaved changes: they stay
// on screen until the organizer saves (and learns then, in words, if the show has started).
async function refreshOpen({ force = false } = {}) {
  const o = ui.open;
  if (!o || o.loading || !token || (o.formatDirty && !force)) return;
  try {
    const d = await api('GET', `/api/debates/${encodeURIComponent(o.id)}`);
    ui.details.set(o.id, d);
    if (ui.open !== o) return;
    const was = o.debate?.status;
    o.debate = { ...o.debate, ...d };
    if (was && was !== d.status) {
      announce(t('admin.show.state_changed', { state: stateWord(d.status) }));
      if (d.status !== 'draft') o.segments = editable(d.segments || o.segments);
    }
    draw();
  } catch { /* try again later */ }
}

setInterval(() => {
  if (document.visibilityState === 'visible' && ui.open?.debate?.status && ui.open.debate.status !== 'ended') refreshOpen();
}, STATUS_POLL_MS);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') refreshOpen();
});

// ---- actions ----

async function createDebate(e) {
  e.preventDefault();
  const form = e.currentTarget;
  const value = (name) => form.querySelector(`[name=${name}]`).value;
  const title = value('title').trim();
  if (!title) {
    ui.fieldErrors = { title: t('admin.create.title_missing') };
    draw();
    focus('#title');
    return;
  }
  await busy('create', async () => {
    try {
      const format = value('format');
      const d = await api('POST', '/api/debates', {
        title, motion: value('motion'), description: value('description'), format,
      });
      ui.fieldErrors = {};
      ui.error = null;
      form.reset();
      ui.createFormat = 'talk_show';
      addToList(d);
      announce(t('admin.create.created', { title: d.title }));
      openDebate(d.id, { created: d, format });
    } catch (err) {
      if (err.code === 'invalid_field' || err.code === 'text_too_long' || err.code === 'empty_text') {
        const field = ['title', 'motion', 'description'].find((f) => (err.detail || '').startsWith(f)) || 'title';
        ui.fieldErrors = { [field]: describe(err.code) };
        showError(err);
        focus(`#${field}`);
      } else fail(err);
    }
  });
}

function addToList(d) {
  const summary = { id: d.id, code: d.code, title: d.title, created_at: d.created_at };
  ui.debates = [summary, ...(ui.debates || []).filter((x) => x.id !== d.id)];
  ui.details.set(d.id, { ...d, status: d.status || 'draft' });
  loadDetails([d.id]);
}

async function copy(key, url, name) {
  let done = false;
  try {
    await navigator.clipboard.writeText(url);
    done = true;
  } catch {
    // Without the clipboard API (a page served over plain http, say), copy the link's own text.
    const a = document.querySelector(`[data-copy-source="${key}"]`);
    if (a) {
      const range = document.createRange();
      range.selectNodeContents(a);
      const selection = getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      try { done = document.execCommand('copy'); } catch { done = false; }
    }
  }
  if (done) {
    ui.copied = key;
    announce(t('admin.links.copied', { name }));
    setTimeout(() => { if (ui.copied === key) { ui.copied = null; draw(); } }, 4000);
  } else {
    announce(t('admin.links.copy_failed'));
  }
  draw();
}

function askRotate(kind) {
  ui.open.confirm = kind;
  draw();
  focus(`#confirm-rotate-${kind}`);
}

function cancelRotate(kind) {
  ui.open.confirm = null;
  draw();
  focus(`#rotate-${kind}`);
}

async function rotate(kind) {
  const o = ui.open;
  await busy(`rotate-${kind}`, async () => {
    try {
      const data = await api('POST', `/api/debates/${encodeURIComponent(o.id)}/links`, { link: kind });
      applyLinks(o, data);
      o.confirm = null;
      ui.error = null;
      announce(t('admin.links.rotated', { name: linkName(kind) }));
    } catch (err) {
      fail(err);
    }
  });
  focus(`#rotate-${kind}`);
}

async function addPanelist(e) {
  e.preventDefault();
  const form = e.currentTarget;
  const o = ui.open;
  const name = form.querySelector('#panelist-name').value.trim();
  if (!name) {
    ui.fieldErrors = { 'panelist-name': t('admin.panel.name_missing') };
    draw();
    focus('#panelist-name');
    return;
  }
  await busy('panelist', async () => {
    try {
      const p = await api('POST', `/api/debates/${encodeURIComponent(o.id)}/panelists`, {
        name, role: form.querySelector('#panelist-role').value, side: form.querySelector('#panelist-side').value,
      });
      o.panelists = [...o.panelists.filter((x) => x.panelist !== p.panelist),
        { panelist: p.panelist, name: p.name, role: p.role, side: p.side, link: p.link ?? null }];
      ui.fieldErrors = {};
      ui.error = null;
      form.querySelector('#panelist-name').value = '';
      announce(t('admin.panel.added', { name: p.name }));
    } catch (err) {
      if (err.code === 'invalid_field' || err.code === 'text_too_long' || err.code === 'empty_text') {
        ui.fieldErrors = { 'panelist-name': describe(err.code) };
      }
      fail(err);
    }
  });
  focus('#panelist-name');
}

// -- the run of show --

function markDirty() {
  if (ui.open && !ui.open.formatDirty) {
    ui.open.formatDirty = true;
    draw();
  }
}

function moveSegment(i, delta) {
  const segs = ui.open.segments;
  const j = i + delta;
  if (j < 0 || j >= segs.length) return;
  [segs[i], segs[j]] = [segs[j], segs[i]];
  ui.open.formatDirty = true;
  draw();
  const key = segs[j].key;
  const stillThere = j > 0 && j < segs.length - 1;
  focus(stillThere ? `#seg-${key}-${delta < 0 ? 'up' : 'down'}` : `#seg-${key}-${j === 0 ? 'down' : 'up'}`);
  announce(t('admin.show.moved', { name: segs[j].name, position: j + 1 }));
}

function removeSegment(i) {
  const segs = ui.open.segments;
  const [gone] = segs.splice(i, 1);
  ui.open.formatDirty = true;
  draw();
  // The focus goes to the same button of the segment that took its place (the last one left
  // cannot be removed, so its button is disabled: then to "add a segment").
  const next = segs[i] || segs[i - 1];
  focus(next && segs.length > 1 ? `#seg-${next.key}-remove` : '#add-segment');
  announce(t('admin.show.removed', { name: gone.name }));
}

function addSegment() {
  const segs = ui.open.segments;
  const s = editable([{
    name: t('admin.show.new_name'), kind: 'conversation', minutes: 10, speaker_seconds: 120,
    speakers: ['host', 'guest', 'panelist', 'for', 'against'], audience: ['questions', 'arguments'],
  }])[0];
  segs.push(s);
  ui.open.formatDirty = true;
  draw();
  focus(`#seg-${s.key}-name`);
}

function toggle(list, value, on) {
  const i = list.indexOf(value);
  if (on && i < 0) list.push(value);
  if (!on && i >= 0) list.splice(i, 1);
}

// Checks the segments as the server will, so a mistake is shown next to its field.
function checkSegments(segs) {
  const errors = {};
  const minutes = limit('segment_minutes') || { min: 1, max: 600 };
  const seconds = limit('turn_seconds') || { min: 10, max: 3600 };
  const whole = (v, r) => Number.isInteger(Number(v)) && String(v).trim() !== '' && Number(v) >= r.min && Number(v) <= r.max;
  for (const s of segs) {
    if (!String(s.name).trim()) errors[`seg-${s.key}-name`] = t('admin.show.name_missing');
    if (!whole(s.minutes, minutes)) errors[`seg-${s.key}-minutes`] = t('admin.show.range', { min: minutes.min, max: minutes.max });
    if (!whole(s.speaker_seconds, seconds)) errors[`seg-${s.key}-seconds`] = t('admin.show.range', { min: seconds.min, max: seconds.max });
  }
  return errors;
}

async function saveFormat(e) {
  e.preventDefault();
  const o = ui.open;
  const errors = checkSegments(o.segments);
  if (Object.keys(errors).length > 0) {
    ui.fieldErrors = errors;
    draw();
    focus(`#${Object.keys(errors)[0]}`);
    return;
  }
  const body = {
    format: o.format,
    segments: o.segments.map((s) => ({
      name: String(s.name).trim(), kind: s.kind, minutes: Number(s.minutes), speaker_seconds: Number(s.speaker_seconds),
      speakers: s.speakers, audience: s.audience,
    })),
  };
  if (typeof o.debate?.seats === 'number') body.seats = o.debate.seats;
  await busy('format', async () => {
    try {
      await api('PUT', `/api/debates/${encodeURIComponent(o.id)}/format`, body);
      o.formatDirty = false;
      ui.fieldErrors = {};
      ui.error = null;
      announce(t('admin.show.saved'));
      if (o.debate) o.debate.segments = body.segments;
    } catch (err) {
      fail(err);
      // Refused because the show has started: read where it stands, which locks the editor.
      if (err.code === 'show_started') await refreshOpen({ force: true });
    }
  });
  focus(document.querySelector('[data-testid=save-format]') ? '[data-testid=save-format]' : '#show-heading');
}

// -- presentation --

// Watch-page addresses of YouTube and Vimeo become the embed links the server expects.
function embedAddress(text) {
  const url = text.trim();
  try {
    const u = new URL(url);
    const host = u.hostname.replace(/^www\./, '');
    if (host === 'youtube.com' && u.pathname === '/watch' && u.searchParams.get('v')) return `https://www.youtube.com/embed/${u.searchParams.get('v')}`;
    if (host === 'youtu.be' && u.pathname.length > 1) return `https://www.youtube.com/embed/${u.pathname.slice(1)}`;
    if (host === 'vimeo.com' && /^\/\d+$/.test(u.pathname)) return `https://player.vimeo.com/video${u.pathname}`;
  } catch { /* the server says what is wrong */ }
  return url;
}

const SETTINGS_FIELDS = { accent: 'accent', logo: 'logo', stream: 'stream', embed_origins: 'embed-origins' };

async function saveSettings(e) {
  e.preventDefault();
  const o = ui.open;
  const s = o.settings;
  const body = {
    accent: s.accentOn ? s.accent : null,
    logo: s.logo.trim() || null,
    stream: s.stream.trim() ? embedAddress(s.stream) : null,
    embed_origins: s.origins.split('\n').map((x) => x.trim()).filter(Boolean),
  };
  await busy('settings', async () => {
    try {
      await api('PUT', `/api/debates/${encodeURIComponent(o.id)}/settings`, body);
      ui.fieldErrors = {};
      ui.error = null;
      const d = await api('GET', `/api/debates/${encodeURIComponent(o.id)}`).catch(() => null);
      if (d && ui.open === o) {
        o.debate = d;
        ui.details.set(o.id, d);
        o.settings = settingsDraft(d);
      }
      announce(t('admin.settings.saved'));
    } catch (err) {
      const field = (err.detail || '').split(':')[0].trim();
      if (err.code === 'invalid_field' && SETTINGS_FIELDS[field]) {
        ui.fieldErrors = { [SETTINGS_FIELDS[field]]: t(`admin.settings.invalid_${field}`) };
        showError(err);
        focus(`#${SETTINGS_FIELDS[field]}`);
        return;
      }
      fail(err);
    }
  });
  if (!Object.keys(ui.fieldErrors).length) focus('[data-testid=save-settings]');
}

async function setModeration(isPrivate) {
  const o = ui.open;
  const name = isPrivate ? 'private' : 'public';
  await busy(`moderation-${name}`, async () => {
    try {
      await api('POST', `/api/debates/${encodeURIComponent(o.id)}/moderation`, { private: isPrivate });
      ui.error = null;
      announce(isPrivate ? t('admin.moderation.now_private') : t('admin.moderation.now_public'));
    } catch (err) { fail(err); }
  });
}

async function duplicate(e) {
  e.preventDefault();
  const o = ui.open;
  const title = o.duplicateTitle.trim();
  if (!title) {
    ui.fieldErrors = { 'duplicate-title': t('admin.create.title_missing') };
    draw();
    focus('#duplicate-title');
    return;
  }
  await busy('duplicate', async () => {
    try {
      const source = o.debate || {};
      const d = await api('POST', '/api/debates', {
        title, motion: source.motion || '', description: source.description || '', template: o.id,
      });
      ui.fieldErrors = {};
      ui.error = null;
      addToList(d);
      announce(t('admin.duplicate.done', { title: d.title }));
      openDebate(d.id, { created: d });
    } catch (err) {
      if (err.code === 'invalid_field' || err.code === 'text_too_long') {
        ui.fieldErrors = { 'duplicate-title': describe(err.code) };
        focus('#duplicate-title');
      }
      fail(err);
    }
  });
}

// ---- templates ----

// A field's own error, written under it and named by aria-describedby.
function fieldError(id) {
  const message = ui.fieldErrors[id];
  return message ? html`<p class="field-error" id=${`${id}-error`} data-testid=${`${id}-error`}>${message}</p>` : nothing;
}
const invalid = (id) => (ui.fieldErrors[id] ? 'true' : nothing);
const describedBy = (id, ...others) => [...others, ui.fieldErrors[id] ? `${id}-error` : null].filter(Boolean).join(' ') || nothing;
const ariaBusy = (name) => (isBusy(name) ? 'true' : nothing);

function header() {
  return html`<h1 class="brand">${t('admin.brand')}</h1>
    <label class="lang"><span class="visually-hidden">${t('lang.label')}</span>
      <select data-testid="language" @change=${(e) => setLanguage(e.target.value)}>
        ${languages.map((l) => html`<option value=${l} ?selected=${l === language()}>${t(`lang.${l}`)}</option>`)}
      </select></label>`;
}

function signInView() {
  return html`<section class="card signin" aria-labelledby="signin-heading" data-testid="signin">
    <h2 id="signin-heading">${t('admin.signin.title')}</h2>
    ${ui.rejected ? html`<p class="notice" data-testid="signin-rejected">${t('admin.signin.rejected')}</p>` : nothing}
    <p>${t('admin.signin.intro')}</p>
    <ul class="steps">
      <li>${t('admin.signin.first_start')}</li>
      <li>${t('admin.signin.env')}</li>
      <li>${t('admin.signin.secret')}</li>
    </ul>
    <form novalidate @submit=${signIn}>
      <label for="organizer-link">${t('admin.signin.paste_label')}</label>
      <p class="hint" id="organizer-link-hint">${t('admin.signin.paste_hint')}</p>
      <input type="url" id="organizer-link" autocomplete="off" spellcheck="false" data-testid="organizer-link"
        aria-invalid=${invalid('organizer-link')} aria-describedby=${describedBy('organizer-link', 'organizer-link-hint')}>
      ${fieldError('organizer-link')}
      <p><button class="primary" type="submit" data-testid="sign-in">${t('admin.signin.submit')}</button></p>
    </form>
  </section>`;
}

function createCard() {
  return html`<section class="card" aria-labelledby="create-heading">
    <h2 id="create-heading">${t('admin.create.heading')}</h2>
    <form id="create" novalidate @submit=${createDebate}>
      <label for="title">${t('admin.create.title_label')}</label>
      <input type="text" id="title" name="title" maxlength=${limit('title_chars') ?? nothing} required aria-required="true"
        data-testid="title" aria-invalid=${invalid('title')} aria-describedby=${describedBy('title')}>
      ${fieldError('title')}
      <label for="motion">${t('admin.create.motion_label')}</label>
      <p class="hint" id="motion-hint">${t('admin.create.motion_hint')}</p>
      <input type="text" id="motion" name="motion" maxlength=${limit('motion_chars') ?? nothing} data-testid="motion"
        aria-invalid=${invalid('motion')} aria-describedby=${describedBy('motion', 'motion-hint')}>
      ${fieldError('motion')}
      <label for="description">${t('admin.create.description_label')}</label>
      <textarea id="description" name="description" maxlength=${limit('description_chars') ?? nothing} data-testid="description"
        aria-invalid=${invalid('description')} aria-describedby=${describedBy('description')}></textarea>
      ${fieldError('description')}
      <label for="format">${t('admin.create.format_label')}</label>
      <select id="format" name="format" data-testid="format" aria-describedby="format-hint"
        @change=${(e) => { ui.createFormat = e.target.value; draw(); }}>
        ${FORMATS.map((f) => html`<option value=${f}>${formatWord(f)}</option>`)}
      </select>
      <p class="hint" id="format-hint">${word('format_hint', ui.createFormat, 'talk_show')}</p>
      <p><button class="primary" type="submit" data-testid="create" aria-disabled=${ariaBusy('create')}>${t('admin.create.submit')}</button></p>
    </form>
  </section>`;
}

function stateBadge(status) {
  return status ? html`<span class="badge state-${status}" data-testid="state">${stateWord(status)}</span>` : nothing;
}

function listCard() {
  const list = ui.debates;
  return html`<section class="card" aria-labelledby="list-heading">
    <h2 id="list-heading" tabindex="-1">${t('admin.list.heading')}</h2>
    ${list === null ? html`<p class="muted">${t('admin.list.loading')}</p>` : nothing}
    ${list && list.length === 0 ? html`<p class="muted" data-testid="no-debates">${t('admin.list.empty')}</p>` : nothing}
    ${list && list.length > 0 ? html`<ul class="plain debates" data-testid="debates">
      ${repeat(list, (d) => d.id, (d) => debateItem(d))}</ul>` : nothing}
  </section>`;
}

function debateItem(d) {
  const more = ui.details.get(d.id);
  const current = ui.open?.id === d.id;
  return html`<li data-testid="debate" data-debate=${d.id} class=${current ? 'current' : ''}>
    <button type="button" class="debate-open" data-testid="open-debate" aria-current=${current ? 'true' : nothing}
      @click=${() => openDebate(d.id)}>${d.title}</button>
    <p class="meta">
      ${stateBadge(more?.status)}
      ${more?.format ? html`<span data-testid="format-word">${formatWord(more.format)}</span><span aria-hidden="true"> · </span>` : nothing}
      <span>${t('admin.list.code')} <span class="mono" data-testid="debate-code">${d.code}</span></span><span aria-hidden="true"> · </span>
      <time datetime=${new Date(d.created_at).toISOString()}>${formatDate(d.created_at)}</time>
    </p>
  </li>`;
}

function copyButton(key, url, name) {
  return html`<button type="button" class="small" data-testid=${`copy-${key}`}
    aria-label=${t('admin.links.copy_named', { name })} @click=${() => copy(key, url, name)}>${t('admin.links.copy')}</button>
    ${ui.copied === key ? html`<span class="copied" aria-hidden="true">✓ ${t('admin.links.copied_short')}</span>` : nothing}`;
}

function linkRow(kind, url, staff) {
  const o = ui.open;
  const name = linkName(kind);
  const confirming = o.confirm === kind;
  return html`<li class="link-row" data-link=${kind}>
    <div class="link-head">
      <strong>${name}</strong>
      ${staff ? html`<span class="badge">${t('admin.links.secret')}</span>` : nothing}
      <span class="muted small-text">${word('link_hint', kind)}</span>
    </div>
    ${url ? html`<a class="url" href=${url} target="_blank" rel="noopener" data-testid=${`${kind}-link`} data-copy-source=${kind}>${url}</a>`
    : html`<p class="notice" data-testid=${`${kind}-missing`}>${t('admin.links.missing')}</p>`}
    <div class="row actions">
      ${url ? copyButton(kind, url, name) : nothing}
      ${staff ? html`<button type="button" class="small" id=${`rotate-${kind}`} data-testid=${`rotate-${kind}`}
        aria-expanded=${confirming ? 'true' : 'false'} aria-controls=${`confirm-box-${kind}`}
        aria-label=${url ? t('admin.links.rotate_named', { name }) : t('admin.links.make_named', { name })}
        @click=${() => (confirming ? cancelRotate(kind) : askRotate(kind))}>${url ? t('admin.links.rotate') : t('admin.links.make')}</button>` : nothing}
    </div>
    ${staff ? html`<div id=${`confirm-box-${kind}`} class=${confirming ? 'confirm' : 'confirm hidden'} ?hidden=${!confirming}>
      ${confirming ? html`<p id=${`confirm-text-${kind}`}>${url ? t('admin.links.rotate_warning', { name }) : t('admin.links.make_warning', { name })}</p>
        <div class="row">
          <button type="button" class="danger" id=${`confirm-rotate-${kind}`} data-testid=${`confirm-rotate-${kind}`}
            aria-describedby=${`confirm-text-${kind}`} aria-disabled=${ariaBusy(`rotate-${kind}`)} @click=${() => rotate(kind)}>
            ${url ? t('admin.links.rotate_confirm') : t('admin.links.make')}</button>
          <button type="button" data-testid=${`cancel-rotate-${kind}`} @click=${() => cancelRotate(kind)}>${t('common.cancel')}</button>
        </div>` : nothing}
    </div>` : nothing}
  </li>`;
}

function linksSection(o) {
  const l = o.links || {};
  return html`<section class="block" aria-labelledby="links-heading" data-testid="links">
    <h3 id="links-heading">${t('admin.links.heading')}</h3>
    <p class="muted">${t('admin.links.intro')}</p>
    ${o.linksUnavailable ? html`<p class="notice">${t('admin.links.unavailable')}</p>` : html`
    <ul class="plain links">
      ${linkRow('audience', l.audience, false)}
      ${STAFF.map((k) => linkRow(k, l[k], true))}
    </ul>`}
  </section>`;
}

function panelistRow(p) {
  const key = `panelist-${p.panelist}`;
  return html`<li class="link-row" data-testid="panelist" data-panelist=${p.panelist}>
    <div class="link-head">
      <strong class="person">${p.name}</strong>
      <span class="badge">${word('role', p.role, 'panelist')}</span>
      <span class=${`badge ${p.side === 'for' || p.side === 'against' ? p.side : ''}`}>${sideWord(p.side)}</span>
    </div>
    ${p.link ? html`<a class="url" href=${p.link} target="_blank" rel="noopener" data-testid=${`panelist-link-${p.panelist}`} data-copy-source=${key}>${p.link}</a>
      <div class="row actions">${copyButton(key, p.link, p.name)}</div>`
    : html`<p class="notice">${t('admin.panel.missing')}</p>`}
  </li>`;
}

function panelSection(o) {
  return html`<section class="block" aria-labelledby="panel-heading" data-testid="panel">
    <h3 id="panel-heading">${t('admin.panel.heading')}</h3>
    <p class="muted">${t('admin.panel.intro')}</p>
    ${o.panelists.length === 0 ? html`<p class="muted" data-testid="no-panelists">${t('admin.panel.empty')}</p>` : html`
      <ul class="plain links" data-testid="panelists">${repeat(o.panelists, (p) => p.panelist, panelistRow)}</ul>`}
    <form class="inline-form" novalidate @submit=${addPanelist} data-testid="panelist-form" aria-labelledby="panel-form-heading">
      <h4 id="panel-form-heading">${t('admin.panel.add_heading')}</h4>
      <div class="fields">
        <div class="field grow">
          <label for="panelist-name">${t('admin.panel.name')}</label>
          <input type="text" id="panelist-name" autocomplete="off" maxlength=${limit('name_chars') ?? nothing} data-testid="panelist-name"
            aria-invalid=${invalid('panelist-name')} aria-describedby=${describedBy('panelist-name')}>
          ${fieldError('panelist-name')}
        </div>
        <div class="field">
          <label for="panelist-role">${t('admin.panel.role')}</label>
          <select id="panelist-role" data-testid="panelist-role">
            ${ROLES.map((r) => html`<option value=${r}>${word('role', r, 'panelist')}</option>`)}</select>
        </div>
        <div class="field">
          <label for="panelist-side">${t('admin.panel.side')}</label>
          <select id="panelist-side" data-testid="panelist-side">
            ${SIDES.map((s) => html`<option value=${s}>${sideWord(s)}</option>`)}</select>
        </div>
      </div>
      <p><button type="submit" data-testid="add-panelist" aria-disabled=${ariaBusy('panelist')}>${t('admin.panel.add')}</button></p>
    </form>
  </section>`;
}

function numberField(s, field, id, label, range) {
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <input type="number" id=${id} inputmode="numeric" min=${range?.min ?? nothing} max=${range?.max ?? nothing} step="1"
      .value=${live(String(s[field]))} @input=${(e) => { s[field] = e.target.value; }}
      aria-invalid=${invalid(id)} aria-describedby=${describedBy(id)}>
    ${fieldError(id)}
  </div>`;
}

function segmentRow(s, i, count) {
  const id = `seg-${s.key}`;
  return html`<li class="segment" data-testid="segment-row">
    <fieldset>
      <legend>${t('admin.show.segment_number', { n: i + 1 })}</legend>
      <div class="fields">
        <div class="field grow">
          <label for=${`${id}-name`}>${t('admin.show.name')}</label>
          <input type="text" id=${`${id}-name`} data-testid="segment-name" maxlength=${limit('segment_name_chars') ?? nothing}
            .value=${live(s.name)} @input=${(e) => { s.name = e.target.value; }}
            aria-invalid=${invalid(`${id}-name`)} aria-describedby=${describedBy(`${id}-name`)}>
          ${fieldError(`${id}-name`)}
        </div>
        <div class="field">
          <label for=${`${id}-kind`}>${t('admin.show.kind')}</label>
          <select id=${`${id}-kind`} data-testid="segment-kind" @change=${(e) => { s.kind = e.target.value; }}>
            ${KINDS.map((k) => html`<option value=${k} ?selected=${k === s.kind}>${word('kind', k)}</option>`)}</select>
        </div>
        ${numberField(s, 'minutes', `${id}-minutes`, t('admin.show.minutes'), limit('segment_minutes'))}
        ${numberField(s, 'speaker_seconds', `${id}-seconds`, t('admin.show.turn_seconds'), limit('turn_seconds'))}
      </div>
      <details>
        <summary>${t('admin.show.rights')}</summary>
        <div class="rights">
          <fieldset><legend>${t('admin.show.speakers')}</legend>
            ${SPEAKERS.map((k) => html`<label class="check"><input type="checkbox" .checked=${live(s.speakers.includes(k))}
              @change=${(e) => toggle(s.speakers, k, e.target.checked)}> ${word('speaker', k)}</label>`)}
          </fieldset>
          <fieldset><legend>${t('admin.show.audience')}</legend>
            ${RIGHTS.map((k) => html`<label class="check"><input type="checkbox" .checked=${live(s.audience.includes(k))}
              @change=${(e) => toggle(s.audience, k, e.target.checked)}> ${word('right', k)}</label>`)}
          </fieldset>
        </div>
      </details>
      <div class="row actions">
        <button type="button" class="small" id=${`${id}-up`} ?disabled=${i === 0}
          aria-label=${t('admin.show.move_up', { name: s.name })} @click=${() => moveSegment(i, -1)}>↑</button>
        <button type="button" class="small" id=${`${id}-down`} ?disabled=${i === count - 1}
          aria-label=${t('admin.show.move_down', { name: s.name })} @click=${() => moveSegment(i, 1)}>↓</button>
        <button type="button" class="small danger" id=${`${id}-remove`} ?disabled=${count === 1}
          aria-label=${t('admin.show.remove_named', { name: s.name })} @click=${() => removeSegment(i)}>${t('admin.show.remove')}</button>
      </div>
    </fieldset>
  </li>`;
}

function showEditor(o) {
  const max = limit('segments')?.max ?? 30;
  return html`<form class="segments" novalidate data-testid="format-editor" @submit=${saveFormat} @input=${markDirty} @change=${markDirty}>
    <p class="muted">${t('admin.show.intro')}</p>
    <ol class="plain segment-list">${repeat(o.segments, (s) => s.key, (s, i) => segmentRow(s, i, o.segments.length))}</ol>
    <div class="row">
      <button type="button" id="add-segment" data-testid="add-segment" ?disabled=${o.segments.length >= max} @click=${addSegment}>${t('admin.show.add')}</button>
      <button type="submit" class="primary" data-testid="save-format" aria-disabled=${ariaBusy('format')}>${t('admin.show.save')}</button>
      ${o.formatDirty ? html`<span class="muted" data-testid="format-unsaved">${t('admin.show.unsaved')}</span>` : nothing}
    </div>
  </form>`;
}

function showReadOnly(o, status) {
  return html`<p class="notice" data-testid="format-locked">${status === 'ended' ? t('admin.show.locked_ended') : t('admin.show.locked_live')}</p>
    <ol class="run-of-show" data-testid="run-of-show">
      ${o.segments.map((s) => html`<li><strong class="segment-title">${s.name}</strong>
        <span class="muted">${word('kind', s.kind)} · ${formatMinutes(Number(s.minutes))}</span></li>`)}
    </ol>`;
}

function showSection(o) {
  const status = o.debate?.status;
  const canEdit = !status || status === 'draft';
  const total = o.segments.reduce((sum, s) => sum + (Number(s.minutes) || 0), 0);
  return html`<section class="block" aria-labelledby="show-heading" data-testid="show">
    <h3 id="show-heading" tabindex="-1">${t('admin.show.heading')}</h3>
    ${o.hasRunOfShow ? html`
      <p class="muted">${o.format && o.format !== 'custom' ? html`${t('admin.show.based_on', { format: formatWord(o.format) })} · ` : nothing}${t('admin.show.total', { duration: formatMinutes(total) })}</p>
      ${canEdit ? showEditor(o) : showReadOnly(o, status)}`
    : html`<p class="notice">${t('admin.show.unavailable')}</p>`}
  </section>`;
}

// The text colour that reads best on the accent, and how well (WCAG contrast ratio).
function contrast(hex) {
  const channel = (i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  const onWhite = 1.05 / (l + 0.05);
  const onDark = (l + 0.05) / 0.05;
  return onWhite >= onDark ? { ink: '#ffffff', ratio: onWhite } : { ink: '#000000', ratio: onDark };
}

function settingsSection(o) {
  const s = o.settings;
  const c = contrast(s.accent);
  const ratio = new Intl.NumberFormat(language(), { maximumFractionDigits: 1 }).format(c.ratio);
  const kind = o.debate?.stream?.kind;
  return html`<section class="block" aria-labelledby="settings-heading" data-testid="settings">
    <h3 id="settings-heading">${t('admin.settings.heading')}</h3>
    <form novalidate @submit=${saveSettings} data-testid="settings-form">
      <fieldset>
        <legend>${t('admin.settings.brand')}</legend>
        <label class="check"><input type="checkbox" data-testid="accent-on" .checked=${live(s.accentOn)}
          @change=${(e) => { s.accentOn = e.target.checked; draw(); }}> ${t('admin.settings.accent_on')}</label>
        <div class="row accent-row">
          <div class="field">
            <label for="accent">${t('admin.settings.accent')}</label>
            <input type="color" id="accent" data-testid="accent" .value=${live(s.accent)} ?disabled=${!s.accentOn}
              @input=${(e) => { s.accent = e.target.value; draw(); }}
              aria-invalid=${invalid('accent')} aria-describedby=${describedBy('accent', 'accent-contrast')}>
          </div>
          ${s.accentOn ? html`<span class="swatch" .style=${`--swatch-bg: ${s.accent}; --swatch-ink: ${c.ink}`} aria-hidden="true">${t('admin.settings.preview')}</span>` : nothing}
          <p class="hint" id="accent-contrast">${s.accentOn ? t('admin.settings.contrast', { ratio }) : ''}
            ${s.accentOn && c.ratio < 4.5 ? t('admin.settings.contrast_low') : ''}</p>
        </div>
        ${fieldError('accent')}
        <label for="logo">${t('admin.settings.logo')}</label>
        <p class="hint" id="logo-hint">${t('admin.settings.logo_hint')}</p>
        <input type="url" id="logo" data-testid="logo" placeholder="https://" spellcheck="false" .value=${live(s.logo)}
          @input=${(e) => { s.logo = e.target.value; }} aria-invalid=${invalid('logo')} aria-describedby=${describedBy('logo', 'logo-hint')}>
        ${fieldError('logo')}
      </fieldset>
      <label for="stream">${t('admin.settings.stream')}</label>
      <p class="hint" id="stream-hint">${t('admin.settings.stream_hint')}</p>
      <input type="url" id="stream" data-testid="stream" placeholder="https://" spellcheck="false" .value=${live(s.stream)}
        @input=${(e) => { s.stream = e.target.value; }} aria-invalid=${invalid('stream')} aria-describedby=${describedBy('stream', 'stream-hint')}>
      ${fieldError('stream')}
      ${kind && s.stream ? html`<p class="muted" data-testid="stream-kind">${t('admin.settings.stream_kind', { kind: word('stream', kind) })}</p>` : nothing}
      <label for="embed-origins">${t('admin.settings.origins')}</label>
      <p class="hint" id="embed-origins-hint">${t('admin.settings.origins_hint')}</p>
      <textarea id="embed-origins" data-testid="embed-origins" spellcheck="false" .value=${live(s.origins)}
        @input=${(e) => { s.origins = e.target.value; }} aria-invalid=${invalid('embed-origins')}
        aria-describedby=${describedBy('embed-origins', 'embed-origins-hint')}></textarea>
      ${fieldError('embed-origins')}
      <p><button type="submit" class="primary" data-testid="save-settings" aria-disabled=${ariaBusy('settings')}>${t('admin.settings.save')}</button></p>
    </form>
  </section>`;
}

function moderationSection() {
  return html`<section class="block" aria-labelledby="moderation-heading">
    <h3 id="moderation-heading">${t('admin.moderation.heading')}</h3>
    <p class="muted">${t('admin.moderation.intro')}</p>
    <div class="row">
      <button type="button" data-testid="moderation-private" aria-disabled=${ariaBusy('moderation-private')} @click=${() => setModeration(true)}>${t('admin.moderation.private')}</button>
      <button type="button" data-testid="moderation-public" aria-disabled=${ariaBusy('moderation-public')} @click=${() => setModeration(false)}>${t('admin.moderation.public')}</button>
    </div>
  </section>`;
}

function duplicateSection(o) {
  return html`<section class="block" aria-labelledby="duplicate-heading">
    <h3 id="duplicate-heading">${t('admin.duplicate.heading')}</h3>
    <p class="muted" id="duplicate-hint">${t('admin.duplicate.intro')}</p>
    <form novalidate @submit=${duplicate} data-testid="duplicate-form">
      <label for="duplicate-title">${t('admin.duplicate.title_label')}</label>
      <input type="text" id="duplicate-title" data-testid="duplicate-title" maxlength=${limit('title_chars') ?? nothing}
        .value=${live(o.duplicateTitle)} @input=${(e) => { o.duplicateTitle = e.target.value; }}
        aria-invalid=${invalid('duplicate-title')} aria-describedby=${describedBy('duplicate-title', 'duplicate-hint')}>
      ${fieldError('duplicate-title')}
      <p><button type="submit" data-testid="duplicate" aria-disabled=${ariaBusy('duplicate')}>${t('admin.duplicate.submit')}</button></p>
    </form>
  </section>`;
}

function detailView() {
  const o = ui.open;
  const d = o.debate || {};
  return html`<section class="card debate" aria-labelledby="debate-heading" data-testid="debate-detail" data-debate=${o.id}>
    <div class="debate-head">
      <div class="grow">
        <h2 id="debate-heading" tabindex="-1" data-testid="debate-title">${d.title || ''}</h2>
        ${d.motion ? html`<p class="motion">${d.motion}</p>` : nothing}
        <p class="row">${stateBadge(d.status)}${d.format ? html`<span class="badge" data-testid="debate-format">${formatWord(d.format)}</span>` : nothing}</p>
        ${d.description ? html`<p class="qtext description">${d.description}</p>` : nothing}
      </div>
      ${d.code ? html`<div class="join">
        <p class="muted">${t('admin.detail.join_code')}</p>
        <p class="code" data-testid="join-code">${d.code}</p>
        <img class="qr" src=${`/api/debates/${encodeURIComponent(o.id)}/qr.svg`} alt=${t('admin.detail.qr_alt', { code: d.code })} width="160" height="160">
      </div>` : nothing}
    </div>
    ${o.loading ? html`<p class="muted" data-testid="detail-loading">${t('admin.detail.loading')}</p>` : html`
      ${linksSection(o)}
      ${panelSection(o)}
      ${showSection(o)}
      ${settingsSection(o)}
      ${moderationSection()}
      ${duplicateSection(o)}`}
  </section>`;
}

function workspace() {
  if (!token) return signInView();
  return html`<div class="workspace">
    <div class="side">${createCard()}${listCard()}</div>
    <div class="main-column">
      ${ui.open ? detailView() : html`<section class="card empty-detail" aria-labelledby="none-heading">
        <h2 id="none-heading">${t('admin.detail.none_heading')}</h2>
        <p class="muted">${t('admin.detail.none')}</p></section>`}
    </div>
  </div>`;
}

function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

// Rendered at once (not on the next frame), so an action can move the focus right after.
function draw() {
  render(header(), top);
  render(workspace(), workspaceBox);
  setText(errorBox, ui.error ? describe(ui.error.code) : '');
}

onLanguageChange(() => {
  document.title = t('admin.page_title');
  draw();
});

// The organizer link pasted into the address bar of an open page changes only the fragment.
window.addEventListener('hashchange', () => {
  const found = readFragment(STORAGE_KEY).token;
  if (!found || found === token) return;
  token = found;
  ui.rejected = false;
  draw();
  loadFormats().then(loadList);
});

document.title = t('admin.page_title');
draw();
if (token) {
  await loadFormats();
  const wanted = new URLSearchParams(location.search).get('debate');
  await Promise.all([loadList(), wanted ? openDebate(wanted, { moveFocus: false }) : null]);
}
