// A topic's page (/c/<channel>/t<n>, the link a person shares): the topic, its answer and its
// show (once the show has ended, its report at /r/CODE too); the questions for the show
// (advance.js); for a visitor the opinion "essential / interesting / not for me" with a word for
// the organizers, and until the show starts the application and the sponsor offer; the comments
// for everyone; and for the organizer the word that flagged the proposal (flags.js), their tools
// (organizer.js), the panel's preparation (preparation.js) and the channel's contacts
// (contacts.js). The proposer's contact shows to the organizer and the proposer; a visitor finds
// what they left in the channel under "My data" (my_data.js).
import { html, nothing, live } from '../lib.js';
import { t } from '../i18n.js';
import { limit } from '../limits.js';
import { channelId, topicId, organizerToken, ui } from './state.js';
import { api, act, ensureIdentity } from './api.js';
import { opinions, field, tally, nameField, showLine, sponsorLine, statusBadge, topicHref, topicLabel, isHidden } from './parts.js';
import { when } from './time.js';
import { comments } from './comments.js';
import { applicationForm, offerForm } from './submissions.js';
import { answerForm, showForm, submissions, feedbackList } from './organizer.js';
import { preparationEditor } from './preparation.js';
import { advanceSection } from './advance.js';
import { hideTopicForm } from './moderation.js';
import { proposerContact, contactsExport } from './contacts.js';
import { myDataSection } from './my_data.js';
import { flagBadge } from './flags.js';

function giveOpinion(value) {
  act(async () => {
    await ensureIdentity();
    ui.topic = await api('PUT', `/topics/${topicId}/opinion`, { opinion: value, feedback: ui.feedback || '' });
  }, t('channel.opinion_saved'));
}

function opinionForm() {
  const x = ui.topic;
  return html`<section class="card" aria-labelledby="opinion-title">
      <h2 id="opinion-title">${t('channel.opinion_title')}</h2>
      ${nameField()}
      <label>${t('channel.feedback')}<textarea data-testid="feedback" maxlength=${limit('feedback_chars') ?? nothing} rows="2" .value=${live(ui.feedback || '')} @input=${field(ui, 'feedback')}></textarea></label>
      <div class="row" role="group" aria-labelledby="opinion-title">${opinions.map((k) => html`<button type="button"
        data-testid=${`opinion-${k}`} aria-pressed=${x.mine?.opinion === k ? 'true' : 'false'} ?disabled=${ui.busy}
        @click=${() => giveOpinion(k)}>${t(`channel.opinion.${k}`)}</button>`)}</div>
    </section>`;
}

function topicCard(x) {
  return html`<article class="card" data-testid="topic-page">
      <h2 data-testid="topic-title" class=${isHidden(x) ? 'hidden-topic' : ''}>${topicLabel(x)}</h2>
      ${x.flag ? html`<p>${flagBadge(x.flag, 'topic-flag')}</p>` : nothing}
      ${isHidden(x) && x.title ? html`<p class="notice" data-testid="hidden-title">${t('channel.hidden_title', { title: x.title })}</p>` : nothing}
      <p class="row">${statusBadge(x)}
        <span class="badge">${x.category}</span><span class="badge">${t(`channel.format.${x.format}`)}</span>
        <span class="badge">${t(`channel.treatment.${x.treatment}`)}</span>
        ${x.location ? html`<span class="badge">${x.location}</span>` : nothing}</p>
      ${x.pitch ? html`<p class="qtext" data-testid="topic-pitch">${x.pitch}</p>` : nothing}
      <p class="muted">${t('channel.proposed_by', { name: x.proposed_by, when: when(x.proposed_at) })}</p>
      ${proposerContact(x)}
      ${showLine(x)}
      ${sponsorLine(x)}
      ${x.debate_code ? html`<p class="row"><a class="button primary" href=${`/a/${encodeURIComponent(x.debate_code)}`} data-testid="join-show">${t(x.status === 'live' ? 'channel.live_now' : 'channel.join_show')}</a>
        ${x.status === 'ended' ? html`<a class="button" href=${`/r/${encodeURIComponent(x.debate_code)}`} data-testid="report-link">${t('closing.report_link')}</a>` : nothing}</p>` : nothing}
      ${x.answered_at ? html`<div class="notice" data-testid="topic-answer"><strong>${t('channel.organizer_answer')}</strong>
        <p class="qtext">${x.answer || t(`channel.status.${x.status === 'declined' || x.status === 'merged' ? x.status : 'accepted'}`)}</p></div>` : nothing}
      ${tally(x.opinions)}
      <p class="muted" data-testid="applicants">${t('channel.applicants', { count: x.applicants })}</p>
    </article>`;
}

// Connected subjects (the server's choice: shared title words, then the category), each with its
// state; nothing when there is none.
function relatedTopics(x) {
  const related = x.related || [];
  if (related.length === 0) return nothing;
  return html`<section class="card" aria-labelledby="related-title" data-testid="related">
    <h2 id="related-title">${t('channel.related_title')}</h2>
    <ul class="plain">${related.map((r) => html`<li class="row" data-testid="related-topic" data-topic=${r.id}>
      <a href=${topicHref(r.id)} class=${isHidden(r) ? 'hidden-topic' : ''}>${topicLabel(r)}</a> ${statusBadge(r, 'related-status')}</li>`)}</ul>
  </section>`;
}

function organizerTools(x, closed) {
  return html`${submissions()}
    ${feedbackList()}
    ${x.status === 'proposed' ? answerForm() : nothing}
    ${x.status === 'accepted' || x.status === 'scheduled' ? showForm() : nothing}
    ${x.preparation && !closed ? preparationEditor() : nothing}
    ${isHidden(x) ? nothing : hideTopicForm()}
    ${contactsExport()}`;
}

export function topicView() {
  const x = ui.topic;
  const closed = x.status === 'declined' || x.status === 'merged';
  // Once the show is on air or over, nobody applies to take part in it or offers to sponsor it.
  const started = x.status === 'live' || x.status === 'ended';
  return html`<p><a href=${`/c/${encodeURIComponent(channelId)}`} data-testid="back">${t('channel.back')}</a></p>
    ${topicCard(x)}
    ${advanceSection()}
    ${closed || organizerToken ? nothing : opinionForm()}
    ${closed || started || organizerToken ? nothing : html`${applicationForm()}${offerForm()}`}
    ${comments(!closed)}
    ${relatedTopics(x)}
    ${organizerToken ? organizerTools(x, closed) : myDataSection()}`;
}
