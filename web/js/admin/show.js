// A debate's run of show: an editable copy of its segments, each keyed so its row keeps its
// elements (and the focus) when segments move, checked as the server will check it before it is
// saved. Editable until the show starts, read-only after: where the show stands is asked again
// now and then (refreshOpen, called by admin.js), so the editor locks without a reload.
import { html, nothing, repeat, live } from '../lib.js';
import { t } from '../i18n.js';
import { limit } from '../limits.js';
import { ui, draw, busy, focus } from './state.js';
import { api, announce, fail } from './api.js';
import { word, formatWord, stateWord, formatMinutes } from './words.js';
import { fieldError, invalid, describedBy, ariaBusy } from './fields.js';
import { fromTemplate, segmentName } from '../segments.js';

const KINDS = ['intro', 'vote_before', 'opening', 'free_debate', 'questions', 'closing', 'vote_after', 'conversation', 'round', 'fishbowl', 'wrap_up'];
const SPEAKERS = ['host', 'guest', 'panelist', 'for', 'against', 'seat'];
const RIGHTS = ['questions', 'arguments', 'vote'];

let nextKey = 1;

// An editable copy of a run of show: each segment gets a key of its own so its row keeps its
// elements (and the focus) when segments move. A name a template gave (`template`: its kind and
// name) is shown in the page's words until the organizer types another.
export function editable(segments) {
  return (segments || []).map((s) => ({
    key: nextKey++, name: s.name, kind: s.kind || 'conversation', minutes: s.minutes ?? 10,
    speaker_seconds: s.speaker_seconds ?? 120, speakers: [...(s.speakers || [])], audience: [...(s.audience || [])],
    template: fromTemplate(s) ? { kind: s.kind, name: s.name } : null,
  }));
}

// A segment's name as the editor shows it: a template's in the page's words, else as typed.
const shownName = (s) => (s.template ? segmentName(s.template) : s.name);

// The name saved: a template's untouched name stays the template's (every page then shows it in
// its own language) while the segment keeps the template's kind; else the words on screen.
const savedName = (s) => (s.template && s.template.kind === s.kind ? s.template.name : String(shownName(s)).trim());

// Where the open debate's show stands, asked again now and then: once it starts, the run of show
// becomes read-only without a reload. Not while the run of show holds unsaved changes: they stay
// on screen until the organizer saves (and learns then, in words, if the show has started).
export async function refreshOpen({ force = false } = {}) {
  const o = ui.open;
  if (!o || o.loading || !ui.token || (o.formatDirty && !force)) return;
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
  announce(t('admin.show.moved', { name: shownName(segs[j]), position: j + 1 }));
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
  announce(t('admin.show.removed', { name: shownName(gone) }));
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
    if (!String(shownName(s)).trim()) errors[`seg-${s.key}-name`] = t('admin.show.name_missing');
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
      name: savedName(s), kind: s.kind, minutes: Number(s.minutes), speaker_seconds: Number(s.speaker_seconds),
      speakers: s.speakers, audience: s.audience,
    })),
  };
  if (typeof o.debate?.seats === 'number') body.seats = o.debate.seats;
  body.automatic = Boolean(o.automatic);
  await busy('format', async () => {
    try {
      await api('PUT', `/api/debates/${encodeURIComponent(o.id)}/format`, body);
      o.formatDirty = false;
      ui.fieldErrors = {};
      ui.error = null;
      announce(t('admin.show.saved'));
      if (o.debate) Object.assign(o.debate, { segments: body.segments, automatic: body.automatic });
    } catch (err) {
      fail(err);
      // Refused because the show has started: read where it stands, which locks the editor.
      if (err.code === 'show_started') await refreshOpen({ force: true });
    }
  });
  focus(document.querySelector('[data-testid=save-format]') ? '[data-testid=save-format]' : '#show-heading');
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
            .value=${live(shownName(s))} @input=${(e) => { s.name = e.target.value; s.template = null; }}
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
          aria-label=${t('admin.show.move_up', { name: shownName(s) })} @click=${() => moveSegment(i, -1)}>↑</button>
        <button type="button" class="small" id=${`${id}-down`} ?disabled=${i === count - 1}
          aria-label=${t('admin.show.move_down', { name: shownName(s) })} @click=${() => moveSegment(i, 1)}>↓</button>
        <button type="button" class="small danger" id=${`${id}-remove`} ?disabled=${count === 1}
          aria-label=${t('admin.show.remove_named', { name: shownName(s) })} @click=${() => removeSegment(i)}>${t('admin.show.remove')}</button>
      </div>
    </fieldset>
  </li>`;
}

function showEditor(o) {
  const max = limit('segments')?.max ?? 30;
  return html`<form class="segments" novalidate data-testid="format-editor" @submit=${saveFormat} @input=${markDirty} @change=${markDirty}>
    <p class="muted">${t('admin.show.intro')}</p>
    <div class="field">
      <label class="check"><input type="checkbox" id="automatic" data-testid="automatic" .checked=${live(Boolean(o.automatic))}
        aria-describedby="automatic-hint" @change=${(e) => { o.automatic = e.target.checked; }}> ${t('admin.show.automatic')}</label>
      <p class="muted" id="automatic-hint">${t('admin.show.automatic_hint')}</p>
    </div>
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
    <p class="muted" data-testid="format-mode">${o.automatic ? t('admin.show.mode_automatic') : t('admin.show.mode_manual')}</p>
    <ol class="run-of-show" data-testid="run-of-show">
      ${o.segments.map((s) => html`<li><strong class="segment-title">${shownName(s)}</strong>
        <span class="muted">${word('kind', s.kind)} · ${formatMinutes(Number(s.minutes))}</span></li>`)}
    </ol>`;
}

export function showSection(o) {
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
