// The channel page as one template: the header, the alert and status lines, then the channel
// (list.js) or one of its topics (topic.js).
import { html, render } from '../lib.js';
import { t } from '../i18n.js';
import { topicId, ui } from './state.js';
import { header } from './parts.js';
import { channelView } from './list.js';
import { topicView } from './topic.js';

function page() {
  let body;
  if (ui.missing) body = html`<p class="notice" data-testid="missing">${t('channel.missing')}</p>`;
  else if (!ui.channel || (topicId && !ui.topic)) body = html`<p class="muted">${t('channel.loading')}</p>`;
  else body = topicId ? topicView() : channelView();
  return html`${header()}<main>
    <p class="error" role="alert" data-testid="error">${ui.error || ''}</p>
    <p role="status" data-testid="notice">${ui.notice || ''}</p>
    ${body}</main>`;
}

export function paint() {
  render(page(), document.body);
}
