// The moderator console: a laptop at 60 cm, a keyboard within reach. What is on air first, then
// three columns: the show (run of show, floor, stage, hands), the two question queues, and the rest
// (polls, arguments, participants, reactions, the public log).
//
// One template for the whole page, rendered again on every change: lit only touches the bindings
// whose value changed, so a half-typed reason or poll, the focus and the scroll of a queue survive
// whatever arrives meanwhile. Queues are keyed lists (`repeat`), so a new question adds one row and
// moves nothing else. Three small regions that change on their own clock (the floor timer, the
// talk-time balance, the reaction meter) are rendered into slots of their own, so a tick never
// walks thousands of queued questions.
//
// Focus is never left on the page body: when an action removes the element that had the focus
// (an approved question leaves the pending queue), the focus goes to the same action of the item
// that took its place, else to the queue's heading. Letter keys act on the focused question (see
// `queueKeys`), and only there, so they never fire while someone types.
import { html, render, nothing, repeat, live } from './lib.js';
import { readFragment, formatTime, frameScheduler } from './dom.js';
import { Connection } from './connection.js';
import { t, describe, initI18n, languages, language, setLanguage, onLanguageChange, formatNumber, formatClock } from './i18n.js';
import { emptyRoom, applySnapshot, applyEvent, applyTallies, openQuestions, currentSegment, floorRemaining } from './room.js';
import { argumentTree, pollView, reactionMeter, logEntries, oxfordView, width } from './widgets.js';
import { loadLimits, limit } from './limits.js';

// Field bounds come from the server and the words from the catalogs before anything is drawn.
await Promise.all([loadLimits(), initI18n('console')]);

const { debate, token } = readFragment('tribune.moderator');
const room = emptyRoom();
const ui = {
  status: 'connecting',
  // What went wrong, as a function so that its words follow a language switch.
  error: null,
  announce: '',
  pollKind: 'single',
  // Open reason editors (dismiss, ban), by item key, with what was typed so far.
  reasons: new Map(),
  // An element to focus after the next render, by its data-focus key.
  focusNext: null,
};
let conn = null;

const formats = ['oxford', 'talk_show', 'round_table', 'fishbowl', 'custom'];
const kinds = ['vote_before', 'opening', 'free_debate', 'questions', 'closing', 'vote_after', 'conversation', 'round', 'fishbowl', 'intro', 'wrap_up'];
const roles = ['host', 'guest', 'panelist', 'seat', 'audience'];
const statuses = ['not_started', 'running', 'paused', 'ended'];
const confirmed = ['approve', 'dismiss', 'put_on_air', 'pin', 'mark_answered', 'create_poll', 'open_poll', 'close_poll', 'reveal_poll'];

const formatWord = (f) => t(`moderator.format.${formats.includes(f) ? f : 'custom'}`);
const kindWord = (k) => t(`moderator.kind.${kinds.includes(k) ? k : 'other'}`);
const roleWord = (r) => t(`moderator.role.${roles.includes(r) ? r : 'panelist'}`);
const statusWord = (s) => t(`moderator.show_status.${statuses.includes(s) ? s : 'not_started'}`);
const sideWord = (s) => (s === 'for' || s === 'against' ? t(`side.${s}`) : t('moderator.side_none'));
const count = (key, n) => t(key, { count: n, n: formatNumber(n) });

function say(text) {
  // The same words twice in a row would not be read again: a trailing no-break space changes them.
  ui.announce = ui.announce === text ? `${text}\u00a0` : text;
}

async function act(type, fields = {}) {
  try {
    const ack = await conn.send(type, fields);
    ui.error = null;
    // Commands whose effect the page shows by itself elsewhere (a label that flips, an event
    // announced below) say nothing more.
    if (confirmed.includes(type)) say(t(`moderator.done.${type}`));
    draw();
    return ack;
  } catch (err) {
    ui.error = () => describe(err.code);
    draw();
    return null;
  }
}

// ---- Focus ---------------------------------------------------------------------------------
// Where the focus was, in terms that survive a render: the element's key, its action, its item
// and that item's place in its list.
function focusMemo(el) {
  const item = el.closest('[data-item]');
  const list = item?.closest('[data-list]');
  return {
    el,
    key: el.dataset?.focus || null,
    then: el.dataset?.then || null,
    action: el.dataset?.action || null,
    item: item?.dataset.item || null,
    list: list?.dataset.list || null,
    index: list ? [...list.children].indexOf(item) : -1,
    section: el.closest('section')?.id || null,
  };
}

