// Questions for the show, on a topic's page: while the topic takes them (`advance_open`, from its
// acceptance until its show starts), a visitor sends a question, or an argument for, against or
// without a side, that the moderator finds in the queue when the show starts. Everyone reads how
// many were sent, the visitor their own, the organizer every one; once the show has started the
// section says where they went. A text the server no longer takes stays on the page, to be asked
// in the room: nothing typed is lost.
import { html, nothing, repeat, live } from '../lib.js';
import { t, describe, formatNumber } from '../i18n.js';
import { limit } from '../limits.js';
import { topicId, organizerToken, ui, draw } from './state.js';
import { api, act, bearer, ensureIdentity } from './api.js';
import { field, nameField } from './parts.js';
import { when } from './time.js';

const kinds = ['question', 'argument'];
const sides = ['for', 'against', 'none'];

// What a sent item is, in words: "Question", "Argument pour"…
export function itemKind(item) {
  if (item.kind !== 'argument') return t('channel.advance_item.question');
  return t(`channel.advance_item.argument_${item.side === 'for' || item.side === 'against' ? item.side : 'none'}`);
}

// A refusal in words; one saying the show has started loads the topic again, so the page shows
// where the questions went (the text typed stays in the draft, shown as not sent).
function explain(err) {
  if (err.code === 'advance_closed') {
    api('GET', `/topics/${topicId}`).then((topic) => { ui.topic = topic; draw(); }, () => {});
  }
  return describe(err.code);
}

function send(e) {
  e.preventDefault();
  const a = ui.advance;
  const argument = a.kind === 'argument';
  const body = { kind: a.kind, text: a.text, side: argument && a.side !== 'none' ? a.side : undefined };
  // The idempotency key is kept for this very text until it is sent: a changed text is another send.
  act(async (key) => {
    await ensureIdentity();
    ui.topic = await api('POST', `/topics/${topicId}/advance`, body, bearer(), key);
    if (a.text === body.text) a.text = '';
  }, t(argument ? 'channel.advance_argument_sent' : 'channel.advance_question_sent'), `advance ${JSON.stringify(body)}`, explain);
}

function choices(name, list, obj, key, words) {
  return html`<fieldset class="choices"><legend>${t(`channel.${name}_label`)}</legend><div class="row">
    ${list.map((v) => html`<label class="check"><input type="radio" name=${name} value=${v} data-testid=${`${name}-${v}`}
      .checked=${live(obj[key] === v)} @change=${field(obj, key)}>${t(`channel.${words}.${v}`)}</label>`)}</div></fieldset>`;
}

function advanceForm() {
  const a = ui.advance;
  const max = limit('advance_chars');
  return html`<form class="stack" data-testid="advance-form" @submit=${send}>
    <p class="muted">${t('channel.advance_intro')}</p>
    ${nameField()}
    ${choices('advance_kind', kinds, a, 'kind', 'advance_kind')}
    ${a.kind === 'argument' ? choices('advance_side', sides, a, 'side', 'advance_side') : nothing}
    <label>${t(`channel.advance_text_${a.kind === 'argument' ? 'argument' : 'question'}`)}<textarea data-testid="advance-text" required rows="3"
      maxlength=${max ?? nothing} aria-describedby="advance-used" .value=${live(a.text)} @input=${field(a, 'text')}></textarea></label>
    <p class="muted num" id="advance-used">${max ? t('channel.advance_used', { used: formatNumber(a.text.length), max: formatNumber(max) }) : ''}</p>
    <button class="primary" data-testid="advance-send" ?disabled=${ui.busy}>${t('channel.advance_send')}</button>
  </form>`;
}

// One sent item: its kind (with the side's word, never its colour alone), when, and its text; the
// organizer's list names who sent it.
function item(x, testid, byName) {
  const side = x.kind === 'argument' && (x.side === 'for' || x.side === 'against') ? x.side : '';
  return html`<li data-testid=${testid}>
    <p>${byName ? html`<strong>${x.by}</strong> ` : nothing}<span class=${`badge ${side}`} data-testid="advance-kind">${itemKind(x)}</span>
      <span class="muted">${when(x.at)}</span></p>
    <p class="qtext" data-testid="advance-text-sent">${x.text}</p></li>`;
}

function sentLists(x) {
  const mine = x.my_advance || [];
  return html`${mine.length ? html`<h3>${t('channel.advance_mine')}</h3>
      <ul class="plain">${repeat(mine, (m) => m.id, (m) => item(m, 'my-advance', false))}</ul>` : nothing}
    ${organizerToken && x.advance?.length ? html`<h3>${t('channel.advance_all')}</h3>
      <ul class="plain">${repeat(x.advance, (m) => m.id, (m) => item(m, 'advance-item', true))}</ul>` : nothing}`;
}

export function advanceSection() {
  const x = ui.topic;
  const open = x.advance_open === true;
  const count = x.advance_count || 0;
  if (!open && count === 0 && !x.my_advance?.length) return nothing;
  const unsent = !open && !organizerToken && ui.advance.text.trim();
  return html`<section class="card" aria-labelledby="advance-title" data-testid="advance-section">
    <h2 id="advance-title">${t('channel.advance_title')}</h2>
    <p data-testid="advance-count">${t('channel.advance_count', { count, n: formatNumber(count) })}</p>
    ${!open && count > 0 ? html`<p class="notice" data-testid="advance-started">${t('channel.advance_started')}</p>` : nothing}
    ${unsent ? html`<div class="notice" data-testid="advance-unsent"><p>${t('channel.advance_unsent')}</p>
      <p class="qtext">${ui.advance.text}</p></div>` : nothing}
    ${open && !organizerToken ? advanceForm() : nothing}
    ${sentLists(x)}
  </section>`;
}
