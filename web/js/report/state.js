// What the report page holds, shared by its modules: where it is (the join code from the address,
// the organizer token from the fragment), `ui` (the debate as GET /api/join gave it, the report, the
// room the report's state makes, the replay's position and frame) and draw(), one render per
// animation frame however many changes arrive. The renderer is report/view.js's paint, handed
// over by report/main.js.
import { frameScheduler, readFragment } from '../dom.js';
import { emptyRoom } from '../room.js';

export const code = decodeURIComponent(location.pathname.split('/')[2] || '');
// An organizer who opens /r/CODE#token=… reads the fuller view (every question and argument in
// every status); the token leaves the address bar at once and stays for this tab only.
export const access = { token: readFragment('tribune.report').token || null, refused: false };

export const ui = {
  debate: null, report: null, error: null, loading: true, refreshing: false, refreshedAt: null,
  // The room at the report's last event (report.state folded by room.js).
  room: emptyRoom(),
  // The replay: the position chosen (a seq), the frame shown (GET …/replay?seq=N) and the room it
  // makes, whether an answer is awaited, what went wrong.
  replay: { seq: null, frame: null, room: null, loading: false, error: null },
};

let renderer = () => {};

export function setRenderer(fn) {
  renderer = fn;
}

export const draw = frameScheduler(() => renderer());
