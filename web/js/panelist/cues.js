// The cues the moderators sent this panelist (backstage.js), across the top of the page: each in
// big, high-contrast words ("Wrap up", or the note itself), a quick cue's explanation under it, and
// "Got it", which acknowledges it; an acknowledged cue leaves the banner through its event, which
// the server sends before its answer, on every screen the panelist has open. Nothing
// at all while no cue waits. A new cue is announced through the page's live region (panelist.js),
// which exists before any cue arrives.
import { html, nothing, repeat } from '../lib.js';
import { t, formatClock } from '../i18n.js';
import { emptyBackstage, openCues, cueWords, quickCues } from '../backstage.js';

export const cues = emptyBackstage();

// What screen readers hear when a cue arrives (an event), or null for any other event.
export function cueAnnouncement(m) {
  return m.event === 'cue_sent' && m.data?.cue ? t('backstage.announce_cue', { cue: cueWords(m.data.cue) }) : null;
}

// `act(type, fields, done)` is the page's command (panelist.js): it draws once answered, and says
// `done` in the live region.
async function acknowledge(act, id) {
  await act('acknowledge_cue', { cue: id }, 'backstage.acknowledged');
}

export function cueBanner(act) {
  const open = openCues(cues);
  if (open.length === 0) return nothing;
  return html`<section class="cues" id="cues" aria-labelledby="cues-heading" data-testid="cues">
    <h2 id="cues-heading" tabindex="-1">${t('backstage.from_moderators')}</h2>
    <ul class="plain" data-list="cues">${repeat(open, (c) => c.id, (c) => html`<li class="cue" data-testid="cue" data-cue=${c.id} data-kind=${c.cue}>
      <div class="cue-body">
        <p class="cue-words" data-testid="cue-words">${cueWords(c)}</p>
        ${quickCues.includes(c.cue) && c.text ? html`<p class="cue-text" data-testid="cue-text">${c.text}</p>` : nothing}
        <p class="cue-meta">${t('backstage.sent_at', { time: formatClock(c.at) })}</p>
      </div>
      <button type="button" class="primary" data-testid="acknowledge" data-focus=${`cue:${c.id}`}
        aria-label=${t('backstage.acknowledge_label', { cue: cueWords(c) })} @click=${() => acknowledge(act, c.id)}>${t('backstage.acknowledge')}</button>
    </li>`)}</ul>
  </section>`;
}
