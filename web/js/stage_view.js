// What the big screen (stage.js) and the broadcast overlay (overlay.js) share: the live room behind
// a stage link, the debate's brand, and the pieces both put on screen (who speaks and for how long,
// the question or claim on air, a poll, the Oxford result, the word cloud), as lit templates.
//
// A projected screen never shows an error: a refused link leaves the page on its join card, and a
// new link pasted into the same tab (a new #fragment) reconnects without a reload.
import { html, nothing, repeat } from './lib.js';
import { readFragment, formatTime } from './dom.js';
import { Connection } from './connection.js';
import { t, formatNumber } from './i18n.js';
import { applyBrand, accentOf, logoOf, contrast } from './brand.js';
import { emptyRoom, applySnapshot, applyEvent, applyTallies, currentSegment, floorRemaining, questionAuthor, stanceWord } from './room.js';
import { segmentName } from './segments.js';
import { applyOpinion } from './opinion.js';

// The live room of one stage link. `onChange(message?)` runs after every change (a page schedules
// one render per frame from it). The fragment (#debate=…&token=…) is read once at start and again
// whenever it changes; dom.js's readFragment keeps it in sessionStorage and clears it from the
// address bar, so a reload keeps the screen and the secret stays out of sight.
export function createLive({ storageKey, onChange }) {
  const live = {
    room: emptyRoom(),
    status: 'connecting', // the connection's status (connection.js)
    fatal: null, // why the link cannot be used ('unauthorized', 'not_found', 'no_link'), or null
    debateId: null,
    info: null, // GET /api/debates/{id}: title, code, motion, brand; known even when the link is refused
    logo: null,
    conn: null,
    now: () => (live.conn ? live.conn.now() : Date.now()),
    debate: () => live.room.debate || live.info,
  };
  addEventListener('hashchange', () => {
    const found = readFragment(storageKey);
    if (found.debate && found.token) start(live, onChange, found);
  });
  start(live, onChange, readFragment(storageKey));
  return live;
}

async function loadInfo(live, onChange, id) {
  try {
    const res = await fetch(`/api/debates/${encodeURIComponent(id)}`);
    if (!res.ok || live.debateId !== id) return;
    const info = await res.json();
    if (live.debateId !== id) return;
    live.info = info;
    live.logo = showBrand(info.brand);
    onChange();
  } catch {
    // No brand and no title until the room answers: the page still works.
  }
}

function stop(conn) {
  if (!conn) return;
  // A replaced connection must not come back: no retry after its close, nor from a reconnection
  // timer already scheduled.
  conn.stopped = true;
  conn.connect = () => {};
  if (conn.ws) conn.ws.close();
}

// Connects `live` to the room of `debate` with `token`, replacing the connection it had.
function start(live, onChange, { debate, token }) {
  stop(live.conn);
  live.conn = null;
  live.fatal = null;
  live.status = 'connecting';
  if (debate !== live.debateId) {
    live.room = emptyRoom();
    live.info = null;
    live.logo = showBrand(null);
    live.debateId = debate || null;
    if (debate) loadInfo(live, onChange, debate);
  }
  if (!debate || !token) {
    live.fatal = 'no_link';
    live.status = 'closed';
    onChange();
    return;
  }
  const conn = new Connection({
    debate, token,
    onStatus: (s) => { if (conn === live.conn) { live.status = s; onChange(); } },
    onFatal: (m) => { if (conn === live.conn) { live.fatal = m.code || 'unauthorized'; onChange(); } },
    onMessage: (m) => {
      if (conn !== live.conn) return;
      const room = live.room;
      if (m.type === 'snapshot') applySnapshot(room, m.state);
      else if (m.type === 'event') applyEvent(room, m);
      else if (m.type === 'tallies') applyTallies(room, m);
      else if (m.type === 'reactions') { room.totals = m.totals || {}; room.recent = m.recent || {}; }
      else if (!applyOpinion(room, m)) return;
      onChange(m);
    },
  });
  live.conn = conn;
  conn.connect();
  onChange();
}

