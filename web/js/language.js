// The language picker every page carries in its header: each language named in itself, the
// choice applied at once and remembered (i18n.js).
import { html } from './lib.js';
import { t, languages, language, setLanguage } from './i18n.js';

export function languagePicker() {
  return html`<label class="lang"><span class="visually-hidden">${t('lang.label')}</span>
    <select data-testid="language" @change=${(e) => setLanguage(e.target.value)}>
      ${languages.map((l) => html`<option value=${l} lang=${l} ?selected=${l === language()}>${t(`lang.${l}`)}</option>`)}
    </select></label>`;
}