const byAttr = (name, value, root = document) => (value ? root.querySelector(`[${name}="${CSS.escape(value)}"]`) : null);
const focusable = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]';

function restoreFocus(memo) {
  if (memo.el.isConnected && !memo.el.disabled) {
    // Moved, not removed (a queue re-sorted): the same element, without scrolling.
    memo.el.focus({ preventScroll: true });
    if (document.activeElement === memo.el) return;
  }
  // `data-then` names where the focus goes when the element itself is gone for good (a key, or the
  // id of a heading): "End the show" leads to the heading that now says the show is over.
  const again = byAttr('data-focus', memo.key) || byAttr('data-focus', memo.then) || (memo.then && document.getElementById(memo.then));
  if (again) return again.focus();
  const list = byAttr('data-list', memo.list);
  if (list) {
    const items = [...list.querySelectorAll(':scope > [data-item]')];
    const item = items.find((x) => x.dataset.item === memo.item) || items[Math.min(memo.index, items.length - 1)];
    const target = item && (byAttr('data-action', memo.action, item) || item.querySelector(focusable));
    if (target) return target.focus();
  }
  const section = memo.section && document.getElementById(memo.section);
  (section?.querySelector(`h2[tabindex]`) || document.querySelector('h1')).focus();
}

// ---- Rendering -----------------------------------------------------------------------------
function paint() {
  const before = document.activeElement;
  const memo = before && before !== document.body && document.body.contains(before) ? focusMemo(before) : null;
  render(page(), document.body);
  renderSlots();
  if (ui.focusNext) {
    const target = byAttr('data-focus', ui.focusNext);
    ui.focusNext = null;
    if (target) { target.focus(); return; }
  }
  if (memo && (document.activeElement === document.body || document.activeElement === null)) restoreFocus(memo);
}
const draw = frameScheduler(paint);

// Regions with a clock of their own, rendered into empty elements of the page template (which
// never touches their content).
const slots = {
  clock: () => clock(),
  talk: () => talkBalance(),
  meter: () => reactionMeter(room),
};
function renderSlots(only) {
  for (const el of document.querySelectorAll('[data-slot]')) {
    if (!only || only === el.dataset.slot) render(slots[el.dataset.slot](), el);
  }
}
const slot = (name) => html`<div class="slot" data-slot=${name}></div>`;

function clock() {
  const remaining = floorRemaining(room, conn ? conn.now() : Date.now());
  if (remaining === null) return nothing;
  const state = remaining < 0 ? 'overtime' : remaining < 15000 ? 'warning' : '';
  return html`<span class="timer ${state}" role="timer" data-testid="timer">${formatTime(remaining)}</span>`;
}

// Talk time so far, the current turn included, so the balance moves while someone speaks.
function talkBalance() {
  const tt = room.talkTime;
  if (!tt) return nothing;
  const sides = { for: 0, against: 0, none: 0, ...tt.sides };
  const speakers = { ...tt.speakers };
  const f = room.show.floor;
  if (f && conn) {
    const pausedNow = room.show.status === 'paused' && room.show.paused_at ? conn.now() - room.show.paused_at : 0;
    const elapsed = Math.max(0, conn.now() - f.started_at - f.paused_ms - pausedNow);
    sides[f.speaker.side] = (sides[f.speaker.side] || 0) + elapsed;
    speakers[f.speaker.id] = (speakers[f.speaker.id] || 0) + elapsed;
  }
  const total = Math.max(1, sides.for + sides.against + sides.none);
  const nameOf = (id) => room.panelists.get(id)?.name || room.participants.get(id)?.name || t('moderator.unknown_author');
  return html`<div data-testid="talk-time">
    <h3>${t('moderator.talk_time')}</h3>
    <div class="balance" aria-hidden="true">${['for', 'against', 'none'].map((side) => html`<div class=${side} .style=${width((100 * sides[side]) / total)}></div>`)}</div>
    <p>${t('moderator.talk_sides', { for: formatTime(sides.for), against: formatTime(sides.against), none: formatTime(sides.none) })}</p>
    <ul class="plain compact">${Object.entries(speakers).map(([id, ms]) => html`<li>${nameOf(id)} <span class="num">${formatTime(ms)}</span></li>`)}</ul>
  </div>`;
}

