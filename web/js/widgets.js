// Pieces shared by the pages: the argument tree, a poll, the Oxford result, the reaction meter.
import { h, clock } from './dom.js';
import { reactionKinds, logLine } from './room.js';
import { limit } from './limits.js';

const relationWords = { supports: 'supports', opposes: 'opposes', rebuts: 'rebuts' };

function figuresLine(a) {
  const f = a.figures || { agree: 0, disagree: 0, pass: 0, agreement: 0, divisiveness: 0 };
  return h('span', { class: 'muted', 'data-testid': 'argument-figures' },
    `${f.agree} agree · ${f.disagree} disagree · ${f.pass} pass · agreement ${Math.round(f.agreement * 100)}% · divisiveness ${Math.round(f.divisiveness * 100)}%`);
}

// A collapsible tree of published arguments, colored by side. `actions` adds buttons per role.
export function argumentTree(room, actions = {}) {
  const all = [...room.arguments.values()].filter((a) => a.text !== undefined && (actions.showAll || a.status === 'published'));
  if (all.length === 0) return h('p', { class: 'muted' }, 'No argument yet.');
  const children = new Map();
  for (const a of all) {
    const key = a.parent || 'root';
    if (!children.has(key)) children.set(key, []);
    children.get(key).push(a);
  }
  const branch = (key) => {
    const list = children.get(key) || [];
    if (list.length === 0) return null;
    return h('ul', {}, list.map((a) => {
      const sub = branch(a.id);
      const mine = room.me?.ratings?.[a.id];
      const body = h('div', { class: `arg ${a.stance}`, 'data-testid': 'argument', 'data-argument': a.id },
        h('div', { class: 'row' },
          h('span', { class: `badge ${a.stance}` }, a.stance === 'for' ? 'For' : 'Against'),
          a.relation ? h('span', { class: 'badge' }, relationWords[a.relation] || a.relation) : null,
          a.status !== 'published' ? h('span', { class: 'badge' }, a.status) : null,
          room.featured === a.id ? h('span', { class: 'badge onair' }, 'On air') : null,
          a.addressed ? h('span', { class: 'badge' }, 'Addressed') : null),
        h('p', { class: 'qtext', 'data-testid': 'argument-text' }, a.text),
        h('p', { class: 'muted' }, a.author ? a.author.name : '', a.source ? [' · ', h('a', { href: a.source, target: '_blank', rel: 'noopener noreferrer nofollow' }, 'source')] : null),
        figuresLine(a),
        actions.rate && a.status === 'published' ? h('div', { class: 'row' }, ['agree', 'disagree', 'pass'].map((r) =>
          h('button', { type: 'button', 'aria-pressed': mine === r ? 'true' : 'false', 'data-testid': `rate-${r}`, onclick: () => actions.rate(a.id, r) },
            { agree: 'Agree', disagree: 'Disagree', pass: 'Pass' }[r]))) : null,
        actions.extra ? actions.extra(a) : null);
      return h('li', {}, sub ? h('details', { open: true }, h('summary', { class: 'muted' }, `${(children.get(a.id) || []).length} answer(s)`), body, sub) : body);
    }));
  };
  return branch('root');
}

function tallyBars(p) {
  if (!p.tally) return h('p', { class: 'muted' }, `${p.ballots} ballot(s). Results when the moderator reveals them.`);
  const t = p.tally;
  if (p.kind === 'word_cloud') {
    return h('p', { 'data-testid': 'word-cloud' }, (t.words || []).map((w) => h('span', { class: 'badge' }, `${w.word} ×${w.count}`)));
  }
  const labels = p.kind === 'scale' ? ['1', '2', '3', '4', '5'] : p.options;
  const total = Math.max(1, t.counts.reduce((x, y) => x + y, 0));
  return h('div', { class: 'meter', 'data-testid': 'tally' },
    labels.map((label, i) => {
      const bar = h('div', { class: 'pollbar' });
      bar.style.width = `${Math.round((100 * t.counts[i]) / total)}%`;
      return h('div', { class: 'line' }, h('span', {}, label), bar, h('span', {}, String(t.counts[i])));
    }),
    p.kind === 'scale' && t.mean !== null ? h('p', {}, `Average ${t.mean}`) : null);
}

