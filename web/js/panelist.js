// The panelist's page: a laptop or a tablet on the panel's table. Who has the floor now (and
// whether it is me, with my time left), a hand to raise in one of two lanes, a form to post an
// argument at once, and the argument tree. One template rendered on every change: what a panelist
// is typing in the argument form, their focus and their scroll survive every live update. The timer
// and the segment's countdown (countdown.js) tick in slots of their own; screen readers hear when
// the floor changes hands, not every second.
// For a debate made from a channel's topic, the panel's preparation too (panelist/preparation.js):
// the organizer's notes and a questionnaire to answer, loaded once when the page opens.
// Across the top, the cues the moderators sent this panelist backstage (panelist/cues.js), each
// acknowledged with one button; they come with the welcome and with the events.
import { html, render, nothing, repeat } from './lib.js';
import { readFragment, formatTime, frameScheduler } from './dom.js';
import { Connection } from './connection.js';
import { t, describe, describeRefusal, initI18n, language, onLanguageChange } from './i18n.js';
import { emptyRoom, applySnapshot, applyEvent, applyTallies, currentSegment, floorRemaining } from './room.js';
import { argumentTree, oxfordView } from './widgets.js';
import { loadLimits, limit } from './limits.js';
import { loadTemplates, segmentName } from './segments.js';
import { prep, startPreparation, preparationCard } from './panelist/preparation.js';
import { languagePicker } from './language.js';
import { segmentSlot, renderSegmentSlots, segmentUnderWay } from './countdown.js';
import { applyBackstageEvent, cuesFromWelcome } from './backstage.js';
import { cues, cueBanner, cueAnnouncement } from './panelist/cues.js';

// Field bounds and the format templates (segments.js) come from the server and the words from the
// catalogs before anything is drawn.
await Promise.all([loadLimits(), initI18n('console'), loadTemplates()]);

const { debate, token } = readFragment('tribune.panelist');
const room = emptyRoom();
// `answering`: an argument is chosen in the form's "answering" list, so the relation is asked.
const ui = { status: 'connecting', // What went wrong, as a function so that its words follow a language switch.
  error: null, announce: '', me: null, answering: false };
let conn = null;

const roles = ['host', 'guest', 'panelist'];
const roleWord = (r) => t(`panelist.role.${roles.includes(r) ? r : 'panelist'}`);

function say(text) {
  // The same words twice in a row would not be read again: a trailing no-break space changes them.
  ui.announce = ui.announce === text ? `${text}\u00a0` : text;
}

async function act(type, fields = {}, done = null) {
  try {
    const ack = await conn.send(type, fields);
    ui.error = null;
    if (done) say(t(done));
    draw();
    return ack;
  } catch (err) {
    ui.error = () => describe(err.code);
    draw();
    return null;
  }
}

// Focus is never left on the body: an element that a render removed or moved gives the focus
// back to itself, or to the element that now carries its key, or to its section's heading.
function paint() {
  const before = document.activeElement;
  const kept = before && before !== document.body && document.body.contains(before)
    ? { el: before, key: before.dataset?.focus, section: before.closest('section')?.id } : null;
  render(page(), document.body);
  renderClock();
  renderSegmentSlots(room, conn ? conn.now() : Date.now());
  if (!kept || (document.activeElement !== document.body && document.activeElement !== null)) return;
  if (kept.el.isConnected && !kept.el.disabled) kept.el.focus({ preventScroll: true });
  if (document.activeElement !== document.body) return;
  const again = kept.key && document.querySelector(`[data-focus="${CSS.escape(kept.key)}"]`);
  const section = kept.section && document.getElementById(kept.section);
  (again || section?.querySelector('h2[tabindex]') || document.querySelector('h1')).focus();
}
const draw = frameScheduler(paint);

function renderClock() {
  const el = document.querySelector('[data-slot=clock]');
  if (!el) return;
  const remaining = floorRemaining(room, conn ? conn.now() : Date.now());
  const state = remaining < 0 ? 'overtime' : remaining < 15000 ? 'warning' : '';
  render(remaining === null ? nothing
    : html`<span class="timer ${state}" role="timer" data-testid="timer">${formatTime(remaining)}</span>`, el);
}