function header() {
  const title = room.debate ? t('moderator.heading_debate', { title: room.debate.title }) : t('moderator.heading');
  return html`<header class="bar">
    <h1 tabindex="-1">${title}</h1>
    <span class="row">
      <span class="badge" data-testid="moderation-mode" title=${t('moderator.mode_hint')}>${t(room.moderation === 'private' ? 'moderator.mode_private' : 'moderator.mode_public')}</span>
      <span class="status" data-status=${ui.status} data-testid="status">${t(`status.${ui.status}`)}</span>
      <label class="lang"><span class="visually-hidden">${t('lang.label')}</span>
        <select data-testid="language" @change=${(e) => setLanguage(e.target.value)}>
          ${languages.map((l) => html`<option value=${l} ?selected=${l === language()}>${t(`lang.${l}`)}</option>`)}
        </select></label>
    </span></header>`;
}

// A button that opens an inline reason field, then sends with the reason. What is typed is kept
// in `ui.reasons` and bound with `live`, so a render never overwrites it.
function withReason(label, testid, key, send, shortcut) {
  if (!ui.reasons.has(key)) {
    return html`<button type="button" class="danger" data-testid=${testid} data-action="dismiss" data-focus=${`${key}:reason-open`}
      aria-keyshortcuts=${shortcut ?? nothing} @click=${() => { ui.reasons.set(key, ''); ui.focusNext = `${key}:reason`; draw(); }}>${label}</button>`;
  }
  const cancel = () => { ui.reasons.delete(key); ui.focusNext = `${key}:reason-open`; draw(); };
  return html`<form class="row reason" @submit=${async (e) => {
    e.preventDefault();
    const reason = (ui.reasons.get(key) || '').trim();
    if (!reason) { e.target.querySelector('input').focus(); return; }
    if (await send(reason)) ui.reasons.delete(key);
    draw();
  }}>
    <input type="text" required maxlength=${limit('reason_chars') ?? nothing} aria-label=${t('moderator.reason_label')}
      placeholder=${t('moderator.reason_placeholder')} data-testid=${`${testid}-reason`} data-focus=${`${key}:reason`}
      .value=${live(ui.reasons.get(key))} @input=${(e) => ui.reasons.set(key, e.target.value)}
      @keydown=${(e) => { if (e.key === 'Escape') cancel(); }}>
    <button type="submit" class="danger" data-testid=${`${testid}-confirm`} data-action="dismiss-confirm">${label}</button>
    <button type="button" data-focus=${`${key}:reason-cancel`} data-then=${`${key}:reason-open`} @click=${cancel}>${t('common.cancel')}</button>
  </form>`;
}

function onAirStrip() {
  const ended = room.show.status === 'ended';
  const floor = room.show.floor;
  const q = room.onAir ? room.questions.get(room.onAir) : null;
  const a = room.featured ? room.arguments.get(room.featured) : null;
  const open = [...room.polls.values()].filter((p) => p.status === 'open');
  const empty = !floor && !q && !a && open.length === 0;
  return html`<section class="card onair-strip" id="on-air" aria-labelledby="on-air-heading" data-testid="on-air-panel">
    <h2 id="on-air-heading" tabindex="-1">${ended ? t('moderator.ended_title') : t('moderator.on_air_title')}</h2>
    ${ended ? html`<p class="muted" data-testid="show-ended">${t('moderator.ended_hint')}</p>${oxfordView(room)}` : nothing}
    ${!ended && empty ? html`<p class="muted">${t('moderator.nothing_on_air')}</p>` : nothing}
    <div class="onair-grid">
      ${floor ? html`<div class="onair-item"><span class="label">${t('moderator.on_air_speaker')}</span>
        <strong>${floor.speaker.name}</strong> <span class="badge ${floor.speaker.side}">${sideWord(floor.speaker.side)}</span> ${slot('clock')}</div>` : nothing}
      ${q ? html`<div class="onair-item"><span class="label">${t('moderator.on_air_question')}</span>
        <p class="qtext">${q.text}</p>
        <button type="button" data-focus="strip:question" data-then="on-air-heading" @click=${() => act('put_on_air', { question: null })}>${t('moderator.take_off_air')}</button></div>` : nothing}
      ${a ? html`<div class="onair-item"><span class="label">${t('moderator.on_air_argument')}</span>
        <p class="qtext">${a.text}</p>
        <button type="button" data-focus="strip:argument" @click=${() => act('feature_argument', { argument: null })}>${t('moderator.take_off_air')}</button></div>` : nothing}
      ${repeat(open, (p) => p.id, (p) => html`<div class="onair-item"><span class="label">${t('moderator.on_air_poll')}</span>
        <p class="qtext">${p.question}</p>
        <button type="button" data-focus=${`strip:close:${p.id}`} @click=${() => act('close_poll', { poll: p.id })}>${t('moderator.close_poll')}</button></div>`)}
    </div>
  </section>`;
}

