// What the audience page holds, shared by its modules: the room (room.js) as the live connection
// folds it, `ui` (what the page adds: the debate joined, who the person is, the connection's
// status, what to announce, what they type under "my data"…), the person's own questions and
// arguments, `session` (the connection once made, where the focus goes next) and draw(), one
// render per animation frame however many updates arrive. The renderer is audience/view.js's
// paint, handed over by audience.js.
import { frameScheduler } from '../dom.js';
import { emptyRoom } from '../room.js';

export const room = emptyRoom();
export const ui = {
  debate: null, identity: null, status: 'connecting', error: null, order: 'votes', joining: false,
  questionLength: 0, announce: '', seatRequested: false, video: readVideoChoice(), synced: false,
  gone: false, // the debate no longer exists (deleted by its organizer): nothing left to follow
  // "My data" (mydata.js): whether it is open, the contact being typed and the boxes ticked (kept
  // here so that they survive the section's move under the closing view when the show ends), what
  // went wrong or was done last, and the erasure waiting for its confirmation.
  myData: {
    open: false, contact: '', brand: false, sponsor: false, busy: false,
    problem: null, invalid: null, saved: false, confirming: false, erased: false, eraseProblem: null,
  },
};
export const mine = new Map(); // my questions, by id, with their status (a local id while still on its way)
export const myArguments = new Map(); // my arguments, by id, until they are published or dismissed
export const session = {
  conn: null, // the live connection (connection.js), once the person has joined
  // Where the focus goes after the next render if the element holding it left the page (the "ask
  // for the seat" button once the request is made): a CSS selector, the first match taking it.
  focusNext: null,
};

let renderer = () => {};

export function setRenderer(fn) {
  renderer = fn;
}

export const draw = frameScheduler(() => renderer());

function readVideoChoice() {
  try { return localStorage.getItem('tribune.video') !== 'off'; } catch { return true; }
}
