// A debate's moderation team: each moderator link with the name the organizer gives it (so the
// moderators see who did what), its copy button, a rename field and, for every link but the first,
// removal after a confirmation (the removed link stops working at once); and the form that adds one.
import { html, nothing, repeat } from '../lib.js';
import { t, describe } from '../i18n.js';
import { limit } from '../limits.js';
import { ui, draw, busy, focus } from './state.js';
import { api, announce, fail } from './api.js';
import { fieldError, invalid, describedBy, ariaBusy } from './fields.js';
import { copyButton } from './links.js';

const path = (o, id = '') => `/api/debates/${encodeURIComponent(o.id)}/moderators${id ? `/${id}` : ''}`;
const shownName = (m) => m.name || t('admin.team.unnamed');

function nameError(err, field) {
  if (err.code === 'invalid_field' || err.code === 'text_too_long' || err.code === 'empty_text') {
    ui.fieldErrors = { [field]: describe(err.code) };
  }
  fail(err);
}

function readName(form, field) {
  const name = form.querySelector(`#${field}`).value.trim();
  if (name) return name;
  ui.fieldErrors = { [field]: t('admin.team.name_missing') };
  draw();
  focus(`#${field}`);
  return null;
}

async function addModerator(e) {
  e.preventDefault();
  const form = e.currentTarget;
  const o = ui.open;
  const name = readName(form, 'moderator-name');
  if (!name) return;
  await busy('moderator', async () => {
    try {
      const m = await api('POST', path(o), { name });
      o.moderators = [...o.moderators, { moderator: m.moderator, name: m.name, link: m.link ?? null }];
      ui.fieldErrors = {};
      ui.error = null;
      form.querySelector('#moderator-name').value = '';
      announce(t('admin.team.added', { name: m.name }));
    } catch (err) { nameError(err, 'moderator-name'); }
  });
  focus('#moderator-name');
}

async function rename(e, m) {
  e.preventDefault();
  const o = ui.open;
  const field = `rename-${m.moderator}`;
  const name = readName(e.currentTarget, field);
  if (!name) return;
  await busy(field, async () => {
    try {
      const done = await api('PATCH', path(o, m.moderator), { name });
      o.moderators = o.moderators.map((x) => (x.moderator === m.moderator ? { ...x, name: done.name } : x));
      ui.fieldErrors = {};
      ui.error = null;
      announce(t('admin.team.renamed', { name: done.name }));
    } catch (err) { nameError(err, field); }
  });
}

async function remove(m) {
  const o = ui.open;
  await busy(`remove-${m.moderator}`, async () => {
    try {
      await api('DELETE', path(o, m.moderator));
      o.moderators = o.moderators.filter((x) => x.moderator !== m.moderator);
      o.confirm = null;
      ui.error = null;
      announce(t('admin.team.removed', { name: shownName(m) }));
    } catch (err) { fail(err); }
  });
  focus('#moderator-name');
}

function toggleRemove(m) {
  const o = ui.open;
  o.confirm = o.confirm === `remove-${m.moderator}` ? null : `remove-${m.moderator}`;
  draw();
  if (o.confirm) focus(`#confirm-remove-${m.moderator}`);
}

function removal(m) {
  const o = ui.open;
  const key = `remove-${m.moderator}`;
  const confirming = o.confirm === key;
  return html`<button type="button" class="small" data-testid=${`remove-${m.moderator}`} aria-expanded=${confirming ? 'true' : 'false'}
      aria-label=${t('admin.team.remove_named', { name: shownName(m) })} @click=${() => toggleRemove(m)}>${t('admin.team.remove')}</button>
    ${confirming ? html`<div class="confirm">
      <p id=${`remove-text-${m.moderator}`}>${t('admin.team.remove_warning', { name: shownName(m) })}</p>
      <div class="row">
        <button type="button" class="danger" id=${`confirm-remove-${m.moderator}`} data-testid=${`confirm-remove-${m.moderator}`}
          aria-describedby=${`remove-text-${m.moderator}`} aria-disabled=${ariaBusy(key)} @click=${() => remove(m)}>${t('admin.team.remove_confirm')}</button>
        <button type="button" @click=${() => toggleRemove(m)}>${t('common.cancel')}</button>
      </div></div>` : nothing}`;
}

function moderatorRow(m) {
  const key = `moderator-${m.moderator}`;
  const field = `rename-${m.moderator}`;
  return html`<li class="link-row" data-testid="team-member" data-moderator=${m.moderator}>
    <div class="link-head">
      <strong class="person">${shownName(m)}</strong>
      ${m.moderator === 'o1' ? html`<span class="badge">${t('admin.team.first')}</span>` : nothing}
      <span class="badge">${t('admin.links.secret')}</span>
    </div>
    ${m.link ? html`<a class="url" href=${m.link} target="_blank" rel="noopener" data-testid=${`team-link-${m.moderator}`} data-copy-source=${key}>${m.link}</a>`
    : html`<p class="notice">${t('admin.links.missing')}</p>`}
    <form class="row actions" novalidate @submit=${(e) => rename(e, m)}>
      <label class="visually-hidden" for=${field}>${t('admin.team.rename_label', { name: shownName(m) })}</label>
      <input type="text" id=${field} .value=${m.name} autocomplete="off" maxlength=${limit('name_chars') ?? nothing}
        data-testid=${field} aria-invalid=${invalid(field)} aria-describedby=${describedBy(field)}>
      <button type="submit" class="small" aria-disabled=${ariaBusy(field)}>${t('admin.team.rename')}</button>
      ${m.link ? copyButton(key, m.link, shownName(m)) : nothing}
      ${m.moderator === 'o1' ? nothing : removal(m)}
    </form>
    ${fieldError(field)}
  </li>`;
}

export function teamSection(o) {
  return html`<section class="block" aria-labelledby="team-heading" data-testid="team">
    <h3 id="team-heading">${t('admin.team.heading')}</h3>
    <p class="muted">${t('admin.team.intro')}</p>
    <ul class="plain links" data-testid="team-members">${repeat(o.moderators, (m) => m.moderator, moderatorRow)}</ul>
    <form class="inline-form" novalidate @submit=${addModerator} data-testid="moderator-form" aria-labelledby="team-form-heading">
      <h4 id="team-form-heading">${t('admin.team.add_heading')}</h4>
      <div class="fields">
        <div class="field grow">
          <label for="moderator-name">${t('admin.team.name')}</label>
          <input type="text" id="moderator-name" autocomplete="off" maxlength=${limit('name_chars') ?? nothing} data-testid="moderator-name"
            aria-invalid=${invalid('moderator-name')} aria-describedby=${describedBy('moderator-name')}>
          ${fieldError('moderator-name')}
        </div>
      </div>
      <p><button type="submit" data-testid="add-moderator" aria-disabled=${ariaBusy('moderator')}>${t('admin.team.add')}</button></p>
    </form>
  </section>`;
}
