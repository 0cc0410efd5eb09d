// Moderation, in public: the channel's log of what the organizer hid, declined or merged, newest
// first, each with its reason (folded under its count on the channel's page); and on a topic's
// page the organizer's way to hide a proposal's words with a public reason, confirmed before it is
// sent, since it cannot be undone (the topic keeps its place, the reason shows instead of its
// title). Everything here is text, never markup.
import { html, nothing, live } from '../lib.js';
import { t, formatNumber } from '../i18n.js';
import { limit } from '../limits.js';
import { topicId, ui, draw } from './state.js';
import { api, act, bearer } from './api.js';
import { topicHref } from './parts.js';
import { when } from './time.js';

const actions = ['comment_hidden', 'topic_hidden', 'topic_declined', 'topic_merged'];

// A topic's name in the log (and in the organizer's flagged lane, flags.js): its title when a list
// of this visit showed it, else its id.
export function logTopic(id) {
  const title = ui.channel.topics.find((x) => x.id === id)?.title || ui.titles[id];
  return title || t('channel.modlog_topic', { id });
}

function logEntry(e) {
  const action = actions.includes(e.action) ? e.action : 'other';
  return html`<li data-testid="moderation-entry">
    <p><time class="muted" datetime=${new Date(e.at).toISOString()}>${when(e.at)}</time>
      · <strong data-testid="moderation-action">${t(`channel.modlog_action.${action}`)}</strong>
      · <a href=${topicHref(e.topic)} data-testid="moderation-topic">${logTopic(e.topic)}</a></p>
    <p class="qtext" data-testid="moderation-reason">${t('channel.modlog_reason', { reason: e.reason })}</p>
  </li>`;
}

export function moderationLog() {
  const entries = [...(ui.channel.moderation || [])].sort((a, b) => b.at - a.at);
  return html`<details class="card" data-testid="moderation-log">
    <summary><h2>${t('channel.modlog_title', { n: formatNumber(entries.length) })}</h2></summary>
    <p class="muted">${t('channel.modlog_intro')}</p>
    ${entries.length === 0 ? html`<p class="muted">${t('channel.modlog_empty')}</p>`
      : html`<ol class="plain">${entries.map(logEntry)}</ol>`}
  </details>`;
}

const focusSoon = (id) => requestAnimationFrame(() => document.getElementById(id)?.focus());

function askToHide(e) {
  e.preventDefault();
  ui.hideTopic.confirming = true;
  draw();
  focusSoon('confirm-hide-topic');
}

function cancelHide() {
  ui.hideTopic.confirming = false;
  draw();
  focusSoon('hide-topic');
}

function hideTopic() {
  act(async (key) => {
    ui.topic = await api('POST', `/topics/${topicId}/hide`, { reason: ui.hideTopic.reason.trim() }, bearer(), key);
    ui.hideTopic.reason = '';
    ui.hideTopic.confirming = false;
  }, t('channel.topic_hidden_done'), 'hide-topic');
}

// The organizer's form, for a proposal not hidden yet.
export function hideTopicForm() {
  const h = ui.hideTopic;
  return html`<section class="card" aria-labelledby="hide-topic-title" data-testid="hide-topic-section">
    <h2 id="hide-topic-title">${t('channel.hide_topic_title')}</h2>
    <p class="muted">${t('channel.hide_topic_intro')}</p>
    <form class="stack" @submit=${askToHide}>
      <label>${t('channel.hide_topic_reason')}<input type="text" data-testid="hide-topic-reason" required
        pattern=${'.*\\S.*'} maxlength=${limit('hide_reason_chars') ?? nothing} .value=${live(h.reason)}
        @input=${(e) => { h.reason = e.target.value; draw(); }}></label>
      <p><button class="danger" id="hide-topic" data-testid="hide-topic" aria-expanded=${h.confirming ? 'true' : 'false'}
        aria-controls="hide-topic-confirm" ?disabled=${ui.busy}>${t('channel.hide_topic')}</button></p>
    </form>
    <div id="hide-topic-confirm" class="notice" role="group" aria-labelledby="hide-topic-warning" ?hidden=${!h.confirming}>
      ${h.confirming ? html`<p id="hide-topic-warning">${t('channel.hide_topic_warning', { title: ui.topic.title, reason: h.reason.trim() })}</p>
        <p class="row"><button type="button" class="danger" id="confirm-hide-topic" data-testid="confirm-hide-topic"
          ?disabled=${ui.busy} @click=${hideTopic}>${t('channel.hide_topic_confirm')}</button>
        <button type="button" data-testid="cancel-hide-topic" @click=${cancelHide}>${t('channel.cancel')}</button></p>` : nothing}
    </div>
  </section>`;
}