// A poll for the audience (vote) or anyone (results).
export function pollView(room, p, { vote } = {}) {
  const mine = room.me?.ballots?.[p.id];
  const open = p.status === 'open';
  let ballot = null;
  if (vote && open) {
    if (p.kind === 'single' || p.kind === 'scale') {
      const labels = p.kind === 'scale' ? [1, 2, 3, 4, 5] : p.options.map((_, i) => i);
      const changed = p.oxford === 'after' ? changedBySelect(room) : null;
      ballot = h('div', {},
        h('div', { class: 'row' }, labels.map((value) => h('button', {
          type: 'button', 'aria-pressed': mine === value ? 'true' : 'false', 'data-testid': `vote-${value}`,
          onclick: () => vote(value, changed?.value || undefined),
        }, p.kind === 'scale' ? String(value) : p.options[value]))),
        changed ? h('label', {}, 'Which argument changed your mind? ', changed) : null);
    } else if (p.kind === 'multiple') {
      const boxes = p.options.map((o, i) => h('input', { type: 'checkbox', value: String(i), checked: Array.isArray(mine) && mine.includes(i) }));
      ballot = h('form', { onsubmit: (e) => { e.preventDefault(); vote(boxes.filter((b) => b.checked).map((b) => Number(b.value))); } },
        p.options.map((o, i) => h('label', { class: 'row' }, boxes[i], o)), h('button', { type: 'submit' }, 'Vote'));
    } else {
      const input = h('input', { type: 'text', maxlength: limit('word_chars'), 'aria-label': 'One word' });
      ballot = h('form', { class: 'row', onsubmit: (e) => { e.preventDefault(); vote(input.value); input.value = ''; } }, input, h('button', { type: 'submit' }, 'Send'));
    }
  }
  return h('div', { class: 'card', 'data-testid': 'poll', 'data-poll': p.id },
    h('p', {}, h('strong', {}, p.question), ' ', h('span', { class: 'badge' }, p.oxford ? `Oxford vote: ${p.oxford}` : p.kind), ' ',
      h('span', { class: 'badge' }, p.status)),
    ballot,
    mine !== undefined ? h('p', { class: 'muted' }, 'Your ballot is counted; you may change it until the poll closes.') : null,
    tallyBars(p));
}

function changedBySelect(room) {
  const published = [...room.arguments.values()].filter((a) => a.status === 'published' && a.text !== undefined);
  if (published.length === 0) return null;
  return h('select', { 'data-testid': 'changed-by' }, h('option', { value: '' }, '— none —'),
    published.map((a) => h('option', { value: a.id }, a.text.slice(0, 80))));
}

export function oxfordView(room) {
  const r = room.oxford;
  if (!r) return null;
  const winner = r.winner === 'tie' ? 'A tie' : r.winner === 'for' ? 'The motion carries: For wins' : 'The motion falls: Against wins';
  return h('div', { class: 'card', 'data-testid': 'oxford-result' },
    h('h2', { 'data-testid': 'oxford-winner' }, winner),
    h('p', {}, `Before: For ${r.before.for.percent}% · Against ${r.before.against.percent}% · Undecided ${r.before.undecided.percent}%`),
    h('p', {}, `After: For ${r.after.for.percent}% · Against ${r.after.against.percent}% · Undecided ${r.after.undecided.percent}%`),
    h('p', {}, `Swing: For ${r.swing.for > 0 ? '+' : ''}${r.swing.for} pts · Against ${r.swing.against > 0 ? '+' : ''}${r.swing.against} pts`));
}

// Bars per reaction kind, scaled to the busiest one over the last five seconds.
export function reactionMeter(room) {
  const recent = room.recent || {};
  const max = Math.max(1, ...reactionKinds.map(([k]) => recent[k] || 0));
  return h('div', { class: 'meter', 'data-testid': 'meter', 'aria-label': 'Audience reactions' },
    reactionKinds.map(([kind, emoji, label]) => {
      const bar = h('div', { class: 'bar' });
      bar.style.width = `${Math.round((100 * (recent[kind] || 0)) / max)}%`;
      return h('div', { class: 'line', title: label },
        h('span', { 'aria-hidden': 'true' }, emoji), bar,
        h('span', { 'data-testid': `meter-${kind}` }, String(room.totals?.[kind] || 0)));
    }));
}

// The public moderation log, newest first.
export function logEntries(room) {
  if (room.log.length === 0) return [h('li', { class: 'muted' }, 'Nothing was removed.')];
  return room.log.slice().reverse().map((entry) => {
    const { what, text } = logLine(entry);
    return h('li', { 'data-testid': 'log-entry' }, h('strong', {}, what), ' ', h('span', { class: 'muted' }, clock(entry.at)),
      text ? h('p', { class: 'qtext' }, text) : null,
      entry.reason !== undefined ? h('p', { 'data-testid': 'log-reason' }, `Reason: ${entry.reason}`) : null);
  });
}
