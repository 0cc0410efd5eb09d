// The pieces the channel's views share: the header with the language, a topic's tally of opinions,
// its show's date and its sponsor's label, the visitor's name field (until they have an identity),
// and the input handlers that keep what is typed in `ui`.
import { html, nothing, live } from '../lib.js';
import { t, language, formatNumber } from '../i18n.js';
import { brandLogo } from '../brand.js';
import { limit } from '../limits.js';
import { channelId, organizerToken, ui, draw } from './state.js';
import { identity } from './api.js';
import { showTime } from './time.js';
import { languagePicker } from '../language.js';

export const opinions = ['essential', 'interesting', 'not_for_me'];

// What is typed or chosen goes into `ui` and the page draws again, so what depends on it (a filter,
// a field shown for one choice, a count of characters) follows at once.
export const field = (obj, key) => (e) => { obj[key] = e.target.value; draw(); };
export const checkbox = (obj, key) => (e) => { obj[key] = e.target.checked; draw(); };

// A topic's state in words; a live one is marked beside its word (the style sheet's dot), never by
// its colour alone. A state this page does not know yet shows no badge rather than a code.
export const topicStatuses = ['proposed', 'accepted', 'scheduled', 'live', 'ended', 'declined', 'merged'];
export const statusBadge = (x, testid = 'topic-status') => (topicStatuses.includes(x.status)
  ? html`<span class=${`badge status-${x.status}`} data-testid=${testid}>${t(`channel.status.${x.status}`)}</span>` : nothing);

// A topic's page, and its name in a list: a proposal the organizer hid shows the reason instead of
// its title (which the public no longer reads).
export const topicHref = (id) => `/c/${encodeURIComponent(channelId)}/${encodeURIComponent(id)}`;
export const isHidden = (x) => x.hidden !== undefined && x.hidden !== null;
export const topicLabel = (x) => (isHidden(x) ? t('channel.hidden_topic', { reason: x.hidden }) : x.title);

export const sponsorLine = (x) => (x.sponsor
  ? html`<p class="badge sponsor" data-testid="sponsor-label">${t('channel.brought_by', { sponsor: x.sponsor })}</p>` : nothing);

export function showLine(x) {
  if (!x.schedule) return nothing;
  return html`<p data-testid="show-date"><strong>${t('channel.show_on', { when: showTime(x.schedule) })}</strong>
    · ${x.schedule.place || t('channel.online')}</p>`;
}

export function header() {
  return html`<header class="bar">
    <div class="brand">${brandLogo(ui.channel)}<h1 data-testid="channel-name">${ui.channel?.name || 'Tribune'}</h1></div>
    ${languagePicker()}</header>`;
}

export function tally(o) {
  return html`<span class="row" data-testid="tally">${opinions.map((k) => html`<span class="badge">${t(`channel.opinion.${k}`)} · ${formatNumber(o[k])}</span>`)}</span>`;
}

export function nameField() {
  if (identity() || organizerToken) return nothing;
  return html`<label>${t('channel.your_name')}
    <input type="text" data-testid="visitor-name" maxlength=${limit('name_chars') ?? nothing} autocomplete="nickname" .value=${live(ui.name)} @input=${field(ui, 'name')}></label>`;
}
