// The console as one template: the header, what is on air, then three columns (the show, the
// stage and the backstage, the two queues, the rest: polls, predictions, the quiz…). `paint` renders
// it at once, then its slots and the quiz's countdown, then gives the focus back (moderator/focus.js)
// if the element that had it left the page.
import { html, render, nothing } from '../lib.js';
import { t, language } from '../i18n.js';
import { openQuestions } from '../room.js';
import { logEntry } from '../widgets.js';
import { room, ui, session } from './state.js';
import { renderQuizClocks } from '../countdown.js';
import { focusMemo, byAttr, restoreFocus } from './focus.js';
import { renderSlots, slot } from './slots.js';
import { onAirStrip, showCard } from './show.js';
import { stageCard } from './stage.js';
import { queue } from './queues.js';
import { measureWindows, windowRows, onWindowScroll } from './window.js';
import { keepPending } from './bulk.js';
import { pollsCard } from './polls.js';
import { predictionsCard } from './predictions.js';
import { quizCard } from './quiz.js';
import { argumentsCard } from './arguments.js';
import { opinionCard } from './opinion.js';
import { participantsCard } from './participants.js';
import { preparationCard } from './preparation.js';
import { backstageCard } from './backstage.js';
import { languagePicker } from '../language.js';

export function paint() {
  const before = document.activeElement;
  const memo = before && before !== document.body && document.body.contains(before) ? focusMemo(before) : null;
  render(page(), document.body);
  renderSlots();
  renderQuizClocks(room, session.conn ? session.conn.now() : Date.now());
  measureWindows();
  if (ui.focusNext) {
    const target = byAttr('data-focus', ui.focusNext);
    ui.focusNext = null;
    if (target) { target.focus(); return; }
  }
  if (memo && (document.activeElement === document.body || document.activeElement === null)) restoreFocus(memo);
}

function header() {
  const title = room.debate ? t('moderator.heading_debate', { title: room.debate.title }) : t('moderator.heading');
  return html`<header class="bar">
    <h1 tabindex="-1">${title}</h1>
    <span class="row">
      <span class="badge" data-testid="moderation-mode" title=${t('moderator.mode_hint')}>${t(room.moderation === 'private' ? 'moderator.mode_private' : 'moderator.mode_public')}</span>
      <span class="status" data-status=${ui.status} data-testid="status">${t(`status.${ui.status}`)}</span>
      ${languagePicker()}
    </span></header>`;
}

function page() {
  const all = [...room.questions.values()];
  const pending = all.filter((q) => q.status === 'pending');
  keepPending(new Set(pending.map((q) => q.id)));
  // Flagged questions wait in a lane of their own, the word that flagged each as its reason.
  const flagged = pending.filter((q) => q.flag);
  const unflagged = flagged.length ? pending.filter((q) => !q.flag) : pending;
  return html`${header()}
    <main class="console-main">
      <p class="error" role="alert" data-testid="error">${ui.error ? ui.error() : ''}</p>
      <p class="visually-hidden" role="status" aria-live="polite" data-testid="announce">${ui.announce}</p>
      ${onAirStrip()}
      <div class="console-grid">
        <div class="column">${showCard()}${stageCard()}${backstageCard()}${preparationCard()}</div>
        <div class="column">${flagged.length ? queue('flagged', flagged, 'moderator.no_flagged') : nothing}${queue('pending', unflagged, 'moderator.no_pending')}${queue('approved', openQuestions(room), 'moderator.no_approved')}</div>
        <div class="column">
          ${pollsCard()}
          ${predictionsCard()}
          ${quizCard()}
          ${argumentsCard()}
          ${opinionCard()}
          ${participantsCard()}
          <section class="card" id="reactions-section" aria-labelledby="reactions-heading">
            <h2 id="reactions-heading" tabindex="-1">${t('moderator.reactions_title')}</h2>${slot('meter')}</section>
          <section class="card" id="log-section" aria-labelledby="log-heading">
            <h2 id="log-heading" tabindex="-1">${t('moderator.log_title')}</h2>
            <ul class="plain log-list" id="log" data-testid="moderation-log" data-window="log" tabindex="0" aria-labelledby="log-heading" @scroll=${onWindowScroll('log')}>
              ${room.log.length ? windowRows('log', room.log.slice().reverse(), (e) => e.seq, logEntry) : html`<li class="muted">${t('log.empty')}</li>`}</ul></section>
        </div>
      </div>
    </main>`;
}
