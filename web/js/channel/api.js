// Talking to the server: the visitor's anonymous identity (created on first use, kept in this
// browser), the channel's REST calls with the organizer's or the visitor's token, one person's
// action with its confirmation or its error, and loading the channel and the topic (the channel's
// list, searched and paged, is find.js's).
import { newKey } from '../dom.js';
import { t, describe } from '../i18n.js';
import { applyBrand } from '../brand.js';
import { channelId, topicId, organizerToken, identityKey, ui, draw } from './state.js';
import { scheduleFields } from './time.js';

export function identity() {
  try { return JSON.parse(localStorage.getItem(identityKey) || 'null'); } catch { return null; }
}

export function bearer() {
  return organizerToken || identity()?.token || null;
}

export async function api(method, path, body, token = bearer(), key = null) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (key) headers['Idempotency-Key'] = key;
  const res = await fetch(`/api/channels/${encodeURIComponent(channelId)}${path}`, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw data?.error || { code: 'unknown' };
  return data;
}

// The visitor's identity, created on first use with the name they typed.
export async function ensureIdentity() {
  const known = identity();
  if (known || organizerToken) return known;
  const made = await api('POST', '/identities', { name: ui.name.trim() }, null);
  try { localStorage.setItem(identityKey, JSON.stringify(made)); } catch { /* this visit only */ }
  return made;
}

// A refusal in words: those of its code, except not_found, which on this page means the channel
// itself is gone (deleted since the page was opened), not a debate as the shared words say.
export const refusal = (err) => (err.code === 'not_found' ? t('channel.missing_channel_now') : describe(err.code));

// Runs one person's action. A named action keeps its idempotency key until it succeeds, so sending
// it again after a lost answer is applied once. `explain` turns a refusal into words (by default,
// `refusal`'s).
const pendingKeys = {};

export async function act(work, success, name = null, explain = refusal) {
  ui.busy = true;
  ui.error = null;
  ui.notice = null;
  draw();
  try {
    const key = name ? (pendingKeys[name] ||= newKey()) : null;
    await work(key);
    if (name) delete pendingKeys[name];
    ui.notice = success;
    // What the visitor left has changed: "My data" reads it again when it is next shown.
    Object.assign(ui.mine, { stale: true, erased: false });
  } catch (err) {
    ui.error = explain(err);
  }
  ui.busy = false;
  draw();
}

function keepTopicDrafts() {
  if (ui.feedback === null) ui.feedback = ui.topic.mine?.feedback || '';
  if (ui.schedule === null) ui.schedule = scheduleFields(ui.topic.schedule);
  const mine = ui.topic.my_application;
  if (ui.application === null) {
    ui.application = { motivation: mine?.motivation || '', contact: mine?.contact || '', consent: false, sponsorConsent: false };
  }
  const offer = ui.topic.my_offer;
  if (ui.offer === null) {
    ui.offer = { organisation: offer?.organisation || '', message: offer?.message || '', contact: offer?.contact || '', consent: false };
  }
}

// Keeps the titles a list shows, by topic id, for the moderation log; a hidden proposal's is
// forgotten (its list entry has none).
export function remember(topics) {
  for (const x of topics) {
    if (x.title) ui.titles[x.id] = x.title;
    else delete ui.titles[x.id];
  }
}

export async function load() {
  try {
    ui.channel = await api('GET', '');
    remember(ui.channel.topics);
    applyBrand(ui.channel);
    document.title = ui.channel.name;
    if (!ui.proposal.category) ui.proposal.category = ui.channel.categories[0];
    if (topicId) {
      ui.topic = await api('GET', `/topics/${topicId}`);
      // A hidden proposal's title is not public: the tab then names the channel only.
      document.title = ui.topic.title ? `${ui.topic.title} · ${ui.channel.name}` : ui.channel.name;
      keepTopicDrafts();
    }
  } catch (err) {
    // The channel's address answers not_found (it never existed, or it was deleted); a topic's,
    // within a channel that exists, unknown_topic.
    if (err.code === 'not_found') ui.missing = 'channel';
    else if (err.code === 'unknown_topic') ui.missing = 'topic';
    else ui.error = describe(err.code);
  }
  draw();
}
