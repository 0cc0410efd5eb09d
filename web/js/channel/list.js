// The channel's page (/c/<channel>): its description, how many proposals await an answer, and its
// topics, newest first (a show on air now first of all, with its link), filtered by category and
// state; the proposal form below (propose.js).
import { html, nothing, repeat } from '../lib.js';
import { t } from '../i18n.js';
import { channelId, ui } from './state.js';
import { field, tally, showLine, sponsorLine, statusBadge, topicStatuses } from './parts.js';
import { when } from './time.js';
import { proposalForm } from './propose.js';

function topicCard(topic) {
  const live = topic.status === 'live';
  return html`<li class=${live ? 'card is-live' : 'card'} data-testid="topic" data-topic=${topic.id}>
    <h3><a href=${`/c/${encodeURIComponent(channelId)}/${topic.id}`}>${topic.title}</a></h3>
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
  const shown = c.topics.filter((x) => (!ui.filter.category || x.category === ui.filter.category) &&
    (!ui.filter.status || x.status === ui.filter.status)).sort((a, b) => (b.status === 'live') - (a.status === 'live'));
  return html`
    ${c.description ? html`<p class="qtext">${c.description}</p>` : nothing}
    <p class="notice" data-testid="awaiting">${c.awaiting_answer > 0
      ? t('channel.awaiting', { count: c.awaiting_answer, since: when(c.oldest_awaiting_since) })
      : t('channel.none_awaiting')}</p>
    <p class="muted">${t('channel.sponsor_rule')}</p>
    <section aria-labelledby="topics-title"><h2 id="topics-title">${t('channel.topics')}</h2>
      <div class="row">
        <label>${t('channel.category')}<select data-testid="filter-category" @change=${field(ui.filter, 'category')}>
          <option value="">${t('channel.all')}</option>${c.categories.map((k) => html`<option ?selected=${k === ui.filter.category}>${k}</option>`)}</select></label>
        <label>${t('channel.status_label')}<select data-testid="filter-status" @change=${field(ui.filter, 'status')}>
          <option value="">${t('channel.all')}</option>${topicStatuses.map((k) => html`<option value=${k} ?selected=${k === ui.filter.status}>${t(`channel.status.${k}`)}</option>`)}</select></label>
      </div>
      ${shown.length === 0 ? html`<p class="muted" data-testid="no-topics">${t('channel.no_topics')}</p>`
        : html`<ul class="plain">${repeat(shown, (x) => x.id, topicCard)}</ul>`}
    </section>
    ${proposalForm()}`;
}
