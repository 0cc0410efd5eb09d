// A topic's comments, oldest first, with one level of replies: a visitor writes or replies while
// the topic is open; the organizer hides one with a public reason (organizer.js's hideForm), and
// reads the word that flagged one beside it (flags.js; the comment a link of the flagged lane names
// is brought into view).
import { html, nothing, repeat, live } from '../lib.js';
import { t } from '../i18n.js';
import { limit } from '../limits.js';
import { topicId, organizerToken, ui, draw } from './state.js';
import { api, act, bearer, ensureIdentity } from './api.js';
import { field, nameField } from './parts.js';
import { when } from './time.js';
import { hideForm } from './organizer.js';
import { flagBadge, linkedComment, revealLinkedComment } from './flags.js';

function postComment(e, replyTo) {
  e.preventDefault();
  act(async (key) => {
    await ensureIdentity();
    const text = replyTo ? ui.reply : ui.comment;
    ui.topic = await api('POST', `/topics/${topicId}/comments`, { text, reply_to: replyTo || undefined }, bearer(), key);
    if (replyTo) { ui.reply = ''; ui.replyTo = null; } else ui.comment = '';
  }, t('channel.comment_posted'), replyTo ? `reply-${replyTo}` : 'comment');
}

function replyForm(c) {
  return ui.replyTo === c.id
    ? html`<form class="stack" @submit=${(e) => postComment(e, c.id)}>
        <label>${t('channel.your_reply')}<textarea data-testid="reply-text" maxlength=${limit('comment_chars') ?? nothing} rows="2" required .value=${live(ui.reply)} @input=${field(ui, 'reply')}></textarea></label>
        <span class="row"><button class="primary" data-testid="send-reply" ?disabled=${ui.busy}>${t('channel.send_reply')}</button>
        <button type="button" @click=${() => { ui.replyTo = null; draw(); }}>${t('channel.cancel')}</button></span></form>`
    : html`<button type="button" data-testid="reply" @click=${() => { ui.replyTo = c.id; draw(); }}>${t('channel.reply')}</button>`;
}

function commentItem(c, replies, open) {
  const linked = c.id === linkedComment;
  return html`<li id=${`comment-${c.id}`} class=${linked ? 'linked-comment' : ''} tabindex=${linked ? '-1' : nothing}
    data-testid="comment" data-comment=${c.id}>
    <p><strong>${c.by}</strong> <span class="muted">${when(c.at)}</span> ${flagBadge(c.flag, 'comment-flag')}</p>
    ${c.hidden !== undefined ? html`<p class="muted" data-testid="comment-hidden">${t('channel.hidden_by_organizers', { reason: c.hidden })}</p>` : nothing}
    ${c.text ? html`<p class="qtext" data-testid="comment-text">${c.text}</p>` : nothing}
    ${organizerToken && c.hidden === undefined ? hideForm(c) : nothing}
    ${replies.length ? html`<ul class="plain replies">${replies.map((r) => commentItem(r, [], false))}</ul>` : nothing}
    ${open && !organizerToken ? replyForm(c) : nothing}
  </li>`;
}

export function comments(open) {
  const all = ui.topic.comments;
  const top = all.filter((c) => !c.reply_to);
  revealLinkedComment();
  return html`<section class="card" aria-labelledby="comments-title"><h2 id="comments-title">${t('channel.comments')}</h2>
    ${top.length === 0 ? html`<p class="muted">${t('channel.no_comments')}</p>`
      : html`<ul class="plain">${repeat(top, (c) => c.id, (c) => commentItem(c, all.filter((r) => r.reply_to === c.id), open))}</ul>`}
    ${open && !organizerToken ? html`<form class="stack" @submit=${(e) => postComment(e, null)}>
      ${nameField()}
      <label>${t('channel.your_comment')}<textarea data-testid="comment-input" maxlength=${limit('comment_chars') ?? nothing} rows="3" required .value=${live(ui.comment)} @input=${field(ui, 'comment')}></textarea></label>
      <button class="primary" data-testid="send-comment" ?disabled=${ui.busy}>${t('channel.send_comment')}</button></form>` : nothing}
  </section>`;
}