async function post(e) {
  e.preventDefault();
  const form = e.target;
  const side = ui.me?.side;
  const fields = {
    text: form.querySelector('#text').value,
    stance: side === 'for' || side === 'against' ? side : form.querySelector('#stance').value,
  };
  const parent = form.querySelector('#answers').value;
  if (parent) { fields.parent = parent; fields.relation = form.querySelector('#relation').value; }
  const source = form.querySelector('#source').value.trim();
  if (source) fields.source = source;
  if (await act('post_argument', fields, 'panelist.posted')) {
    form.querySelector('#text').value = '';
    form.querySelector('#source').value = '';
  }
}

function header() {
  return html`<header class="bar">
    <h1 tabindex="-1">${room.debate ? room.debate.title : t('panelist.heading')}</h1>
    <span class="row">
      <span class="status" data-status=${ui.status} data-testid="status">${t(`status.${ui.status}`)}</span>
      ${languagePicker()}
    </span></header>`;
}

function nowCard() {
  const me = ui.me;
  const seg = currentSegment(room);
  const f = room.show.floor;
  const mine = Boolean(f && me && f.speaker.id === me.panelist);
  const hand = me ? room.hands.find((x) => x.speaker.id === me.panelist) : null;
  const ended = room.show.status === 'ended';
  const side = me && (me.side === 'for' || me.side === 'against') ? t(`panelist.side_${me.side}`) : '';
  return html`<section class="card now-card ${mine ? 'my-turn' : ''}" id="now" aria-labelledby="now-heading" data-testid="now">
    <h2 id="now-heading" tabindex="-1">${ended ? t('panelist.ended_title') : t('panelist.now_title')}</h2>
    ${me ? html`<p data-testid="me">${t('panelist.who', { name: me.name, role: roleWord(me.panel_role) })}
      ${side ? html`<span class="badge ${me.side}">${side}</span>` : nothing}</p>` : nothing}
    ${ended ? html`<p>${t('panelist.ended_thanks')}</p>${oxfordView(room)}` : html`
      ${seg ? html`<p>${room.show.status === 'paused' ? html`<span class="badge">${t('panelist.paused')}</span>` : nothing}
        ${t('panelist.now')} <strong data-testid="segment">${segmentName(seg)}</strong> ${segmentSlot()}</p>`
        : html`<p class="muted">${t('panelist.not_started')}</p>`}
      ${f ? html`<p class=${mine ? 'notice' : ''} data-testid="floor">
        ${mine ? html`<strong>${t('panelist.you_have_floor')}</strong>` : t('panelist.has_floor', { name: f.speaker.name })}
        <span class="slot" data-slot="clock"></span></p>` : html`<p class="muted">${t('panelist.nobody_speaks')}</p>`}
      ${hand ? html`<p class="badge hand" data-testid="hand-raised">${t(`panelist.hand_raised_${hand.lane === 'direct_reply' ? 'direct_reply' : 'new_point'}`)}</p>` : nothing}`}
  </section>`;
}

function handCard() {
  const me = ui.me;
  const hand = me ? room.hands.find((x) => x.speaker.id === me.panelist) : null;
  return html`<section class="card" id="hand" aria-labelledby="hand-heading">
    <h2 id="hand-heading" tabindex="-1">${t('panelist.floor_title')}</h2>
    <div class="row">
      <button type="button" data-testid="raise-new-point" data-focus="hand:new" aria-pressed=${hand?.lane === 'new_point' ? 'true' : 'false'}
        @click=${() => act('raise_hand', { lane: 'new_point' }, 'panelist.raised')}>${t('panelist.new_point')}</button>
      <button type="button" data-testid="raise-direct-reply" data-focus="hand:reply" aria-pressed=${hand?.lane === 'direct_reply' ? 'true' : 'false'}
        @click=${() => act('raise_hand', { lane: 'direct_reply' }, 'panelist.raised')}>${t('panelist.direct_reply')}</button>
      <button type="button" data-testid="lower-hand" data-focus="hand:lower"
        @click=${() => act('lower_hand', {}, 'panelist.lowered')}>${t('panelist.lower')}</button>
    </div>
  </section>`;
}

