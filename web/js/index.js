// The home page: type the code shown on the screen, join the debate. The code is looked up before
// leaving the page, so an unknown one gets a clear message tied to the field (which keeps the
// focus and what was typed) instead of an empty audience page. One template, rendered on every
// change, like the other pages.
import { html, render, nothing } from './lib.js';
import { t, describe, initI18n, language, onLanguageChange } from './i18n.js';
import { languagePicker } from './language.js';

await initI18n('console');

// `problem` is a function so that its words follow a language switch.
const ui = { checking: false, problem: null, announce: '' };

const normalize = (raw) => raw.replace(/[\s-]/g, '').toUpperCase();

async function join(e) {
  e.preventDefault();
  const input = e.target.querySelector('#code');
  const code = normalize(input.value);
  if (!code) {
    ui.problem = () => t('home.empty_code');
    paint();
    input.focus();
    return;
  }
  ui.checking = true;
  ui.problem = null;
  ui.announce = t('home.checking');
  paint();
  let problem = null;
  try {
    const res = await fetch(`/api/join/${encodeURIComponent(code)}`);
    if (res.ok) {
      const found = await res.json();
      ui.announce = t('home.found', { title: found.title });
      paint();
      location.href = `/a/${encodeURIComponent(found.code || code)}`;
      return;
    }
    const body = await res.json().catch(() => ({}));
    const reason = body.error?.code || (res.status === 404 ? 'not_found' : 'unavailable');
    problem = reason === 'not_found' ? () => t('home.unknown_code', { code }) : () => describe(reason);
  } catch {
    problem = () => describe('unavailable');
  }
  ui.checking = false;
  ui.problem = problem;
  ui.announce = '';
  paint();
  input.focus();
}

function page() {
  const problem = ui.problem ? ui.problem() : '';
  return html`<header class="bar">
      <strong class="brand">Tribune</strong>
      ${languagePicker()}
    </header>
    <main class="home-main">
      <h1>${t('home.join_title')}</h1>
      <p class="tagline">${t('home.tagline')}</p>
      <form class="card join-form" id="join" novalidate @submit=${join}>
        <label for="code">${t('home.code_label')}</label>
        <p class="muted" id="code-hint">${t('home.code_hint')}</p>
        <input type="text" id="code" name="code" data-testid="code" autocomplete="off" autocapitalize="characters" spellcheck="false"
          maxlength="16" aria-describedby="code-hint code-error" aria-invalid=${problem ? 'true' : 'false'}>
        <p class="error" id="code-error" role="alert" data-testid="error">${problem}</p>
        <p><button class="primary" type="submit" data-testid="join" ?disabled=${ui.checking}>${t('home.join')}</button></p>
      </form>
      <p class="visually-hidden" role="status" aria-live="polite" data-testid="announce">${ui.announce || nothing}</p>
    </main>`;
}

function paint() {
  render(page(), document.body);
}

onLanguageChange(() => {
  document.title = t('home.page_title');
  paint();
});
document.title = t('home.page_title');
paint();
