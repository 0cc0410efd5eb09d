// The report of a debate and its replay, at /r/CODE: readable on a phone and on a desktop, printed
// on paper, in French and English. The page asks for the debate by its join code while the words
// load, then for its report (GET /api/debates/{id}/report, with the organizer token when the link
// carried one), and opens the replay at the show's first moment.
//
// The page's modules (report.html preloads every one of them): state.js (what the page holds),
// api.js (what it asks the server), words.js, charts.js (Chart.js), figures.js, result.js,
// talk.js, opinion.js (the map of the room), mood.js, record.js (the argument map, the moderation
// log, the archive), replay.js and replay_view.js, and view.js, which puts the template together.
import { t, initI18n, onLanguageChange } from '../i18n.js';
import { ui, setRenderer, draw } from './state.js';
import { fetchDebate, load } from './api.js';
import { startReplay } from './replay.js';
import { paint } from './view.js';
import { loadTemplates } from '../segments.js';

const asked = fetchDebate();
// The format templates (segments.js) load with the words, before the first render.
await Promise.all([initI18n('report'), loadTemplates()]);
setRenderer(paint);

const setTitle = () => {
  document.title = ui.debate ? t('report.page_title', { title: ui.debate.title }) : 'Tribune';
};
onLanguageChange(() => {
  setTitle();
  draw();
});
// The charts read their colours from the style sheet, which follows the system's theme.
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', draw);
draw();
await load(asked, startReplay);
setTitle();
