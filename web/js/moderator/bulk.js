// Many pending questions at once: a box on each, "select all shown" (what the search lets through,
// drawn or not), then one approval, one dismissal with one public reason, or one merge of
// duplicates into the question asked first or into an approved question. The server takes up to
// 500 questions a command (`moderate_questions`); a larger selection goes as several, one after
// the other, and the page says how many changed in all — a question another moderator had already
// handled counts for none.
import { html, nothing, live } from '../lib.js';
import { t, formatNumber } from '../i18n.js';
import { room, ui, draw } from './state.js';
import { act, say } from './act.js';
import { withReason } from './reason.js';
import { rank } from './listing.js';
import { openQuestions } from '../room.js';

const perCommand = 500;
const perMerge = 50;
export const selected = new Set();

// Forgets what has left the pending queue (approved or dismissed, here or elsewhere).
export function keepPending(pendingIds) {
  for (const id of selected) if (!pendingIds.has(id)) selected.delete(id);
}

export function toggle(id, on = !selected.has(id)) {
  if (on) selected.add(id);
  else selected.delete(id);
  draw();
}

async function moderate(action, reason) {
  const ids = [...selected];
  let changed = 0;
  for (let i = 0; i < ids.length; i += perCommand) {
    const chunk = ids.slice(i, i + perCommand);
    const ack = await act('moderate_questions', action === 'dismiss' ? { questions: chunk, action, reason } : { questions: chunk, action });
    if (!ack) return false;
    changed += ack.result?.changed ?? 0;
    chunk.forEach((id) => selected.delete(id));
  }
  say(t(`moderator.bulk_done.${action}`, { count: changed, n: formatNumber(changed) }));
  draw();
  return true;
}

// Duplicates: the selected questions merged into the one asked first (or into `target`, an
// approved question), their votes added there.
async function mergeSelected(target) {
  const [into, ...rest] = target ? [target, ...selected] : [...selected].sort((a, b) => rank({ id: a }) - rank({ id: b }));
  let changed = 0;
  for (let i = 0; i < rest.length; i += perMerge) {
    const chunk = rest.slice(i, i + perMerge);
    const ack = await act('merge_questions', { into, questions: chunk });
    if (!ack) return false;
    changed += ack.result?.changed ?? 0;
  }
  selected.clear();
  say(t('moderator.bulk_done.merge', { count: changed, n: formatNumber(changed) }));
  return true;
}

// Pending duplicates of a question already approved go into it: a list of the approved questions
// and one button.
const clip = (text) => (text.length > 70 ? `${text.slice(0, 69)}…` : text);
function mergeIntoApproved() {
  const approved = openQuestions(room);
  if (approved.length === 0) return nothing;
  if (!approved.some((q) => q.id === ui.mergeInto)) ui.mergeInto = approved[0].id;
  return html`<span class="row merge-into">
    <label for="merge-into">${t('moderator.merge_into_label')}</label>
    <select id="merge-into" data-testid="merge-into" .value=${live(ui.mergeInto)} @change=${(e) => { ui.mergeInto = e.target.value; }}>
      ${approved.map((q) => html`<option value=${q.id} ?selected=${q.id === ui.mergeInto}>${clip(q.text)}</option>`)}
    </select>
    <button type="button" data-testid="merge-into-approved" ?disabled=${ui.bulkBusy} title=${t('moderator.merge_into_hint')}
      @click=${() => run(() => mergeSelected(ui.mergeInto))}>${t('moderator.merge_into', { count: selected.size, n: formatNumber(selected.size) })}</button>
  </span>`;
}

export function selectBox(q) {
  return html`<input type="checkbox" class="pick" data-testid="select-question" data-focus=${`q:${q.id}:pick`}
    aria-label=${t('moderator.select_question')} .checked=${live(selected.has(q.id))} @change=${(e) => toggle(q.id, e.target.checked)}>`;
}

// The bar above the pending queue: select what is shown, and act on the selection.
export function bulkBar(shownList) {
  if (shownList.length === 0 && selected.size === 0) return nothing;
  const all = shownList.length > 0 && shownList.every((q) => selected.has(q.id));
  return html`<div class="bulk row" data-testid="bulk-bar">
    <button type="button" data-testid="select-shown" @click=${() => { shownList.forEach((q) => selected.add(q.id)); draw(); }} ?disabled=${all}>
      ${t('moderator.select_shown', { count: shownList.length, n: formatNumber(shownList.length) })}</button>
    ${selected.size ? html`<span class="num" data-testid="selected-count" role="status">${t('moderator.selected_count', { count: selected.size, n: formatNumber(selected.size) })}</span>
      <button type="button" data-testid="clear-selection" @click=${() => { selected.clear(); draw(); }}>${t('moderator.clear_selection')}</button>
      <button type="button" class="primary" data-testid="bulk-approve" ?disabled=${ui.bulkBusy}
        @click=${() => run(() => moderate('approve'))}>${t('moderator.bulk_approve', { count: selected.size, n: formatNumber(selected.size) })}</button>
      ${selected.size > 1 ? html`<button type="button" data-testid="bulk-merge" ?disabled=${ui.bulkBusy} title=${t('moderator.merge_hint')}
        @click=${() => run(mergeSelected)}>${t('moderator.bulk_merge', { count: selected.size, n: formatNumber(selected.size) })}</button>` : nothing}
      ${withReason(t('moderator.bulk_dismiss', { count: selected.size, n: formatNumber(selected.size) }), 'bulk-dismiss', 'bulk',
        (reason) => run(() => moderate('dismiss', reason)))}
      ${mergeIntoApproved()}` : nothing}
  </div>`;
}

// One bulk action at a time: the buttons wait while the commands go.
async function run(job) {
  ui.bulkBusy = true;
  draw();
  try {
    return await job();
  } finally {
    ui.bulkBusy = false;
    draw();
  }
}
