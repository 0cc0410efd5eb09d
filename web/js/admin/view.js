// The workspace as one template: the header, then the sign-in card, or the list beside the open
// debate and its sections. `paint` is the renderer admin/state.js's draw() calls: lit-html touches
// only what changed, so what the organizer is typing, their focus and their scroll survive.
import { html, render, nothing } from '../lib.js';
import { t, describe, language } from '../i18n.js';
import { ui } from './state.js';
import { formatWord } from './words.js';
import { signInView } from './signin.js';
import { stateBadge, listCard } from './list.js';
import { createCard } from './create.js';
import { linksSection } from './links.js';
import { exportsSection } from './exports.js';
import { panelSection } from './panel.js';
import { teamSection } from './team.js';
import { showSection } from './show.js';
import { settingsSection } from './presentation.js';
import { moderationSection } from './moderation.js';
import { flagWordsSection } from './flag_words.js';
import { duplicateSection } from './duplicate.js';
import { deleteSection } from './delete.js';
import { languagePicker } from '../language.js';

const top = document.getElementById('top');
const workspaceBox = document.getElementById('workspace');
const errorBox = document.getElementById('error');

function header() {
  return html`<h1 class="brand">${t('admin.brand')}</h1>
    ${languagePicker()}`;
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
      ${teamSection(o)}
      ${showSection(o)}
      ${settingsSection(o)}
      ${moderationSection()}
      ${flagWordsSection(o)}
      ${exportsSection()}
      ${duplicateSection(o)}
      ${deleteSection(o)}`}
  </section>`;
}

function workspace() {
  if (!ui.token) return signInView();
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

export function paint() {
  render(header(), top);
  render(workspace(), workspaceBox);
  setText(errorBox, ui.error ? describe(ui.error.code) : '');
}
