// Signing in: the organizer pastes their link, whose fragment holds the token; it is kept in
// sessionStorage for this tab (admin/api.js's signOut forgets it), and the list loads.
import { html, nothing } from '../lib.js';
import { t } from '../i18n.js';
import { STORAGE_KEY, ui, draw, focus } from './state.js';
import { fieldError, invalid, describedBy } from './fields.js';
import { loadList } from './list.js';

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
  ui.token = found;
  ui.rejected = false;
  ui.fieldErrors = {};
  try { sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ token: ui.token })); } catch { /* kept for this page only */ }
  draw();
  focus('#list-heading');
  loadList();
}

export function signInView() {
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
