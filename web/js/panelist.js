import { h, replace, readFragment, formatTime } from './dom.js';
import { Connection, statusBadge } from './connection.js';
import { describe, initI18n } from './i18n.js';
import { emptyRoom, applySnapshot, applyEvent, applyTallies, currentSegment, floorRemaining } from './room.js';
import { argumentTree } from './widgets.js';
import { loadLimits } from './limits.js';

// Field bounds come from the server before anything is drawn.
await Promise.all([loadLimits(), initI18n()]);

const { debate, token } = readFragment('tribune.panelist');
const room = emptyRoom();
let me = null;
const $ = (id) => document.getElementById(id);
const showError = (err) => { $('error').textContent = err ? describe(err.code, err.detail) : ''; };

const conn = new Connection({
  debate, token,
  onStatus: (s) => statusBadge($('status'), s),
  onWelcome: (w) => { me = w; },
  onFatal: showError,
  onMessage: (m) => {
    if (m.type === 'snapshot') applySnapshot(room, m.state);
    else if (m.type === 'event') applyEvent(room, m);
    else if (m.type === 'tallies') applyTallies(room, m);
    else return;
    render();
  },
});

async function act(type, fields = {}) {
  try { const ack = await conn.send(type, fields); showError(null); return ack; } catch (err) { showError(err); return null; }
}

$('new-point').addEventListener('click', () => act('raise_hand', { lane: 'new_point' }));
$('direct-reply').addEventListener('click', () => act('raise_hand', { lane: 'direct_reply' }));
$('lower').addEventListener('click', () => act('lower_hand'));
$('argue').addEventListener('submit', async (e) => {
  e.preventDefault();
  const fields = { text: $('text').value, stance: me && me.side === 'against' ? 'against' : 'for' };
  if ($('answers').value) { fields.parent = $('answers').value; fields.relation = $('relation').value; }
  if ($('source').value.trim()) fields.source = $('source').value.trim();
  if (await act('post_argument', fields)) { $('text').value = ''; $('source').value = ''; }
});

function renderNow() {
  const seg = currentSegment(room);
  const f = room.show.floor;
  const mine = f && me && f.speaker.id === me.panelist;
  const remaining = floorRemaining(room, conn.now());
  replace($('now'),
    h('p', {}, me ? `${me.name} · ${me.panel_role}${me.side !== 'none' ? ` · ${me.side}` : ''}` : ''),
    seg ? h('p', {}, 'Now: ', h('strong', {}, seg.name)) : h('p', { class: 'muted' }, 'The show has not started.'),
    f ? h('p', { class: mine ? 'notice' : '' }, mine ? 'You have the floor ' : `${f.speaker.name} has the floor `,
      h('span', { class: `timer ${remaining < 0 ? 'overtime' : remaining < 15000 ? 'warning' : ''}` }, formatTime(remaining))) : null,
    room.hands.some((x) => me && x.speaker.id === me.panelist) ? h('p', { class: 'badge' }, 'Your hand is raised') : null);
}

function render() {
  if (room.debate) $('title').textContent = room.debate.title;
  renderNow();
  const published = [...room.arguments.values()].filter((a) => a.status === 'published' && a.text !== undefined);
  const current = $('answers').value;
  replace($('answers'), h('option', { value: '' }, 'The motion itself'), published.map((a) => h('option', { value: a.id }, a.text.slice(0, 80))));
  $('answers').value = current;
  replace($('arguments'), argumentTree(room));
}

setInterval(() => { if (room.show.floor) renderNow(); }, 250);
if (!debate || !token) showError({ code: 'unauthorized' });
else conn.connect();