function postCard() {
  const side = ui.me?.side;
  const fixed = side === 'for' || side === 'against';
  const published = [...room.arguments.values()].filter((a) => a.status === 'published' && a.text !== undefined);
  return html`<section class="card" id="post" aria-labelledby="post-heading">
    <h2 id="post-heading" tabindex="-1">${t('panelist.post_title')}</h2>
    <p class="muted">${t('panelist.post_hint')}</p>
    <form id="argue" @submit=${post}>
      <label for="text">${t('panelist.argument_label')}</label>
      <textarea id="text" maxlength=${limit('argument_chars') ?? nothing} data-testid="argument-input"></textarea>
      <div ?hidden=${fixed}>
        <label for="stance">${t('panelist.stance')}</label>
        <select id="stance" data-testid="stance">
          <option value="none">${t('panelist.stance_neutral')}</option>
          <option value="for">${t('panelist.stance_for')}</option>
          <option value="against">${t('panelist.stance_against')}</option>
        </select>
      </div>
      <label for="answers">${t('panelist.answers')}</label>
      <select id="answers" data-testid="answers" @change=${(e) => { ui.answering = Boolean(e.target.value); draw(); }}>
        <option value="">${t('panelist.motion_itself')}</option>
        ${repeat(published, (a) => a.id, (a) => html`<option value=${a.id}>${a.text.slice(0, 80)}</option>`)}
      </select>
      <div ?hidden=${!ui.answering}>
        <label for="relation">${t('panelist.relation')}</label>
        <select id="relation" data-testid="relation">
          ${['supports', 'opposes', 'rebuts'].map((r) => html`<option value=${r}>${t(`panelist.relation_${r}`)}</option>`)}
        </select>
      </div>
      <label for="source">${t('panelist.source')}</label>
      <input type="url" id="source" maxlength=${limit('source_chars') ?? nothing} placeholder="https://" data-testid="source">
      <p><button class="primary" type="submit" data-testid="post-argument" data-focus="post:send">${t('panelist.post')}</button></p>
    </form>
  </section>`;
}

function page() {
  const ended = room.show.status === 'ended';
  return html`${header()}
    <main class="console-main panelist-main" data-preparation=${prep.state}>
      <p class="error" role="alert" data-testid="error">${ui.error ? ui.error() : ''}</p>
      <p class="visually-hidden" role="status" aria-live="polite" data-testid="announce">${ui.announce}</p>
      ${cueBanner(act)}
      <div class="panelist-grid">
        <div class="column">
          ${nowCard()}
          ${ended ? nothing : handCard()}
          ${ended ? nothing : postCard()}
          ${preparationCard()}
        </div>
        <div class="column">
          <section class="card" id="arguments-section" aria-labelledby="arguments-heading">
            <h2 id="arguments-heading" tabindex="-1">${t('panelist.arguments_title')}</h2>
            <div class="tree" id="arguments">${argumentTree(room)}</div>
          </section>
        </div>
      </div>
    </main>`;
}

function announceEvent(m) {
  if (m.event === 'floor_granted' && room.show.floor) {
    const f = room.show.floor;
    say(ui.me && f.speaker.id === ui.me.panelist ? t('panelist.announce_floor_you') : t('panelist.announce_floor', { name: f.speaker.name }));
  } else if (m.event === 'segment_started') {
    const seg = currentSegment(room);
    if (seg) say(t('panelist.announce_segment', { name: segmentName(seg) }));
  } else if (m.event === 'show_ended') {
    say(t('panelist.ended_title'));
  }
}

function setTitle() {
  document.title = room.debate ? t('panelist.page_title', { title: room.debate.title }) : t('panelist.heading');
}

onLanguageChange(() => { setTitle(); paint(); });
setInterval(() => {
  if (room.show.floor) renderClock();
  if (segmentUnderWay(room)) renderSegmentSlots(room, conn ? conn.now() : Date.now());
}, 250);

setTitle();
if (!debate || !token) {
  ui.error = () => t('panelist.no_link');
  ui.status = 'closed';
  paint();
} else {
  // The page, its live regions included, is on screen before the first message arrives.
  paint();
  conn = new Connection({
    debate, token,
    onStatus: (s) => { ui.status = s; draw(); },
    onWelcome: (w) => { ui.me = w; cuesFromWelcome(cues, w); draw(); },
    onFatal: (m) => { ui.error = () => describeRefusal(m.code); draw(); },
    onMessage: (m) => {
      if (m.type === 'snapshot') { applySnapshot(room, m.state); setTitle(); }
      else if (m.type === 'event') {
        applyEvent(room, m); announceEvent(m);
        if (applyBackstageEvent(cues, m) && cueAnnouncement(m)) say(cueAnnouncement(m));
      } else if (m.type === 'tallies') applyTallies(room, m);
      else if (m.type === 'error') ui.error = () => describeRefusal(m.code);
      else return;
      draw();
    },
  });
  conn.connect();
  startPreparation(debate, token, draw, (text) => { say(text); draw(); });
}
