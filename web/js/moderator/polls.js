// Polls: the Oxford vote before and after the debate, a new poll of any kind, and each poll's
// results with its open, close and reveal.
import { html, nothing, repeat } from '../lib.js';
import { t } from '../i18n.js';
import { pollView } from '../widgets.js';
import { limit } from '../limits.js';
import { room, ui, draw } from './state.js';
import { act } from './act.js';

export function pollsCard() {
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
