// The debate open in the workspace: what is already known of it is shown at once, then its
// resource and its links are read. A run of show edited but not saved is kept while the organizer
// looks at another debate, and comes back with it.
import { t } from '../i18n.js';
import { ui, draw, focus } from './state.js';
import { api, fail } from './api.js';
import { applyLinks } from './links.js';
import { editable } from './show.js';
import { settingsDraft } from './presentation.js';

function newOpen(id, extra = {}) {
  return {
    id, loading: true, debate: null, links: null, panelists: [], moderators: [], linksUnavailable: false, segments: null,
    formatDirty: false, confirm: null, confirmDelete: false, settings: null, duplicateTitle: '', ...extra,
  };
}

// A run of show edited but not saved, kept while the organizer looks at another debate.
const drafts = new Map();

function runOfShowOf(d, fallbackFormat) {
  if (Array.isArray(d.segments)) return d.segments;
  const template = ui.formats[d.format || fallbackFormat];
  return template ? template.segments : null;
}

export async function openDebate(id, { moveFocus = true, created = null, format = null } = {}) {
  if (ui.open?.id === id && !created) {
    // Already open (perhaps still loading): only the focus moves.
    if (moveFocus) focus('#debate-heading');
    return;
  }
  if (ui.open?.formatDirty) drafts.set(ui.open.id, ui.open.segments);
  const known = ui.details.get(id) || ui.debates?.find((d) => d.id === id) || created;
  ui.open = newOpen(id, { debate: known || null });
  ui.fieldErrors = {};
  ui.error = null;
  try { history.replaceState(null, '', `${location.pathname}?debate=${encodeURIComponent(id)}`); } catch { /* address kept */ }
  draw();
  if (moveFocus) focus('#debate-heading');
  // A debate just created brings its links with it; any other reads them from the server.
  const [debate, links] = await Promise.all([
    api('GET', `/api/debates/${encodeURIComponent(id)}`).catch((err) => ({ failed: err })),
    created?.links ? null : api('GET', `/api/debates/${encodeURIComponent(id)}/links`).catch(() => null),
  ]);
  if (ui.open?.id !== id) return; // another debate was opened meanwhile
  const o = ui.open;
  if (debate.failed) {
    if (!known) {
      ui.open = null;
      try { history.replaceState(null, '', location.pathname); } catch { /* address kept */ }
      return fail(debate.failed);
    }
  } else {
    ui.details.set(id, debate);
    o.debate = debate;
  }
  if (links) applyLinks(o, links);
  else if (created?.links) {
    // An older server's creation answer has no overlay link: the stage's token opens it.
    applyLinks(o, { ...created, links: { ...created.links, overlay: created.links.overlay ?? created.links.stage?.replace('/stage#', '/overlay#') } });
  } else o.linksUnavailable = true;
  o.segments = editable(runOfShowOf(o.debate || {}, format));
  const draft = drafts.get(id);
  drafts.delete(id);
  if (draft && (!o.debate?.status || o.debate.status === 'draft')) {
    o.segments = draft;
    o.formatDirty = true;
  }
  o.hasRunOfShow = Boolean(runOfShowOf(o.debate || {}, format));
  o.automatic = Boolean(o.debate?.automatic);
  o.format = o.debate?.format || format || 'custom';
  o.settings = settingsDraft(o.debate || {});
  o.duplicateTitle = t('admin.duplicate.default_title', { title: o.debate?.title || '' });
  o.loading = false;
  draw();
}