function showCard() {
  const seg = currentSegment(room);
  const st = room.show.status;
  const floor = room.show.floor;
  const running = st === 'running' || st === 'paused';
  return html`<section class="card" id="show" data-testid="show" aria-labelledby="show-heading">
    <h2 id="show-heading" tabindex="-1">${t('moderator.show_title')} <span class="badge">${formatWord(room.runOfShow.format)}</span></h2>
    <ol class="segments">${room.runOfShow.segments.map((s) => {
      const current = seg && s.id === room.show.segment;
      // The kind is said only when the segment's own name does not already say it.
      const kind = kindWord(s.kind);
      const named = String(s.name).toLowerCase().startsWith(kind.toLowerCase());
      return html`<li data-testid="segment" class=${current ? 'current' : ''} aria-current=${current ? 'step' : nothing}>
        ${current ? html`<strong>${s.name}</strong>` : s.name}
        <span class="muted">${named ? nothing : html`· ${kind} `}· ${t('moderator.minutes', { n: formatNumber(s.minutes) })}</span></li>`;
    })}</ol>
    <p>${t('moderator.show_label')} <strong data-testid="show-status">${statusWord(st)}</strong>${seg ? html` · <span data-testid="current-segment">${seg.name}</span>` : nothing}</p>
    <div class="row">
      ${st === 'not_started' ? html`<button type="button" class="primary" data-testid="start-show" data-focus="show:start" data-then="show:advance"
        @click=${() => act('start_show')}>${t('moderator.start_show')}</button>` : nothing}
      ${running ? html`
        <button type="button" class="primary" data-testid="advance" data-focus="show:advance" @click=${() => act('advance')}>${t('moderator.advance')}</button>
        <button type="button" data-focus="show:pause" @click=${() => act(st === 'running' ? 'pause' : 'resume')}>${st === 'running' ? t('moderator.pause') : t('moderator.resume')}</button>
        <button type="button" class="danger" data-testid="end-show" data-focus="show:end" data-then="on-air-heading" @click=${() => act('end_show')}>${t('moderator.end_show')}</button>` : nothing}
    </div>
    <h3>${t('moderator.floor_title')}</h3>
    ${floor ? html`<div>
      <p><strong data-testid="speaker">${floor.speaker.name}</strong>
        <span class="badge">${roleWord(floor.speaker.role)}</span>
        <span class="badge ${floor.speaker.side}">${sideWord(floor.speaker.side)}</span></p>
      ${slot('clock')}
      <div class="row">
        <button type="button" data-focus="floor:extend" title=${t('moderator.extend_label', { n: formatNumber(30) })}
          @click=${() => act('extend_floor', { seconds: 30 })}>${t('moderator.extend', { n: formatNumber(30) })}</button>
        <button type="button" class="danger" data-testid="end-floor" data-focus="floor:cut" data-then="show-heading"
          aria-label=${t('moderator.cut_label', { name: floor.speaker.name })} @click=${() => act('end_floor')}>${t('moderator.cut')}</button>
      </div></div>` : html`<p class="muted">${t('moderator.nobody_speaks')}</p>`}
    ${slot('talk')}
  </section>`;
}

function giveFloor(id, name, where) {
  return html`<button type="button" class="primary" data-testid=${`give-floor-${id}`} data-focus=${`${where}:give:${id}`} data-action="give"
    aria-label=${t('moderator.give_floor_to', { name })} @click=${() => act('grant_floor', { speaker: id })}>${t('moderator.give_floor')}</button>`;
}

