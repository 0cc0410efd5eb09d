// The replay's moves: going to a seq (at once, or once the slider rests for 150 ms), keeping only
// the answer to the latest request, and finding the moments a person jumps to from the argument map
// (the argument's publication, its author's latest turn at the floor before it).
import { describe } from '../i18n.js';
import { applySnapshot, emptyRoom } from '../room.js';
import { ui, draw } from './state.js';
import { fetchFrame } from './api.js';

const restMs = 150;
let latest = 0;
let timer = null;

export const moments = () => ui.report?.moments || [];

async function showFrame(seq) {
  const request = ++latest;
  ui.replay.loading = true;
  ui.replay.error = null;
  draw();
  try {
    const frame = await fetchFrame(seq);
    if (request !== latest) return; // a later request was made meanwhile: its answer counts
    const room = emptyRoom();
    applySnapshot(room, frame.state);
    Object.assign(ui.replay, { frame, room, seq: frame.seq });
  } catch (e) {
    if (request === latest) ui.replay.error = describe(e.code || 'unknown');
  } finally {
    if (request === latest) {
      ui.replay.loading = false;
      draw();
    }
  }
}

// Goes to `seq`; `rest` waits for the slider to rest before asking the server.
export function seek(seq, { rest = false } = {}) {
  const last = ui.report?.seq || 1;
  const target = Math.min(Math.max(1, Math.round(Number(seq)) || 1), last);
  ui.replay.seq = target;
  draw();
  clearTimeout(timer);
  if (rest) timer = setTimeout(() => showFrame(target), restMs);
  else showFrame(target);
}

// The replay opens at the show's first moment (else at the last event).
export function startReplay() {
  const first = moments()[0];
  seek(first ? first.seq : ui.report.seq);
}

// The latest moment at or before `seq`: where the replay stands.
export function momentAt(seq) {
  let found = null;
  for (const m of moments()) {
    if (m.seq > seq) break;
    found = m;
  }
  return found;
}

// The next moment after the current position (1), or the one before the moment it stands at (-1).
export function step(direction) {
  const seq = ui.replay.seq || 1;
  const list = moments();
  const target = direction > 0 ? list.find((m) => m.seq > seq) : list.filter((m) => m.seq < seq).at(-1);
  if (target) seek(target.seq);
}

export function argumentMoment(id) {
  return moments().find((m) => m.type === 'argument_posted' && m.argument === id) || null;
}

// The latest turn at the floor of an argument's author at or before the argument was posted.
export function speakerMoment(a) {
  const author = a.author?.id;
  if (!author) return null;
  const posted = argumentMoment(a.id);
  const before = (m) => (posted ? m.seq <= posted.seq : m.at <= a.at);
  return moments().filter((m) => m.type === 'floor_granted' && m.speaker === author && before(m)).at(-1) || null;
}

// From elsewhere on the page: goes to `seq` and takes the person to the replay.
export function jumpTo(seq) {
  seek(seq);
  const section = document.getElementById('replay');
  section?.focus({ preventScroll: true });
  section?.scrollIntoView({ block: 'start', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
}
