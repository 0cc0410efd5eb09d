// What the organizer's workspace holds, shared by every module of the page: one object, `ui`,
// changed in place and never re-declared; `draw()`, which renders the workspace again (the
// renderer is admin/view.js's, handed over by admin.js); and the helpers every action uses to wait
// for the server and to move the focus.

export const STORAGE_KEY = 'tribune.admin';

export const ui = {
  token: '', // the organizer's secret, from the link's fragment (see admin.js and signin.js)
  rejected: false, // the server refused the organizer token
  debates: null, // the list, newest first; null while it loads
  details: new Map(), // debate id -> GET /api/debates/{id}
  formats: {}, // the format templates (GET /api/formats)
  open: null, // the debate open in the workspace (see openDebate)
  busy: new Set(), // actions waiting for the server
  fieldErrors: {}, // field id -> words shown under the field
  error: null, // the last error, as the server's code
  copied: null, // which link was copied last, for a visible mark next to its button
  createFormat: 'talk_show',
};

let renderer = () => {};

export function setRenderer(fn) {
  renderer = fn;
}

// Rendered at once (not on the next frame), so an action can move the focus right after.
export function draw() {
  renderer();
}

export const isBusy = (name) => ui.busy.has(name);

// Runs one request at a time per action name; the action's buttons say so while it runs.
export async function busy(name, work) {
  if (ui.busy.has(name)) return;
  ui.busy.add(name);
  draw();
  try {
    await work();
  } finally {
    ui.busy.delete(name);
    draw();
  }
}

export function focus(selector) {
  const el = document.querySelector(selector);
  if (el) el.focus();
}