function stageCard() {
  const panel = [...room.panelists.values()];
  const seated = room.seats.seated || [];
  const lanes = { new_point: [], direct_reply: [] };
  for (const hand of room.hands) (lanes[hand.lane] || lanes.new_point).push(hand);
  return html`<section class="card" id="stage" data-testid="stage-panel" aria-labelledby="stage-heading">
    <h2 id="stage-heading" tabindex="-1">${t('moderator.stage_title')}</h2>
    ${panel.length === 0 ? html`<p class="muted">${t('moderator.no_panelist')}</p>` : nothing}
    <ul class="plain" data-list="panel">
      ${repeat(panel, (p) => p.id, (p) => html`<li data-testid="panelist" data-item=${p.id}>
        <strong>${p.name}</strong> <span class="badge">${roleWord(p.role)}</span>
        <span class="badge ${p.side}">${sideWord(p.side)}</span>
        <span class="badge">${p.on_stage ? t('moderator.on_stage_now') : t('moderator.backstage')}</span>
        <div class="row">
          ${p.on_stage ? giveFloor(p.id, p.name, 'panel') : nothing}
          <button type="button" data-focus=${`panel:stage:${p.id}`} data-action="stage"
            @click=${() => act('set_on_stage', { panelist: p.id, on: !p.on_stage })}>${p.on_stage ? t('moderator.off_stage') : t('moderator.to_stage')}</button>
        </div></li>`)}
      ${repeat(seated, (s) => s.id, (s) => html`<li data-item=${s.id}>
        <strong>${s.name}</strong> <span class="badge">${t('moderator.role.seat')}</span>
        <div class="row">${giveFloor(s.id, s.name, 'seat')}
          <button type="button" data-focus=${`seat:free:${s.id}`} @click=${() => act('unseat', { participant: s.id })}>${t('moderator.free_seat')}</button></div></li>`)}
    </ul>
    <h3>${t('moderator.hands_title')}</h3>
    ${['direct_reply', 'new_point'].map((lane) => html`<h4>${t(`moderator.lane_${lane}`)}</h4>
      <ul class="plain compact" data-testid=${`lane-${lane}`} data-list=${`lane-${lane}`}>
        ${lanes[lane].length === 0 ? html`<li class="muted">${t('moderator.lane_empty')}</li>` : nothing}
        ${repeat(lanes[lane], (x) => x.speaker.id, (x) => html`<li data-item=${x.speaker.id}>
          <strong>${x.speaker.name}</strong> <span class="badge ${x.speaker.side}">${sideWord(x.speaker.side)}</span>
          ${giveFloor(x.speaker.id, x.speaker.name, lane)}</li>`)}
      </ul>`)}
    ${room.seats.total > 0 ? html`<h3>${count('moderator.seats_title', room.seats.total)}</h3>
      <ul class="plain compact" data-list="seat-requests">
        ${(room.seats.requests || []).length === 0 ? html`<li class="muted">${t('moderator.no_seat_request')}</li>` : nothing}
        ${repeat(room.seats.requests || [], (s) => s.id, (s) => html`<li data-item=${s.id}>${s.name}
          <button type="button" data-focus=${`request:${s.id}`} aria-label=${t('moderator.seat_label', { name: s.name })}
            @click=${() => act('seat', { participant: s.id })}>${t('moderator.seat_action')}</button></li>`)}
      </ul>` : nothing}
  </section>`;
}

// Letter keys on a focused question: one key per common action, arrows (or J/K) to move between
// questions. Ignored in fields, so typing a reason never approves anything.
const shortcuts = { a: 'approve', d: 'dismiss', o: 'on-air', p: 'pin', r: 'answer' };
function queueKeys(e) {
  if (e.altKey || e.ctrlKey || e.metaKey || e.target.closest('input, textarea, select')) return;
  const item = e.target.closest('[data-item]');
  if (!item) return;
  const key = e.key.toLowerCase();
  if (['arrowdown', 'arrowup', 'j', 'k'].includes(key)) {
    const next = key === 'arrowdown' || key === 'j' ? item.nextElementSibling : item.previousElementSibling;
    if (!next?.dataset.item) return;
    e.preventDefault();
    (byAttr('data-action', e.target.dataset.action, next) || next.querySelector(focusable))?.focus();
    return;
  }
  const button = byAttr('data-action', shortcuts[key], item);
  if (!button) return;
  e.preventDefault();
  button.click();
}

// Words that every row of a queue repeats, looked up once per render rather than once per row,
// and the per-row figures (a time, a vote count) remembered per language: a queue of thousands
// costs a template per row and little else.
function queueWords() {
  return {
    unknown: t('moderator.unknown_author'), anonymous: t('moderator.asked_anonymously'), onAir: t('common.on_air'),
    pinned: t('common.pinned'), answered: t('common.answered'), approve: t('moderator.approve'), dismiss: t('moderator.dismiss'),
    putOnAir: t('moderator.put_on_air'), takeOffAir: t('moderator.take_off_air'), pin: t('moderator.pin'), unpin: t('moderator.unpin'),
    markAnswered: t('moderator.mark_answered'),
  };
}
const remembered = new Map();
function once(kind, value, make) {
  const key = `${language()}|${kind}|${value}`;
  let text = remembered.get(key);
  if (text === undefined) {
    if (remembered.size > 20000) remembered.clear();
    text = make(value);
    remembered.set(key, text);
  }
  return text;
}
const askedAt = (at) => once('asked', at, () => t('moderator.asked_at', { time: formatClock(at) }));
const votesText = (n) => once('votes', n, () => count('moderator.votes', n));

