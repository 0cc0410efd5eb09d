// The organizer's flags, on the channel's pages opened with the organizer token (docs/protocol.md,
// "Channels before the show"): a proposal whose title, pitch or location holds a word of the
// channel's list, or a comment that holds one, or either when its author's name holds one (the lane
// says so), arrives flagged, for the organizer alone. On the
// channel's page, the flagged lane (GET …/flagged: what is flagged and not hidden, newest first,
// each with the word, its author, when, its text and a link to it on its topic's page, where the
// organizer hides it in public or leaves it; nothing is removed automatically), read when the page
// is drawn, again when the channel's list is, and on request; and the channel's word list, edited as
// a debate's is on the admin page (admin/flag_words.js): the shipped French and English list until
// the organizer writes their own, one word or phrase a line (a final * flags every word it starts),
// saved whole, or back to the shipped list; what the server refuses is said next to the field. On a
// topic's page, the badge that names the word beside a flagged proposal or comment, and the comment
// a link of the lane points at (?comment=c<n>: not the fragment, which carries the organizer
// token), brought into view. Texts are text, never markup.
import { html, nothing, live, repeat } from '../lib.js';
import { t, formatNumber, language } from '../i18n.js';
import { organizerToken, ui, draw } from './state.js';
import { api, refusal } from './api.js';
import { topicHref } from './parts.js';
import { when } from './time.js';
import { logTopic } from './moderation.js';

const flags = ui.flags;
const focusSoon = (id) => requestAnimationFrame(() => document.getElementById(id)?.focus());
const clock = (at) => new Intl.DateTimeFormat(language(), { timeStyle: 'medium' }).format(new Date(at));

let latest = 0; // the number of the latest reading of the lane; only its answer is shown

// Reads the lane again; what is shown stays until the answer. `done` names what the live region
// then says (nothing: it stays as it was).
export async function refreshFlagged(done = null) {
  if (!organizerToken) return;
  const mine = ++latest;
  flags.loading = true;
  flags.error = null;
  draw();
  try {
    const { flagged } = await api('GET', '/flagged');
    if (mine !== latest) return;
    flags.lane = flagged;
    flags.at = Date.now();
    if (done) flags.laneDone = done;
  } catch (err) {
    if (mine !== latest) return;
    flags.error = refusal(err);
  }
  flags.loading = false;
  draw();
}

// A flagged comment's link: its topic's page, which brings the comment into view.
const itemHref = (f) => (f.comment ? `${topicHref(f.topic)}?comment=${encodeURIComponent(f.comment)}` : topicHref(f.topic));

function laneItem(f) {
  const kind = f.comment ? 'comment' : 'topic';
  return html`<li data-testid="flagged-item" data-topic=${f.topic} data-comment=${f.comment ?? nothing}>
    <p class="row"><span class="badge flag" data-testid="flagged-word">${t(f.in_name ? 'channel.flags.word_in_name' : 'channel.flags.word', { word: f.flag })}</span>
      <span class="badge">${t(`channel.flags.kind_${kind}`)}</span></p>
    <p class="qtext" data-testid="flagged-text">${f.text}</p>
    <p class="muted" data-testid="flagged-by">${t('channel.flags.by', { name: f.by, when: when(f.at) })}</p>
    <p><a href=${itemHref(f)} data-testid="flagged-link">${f.comment
      ? t('channel.flags.open_comment', { topic: logTopic(f.topic) }) : t('channel.flags.open_topic')}</a></p>
  </li>`;
}

function laneList() {
  const lane = flags.lane;
  if (lane === null) return html`<p class="muted">${flags.loading ? t('channel.flags.loading') : ''}</p>`;
  if (lane.length === 0) return html`<p class="muted" data-testid="flagged-empty">${t('channel.flags.empty')}</p>`;
  return html`<p class="muted">${t('channel.flags.count', { count: lane.length, n: formatNumber(lane.length) })}</p>
    <ul class="plain flagged">${repeat(lane, (f) => `${f.topic}/${f.comment || ''}`, laneItem)}</ul>`;
}

// The lane's card; the first time it is drawn, it asks the server for the lane.
export function flaggedLane() {
  if (flags.lane === null && !flags.loading && !flags.error) refreshFlagged();
  return html`<section class="card flags" aria-labelledby="flagged-title" data-testid="flagged-lane">
    <h2 id="flagged-title">${t('channel.flags.lane_title')}</h2>
    <p class="muted">${t('channel.flags.lane_intro')}</p>
    <p class="row"><button type="button" data-testid="flagged-refresh" ?disabled=${flags.loading}
      @click=${() => refreshFlagged('refreshed')}>${t('channel.flags.refresh')}</button></p>
    <p class="error" role="alert" data-testid="flagged-error">${flags.error || ''}</p>
    <p role="status">${flags.laneDone && flags.at ? t('channel.flags.refreshed', { time: clock(flags.at) }) : ''}</p>
    <div aria-busy=${flags.loading ? 'true' : 'false'}>${laneList()}</div>
  </section>`;
}

