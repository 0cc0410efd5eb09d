// Pieces shared by the pages, as templates: the argument tree, a poll, the Oxford result, the
// reaction meter, the moderation log. They re-render in place: an input inside keeps its value,
// its focus and its ticks across live updates (only bindings whose value changed are touched).
import { html, nothing, repeat } from './lib.js';
import { t, formatNumber, formatClock } from './i18n.js';
import { reactionKinds, logLine, stanceWord } from './room.js';
import { limit } from './limits.js';

// Widths go through the style property (CSSOM), which the pages' Content-Security-Policy allows;
// a style attribute would not be.
export const width = (pct) => `width: ${Math.round(pct)}%`;
const percent = (x) => formatNumber(x, { style: 'percent', maximumFractionDigits: 0 });
const signed = (x) => formatNumber(x, { signDisplay: 'exceptZero', maximumFractionDigits: 1 });

function figuresLine(a) {
  const f = a.figures || { agree: 0, disagree: 0, pass: 0, agreement: 0, divisiveness: 0 };
  return html`<span class="muted" data-testid="argument-figures">${t('argument.figures', {
    agree: formatNumber(f.agree), disagree: formatNumber(f.disagree), pass: formatNumber(f.pass),
    agreement: percent(f.agreement), divisiveness: percent(f.divisiveness),
  })}</span>`;
}

// A collapsible tree of arguments, coloured by side. `actions.rate` adds the audience's rating
// buttons, `actions.extra(a)` a role's own buttons, `actions.showAll` unpublished ones too.
export function argumentTree(room, actions = {}) {
  const all = [...room.arguments.values()].filter((a) => a.text !== undefined && (actions.showAll || a.status === 'published'));
  if (all.length === 0) return html`<p class="muted">${t('argument.none')}</p>`;
  const children = new Map();
  for (const a of all) {
    const key = a.parent || 'root';
    if (!children.has(key)) children.set(key, []);
    children.get(key).push(a);
  }
  const node = (a) => {
    const replies = children.get(a.id) || [];
    const mine = room.me?.ratings?.[a.id];
    const body = html`<div class="arg ${a.stance}" data-testid="argument" data-argument=${a.id}>
      <div class="row">
        <span class="badge ${a.stance}" data-testid="argument-stance">${stanceWord(a.stance)}</span>
        ${a.relation ? html`<span class="badge">${t(`argument.${a.relation}`)}</span>` : nothing}
        ${a.status !== 'published' ? html`<span class="badge">${t(`argument_status.${a.status}`)}</span>` : nothing}
        ${room.featured === a.id ? html`<span class="badge onair">${t('common.on_air')}</span>` : nothing}
        ${a.addressed ? html`<span class="badge">${t('common.addressed')}</span>` : nothing}
      </div>
      <p class="qtext" data-testid="argument-text">${a.text}</p>
      <p class="muted">${a.author ? a.author.name : ''}${a.source
        ? html` · <a href=${a.source} target="_blank" rel="noopener noreferrer nofollow">${t('common.source')}</a>` : nothing}</p>
      ${figuresLine(a)}
      ${actions.rate && a.status === 'published' ? html`<div class="row">${['agree', 'disagree', 'pass'].map((r) => html`
        <button type="button" aria-pressed=${mine === r ? 'true' : 'false'} data-testid=${`rate-${r}`}
          @click=${() => actions.rate(a.id, r)}>${t(`argument.rate_${r}`)}</button>`)}</div>` : nothing}
      ${actions.extra ? actions.extra(a) : nothing}
    </div>`;
    return html`<li>${replies.length > 0
      ? html`<details open><summary class="muted">${t('argument.answers', { count: replies.length })}</summary>${body}${branch(a.id)}</details>`
      : body}</li>`;
  };
  const branch = (key) => html`<ul>${repeat(children.get(key) || [], (a) => a.id, node)}</ul>`;
  return branch('root');
}

function optionLabels(p) {
  return p.kind === 'scale' ? ['1', '2', '3', '4', '5'] : p.options;
}

