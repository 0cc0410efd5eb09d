// A debate's panel: each panelist with their role, their side and their own link (with a copy
// button), and the form that adds one.
import { html, nothing, repeat } from '../lib.js';
import { t, describe } from '../i18n.js';
import { limit } from '../limits.js';
import { ui, draw, busy, focus } from './state.js';
import { api, announce, fail } from './api.js';
import { word, sideWord } from './words.js';
import { fieldError, invalid, describedBy, ariaBusy } from './fields.js';
import { copyButton } from './links.js';

const ROLES = ['panelist', 'guest', 'host'];
const SIDES = ['none', 'for', 'against'];

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

export function panelSection(o) {
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