function keepList(list) {
  flags.list = list;
  flags.draft = list.words.join('\n');
}

async function loadWords() {
  flags.listLoading = true;
  flags.listError = null;
  try {
    keepList(await api('GET', '/flag_words'));
  } catch (err) {
    flags.listError = refusal(err);
  }
  flags.listLoading = false;
  draw();
}

// Saves the lines as the channel's own list (blank lines left out), or goes back to the shipped
// one. A refusal goes next to the field, with the server's detail (which line, which bound).
async function saveWords(e, shipped) {
  e.preventDefault();
  if (flags.saving) return;
  const words = flags.draft.split('\n').map((w) => w.trim()).filter(Boolean);
  flags.saving = shipped ? 'shipped' : 'save';
  Object.assign(flags, { fieldError: null, done: null });
  draw();
  try {
    keepList(await api('PUT', '/flag_words', shipped ? { shipped: true } : { words }));
    flags.done = shipped ? { key: 'channel.flags.back_to_shipped' } : { key: 'channel.flags.saved', count: flags.list.words.length };
  } catch (err) {
    flags.fieldError = err.detail ? t('channel.flags.refused', { detail: err.detail }) : refusal(err);
    focusSoon('channel-flag-words');
  }
  flags.saving = null;
  draw();
}

function wordsForm(list) {
  const busy = (which) => (flags.saving === which ? 'true' : 'false');
  return html`<form class="stack" novalidate @submit=${(e) => saveWords(e, false)}>
    <label for="channel-flag-words">${t('channel.flags.label')}</label>
    <textarea id="channel-flag-words" rows="8" data-testid="channel-flag-words" spellcheck="false" autocapitalize="off"
      aria-invalid=${flags.fieldError ? 'true' : 'false'} aria-describedby="channel-flag-words-error"
      .value=${live(flags.draft)} @input=${(e) => { flags.draft = e.target.value; }}></textarea>
    <p class="error" id="channel-flag-words-error" data-testid="flag-words-error">${flags.fieldError || ''}</p>
    <p class="row">
      <button type="submit" class="primary" data-testid="save-flag-words" aria-disabled=${busy('save')}>${t('channel.flags.save')}</button>
      ${list.shipped ? nothing : html`<button type="button" data-testid="shipped-flag-words" aria-disabled=${busy('shipped')}
        @click=${(e) => saveWords(e, true)}>${t('channel.flags.use_shipped')}</button>`}</p>
  </form>`;
}

const doneWords = () => (flags.done ? t(flags.done.key, { count: flags.done.count }) : '');

// The word list's card: which list is in force, and the list itself folded until asked for. The
// first time it is drawn, it asks the server for the list.
export function flagWordsSection() {
  const list = flags.list;
  if (list === null && !flags.listLoading && !flags.listError) loadWords();
  return html`<section class="card flags" aria-labelledby="flag-words-title" data-testid="flag-words-section">
    <h2 id="flag-words-title">${t('channel.flags.words_title')}</h2>
    <p class="muted">${t('channel.flags.words_intro')}</p>
    <p class="error" role="alert">${flags.listError || ''}</p>
    ${list === null ? html`<p class="muted">${flags.listLoading ? t('channel.flags.words_loading') : ''}</p>` : html`
      <p data-testid="flag-words-kind"><strong>${t(list.shipped ? 'channel.flags.shipped' : 'channel.flags.own')}</strong></p>
      <p role="status" data-testid="flag-words-done">${doneWords()}</p>
      <details data-testid="flag-words-details"><summary>${t('channel.flags.open')}</summary>${wordsForm(list)}</details>`}
  </section>`;
}

// On a topic's page, for the organizer: the word that flagged a proposal or a comment.
export const flagBadge = (word, testid) => (word && organizerToken
  ? html`<span class="badge flag" data-testid=${testid}>${t('channel.flags.flag', { word })}</span>` : nothing);

// The comment a link of the lane points at, if any, brought into view (and focused) once, the first
// time the topic's comments are drawn.
export const linkedComment = new URLSearchParams(location.search).get('comment');
let revealed = false;

export function revealLinkedComment() {
  if (!linkedComment || revealed) return;
  revealed = true;
  requestAnimationFrame(() => {
    const item = document.getElementById(`comment-${linkedComment}`);
    item?.scrollIntoView({ block: 'center' });
    item?.focus({ preventScroll: true });
  });
}
