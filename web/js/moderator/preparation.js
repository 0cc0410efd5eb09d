// The panel's preparation, read only, for a debate made from a channel's topic: the organizer's
// notes and what each panelist answered to the questionnaire, folded away under its summary so it
// never pushes the live show down. Loaded once when the console opens, again on "Reload"; nothing
// at all for a debate not made from a topic (404) or when the organizer wrote nothing.
import { html, nothing } from '../lib.js';
import { t, describe } from '../i18n.js';
import { draw } from './state.js';
import { say } from './act.js';
import { preparationCall, hasContent, notesView, answersView, updatedLine } from '../preparation.js';

const prep = { link: null, data: null, error: null, busy: false };

export async function loadPreparation(debate = prep.link?.debate, token = prep.link?.token) {
  if (prep.busy) return false;
  prep.link = { debate, token };
  prep.busy = true;
  draw();
  let done = false;
  try {
    prep.data = await preparationCall('GET', debate, token);
    prep.error = null;
    done = true;
  } catch (err) {
    if ([401, 403, 404].includes(err.status)) prep.data = null;
    // What was loaded before stays on screen, with what went wrong.
    else prep.error = () => describe(err.code);
  }
  prep.busy = false;
  draw();
  return done;
}

async function reload() {
  if (await loadPreparation()) say(t('moderator.prep_reloaded'));
  draw();
}

export function preparationCard() {
  const p = prep.data;
  if (!hasContent(p)) return nothing;
  return html`<details class="card prep" id="preparation-section" data-testid="preparation">
    <summary><h2 id="preparation-heading">${t('preparation.title')}</h2></summary>
    <p class="error" role="alert" data-testid="prep-error">${prep.error ? prep.error() : ''}</p>
    ${updatedLine(p)}
    <h3>${t('preparation.notes_title')}</h3>
    ${notesView(p.notes)}
    <h3>${t('preparation.answers_title')}</h3>
    ${answersView(p)}
    <p><button type="button" data-testid="prep-reload" data-focus="prep:reload" aria-disabled=${prep.busy ? 'true' : 'false'}
      @click=${reload}>${t('moderator.prep_reload')}</button></p>
  </details>`;
}