function questionItem(q, w) {
  const pending = q.status === 'pending';
  const key = `q:${q.id}`;
  const onAir = room.onAir === q.id;
  return html`<li data-testid=${pending ? 'pending-question' : 'approved-question'} data-question=${q.id} data-item=${q.id} class=${onAir ? 'is-on-air' : ''}>
    <p class="qtext" data-testid="question-text">${q.text}</p>
    <p class="meta">${q.author ? q.author.name : w.unknown}
      ${q.anonymous ? html`<span class="badge">${w.anonymous}</span>` : nothing}
      · ${askedAt(q.asked_at)}
      ${pending ? nothing : html` · <span class="num">${votesText(q.votes)}</span>`}
      ${onAir ? html`<span class="badge onair">${w.onAir}</span>` : nothing}
      ${q.pinned ? html`<span class="badge">${w.pinned}</span>` : nothing}
      ${q.status === 'answered' ? html`<span class="badge">${w.answered}</span>` : nothing}</p>
    ${pending ? html`<div class="row">
        <button type="button" class="primary" data-testid="approve" data-action="approve" data-focus=${`${key}:approve`} aria-keyshortcuts="A"
          @click=${() => act('approve', { question: q.id })}>${w.approve}</button>
        ${withReason(w.dismiss, 'dismiss', key, (reason) => act('dismiss', { question: q.id, reason }), 'D')}
      </div>` : html`<div class="row">
        <button type="button" data-testid="on-air" data-action="on-air" data-focus=${`${key}:on-air`} aria-keyshortcuts="O" aria-pressed=${onAir ? 'true' : 'false'}
          @click=${() => act('put_on_air', { question: room.onAir === q.id ? null : q.id })}>${onAir ? w.takeOffAir : w.putOnAir}</button>
        <button type="button" data-testid="pin" data-action="pin" data-focus=${`${key}:pin`} aria-keyshortcuts="P" aria-pressed=${q.pinned ? 'true' : 'false'}
          @click=${() => act('pin', { question: q.id, pinned: !q.pinned })}>${q.pinned ? w.unpin : w.pin}</button>
        ${q.status === 'approved' ? html`<button type="button" data-testid="answered" data-action="answer" data-focus=${`${key}:answer`} data-then=${`${key}:on-air`}
          aria-keyshortcuts="R" @click=${() => act('mark_answered', { question: q.id })}>${w.markAnswered}</button>` : nothing}
        ${withReason(w.dismiss, 'dismiss-approved', key, (reason) => act('dismiss', { question: q.id, reason }), 'D')}
      </div>`}
  </li>`;
}

function queue(name, list, empty) {
  const w = queueWords();
  return html`<section class="card queue-card" id=${`${name}-section`} aria-labelledby=${`${name}-heading`}>
    <div class="queue-head">
      <h2 id=${`${name}-heading`} tabindex="-1">${t(`moderator.${name}_title`)}</h2>
      <span class="muted num" data-testid=${`${name}-count`}>${count('moderator.queue_count', list.length)}</span>
    </div>
    <p class="muted keys" id=${`${name}-keys`}>${t(`moderator.${name}_keys`)}</p>
    <ul class="plain queue" id=${name} data-testid=${name} data-list=${name} aria-labelledby=${`${name}-heading`}
      aria-describedby=${`${name}-keys`} @keydown=${queueKeys}>
      ${list.length === 0 ? html`<li class="muted">${t(empty)}</li>` : nothing}
      ${repeat(list, (q) => q.id, (q) => questionItem(q, w))}
    </ul>
  </section>`;
}

