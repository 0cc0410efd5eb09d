// Actions that need a reason (dismissing a question or an argument, banning someone): a button
// that opens an inline field, then sends with what was typed.
import { html, nothing, live } from '../lib.js';
import { t } from '../i18n.js';
import { limit } from '../limits.js';
import { ui, draw } from './state.js';

// A button that opens an inline reason field, then sends with the reason. What is typed is kept
// in `ui.reasons` and bound with `live`, so a render never overwrites it.
export function withReason(label, testid, key, send, shortcut) {
  if (!ui.reasons.has(key)) {
    return html`<button type="button" class="danger" data-testid=${testid} data-action="dismiss" data-focus=${`${key}:reason-open`}
      aria-keyshortcuts=${shortcut ?? nothing} @click=${() => { ui.reasons.set(key, ''); ui.focusNext = `${key}:reason`; draw(); }}>${label}</button>`;
  }
  const cancel = () => { ui.reasons.delete(key); ui.focusNext = `${key}:reason-open`; draw(); };
  return html`<form class="row reason" @submit=${async (e) => {
    e.preventDefault();
    const reason = (ui.reasons.get(key) || '').trim();
    if (!reason) { e.target.querySelector('input').focus(); return; }
    if (await send(reason)) ui.reasons.delete(key);
    draw();
  }}>
    <input type="text" required maxlength=${limit('reason_chars') ?? nothing} aria-label=${t('moderator.reason_label')}
      placeholder=${t('moderator.reason_placeholder')} data-testid=${`${testid}-reason`} data-focus=${`${key}:reason`}
      .value=${live(ui.reasons.get(key))} @input=${(e) => ui.reasons.set(key, e.target.value)}
      @keydown=${(e) => { if (e.key === 'Escape') cancel(); }}>
    <button type="submit" class="danger" data-testid=${`${testid}-confirm`} data-action="dismiss-confirm">${label}</button>
    <button type="button" data-focus=${`${key}:reason-cancel`} data-then=${`${key}:reason-open`} @click=${cancel}>${t('common.cancel')}</button>
  </form>`;
}
