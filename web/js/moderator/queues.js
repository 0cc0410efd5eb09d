// The question queues: flagged (pending questions holding a word of the debate's list, each with
// that word as the reason, waiting apart until a moderator decides), pending and approved: keyed lists (`repeat`), so a new question adds one
// row and moves nothing else; letter keys act on the focused question (`queueKeys`), and only
// there, so they never fire while someone types.
import { html, nothing } from '../lib.js';
import { t, language, formatClock } from '../i18n.js';
import { questionAuthor } from '../room.js';
import { room } from './state.js';
import { count } from './words.js';
import { act } from './act.js';
import { byAttr, focusable } from './focus.js';
import { withReason } from './reason.js';
import { windowRows, onWindowScroll } from './window.js';
import { shown, listingTools, followAuthor, listing } from './listing.js';
import { bridgingFigure } from './opinion.js';
import { selectBox, bulkBar, toggle } from './bulk.js';

// Letter keys on a focused question: one key per common action, X to select a pending question
// for a bulk action, arrows (or J/K) to move between questions. Ignored in fields, so typing a reason never approves anything.
const shortcuts = { a: 'approve', d: 'dismiss', o: 'on-air', p: 'pin', r: 'answer' };
function queueKeys(e) {
  if (e.altKey || e.ctrlKey || e.metaKey || e.target.closest('input, textarea, select')) return;
  const item = e.target.closest('[data-item]');
  if (!item) return;
  const key = e.key.toLowerCase();
  if (key === 'x' && item.closest('[data-list=pending]')) {
    e.preventDefault();
    toggle(item.dataset.item);
    return;
  }
  if (['arrowdown', 'arrowup', 'j', 'k'].includes(key)) {
    const next = key === 'arrowdown' || key === 'j' ? item.nextElementSibling : item.previousElementSibling;
    if (!next?.dataset.item) return;
    e.preventDefault();
    (byAttr('data-action', e.target.dataset.action, next) || next.querySelector(focusable))?.focus();
    return;
  }
  const button = byAttr('data-action', shortcuts[key], item);
  if (!button) return;
  e.preventDefault();
  button.click();
}

// Words that every row of a queue repeats, looked up once per render rather than once per row,
// and the per-row figures (a time, a vote count) remembered per language: a queue of thousands
// costs a template per row and little else.
function queueWords() {
  return {
    unknown: t('moderator.unknown_author'), anonymous: t('moderator.asked_anonymously'), onAir: t('common.on_air'),
    pinned: t('common.pinned'), answered: t('common.answered'), approve: t('moderator.approve'), dismiss: t('moderator.dismiss'),
    putOnAir: t('moderator.put_on_air'), takeOffAir: t('moderator.take_off_air'), pin: t('moderator.pin'), unpin: t('moderator.unpin'),
    markAnswered: t('moderator.mark_answered'), onlyAuthor: t('moderator.only_author'),
    flag: (word) => t('moderator.flag', { word }),
  };
}
const remembered = new Map();
function once(kind, value, make) {
  const key = `${language()}|${kind}|${value}`;
  let text = remembered.get(key);
  if (text === undefined) {
    if (remembered.size > 20000) remembered.clear();
    text = make(value);
    remembered.set(key, text);
  }
  return text;
}
const askedAt = (at) => once('asked', at, () => t('moderator.asked_at', { time: formatClock(at) }));
const votesText = (n) => once('votes', n, () => count('moderator.votes', n));

// The author's name; a click on it shows only their questions in this queue.
function author(q, w, list) {
  const name = questionAuthor(q, w.unknown);
  if (!q.author?.id || q.before_show) return html`<span data-testid="question-author">${name}</span>`;
  return html`<button type="button" class="author" data-testid="question-author" title=${w.onlyAuthor}
    @click=${() => followAuthor(list, { id: q.author.id, name: q.author.name })}>${name}</button>`;
}

