// What the moderator console holds, shared by its modules: the room (room.js) as the live
// connection folds it, `ui` (what the page adds to it: the connection's status, the last error,
// what to announce, the reasons being typed), `session.conn` (the connection, once made) and
// draw(), one render per animation frame however many updates arrive. The renderer is
// moderator/view.js's paint, handed over by moderator.js.
import { frameScheduler } from '../dom.js';
import { emptyRoom } from '../room.js';

export const room = emptyRoom();
export const ui = {
  status: 'connecting',
  // What went wrong, as a function so that its words follow a language switch.
  error: null,
  announce: '',
  pollKind: 'single',
  // The quiz question being written: its choices as typed so far, and which one is right.
  quizChoices: [],
  quizCorrect: 0,
  // The approved question that ticked duplicates would be merged into (bulk.js).
  mergeInto: null,
  bulkBusy: false,
  // Open reason editors (dismiss, ban), by item key, with what was typed so far.
  reasons: new Map(),
  // An element to focus after the next render, by its data-focus key.
  focusNext: null,
  // The moderator link this console holds, from the welcome: { id: "o2", name }.
  me: null,
};

export const session = {
  conn: null, // the live connection (connection.js), made once the link is known
};

let renderer = () => {};

export function setRenderer(fn) {
  renderer = fn;
}

export const draw = frameScheduler(() => renderer());
