// The channel page as one template: the header, the alert and status lines, then the channel
// (list.js) or one of its topics (topic.js); instead, when the address names nothing the server
// knows, which of the channel or the topic does not exist, and once the organizer has deleted the
// channel from this page, that it is deleted (deletion.js).
import { html, nothing, render } from '../lib.js';
import { t } from '../i18n.js';
import { channelId, topicId, ui } from './state.js';
import { header } from './parts.js';
import { channelView } from './list.js';
import { topicView } from './topic.js';
import { deletedView } from './deletion.js';

// The channel does not exist (never did, or was deleted); or the topic does not, in a channel
// that does, whose topics the page links to.
function missingView() {
  const which = ui.missing === 'topic' ? 'topic' : 'channel';
  return html`<section class="card" aria-labelledby="missing-title" data-testid="missing" data-missing=${which}>
    <h2 id="missing-title">${t(`channel.missing_${which}`)}</h2>
    <p>${t(`channel.missing_${which}_help`)}</p>
    ${which === 'topic' ? html`<p><a href=${`/c/${encodeURIComponent(channelId)}`} data-testid="back">${t('channel.back')}</a></p>` : nothing}
  </section>`;
}

function body() {
  if (ui.deleted !== null) return deletedView();
  if (ui.missing) return missingView();
  if (!ui.channel || (topicId && !ui.topic)) return html`<p class="muted">${t('channel.loading')}</p>`;
  return topicId ? topicView() : channelView();
}

// The tab names what the page says when there is no channel to name (in the page's language).
function title() {
  if (ui.deleted !== null) document.title = t('channel.delete_channel.done_title');
  else if (ui.missing === 'channel') document.title = t('channel.missing_channel');
}

function page() {
  title();
  return html`${header()}<main>
    <p class="error" role="alert" data-testid="error">${ui.error || ''}</p>
    <p role="status" data-testid="notice">${ui.notice || ''}</p>
    ${body()}</main>`;
}

export function paint() {
  render(page(), document.body);
}
