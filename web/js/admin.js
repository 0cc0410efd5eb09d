// The organizer's workspace (/admin#token=…): every debate, newest first, with its format, where its
// show stands and its join code; one debate open at a time with all its links (copy, replace), its
// panel, its run of show (editable until the show starts), its presentation (brand, live stream,
// sites allowed to embed it), a way to start a new debate from it, and a way to delete it for
// good after a confirmation.
//
// Everything shown comes back from the server on every load (the list, each debate, its links), so
// a reload loses nothing. One template for the whole workspace, rendered again on every change:
// only what changed is touched, so what the organizer is typing, their focus and their scroll
// survive. Buttons busy with a request are marked aria-disabled rather than disabled, so the focus
// never falls back to the page body while a request runs.
//
// The page's modules, by feature, are in admin/: state.js holds what the workspace knows (one
// object, shared) and draw(); api.js talks to the server and says what happened; signin.js, list.js,
// create.js, debate.js (the debate open), links.js, panel.js, show.js (the run of show),
// presentation.js, moderation.js, duplicate.js and delete.js (deleting the debate for good) each
// hold their actions and their part of the template; view.js puts the template together. This
// file waits for the words and the limits, wires the page's events and starts.
import { readFragment } from './dom.js';
import { t, initI18n, onLanguageChange } from './i18n.js';
import { loadLimits } from './limits.js';
import { STORAGE_KEY, ui, setRenderer, draw } from './admin/state.js';
import { clearAnnounce } from './admin/api.js';
import { loadList, loadFormats } from './admin/list.js';
import { openDebate } from './admin/debate.js';
import { cancelRotate } from './admin/links.js';
import { cancelDelete } from './admin/delete.js';
import { refreshOpen } from './admin/show.js';
import { paint } from './admin/view.js';

await Promise.all([loadLimits(), initI18n('admin')]);

const STATUS_POLL_MS = 30000;

ui.token = readFragment(STORAGE_KEY).token || '';
setRenderer(paint);

// Escape closes the status line at once (it may cover part of the page), and an open
// confirmation, giving the focus back to the button that opened it.
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape') return;
  clearAnnounce();
  if (ui.open?.confirm) cancelRotate(ui.open.confirm);
  else if (ui.open?.confirmDelete) cancelDelete();
});

setInterval(() => {
  if (document.visibilityState === 'visible' && ui.open?.debate?.status && ui.open.debate.status !== 'ended') refreshOpen();
}, STATUS_POLL_MS);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') refreshOpen();
});

onLanguageChange(() => {
  document.title = t('admin.page_title');
  draw();
});

// The organizer link pasted into the address bar of an open page changes only the fragment.
window.addEventListener('hashchange', () => {
  const found = readFragment(STORAGE_KEY).token;
  if (!found || found === ui.token) return;
  ui.token = found;
  ui.rejected = false;
  draw();
  loadFormats().then(loadList);
});

document.title = t('admin.page_title');
draw();
if (ui.token) {
  await loadFormats();
  const wanted = new URLSearchParams(location.search).get('debate');
  await Promise.all([loadList(), wanted ? openDebate(wanted, { moveFocus: false }) : null]);
}
