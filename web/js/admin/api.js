// Talking to the server, and what the workspace says back: errors in the alert region (written by
// admin/view.js from ui.error), confirmations (copied, saved) in the status line. An organizer
// token the server refuses signs the workspace out.
import { STORAGE_KEY, ui, draw, focus } from './state.js';

export async function api(method, path, body) {
  let res;
  try {
    res = await fetch(path, {
      method,
      headers: { Authorization: `Bearer ${ui.token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw { code: 'unavailable' };
  }
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw { ...(data.error || { code: 'unavailable' }), status: res.status };
  return data;
}

const announceBox = document.getElementById('announce');
let announceTimer = null;

export function announce(text) {
  clearTimeout(announceTimer);
  if (announceBox.textContent === text) {
    // The same words again: empty the region first so screen readers speak them once more.
    announceBox.textContent = '';
    setTimeout(() => { announceBox.textContent = text; }, 50);
  } else {
    announceBox.textContent = text;
  }
  announceTimer = setTimeout(() => { announceBox.textContent = ''; }, 10000);
}

// Escape closes the status line at once (it may cover part of the page): see admin.js.
export function clearAnnounce() {
  clearTimeout(announceTimer);
  announceBox.textContent = '';
}

export function showError(err) {
  ui.error = err || null;
  draw();
}

export function fail(err) {
  if (err && err.code === 'unauthorized' && err.status === 401) return signOut(true);
  showError(err);
}

function signOut(rejected) {
  ui.token = '';
  ui.rejected = rejected;
  ui.debates = null;
  ui.open = null;
  try { sessionStorage.removeItem(STORAGE_KEY); } catch { /* nothing kept */ }
  draw();
  // The workspace the focus was in is gone: the focus goes to the field that signs in again.
  if (!document.activeElement || document.activeElement === document.body) focus('#organizer-link');
}
