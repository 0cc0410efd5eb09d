// The page as one template: the header, the show's video, the join form, then (once joined) the
// current moment, the quiz, the polls, asking, reacting, the questions, the arguments, the person's
// group on the room's opinion map (opinion.js), the moderation log and the person's own data
// (mydata.js), which moves up under the closing view once the show has ended; or, once the debate
// has been deleted, only the words that say so. `paint` renders it and keeps the person's focus
// where it was.
import { html, render, nothing } from '../lib.js';
import { t, language } from '../i18n.js';
import { reactionKinds } from '../room.js';
import { logEntries } from '../widgets.js';
import { limit } from '../limits.js';
import { brandLogo } from '../brand.js';
import { streamView } from '../stream.js';
import { room, ui, session, draw } from './state.js';
import { join, act } from './live.js';
import { now, polls, predictions } from './moment.js';
import { quizCard } from './quiz.js';
import { closing } from './closing.js';
import { showEnded } from '../closing.js';
import { askCard, questions } from './questions.js';
import { argumentsCard } from './arguments.js';
import { yourGroupCard } from './opinion.js';
import { myData } from './mydata.js';
import { renderSegmentSlots, renderQuizClocks } from '../countdown.js';
import { languagePicker } from '../language.js';

// One render (state.js's draw asks for one per animation frame). Reordering a keyed list moves its
// nodes, and a moved node loses the focus to <body>: the node (still in the page) gets it back, or
// else the element named by session.focusNext, so a person who upvoted or voted stays where they
// were. The segment's and the quiz's countdowns are drawn into their slots after the page
// (countdown.js).
export function paint() {
  const focused = document.activeElement;
  const next = session.focusNext;
  session.focusNext = null;
  render(page(), document.body);
  renderSegmentSlots(room, session.conn ? session.conn.now() : Date.now());
  renderQuizClocks(room, session.conn ? session.conn.now() : Date.now());
  if (document.activeElement && document.activeElement !== document.body) return;
  if (focused && focused !== document.body && focused.isConnected) focused.focus();
  else if (next) document.querySelector(next)?.focus();
}

function setVideo(on) {
  ui.video = on;
  try { if (on) localStorage.removeItem('tribune.video'); else localStorage.setItem('tribune.video', 'off'); } catch { /* not remembered */ }
  draw();
}

// The connection's status; once the show has ended, connected no longer means live.
function header() {
  const state = ui.status === 'live' && showEnded(room, ui.debate) ? 'ended' : ui.status;
  return html`<header class="bar">
    <div class="brand">${brandLogo(ui.debate?.brand)}<h1 data-testid="title">${ui.debate?.title || 'Tribune'}</h1></div>
    <span class="row">
      ${session.conn ? html`<span class="status" data-status=${state} data-testid="status">${state === 'ended' ? t('closing.status') : t(`status.${ui.status}`)}</span>` : nothing}
      ${languagePicker()}
    </span></header>`;
}

// The show's video above everything else, with a switch to turn it off (remembered: a phone on a
// data plan keeps it off). Off, the player leaves the page and downloads nothing.
function video() {
  const stream = ui.debate?.stream;
  if (!stream) return nothing;
  const title = t('audience.video_title');
  return html`<section class="card stream-card" aria-label=${title} data-testid="video">
    <label class="switch"><input type="checkbox" role="switch" data-testid="video-switch" .checked=${ui.video}
      @change=${(e) => setVideo(e.target.checked)}> ${t('audience.video_switch')}</label>
    ${ui.video ? streamView(stream, { title }) : html`<p class="muted" data-testid="video-off">${t('audience.video_off')}</p>`}
  </section>`;
}

// After the end of the show, joining still opens the room's results.
function joinForm(isEnded) {
  return html`<form class="card" @submit=${join} data-testid="join-form">
    <h2>${t(isEnded ? 'audience.join_results_title' : 'audience.join_title')}</h2>
    ${ui.debate?.motion ? html`<p class="muted">${ui.debate.motion}</p>` : nothing}
    <label for="name">${t('audience.name_label')}</label>
    <input type="text" id="name" name="name" maxlength=${limit('name_chars') ?? nothing} autocomplete="nickname" data-testid="name">
    <p><button class="primary" type="submit" data-testid="join" ?disabled=${ui.joining}>${t(isEnded ? 'audience.join_results' : 'audience.join')}</button></p>
  </form>`;
}

function reactions() {
  return html`<section class="card reactions" aria-label=${t('audience.reactions')}><div class="row">
    ${reactionKinds.map(([kind, emoji]) => html`<button type="button" aria-label=${t(`reaction.${kind}`)} title=${t(`reaction.${kind}`)}
      data-testid=${`react-${kind}`} @click=${() => act('react', { kind })}>${emoji}</button>`)}</div></section>`;
}

function log() {
  return html`<section class="card" aria-labelledby="log-title"><h2 id="log-title">${t('audience.log_title')}</h2>
    <p class="muted">${t('audience.log_hint')}</p>
    <ul class="plain" data-testid="moderation-log">${logEntries(room)}</ul></section>`;
}

// A debate deleted while the page was open: what it was is gone, and the page says so in words,
// in place of the room (its video, its join form, its questions and polls).
function goneCard() {
  return html`<section class="card" aria-labelledby="gone-title" data-testid="gone">
    <h2 id="gone-title" tabindex="-1">${t('gone.title')}</h2>
    <p>${t('gone.text')}</p>
  </section>`;
}

// The room: the sponsor, the show's video, the join form, then (once joined) the current moment
// and everything under it.
function roomView() {
  const joined = Boolean(ui.identity && session.conn);
  const isEnded = showEnded(room, ui.debate);
  const waiting = session.conn && ui.status !== 'live' && session.conn.waiting() > 0;
  return html`${ui.debate?.brand?.sponsor ? html`<p class="muted" data-testid="sponsor">${t('audience.brought_by', { sponsor: ui.debate.brand.sponsor })}</p>` : nothing}
    ${waiting ? html`<p class="notice" data-testid="offline">${t('audience.sent_offline')}</p>` : nothing}
    ${video()}
    ${ui.debate && !ui.identity && isEnded ? closing() : nothing}
    ${ui.debate && !ui.identity ? joinForm(isEnded) : nothing}
    ${joined ? html`
      ${isEnded ? closing() : now()}
      ${isEnded ? myData() : nothing}
      ${quizCard()}
      ${isEnded ? nothing : polls()}
      ${predictions()}
      ${isEnded ? nothing : askCard()}
      ${isEnded ? nothing : reactions()}
      ${questions(isEnded)}
      ${argumentsCard(isEnded)}
      ${yourGroupCard()}
      ${log()}
      ${isEnded ? nothing : myData()}` : nothing}`;
}

// The live regions are part of the very first render, before anything arrives, so that screen
// readers already listen to them when the first announcement comes (the debate's deletion too:
// only what follows them changes).
function page() {
  return html`${header()}
    <main>
      <p class="error" role="alert" data-testid="error">${ui.error || ''}</p>
      <p class="visually-hidden" aria-live="polite" data-testid="announce">${ui.announce}</p>
      ${ui.gone ? goneCard() : roomView()}
    </main>`;
}
