// The marks a form field carries when its value is refused (its own error written under it and
// named by aria-describedby, aria-invalid), and the aria-disabled of a button whose request runs.
import { html, nothing } from '../lib.js';
import { ui, isBusy } from './state.js';

// A field's own error, written under it and named by aria-describedby.
export function fieldError(id) {
  const message = ui.fieldErrors[id];
  return message ? html`<p class="field-error" id=${`${id}-error`} data-testid=${`${id}-error`}>${message}</p>` : nothing;
}
export const invalid = (id) => (ui.fieldErrors[id] ? 'true' : nothing);
export const describedBy = (id, ...others) => [...others, ui.fieldErrors[id] ? `${id}-error` : null].filter(Boolean).join(' ') || nothing;
export const ariaBusy = (name) => (isBusy(name) ? 'true' : nothing);