function pollsCard() {
  const polls = [...room.polls.values()].reverse();
  const withOptions = ui.pollKind === 'single' || ui.pollKind === 'multiple';
  return html`<section class="card" id="polls-section" aria-labelledby="polls-heading">
    <h2 id="polls-heading" tabindex="-1">${t('moderator.polls_title')}</h2>
    <div id="poll-form">
      <div class="row">
        <button type="button" data-testid="oxford-before" data-focus="poll:oxford-before" @click=${() => act('create_oxford_poll', { phase: 'before' })}>${t('poll.oxford_before')}</button>
        <button type="button" data-testid="oxford-after" data-focus="poll:oxford-after" @click=${() => act('create_oxford_poll', { phase: 'after' })}>${t('poll.oxford_after')}</button>
      </div>
      <details><summary>${t('moderator.new_poll')}</summary>
        <form class="poll-form" @submit=${async (e) => {
          e.preventDefault();
          const form = e.target;
          const question = form.querySelector('#poll-question');
          const options = form.querySelector('#poll-options');
          const fields = { kind: ui.pollKind, question: question.value };
          if (withOptions) fields.options = options.value.split('\n').map((o) => o.trim()).filter(Boolean);
          if (await act('create_poll', fields)) { question.value = ''; options.value = ''; }
        }}>
          <label for="poll-kind">${t('moderator.poll_kind')}</label>
          <select id="poll-kind" data-testid="poll-kind" @change=${(e) => { ui.pollKind = e.target.value; draw(); }}>
            ${['single', 'multiple', 'scale', 'word_cloud'].map((k) => html`<option value=${k} ?selected=${k === ui.pollKind}>${t(`poll.kind_${k}`)}</option>`)}
          </select>
          <label for="poll-question">${t('moderator.poll_question')}</label>
          <input type="text" id="poll-question" data-testid="poll-question" maxlength=${limit('poll_question_chars') ?? nothing}>
          <div ?hidden=${!withOptions}>
            <label for="poll-options">${t('moderator.poll_options')}</label>
            <textarea id="poll-options" data-testid="poll-options"></textarea>
          </div>
          <p><button type="submit" class="primary" data-testid="create-poll">${t('moderator.create_poll')}</button></p>
        </form></details>
    </div>
    ${polls.length === 0 ? html`<p class="muted">${t('moderator.no_polls')}</p>` : nothing}
    <div data-list="polls">${repeat(polls, (p) => p.id, (p) => html`<div data-item=${p.id}>
      ${pollView(room, p)}
      <div class="row">
        ${p.status === 'draft' ? html`<button type="button" class="primary" data-testid=${`open-${p.id}`} data-focus=${`poll:${p.id}:open`} data-then=${`poll:${p.id}:close`}
          @click=${() => act('open_poll', { poll: p.id })}>${t('moderator.open_poll')}</button>` : nothing}
        ${p.status === 'open' ? html`<button type="button" data-testid=${`close-${p.id}`} data-focus=${`poll:${p.id}:close`} data-then=${`poll:${p.id}:reveal`}
          @click=${() => act('close_poll', { poll: p.id })}>${t('moderator.close_poll')}</button>` : nothing}
        ${p.status !== 'draft' && !p.revealed ? html`<button type="button" data-testid=${`reveal-${p.id}`} data-focus=${`poll:${p.id}:reveal`}
          @click=${() => act('reveal_poll', { poll: p.id })}>${t('moderator.reveal_poll')}</button>` : nothing}
      </div></div>`)}</div>
  </section>`;
}

function argumentsCard() {
  return html`<section class="card" id="arguments-section" aria-labelledby="arguments-heading">
    <h2 id="arguments-heading" tabindex="-1">${t('moderator.arguments_title')}</h2>
    <div class="tree" id="arguments">${argumentTree(room, {
      showAll: true,
      extra: (a) => {
        const key = `a:${a.id}`;
        if (a.status === 'pending') {
          return html`<div class="row">
            <button type="button" class="primary" data-testid="approve-argument" data-focus=${`${key}:approve`} data-then=${`${key}:feature`}
              @click=${() => act('approve_argument', { argument: a.id })}>${t('moderator.approve')}</button>
            ${withReason(t('moderator.dismiss'), 'dismiss-argument', key, (reason) => act('dismiss_argument', { argument: a.id, reason }))}</div>`;
        }
        if (a.status !== 'published') return nothing;
        const featured = room.featured === a.id;
        return html`<div class="row">
          <button type="button" data-focus=${`${key}:feature`} aria-pressed=${featured ? 'true' : 'false'}
            @click=${() => act('feature_argument', { argument: featured ? null : a.id })}>${featured ? t('moderator.take_off_air') : t('moderator.put_on_air')}</button>
          ${a.addressed ? nothing : html`<button type="button" data-focus=${`${key}:addressed`} data-then=${`${key}:feature`}
            @click=${() => act('mark_addressed', { argument: a.id })}>${t('moderator.mark_addressed')}</button>`}</div>`;
      },
    })}</div>
  </section>`;
}