// --- The brand: one accent colour per debate, and a logo (brand.js). ---

// Sets the brand's --accent and --on-accent (brand.js), and --accent-text: the accent where it is
// text on the screen's own background, when it reads well enough there (3:1, large text), else the
// ordinary ink. Returns the logo's address, or null.
export function showBrand(brand) {
  const root = document.documentElement;
  applyBrand(brand, root);
  const accent = accentOf(brand);
  const bg = getComputedStyle(root).getPropertyValue('--bg').trim();
  if (accent && /^#[0-9a-f]{6}$/i.test(bg)) root.style.setProperty('--accent-text', contrast(accent, bg) >= 3 ? accent : 'var(--ink)');
  else root.style.removeProperty('--accent-text');
  return logoOf(brand);
}

// --- Words for codes. ---

export const roleWord = (role) => t(`stage.role.${['host', 'guest', 'panelist', 'seat', 'audience'].includes(role) ? role : 'panelist'}`);
export const sideWord = (side) => (side === 'for' || side === 'against' ? t(`stage.side.${side}`) : '');
const shortSide = (side) => t(side === 'for' ? 'argument.for' : side === 'against' ? 'argument.against' : 'stage.undecided');

export function formatWord(format) {
  return ['oxford', 'talk_show', 'round_table', 'fishbowl'].includes(format) ? t(`stage.format.${format}`) : t('stage.format.custom');
}

// The current segment in words: a template's segment by its kind, a typed name as typed
// (segments.js; the page awaits its templates before the first render).
export const segmentLabel = (live) => segmentName(currentSegment(live.room));

export const share = (percent) => formatNumber(percent / 100, { style: 'percent', maximumFractionDigits: 1 });
export const points = (value) => t('stage.points', { value: formatNumber(value, { signDisplay: 'exceptZero', maximumFractionDigits: 1 }) });

// An option of a poll in words: the Oxford vote's options are the sides, a scale's its points.
export function optionLabels(p) {
  if (p.oxford) return [shortSide('for'), shortSide('against'), shortSide('undecided')];
  if (p.kind === 'scale') return ['1', '2', '3', '4', '5'];
  return p.options;
}

export function kindWord(p) {
  return p.oxford ? t(`poll.oxford_${p.oxford}`) : t(`poll.kind_${p.kind}`);
}

// The poll a screen shows: the latest open one, else the latest whose results were revealed.
// Once the Oxford result is known it takes the place of the polls.
export function shownPoll(room) {
  const polls = [...room.polls.values()].reverse();
  return polls.find((p) => p.status === 'open') || polls.find((p) => p.revealed && p.status === 'closed' && !p.oxford) || null;
}

export function onAirQuestion(room) {
  const q = room.onAir ? room.questions.get(room.onAir) : null;
  return q && q.text !== undefined ? q : null;
}

export function featuredArgument(room) {
  const a = room.featured ? room.arguments.get(room.featured) : null;
  return a && a.text !== undefined ? a : null;
}

// The QR code of the audience page (GET /api/debates/{id}/qr.svg).
export const qrSource = (debate) => `/api/debates/${encodeURIComponent(debate.id)}/qr.svg`;

// Long texts get the smaller of the two claim sizes, so more of them fits.
export const lengthClass = (text) => (text.length > 160 ? 'long' : text.length > 90 ? 'medium' : '');

// --- Pieces on screen. ---

// Who speaks, their role and side, and the time left by the server's clock.
export function lowerThird(live) {
  const room = live.room;
  const f = room.show.floor;
  if (!f) return nothing;
  const remaining = floorRemaining(room, live.now());
  const side = f.speaker.side;
  const state = remaining < 0 ? 'overtime' : remaining < 15000 ? 'warning' : '';
  return html`<section class="third" data-side=${side} data-testid="lower-third">
    <div class="third-who">
      <p class="third-name ${f.speaker.name.length > 22 ? 'long' : ''}" data-testid="speaker-name">${f.speaker.name}</p>
      <p class="third-role" data-testid="speaker-role"><span>${roleWord(f.speaker.role)}</span>${side === 'for' || side === 'against'
        ? html` <span class="side-chip" data-side=${side}>${sideWord(side)}</span>` : nothing}${room.show.status === 'paused'
        ? html` <span class="paused-chip">${t('stage.paused')}</span>` : nothing}</p>
    </div>
    <p class="third-timer ${state}" role="timer" data-testid="timer">${formatTime(remaining)}</p>
  </section>`;
}

export function questionBlock(q) {
  return html`<article class="item item-q">
    <p class="kicker"><span>${t('stage.question')}</span><span class="sep" aria-hidden="true">·</span><span class="who"
      data-testid="on-air-author">${questionAuthor(q, t('common.anonymous'))}</span><span class="sep" aria-hidden="true">·</span><span
      class="num">${t('stage.votes', { count: q.votes || 0 })}</span></p>
    <p class="claim ${lengthClass(q.text)}" data-testid="on-air-question">${q.text}</p>
  </article>`;
}

export function argumentBlock(a, { compact = false } = {}) {
  return html`<article class="item item-a ${compact ? 'compact' : ''}" data-side=${a.stance}>
    <p class="kicker"><span class="side-chip" data-side=${a.stance}>${stanceWord(a.stance)}</span>${a.author?.name
      ? html`<span class="sep" aria-hidden="true">·</span><span class="who" data-testid="argument-author">${a.author.name}</span>` : nothing}</p>
    <p class="claim ${compact ? 'compact' : lengthClass(a.text)}" data-testid="on-air-argument">${a.text}</p>
  </article>`;
}

// A poll: its question, then the options. Results are bars with the label above each bar and the
// figures at the end of the label's line, so a bar never covers its label. The leading option
// takes the accent colour. A word cloud is laid out by d3-cloud (see syncClouds).
export function pollBlock(room, p) {
  const labels = optionLabels(p);
  const open = p.status === 'open';
  const tally = p.tally;
  const columns = labels.length > 3 && p.kind !== 'word_cloud' ? 'two' : 'one';
  let body;
  if (p.kind === 'word_cloud') {
    body = tally ? cloudHost(p) : html`<p class="poll-prompt">${t('stage.word_prompt')}</p>`;
  } else if (tally) {
    const total = Math.max(1, tally.counts.reduce((x, y) => x + y, 0));
    const top = Math.max(...tally.counts);
    const summary = labels.map((label, i) => `${label} ${formatNumber(tally.counts[i] || 0)}`).join(', ');
    body = html`<ol class="bars" data-columns=${columns} role="img" aria-label=${t('poll.tally_label', { summary })}>
      ${labels.map((label, i) => {
        const count = tally.counts[i] || 0;
        const pct = (100 * count) / total;
        return html`<li class="bar-line ${count > 0 && count === top ? 'lead' : ''}" data-testid="poll-line">
          <span class="bar-label" data-testid="poll-label">${label}</span>
          <span class="bar-figure num" data-testid="poll-count">${formatNumber(pct / 100, { style: 'percent', maximumFractionDigits: 0 })}</span>
          <span class="bar-track"><span class="bar-fill" data-testid="poll-bar" .style=${`width: ${pct.toFixed(1)}%`}></span></span>
        </li>`;
      })}</ol>
      ${p.kind === 'scale' && tally.mean !== null && tally.mean !== undefined
        ? html`<p class="poll-mean num">${t('poll.average', { mean: formatNumber(tally.mean, { maximumFractionDigits: 2 }) })}</p>` : nothing}`;
  } else {
    body = html`<ol class="choices" data-columns=${columns}>${labels.map((label) => html`<li data-testid="poll-option">
      <span class="choice-label">${label}</span></li>`)}</ol>`;
  }
  return html`<section class="poll" data-testid="poll" data-poll=${p.id} data-kind=${p.kind} data-open=${open ? 'yes' : 'no'} data-state=${tally ? 'results' : 'ballot'}>
    <div class="poll-head">
      <p class="poll-q" data-testid="poll-question">${p.question}</p>
      <p class="poll-meta">${p.oxford ? html`<span class="chip">${kindWord(p)}</span>` : nothing}
        <span class="num" data-testid="poll-ballots">${t('stage.ballots', { count: p.ballots || 0 })}</span></p>
    </div>
    ${body}
  </section>`;
}

// The Oxford result: the winner, then each side's share before and after with the swing.
export function oxfordBlock(room, { compact = false } = {}) {
  const r = room.oxford;
  if (!r) return nothing;
  const winner = r.winner === 'tie' ? t('oxford.tie') : r.winner === 'for' ? t('oxford.for_wins') : t('oxford.against_wins');
  const rows = ['for', 'against', 'undecided'].map((side) => {
    const before = r.before?.[side]?.percent ?? 0;
    const after = r.after?.[side]?.percent ?? 0;
    const swing = side === 'undecided' ? after - before : r.swing?.[side] ?? after - before;
    return { side, before, after, swing };
  });
  return html`<section class="oxford ${compact ? 'compact' : ''}" data-testid="oxford-result" data-winner=${r.winner}>
    <p class="kicker">${t('stage.oxford_title')}</p>
    <p class="oxford-winner" data-testid="oxford-winner">${winner}</p>
    <ol class="oxford-rows">${rows.map((row) => html`<li class="oxford-row" data-side=${row.side} data-testid="oxford-row"
        aria-label=${t('stage.bars_label', { side: shortSide(row.side), before: share(row.before), after: share(row.after) })}>
      <p class="oxford-side"><span class="side-chip" data-side=${row.side}>${shortSide(row.side)}</span>
        <span class="oxford-before num">${t('stage.before_share', { share: share(row.before) })}</span></p>
      <div class="oxford-bars" aria-hidden="true">
        <span class="bar-track before"><span class="bar-fill" .style=${`width: ${row.before.toFixed(1)}%`}></span></span>
        <span class="bar-track after"><span class="bar-fill" .style=${`width: ${row.after.toFixed(1)}%`}></span></span>
      </div>
      <p class="oxford-after num" data-testid="oxford-after">${share(row.after)}</p>
      <p class="oxford-swing num ${row.swing > 0 ? 'up' : row.swing < 0 ? 'down' : ''}" data-testid="oxford-swing">
        <span aria-hidden="true">${row.swing > 0 ? '▲' : row.swing < 0 ? '▼' : '='}</span> ${points(row.swing)}</p>
    </li>`)}</ol>
    <div class="visually-hidden">
      <p>${t('oxford.before', { for: share(rows[0].before), against: share(rows[1].before), undecided: share(rows[2].before) })}</p>
      <p>${t('oxford.after', { for: share(rows[0].after), against: share(rows[1].after), undecided: share(rows[2].after) })}</p>
      <p>${t('oxford.swing', { for: formatNumber(r.swing.for, { signDisplay: 'exceptZero', maximumFractionDigits: 1 }), against: formatNumber(r.swing.against, { signDisplay: 'exceptZero', maximumFractionDigits: 1 }) })}</p>
    </div>
  </section>`;
}

// --- The word cloud. ---
//
// d3-cloud (a classic script that sets window.d3.layout.cloud) places the words; the page draws
// them as SVG text scaled to the box, the most frequent largest. lit renders an empty host with the
// words as a property; syncClouds() fills each host after a render, once per set of words and box
// size, so a tally that does not change costs nothing. Without the library, the words are a list.

const cloudFont = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const layouts = new Map(); // signature -> { centre, words } once placed, or 'pending'

function cloudWords(p) {
  return (p.tally?.words || []).filter((w) => w.count > 0).slice().sort((a, b) => b.count - a.count || a.word.localeCompare(b.word)).slice(0, 40);
}

function cloudHost(p) {
  const words = cloudWords(p);
  const summary = words.map((w) => `${w.word} ${formatNumber(w.count)}`).join(', ');
  if (!window.d3?.layout?.cloud) {
    return html`<p class="cloud-list" data-testid="word-cloud" role="img" aria-label=${t('stage.cloud_label', { summary })}>${repeat(words, (w) => w.word,
      (w, i) => html`<span class=${i === 0 ? 'lead' : ''} data-testid="cloud-word">${w.word}</span>`)}</p>`;
  }
  return html`<div class="cloud" data-testid="word-cloud" role="img" aria-label=${t('stage.cloud_label', { summary })} .cloudWords=${words}></div>`;
}

// Sizes follow the square root of the counts, scaled so the words cover at most about half of the
// box; if d3-cloud still cannot place every word, the layout runs again a little smaller.
function placeWords(words, width, height, done, scale = 1, attempt = 1) {
  const max = Math.max(...words.map((w) => w.count));
  const biggest = height / 4;
  const smallest = Math.max(10, height / 16);
  const sized = words.map((w) => {
    const wanted = smallest + (biggest - smallest) * Math.sqrt(w.count / max);
    // A word never wider than the box, or the layout would drop it.
    return { text: w.word, size: Math.min(wanted, (0.9 * width) / Math.max(1, w.word.length * 0.62)) };
  });
  const area = sized.reduce((sum, w) => sum + w.size * w.size * 0.62 * w.text.length * 1.2, 0);
  const fit = Math.min(1, Math.sqrt((0.45 * width * height) / Math.max(1, area))) * scale;
  const input = sized.map((w) => ({ text: w.text, size: Math.max(8, Math.floor(w.size * fit)) }));
  let seed = 7; // a fixed sequence: the same words land in the same places on every screen
  window.d3.layout.cloud()
    .size([Math.round(width), Math.round(height)])
    .words(input)
    .padding(Math.max(2, height / 90))
    .rotate(0)
    .font(cloudFont)
    .fontWeight(700)
    .fontSize((d) => d.size)
    .random(() => { seed = (seed * 16807) % 2147483647; return (seed - 1) / 2147483646; })
    .on('end', (placed, bounds) => {
      if (placed.length < input.length && attempt < 5) { placeWords(words, width, height, done, scale * 0.85, attempt + 1); return; }
      // The words' bounds, from the box's top left corner: the drawing centres on them.
      const centre = bounds ? { x: (bounds[0].x + bounds[1].x - width) / 2, y: (bounds[0].y + bounds[1].y - height) / 2 } : { x: 0, y: 0 };
      done({ centre, words: placed.map((d) => ({ text: d.text, x: d.x, y: d.y, size: d.size })) });
    })
    .start();
}

function drawCloud(host, { centre, words }, width, height) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `${centre.x - width / 2} ${centre.y - height / 2} ${width} ${height}`);
  svg.setAttribute('aria-hidden', 'true');
  words.forEach((d, i) => {
    const text = document.createElementNS(ns, 'text');
    text.setAttribute('text-anchor', 'middle');
    text.setAttribute('transform', `translate(${d.x},${d.y})`);
    text.setAttribute('font-size', String(d.size));
    text.setAttribute('font-family', cloudFont);
    text.setAttribute('font-weight', '700');
    text.setAttribute('class', i === 0 ? 'lead' : i % 3 === 1 ? 'soft' : '');
    text.setAttribute('data-testid', 'cloud-word');
    text.textContent = d.text; // text, never markup
    svg.appendChild(text);
  });
  host.replaceChildren(svg);
}

export function syncClouds(root, redraw) {
  for (const host of root.querySelectorAll('.cloud')) {
    const words = host.cloudWords || [];
    const width = Math.round(host.clientWidth);
    const height = Math.round(host.clientHeight);
    if (width < 20 || height < 20 || words.length === 0) { if (host.firstChild) host.replaceChildren(); continue; }
    const signature = `${width}x${height}|${words.map((w) => `${w.word}:${w.count}`).join('|')}`;
    if (host.dataset.drawn === signature) continue;
    const placed = layouts.get(signature);
    if (placed && placed !== 'pending') {
      drawCloud(host, placed, width, height);
      host.dataset.drawn = signature;
    } else if (placed === undefined) {
      layouts.set(signature, 'pending');
      placeWords(words, width, height, (result) => {
        layouts.set(signature, result);
        redraw();
      });
    }
  }
}
