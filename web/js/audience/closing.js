// The end of the show on the phone: the closing view takes the place of the current moment. It
// says the show has ended and names the debate, says why nothing can be sent any more (the forms
// to ask, react, vote and argue are gone), gives the result (closing.js: the Oxford swing, else the
// latest revealed poll, drawn by widgets.js as during the show) and links to the debate's report.
// The other revealed polls follow. Opened after the end without having joined, the page shows the
// closing view from the debate it fetched, the result coming once the person joins.
import { html, nothing, repeat } from '../lib.js';
import { t } from '../i18n.js';
import { oxfordView, tallyView } from '../widgets.js';
import { closingResult, revealedPolls, reportPath } from '../closing.js';
import { room, ui } from './state.js';

function myBallot(p) {
  const choice = room.me?.ballots?.[p.id];
  if (choice === undefined) return nothing;
  const labels = p.kind === 'scale' ? ['1', '2', '3', '4', '5'] : p.options;
  const text = Array.isArray(choice) ? choice.map((i) => labels[i]).join(', ') : typeof choice === 'number' ? labels[choice] ?? String(choice) : String(choice);
  return html`<p class="muted" data-testid="my-ballot">${t('poll.you_voted', { choice: text })}</p>`;
}

const pollResult = (p) => html`<div class="card poll" data-testid="result" data-poll=${p.id}>
  <h3>${p.question}</h3>${myBallot(p)}${tallyView(p)}</div>`;

function result(found) {
  if (!found) return html`<p class="muted" data-testid="no-result">${t('closing.no_result')}</p>`;
  return found.oxford ? oxfordView(room) : pollResult(found.poll);
}

function otherPolls(found) {
  const others = revealedPolls(room).filter((p) => p !== found?.poll).reverse();
  if (others.length === 0) return nothing;
  return html`<h3>${t('closing.other_polls')}</h3>${repeat(others, (p) => p.id, pollResult)}`;
}

export function closing() {
  const debate = room.debate || ui.debate;
  // The result is the room's: known once its state arrived (the person has joined).
  const known = ui.synced && Boolean(room.debate);
  const found = known ? closingResult(room) : null;
  return html`<section class="card ended closing" data-testid="show-ended" tabindex="-1" data-focus="now"
    aria-labelledby="ended-title" aria-busy=${known || !ui.identity ? 'false' : 'true'}>
    <h2 id="ended-title" data-testid="closing-heading">${t('closing.title')}</h2>
    ${debate?.title ? html`<p class="closing-debate" data-testid="closing-title">${debate.title}</p>` : nothing}
    <p data-testid="closing-reason">${t('closing.closed')}</p>
    ${known ? result(found) : nothing}
    ${debate?.code ? html`<p><a class="button primary" data-testid="report-link" href=${reportPath(debate.code)}>${t('closing.report_link')}</a></p>` : nothing}
    ${known ? otherPolls(found) : nothing}
  </section>`;
}