function participantsCard() {
  const people = [...room.participants.values()];
  return html`<section class="card" id="participants-section" aria-labelledby="participants-heading">
    <h2 id="participants-heading" tabindex="-1">${t('moderator.participants_title')} <span class="muted num">${formatNumber(people.length)}</span></h2>
    <ul class="plain people" id="participants" data-list="people">
      ${people.length === 0 ? html`<li class="muted">${t('moderator.no_participants')}</li>` : nothing}
      ${repeat(people, (p) => p.id, (p) => html`<li data-item=${p.id}>
        <strong>${p.name}</strong>
        ${p.muted ? html`<span class="badge">${t('moderator.muted')}</span>` : nothing}
        ${p.banned ? html`<span class="badge against">${t('moderator.banned')}</span>` : nothing}
        ${p.banned ? nothing : html`<div class="row">
          <button type="button" data-focus=${`p:${p.id}:mute`} aria-pressed=${p.muted ? 'true' : 'false'}
            @click=${() => act('mute', { participant: p.id, muted: !p.muted })}>${p.muted ? t('moderator.unmute') : t('moderator.mute')}</button>
          ${withReason(t('moderator.ban'), 'ban', `p:${p.id}`, (reason) => act('ban', { participant: p.id, reason }))}</div>`}
      </li>`)}
    </ul>
  </section>`;
}

function page() {
  const all = [...room.questions.values()];
  const pending = all.filter((q) => q.status === 'pending');
  return html`${header()}
    <main class="console-main">
      <p class="error" role="alert" data-testid="error">${ui.error ? ui.error() : ''}</p>
      <p class="visually-hidden" role="status" aria-live="polite" data-testid="announce">${ui.announce}</p>
      ${onAirStrip()}
      <div class="console-grid">
        <div class="column">${showCard()}${stageCard()}</div>
        <div class="column">${queue('pending', pending, 'moderator.no_pending')}${queue('approved', openQuestions(room), 'moderator.no_approved')}</div>
        <div class="column">
          ${pollsCard()}
          ${argumentsCard()}
          ${participantsCard()}
          <section class="card" id="reactions-section" aria-labelledby="reactions-heading">
            <h2 id="reactions-heading" tabindex="-1">${t('moderator.reactions_title')}</h2>${slot('meter')}</section>
          <section class="card" id="log-section" aria-labelledby="log-heading">
            <h2 id="log-heading" tabindex="-1">${t('moderator.log_title')}</h2>
            <ul class="plain" id="log" data-testid="moderation-log">${logEntries(room)}</ul></section>
        </div>
      </div>
    </main>`;
}

// Announces what changes the show for the person at the console; never a count or a tick.
function announceEvent(m, handsBefore) {
  const d = m.data || {};
  if (m.event === 'segment_started') {
    const seg = currentSegment(room);
    if (seg) say(t('moderator.announce_segment', { name: seg.name }));
  } else if (m.event === 'floor_granted' && room.show.floor) {
    say(t('moderator.announce_floor', { name: room.show.floor.speaker.name }));
  } else if (m.event === 'hand_raised') {
    const raised = (d.hands || []).find((h) => !handsBefore.has(h.speaker.id));
    if (raised) say(t('moderator.announce_hand', { name: raised.speaker.name }));
  } else if (m.event === 'show_ended') {
    say(t('moderator.announce_ended'));
  }
}

function setTitle() {
  document.title = room.debate ? t('moderator.page_title', { title: room.debate.title }) : t('moderator.heading');
}

onLanguageChange(() => { setTitle(); paint(); });
setInterval(() => { if (room.show.floor) renderSlots('clock'); }, 250);
setInterval(() => { if (room.show.floor) renderSlots('talk'); }, 1000);

setTitle();
if (!debate || !token) {
  ui.error = () => t('moderator.no_link');
  ui.status = 'closed';
  paint();
} else {
  // The page, its live regions included, is on screen before the first message arrives.
  paint();
  conn = new Connection({
    debate, token,
    onStatus: (s) => { ui.status = s; draw(); },
    onFatal: (m) => { ui.error = () => describe(m.code); draw(); },
    onMessage: (m) => {
      if (m.type === 'snapshot') { applySnapshot(room, m.state); setTitle(); }
      else if (m.type === 'event') {
        const handsBefore = new Set(room.hands.map((h) => h.speaker.id));
        applyEvent(room, m);
        announceEvent(m, handsBefore);
        if (m.event === 'debate_created') setTitle();
      } else if (m.type === 'tallies') applyTallies(room, m);
      else if (m.type === 'reactions') { room.totals = m.totals; room.recent = m.recent; renderSlots('meter'); return; }
      else if (m.type === 'error') { ui.error = () => describe(m.code); }
      else return;
      draw();
    },
  });
  conn.connect();
}
