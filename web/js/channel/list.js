// The channel's page (/c/<channel>): its description, how many proposals await an answer, and its
// topics, newest first (a show on air now first of all, with its link), found by words, category
// and state (find.js: the server searches, a page at a time); a proposal the organizer hid shows
// the reason instead of its title; the public moderation log (moderation.js), then the proposal
// form (propose.js); for a visitor, "My data" (my_data.js: what they left here, and its erasure);
// for the organizer, before the topics, the flagged lane and the channel's word list (flags.js),
// and after the log the download of the contacts the channel keeps (contacts.js), the channel's
// webhooks (webhooks.js) and, last of all and apart from everything else, the danger zone that
// deletes the channel (deletion.js).
import { html, nothing, repeat } from '../lib.js';
import { t } from '../i18n.js';
import { organizerToken, ui } from './state.js';
import { tally, showLine, sponsorLine, statusBadge, topicHref, topicLabel, isHidden } from './parts.js';
import { when } from './time.js';
import { proposalForm } from './propose.js';
import { findBar, topicCount, noTopics, moreButton } from './find.js';
import { moderationLog } from './moderation.js';
import { webhooksSection } from './webhooks.js';
import { deletionSection } from './deletion.js';
import { contactsExport } from './contacts.js';
import { myDataSection } from './my_data.js';
import { flaggedLane, flagWordsSection } from './flags.js';

function topicCard(topic) {
  const live = topic.status === 'live';
  return html`<li class=${live ? 'card is-live' : 'card'} data-testid="topic" data-topic=${topic.id}>
    <h3 class=${isHidden(topic) ? 'hidden-topic' : ''}><a href=${topicHref(topic.id)}>${topicLabel(topic)}</a></h3>
    <p class="row">${statusBadge(topic)}
      <span class="badge">${topic.category}</span><span class="badge">${t(`channel.format.${topic.format}`)}</span></p>
    ${live && topic.debate_code ? html`<p><a class="button primary" href=${`/a/${encodeURIComponent(topic.debate_code)}`}
      data-testid="join-live">${t('channel.live_now')}</a></p>` : nothing}
    ${showLine(topic)}
    ${sponsorLine(topic)}
    <p class="muted">${t('channel.proposed_by', { name: topic.proposed_by, when: when(topic.proposed_at) })}</p>
    ${tally(topic.opinions)}
  </li>`;
}

export function channelView() {
  const c = ui.channel;
  // Newest first as the server lists them, a show on air now before everything else.
  const shown = [...c.topics].sort((a, b) => (b.status === 'live') - (a.status === 'live'));
  return html`
    ${c.description ? html`<p class="qtext">${c.description}</p>` : nothing}
    <p class="notice" data-testid="awaiting">${c.awaiting_answer > 0
      ? t('channel.awaiting', { count: c.awaiting_answer, since: when(c.oldest_awaiting_since) })
      : t('channel.none_awaiting')}</p>
    <p class="muted">${t('channel.sponsor_rule')}</p>
    ${organizerToken ? html`${flaggedLane()}${flagWordsSection()}` : nothing}
    <section aria-labelledby="topics-title"><h2 id="topics-title">${t('channel.topics')}</h2>
      ${findBar()}
      ${topicCount()}
      <div aria-busy=${ui.finding ? 'true' : 'false'}>
        ${shown.length === 0 ? noTopics() : html`<ul class="plain" data-testid="topics">${repeat(shown, (x) => x.id, topicCard)}</ul>`}
        ${moreButton()}</div>
    </section>
    ${moderationLog()}
    ${organizerToken ? html`${contactsExport()}${webhooksSection()}` : nothing}
    ${proposalForm()}
    ${organizerToken ? deletionSection() : myDataSection()}`;
}
