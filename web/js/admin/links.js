// A debate's links: the audience's, and the secret ones of the staff (moderator, stage, overlay),
// each with a copy button and a way to replace it after a confirmation (the replaced link stops
// working). Copying falls back to selecting the link's text where the clipboard API is missing.
import { html, nothing } from '../lib.js';
import { t } from '../i18n.js';
import { ui, draw, busy, focus } from './state.js';
import { api, announce, fail } from './api.js';
import { word, linkName } from './words.js';
import { ariaBusy } from './fields.js';

const STAFF = ['moderator', 'stage', 'overlay'];

// The links as the server gives them (GET or POST /links); an older server's answer to a rotation
// holds only the moderator and stage links, so the others are kept.
export function applyLinks(o, data) {
  const l = data.links || {};
  o.links = {
    audience: l.audience ?? o.links?.audience ?? null,
    moderator: 'moderator' in l ? l.moderator : o.links?.moderator ?? null,
    stage: 'stage' in l ? l.stage : o.links?.stage ?? null,
    overlay: 'overlay' in l ? l.overlay : o.links?.overlay ?? null,
  };
  if (Array.isArray(data.panelists)) o.panelists = data.panelists;
  if (Array.isArray(data.moderators)) o.moderators = data.moderators;
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

export function cancelRotate(kind) {
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

export function copyButton(key, url, name) {
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

export function linksSection(o) {
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
