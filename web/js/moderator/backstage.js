// Backstage ("Coulisses"): what the moderators say to a panelist without the room hearing it, and
// to each other. For each panelist, the four quick cues in one click and a short note; the latest
// cues, each with when it was sent and whether the panelist has read it; and the moderators' chat,
// newest last. The store (backstage.js) is filled by moderator.js from the snapshot and the events.
//
// Nothing here has a clock: a cue says the time it was sent and read, never "2 minutes ago", so
// the card changes only when an event does. The note and the message being typed are plain fields
// that no binding touches, so a render while someone types leaves their text, cursor and focus.
import { html, nothing, repeat } from '../lib.js';
import { t, formatClock } from '../i18n.js';
import { limit } from '../limits.js';
import { emptyBackstage, quickCues, cueWords } from '../backstage.js';
import { room, ui } from './state.js';
import { act, say } from './act.js';

export const backstage = emptyBackstage();

// How many of the latest cues the card lists, newest first (the store keeps more).
const listed = 20;

const panelistName = (id) => room.panelists.get(id)?.name || t('moderator.unknown_author');

// What the person at the console hears of a backstage event: a cue read, a moderator's message.
export function announceBackstage(m) {
  const d = m.data || {};
  if (m.event === 'cue_acknowledged' && d.cue) {
    say(t('backstage.announce_read', { name: panelistName(d.cue.panelist), cue: cueWords(d.cue) }));
  } else if (m.event === 'staff_message_posted' && d.message) {
    say(t('backstage.announce_message', { text: d.message.text }));
  }
}

async function sendCue(panelist, cue, text) {
  const fields = { panelist, cue, ...(text ? { text } : {}) };
  const done = await act('send_cue', fields);
  if (done) say(t('backstage.cue_sent', { name: panelistName(panelist) }));
  return done;
}

async function sendNote(e, panelist) {
  e.preventDefault();
  const field = e.target.querySelector('input');
  const text = field.value.trim();
  if (!text) { field.focus(); return; }
  if (await sendCue(panelist, 'note', text)) field.value = '';
}

async function postMessage(e) {
  e.preventDefault();
  const field = e.target.querySelector('textarea');
  if (!field.value.trim()) { field.focus(); return; }
  if (await act('post_staff_message', { text: field.value })) field.value = '';
}

// Ctrl+Enter (⌘+Enter) sends the message; Enter alone starts a new line.
function sendOnCtrlEnter(e) {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    e.target.form.requestSubmit();
  }
}

function cuePanel(p) {
  return html`<li data-item=${p.id} data-testid="cue-panelist" data-panelist=${p.id}>
    <strong id=${`cue-to-${p.id}`}>${p.name}</strong>
    <div class="row" role="group" aria-labelledby=${`cue-to-${p.id}`}>
      ${quickCues.map((kind) => html`<button type="button" data-testid=${`cue-${kind}`} data-focus=${`cue:${p.id}:${kind}`}
        aria-label=${t('backstage.send_to', { cue: t(`backstage.quick.${kind}`), name: p.name })} title=${t(`backstage.cue.${kind}`)}
        @click=${() => sendCue(p.id, kind)}>${t(`backstage.quick.${kind}`)}</button>`)}
    </div>
    <form class="row cue-note" @submit=${(e) => sendNote(e, p.id)}>
      <input type="text" maxlength=${limit('cue_chars') ?? nothing} data-testid="cue-note" data-focus=${`cue:${p.id}:note`}
        aria-label=${t('backstage.note_label', { name: p.name })} placeholder=${t('backstage.note_placeholder')}>
      <button type="submit" data-testid="cue-note-send" aria-label=${t('backstage.note_send_to', { name: p.name })}>${t('backstage.note_send')}</button>
    </form>
  </li>`;
}

function cueEntry(c) {
  const quick = quickCues.includes(c.cue);
  return html`<li data-testid="cue-entry" data-cue=${c.id} data-panelist=${c.panelist} data-state=${c.acknowledged_at ? 'read' : 'sent'}>
    <strong>${panelistName(c.panelist)}</strong> · <span data-testid="cue-entry-words">${cueWords(c)}</span>
    ${quick && c.text ? html`<span class="muted">(${c.text})</span>` : nothing}
    <br><span class="muted num">${t('backstage.sent_at', { time: formatClock(c.at) })} ·</span>
    <span class=${c.acknowledged_at ? 'badge for' : 'badge pending'} data-testid="cue-state">${c.acknowledged_at
      ? t('backstage.read_at', { time: formatClock(c.acknowledged_at) }) : t('backstage.not_read')}</span>
  </li>`;
}

// Who is in the control room: every moderator link by name, and the one this console holds.
function team() {
  const names = backstage.team.moderators.map((m) => m.name || t('backstage.unnamed')).join(', ');
  return html`<p class="muted" data-testid="team">${names ? t('backstage.team', { names }) : ''}
    ${ui.me?.name ? html`<strong data-testid="me">${t('backstage.me', { name: ui.me.name })}</strong>` : nothing}</p>`;
}

function staffChat() {
  const messages = backstage.messages;
  return html`<h3 id="staff-heading">${t('backstage.staff_title')}</h3>
    ${team()}
    <div class="staff-scroll" tabindex="0" role="region" aria-labelledby="staff-heading"><ul class="plain compact staff-messages" data-testid="staff-messages" data-list="staff">
      ${messages.length === 0 ? html`<li class="muted">${t('backstage.no_message')}</li>` : nothing}
      ${repeat(messages, (m) => m.id, (m) => html`<li data-testid="staff-message" data-message=${m.id}>
        <span class="muted num">${formatClock(m.at)}</span> ${m.by ? html`<strong data-testid="staff-by">${m.by}</strong> ` : nothing}<span class="staff-text">${m.text}</span></li>`)}
    </ul></div>
    <form class="staff-form" @submit=${postMessage}>
      <label for="staff-text">${t('backstage.message_label')}</label>
      <textarea id="staff-text" maxlength=${limit('staff_message_chars') ?? nothing} data-testid="staff-input" aria-describedby="staff-hint"
        @keydown=${sendOnCtrlEnter}></textarea>
      <p class="row"><button type="submit" class="primary" data-testid="staff-send">${t('backstage.message_send')}</button>
        <span class="muted" id="staff-hint">${t('backstage.message_hint')}</span></p>
    </form>`;
}

export function backstageCard() {
  const panel = [...room.panelists.values()];
  const recent = [...backstage.cues.values()].slice(-listed).reverse();
  return html`<section class="card backstage" id="backstage-section" data-testid="backstage" aria-labelledby="backstage-heading">
    <h2 id="backstage-heading" tabindex="-1">${t('backstage.title')}</h2>
    <p class="muted">${t('backstage.hint')}</p>
    <h3>${t('backstage.cues_title')}</h3>
    ${panel.length === 0 ? html`<p class="muted">${t('moderator.no_panelist')}</p>` : nothing}
    <ul class="plain" data-list="cue-panel">${repeat(panel, (p) => p.id, cuePanel)}</ul>
    <h3>${t('backstage.recent_title')}</h3>
    ${recent.length === 0 ? html`<p class="muted">${t('backstage.no_cue')}</p>` : nothing}
    <ul class="plain compact" data-testid="cue-log" data-list="cue-log">${repeat(recent, (c) => c.id, cueEntry)}</ul>
    ${staffChat()}
  </section>`;
}