function questionItem(q, w, lane) {
  const pending = q.status === 'pending';
  const key = `q:${q.id}`;
  const onAir = room.onAir === q.id;
  return html`<li data-testid=${pending ? 'pending-question' : 'approved-question'} data-question=${q.id} data-item=${q.id} class=${onAir ? 'is-on-air' : ''}>
    <div class="qhead">${lane === 'pending' ? selectBox(q) : nothing}<p class="qtext" data-testid="question-text">${q.text}</p></div>
    <p class="meta">${author(q, w, lane)}
      ${q.anonymous ? html`<span class="badge">${w.anonymous}</span>` : nothing}
      ${q.flag ? html`<span class="badge flag" data-testid="flag">${w.flag(q.flag)}</span>` : nothing}
      · ${askedAt(q.asked_at)}
      ${pending ? nothing : html` · <span class="num">${votesText(q.votes)}</span>`}
      ${w.bridging ? html` · ${bridgingFigure(q)}` : nothing}
      ${onAir ? html`<span class="badge onair">${w.onAir}</span>` : nothing}
      ${q.pinned ? html`<span class="badge">${w.pinned}</span>` : nothing}
      ${q.status === 'answered' ? html`<span class="badge">${w.answered}</span>` : nothing}</p>
    ${pending ? html`<div class="row">
        <button type="button" class="primary" data-testid="approve" data-action="approve" data-focus=${`${key}:approve`} aria-keyshortcuts="A"
          @click=${() => act('approve', { question: q.id })}>${w.approve}</button>
        ${withReason(w.dismiss, 'dismiss', key, (reason) => act('dismiss', { question: q.id, reason }), 'D')}
      </div>` : html`<div class="row">
        <button type="button" data-testid="on-air" data-action="on-air" data-focus=${`${key}:on-air`} aria-keyshortcuts="O" aria-pressed=${onAir ? 'true' : 'false'}
          @click=${() => act('put_on_air', { question: room.onAir === q.id ? null : q.id })}>${onAir ? w.takeOffAir : w.putOnAir}</button>
        <button type="button" data-testid="pin" data-action="pin" data-focus=${`${key}:pin`} aria-keyshortcuts="P" aria-pressed=${q.pinned ? 'true' : 'false'}
          @click=${() => act('pin', { question: q.id, pinned: !q.pinned })}>${q.pinned ? w.unpin : w.pin}</button>
        ${q.status === 'approved' ? html`<button type="button" data-testid="answered" data-action="answer" data-focus=${`${key}:answer`} data-then=${`${key}:on-air`}
          aria-keyshortcuts="R" @click=${() => act('mark_answered', { question: q.id })}>${w.markAnswered}</button>` : nothing}
        ${withReason(w.dismiss, 'dismiss-approved', key, (reason) => act('dismiss', { question: q.id, reason }), 'D')}
      </div>`}
  </li>`;
}

// A queue: its tools (search, order, the author followed; the bulk bar on the pending one), then
// its questions, drawn a window at a time once they are many (window.js).
export function queue(name, list, empty) {
  const w = queueWords();
  // Sorted by agreement across groups, each row shows its figure.
  w.bridging = name === 'approved' && listing(name).order === 'bridging';
  const rows = shown(name, list);
  return html`<section class="card queue-card" id=${`${name}-section`} aria-labelledby=${`${name}-heading`}>
    <div class="queue-head">
      <h2 id=${`${name}-heading`} tabindex="-1">${t(`moderator.${name}_title`)}</h2>
      <span class="muted num" data-testid=${`${name}-count`}>${count('moderator.queue_count', list.length)}</span>
    </div>
    <p class="muted keys" id=${`${name}-keys`}>${t(`moderator.${name}_keys`)}</p>
    ${list.length ? listingTools(name, list.length, rows.length) : nothing}
    ${name === 'pending' ? bulkBar(rows) : nothing}
    <ul class="plain queue" id=${name} data-testid=${name} data-list=${name} data-window=${name} aria-labelledby=${`${name}-heading`}
      aria-describedby=${`${name}-keys`} @keydown=${queueKeys} @scroll=${onWindowScroll(name)}>
      ${list.length === 0 ? html`<li class="muted">${t(empty)}</li>` : nothing}
      ${list.length > 0 && rows.length === 0 ? html`<li class="muted" data-testid=${`${name}-none-shown`}>${t('moderator.none_shown')}</li>` : nothing}
      ${windowRows(name, rows, (q) => q.id, (q) => questionItem(q, w, name))}
    </ul>
  </section>`;
}