// Results as bars with their labels beside them, never under them, and a sentence for screen
// readers.
export function tallyView(p) {
  if (!p.tally) return html`<p class="muted">${t('poll.ballots_hidden', { count: p.ballots })}</p>`;
  const tl = p.tally;
  if (p.kind === 'word_cloud') {
    return html`<p class="words" data-testid="word-cloud">${repeat(tl.words || [], (w) => w.word,
      (w) => html`<span class="badge">${w.word} ×${formatNumber(w.count)}</span>`)}</p>`;
  }
  const labels = optionLabels(p);
  const total = Math.max(1, tl.counts.reduce((x, y) => x + y, 0));
  const summary = labels.map((label, i) => `${label} ${formatNumber(tl.counts[i])}`).join(', ');
  return html`<div class="meter tally" data-testid="tally" role="img" aria-label=${t('poll.tally_label', { summary })}>
    ${labels.map((label, i) => html`<div class="line">
      <span class="label">${label}</span>
      <div class="track"><div class="pollbar" .style=${width((100 * tl.counts[i]) / total)}></div></div>
      <span class="count">${formatNumber(tl.counts[i])}</span></div>`)}
    ${p.kind === 'scale' && tl.mean !== null ? html`<p>${t('poll.average', { mean: formatNumber(tl.mean, { maximumFractionDigits: 2 }) })}</p>` : nothing}
  </div>`;
}

function kindLabel(p) {
  return p.oxford ? t(`poll.oxford_${p.oxford}`) : t(`poll.kind_${p.kind}`);
}

function chosenText(p, mine) {
  const labels = optionLabels(p);
  if (Array.isArray(mine)) return mine.map((i) => labels[i]).join(', ');
  if (typeof mine === 'number') return p.kind === 'scale' ? String(mine) : labels[mine];
  return String(mine);
}

// The ballot of an open poll. Inputs carry no value binding: what a person ticks or types stays
// theirs until they send it, whatever arrives meanwhile.
function ballot(room, p, vote) {
  const mine = room.me?.ballots?.[p.id];
  if (p.kind === 'single' || p.kind === 'scale') {
    const values = p.kind === 'scale' ? [1, 2, 3, 4, 5] : p.options.map((_, i) => i);
    const published = p.oxford === 'after' ? [...room.arguments.values()].filter((a) => a.status === 'published' && a.text !== undefined) : [];
    return html`<div>
      <div class="row">${values.map((value) => html`<button type="button" aria-pressed=${mine === value ? 'true' : 'false'}
        data-testid=${`vote-${value}`} @click=${(e) => vote(value, e.target.closest('[data-poll]')?.querySelector('[data-testid=changed-by]')?.value || undefined)}>
        ${p.kind === 'scale' ? String(value) : p.options[value]}</button>`)}</div>
      ${published.length > 0 ? html`<label>${t('poll.changed_by')}
        <select data-testid="changed-by"><option value="">${t('poll.changed_by_none')}</option>
          ${repeat(published, (a) => a.id, (a) => html`<option value=${a.id}>${a.text.slice(0, 80)}</option>`)}</select></label>` : nothing}
    </div>`;
  }
  if (p.kind === 'multiple') {
    return html`<form @submit=${(e) => {
      e.preventDefault();
      vote([...e.target.querySelectorAll('input[type=checkbox]')].filter((b) => b.checked).map((b) => Number(b.value)));
    }}>
      ${p.options.map((o, i) => html`<label class="row choice"><input type="checkbox" value=${String(i)}
        ?checked=${Array.isArray(mine) && mine.includes(i)} data-testid=${`choice-${i}`}> ${o}</label>`)}
      <button type="submit" data-testid="vote-multiple">${t('common.vote')}</button></form>`;
  }
  return html`<form class="row" @submit=${async (e) => {
    e.preventDefault();
    const form = e.target;
    const input = form.querySelector('input');
    if (await vote(input.value)) form.reset();
  }}>
    <input type="text" maxlength=${limit('word_chars') ?? nothing} aria-label=${t('poll.one_word')} data-testid="word-input">
    <button type="submit" data-testid="vote-word">${t('common.send')}</button></form>`;
}

