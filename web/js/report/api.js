// What the report page asks the server (docs/protocol.md, "Report and replay"): the debate by its
// join code, its report, and a replay frame at a seq. With an organizer token the report and the
// frames are the moderator's view; a token the server refuses is dropped, and the page reads the
// public view instead, saying so.
import { describe } from '../i18n.js';
import { applySnapshot, emptyRoom } from '../room.js';
import { applyBrand } from '../brand.js';
import { code, access, ui, draw } from './state.js';

class ApiError extends Error {
  constructor(errorCode) {
    super(errorCode);
    this.code = errorCode;
  }
}

async function getJson(path) {
  const headers = access.token ? { Authorization: `Bearer ${access.token}` } : {};
  const res = await fetch(path, { headers, cache: 'no-store' });
  if (res.status === 401 && access.token) {
    access.token = null;
    access.refused = true;
    try { sessionStorage.removeItem('tribune.report'); } catch { /* nothing kept */ }
    return getJson(path);
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(body?.error?.code || 'unknown');
  return body;
}

const reportPath = () => `/api/debates/${encodeURIComponent(ui.debate.id)}/report`;
export const archivePath = () => `/api/debates/${encodeURIComponent(ui.debate.id)}/archive`;

// The debate, asked for while the words load (main.js): one round trip less before the page shows.
export function fetchDebate() {
  return getJson(`/api/join/${encodeURIComponent(code)}`).then((debate) => ({ debate }), (error) => ({ error }));
}

function keepReport(report) {
  ui.report = report;
  const room = emptyRoom();
  applySnapshot(room, report.state);
  ui.room = room;
  ui.refreshedAt = Date.now();
}

// The first load: the debate (already asked for), then its report; the replay starts at the show's
// first moment.
export async function load(asked, startReplay) {
  const { debate, error } = await asked;
  try {
    if (error) throw error;
    ui.debate = debate;
    applyBrand(debate.brand);
    keepReport(await getJson(reportPath()));
    startReplay();
  } catch (e) {
    ui.error = describe(e.code || 'unknown');
  } finally {
    ui.loading = false;
    draw();
  }
}

// Reads the report again (a show still on air), keeping the replay where it is.
export async function refresh() {
  if (!ui.debate || ui.refreshing) return;
  ui.refreshing = true;
  ui.error = null;
  draw();
  try {
    const [debate, report] = await Promise.all([getJson(`/api/join/${encodeURIComponent(code)}`), getJson(reportPath())]);
    ui.debate = debate;
    keepReport(report);
  } catch (e) {
    ui.error = describe(e.code || 'unknown');
  } finally {
    ui.refreshing = false;
    draw();
  }
}

export function fetchFrame(seq) {
  return getJson(`/api/debates/${encodeURIComponent(ui.debate.id)}/replay?seq=${encodeURIComponent(seq)}`);
}