// A poll for the audience (`vote(choice, changedBy)` returns whether it was counted) or anyone.
export function pollView(room, p, { vote } = {}) {
  const mine = room.me?.ballots?.[p.id];
  const open = p.status === 'open';
  return html`<div class="card poll" data-testid="poll" data-poll=${p.id}>
    <p><strong>${p.question}</strong> <span class="badge">${kindLabel(p)}</span>
      <span class="badge">${t(`poll.status_${p.status}`)}</span></p>
    ${vote && open ? ballot(room, p, vote) : nothing}
    ${mine !== undefined ? html`<p class="muted" data-testid="my-ballot">${t('poll.you_voted', { choice: chosenText(p, mine) })} ·
      ${open ? t('poll.your_ballot_open') : t('poll.your_ballot_closed')}</p>` : nothing}
    ${tallyView(p)}
    ${changedMinds(room, p)}
  </div>`;
}

// Under an Oxford poll, the arguments that changed minds (tally.changed_by: argument id → how many
// voters named it), most named first: moderators see them live, everyone once the poll is revealed.
export function changedMinds(room, p) {
  const named = Object.entries(p.tally?.changed_by || {}).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (named.length === 0) return nothing;
  return html`<div class="changed" data-testid="changed-minds">
    <h3>${t('poll.changed_title')}</h3>
    <ol class="plain">${repeat(named, ([id]) => id, ([id, count]) => {
      const a = room.arguments.get(id);
      return html`<li data-testid="changed-by" data-argument=${id}>
        ${a?.text !== undefined ? html`<span class="badge ${a.stance}">${stanceWord(a.stance)}</span>
          <span class="qtext" data-testid="changed-by-text">${a.text}</span>
          <span class="muted">${a.author?.name || ''}</span>` : html`<span class="muted">${t('poll.argument_unknown')}</span>`}
        <strong class="count" data-testid="changed-by-count">${t('poll.changed_count', { count, n: formatNumber(count) })}</strong></li>`;
    })}</ol></div>`;
}

export function oxfordView(room) {
  const r = room.oxford;
  if (!r) return nothing;
  const share = (x) => formatNumber(x / 100, { style: 'percent', maximumFractionDigits: 1 });
  const winner = r.winner === 'tie' ? t('oxford.tie') : r.winner === 'for' ? t('oxford.for_wins') : t('oxford.against_wins');
  return html`<div class="card oxford" data-testid="oxford-result">
    <h2 data-testid="oxford-winner">${winner}</h2>
    <p>${t('oxford.before', { for: share(r.before.for.percent), against: share(r.before.against.percent), undecided: share(r.before.undecided.percent) })}</p>
    <p>${t('oxford.after', { for: share(r.after.for.percent), against: share(r.after.against.percent), undecided: share(r.after.undecided.percent) })}</p>
    <p>${t('oxford.swing', { for: signed(r.swing.for), against: signed(r.swing.against) })}</p>
  </div>`;
}

// Bars per reaction kind, scaled to the busiest one over the last five seconds.
export function reactionMeter(room) {
  const recent = room.recent || {};
  const max = Math.max(1, ...reactionKinds.map(([k]) => recent[k] || 0));
  return html`<div class="meter" data-testid="meter" role="group" aria-label=${t('reaction.meter')}>
    ${reactionKinds.map(([kind, emoji]) => html`<div class="line" title=${t(`reaction.${kind}`)}>
      <span aria-hidden="true">${emoji}</span>
      <div class="track"><div class="bar" .style=${width((100 * (recent[kind] || 0)) / max)}></div></div>
      <span data-testid=${`meter-${kind}`} aria-label=${t(`reaction.${kind}`)}>${String(room.totals?.[kind] || 0)}</span></div>`)}
  </div>`;
}

// The public moderation log, newest first.
export function logEntries(room) {
  if (room.log.length === 0) return html`<li class="muted">${t('log.empty')}</li>`;
  return room.log.slice().reverse().map(logEntry);
}

// One line of the public log, newest first in the lists that show it.
export function logEntry(entry) {
  const { what, text } = logLine(entry);
  return html`<li data-testid="log-entry" data-item=${entry.seq}><strong>${what}</strong> <span class="muted">${formatClock(entry.at)}</span>
    ${entry.by ? html`<span class="muted" data-testid="log-by">${t('log.by', { name: entry.by })}</span>` : nothing}
    ${text ? html`<p class="qtext">${text}</p>` : nothing}
    ${entry.reason !== undefined ? html`<p data-testid="log-reason">${t('log.reason', { reason: entry.reason })}</p>` : nothing}</li>`;
}
