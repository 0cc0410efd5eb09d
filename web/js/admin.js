import { h, replace, readFragment } from './dom.js';
import { describe, initI18n } from './i18n.js';
import { loadLimits, limit } from './limits.js';

// Field bounds come from the server before anything is drawn.
await Promise.all([loadLimits(), initI18n()]);

const { token } = readFragment('tribune.admin');
const errorBox = document.getElementById('error');

async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: { Authorization: `Bearer ${token || ''}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw data.error || { code: 'unavailable' };
  return data;
}

function showError(err) {
  errorBox.textContent = err ? describe(err.code, err.detail) + (err.detail ? ` (${err.detail})` : '') : '';
}

function copyButton(text, label) {
  return h('button', { type: 'button', onclick: () => navigator.clipboard?.writeText(text), 'aria-label': `Copy ${label}` }, 'Copy');
}

function linkRow(label, url, testid) {
  return h('li', {},
    h('strong', {}, label), ' ',
    h('a', { href: url, target: '_blank', rel: 'noopener', 'data-testid': testid }, url), ' ',
    copyButton(url, label));
}

function panelistForm(debate, list) {
  const name = h('input', { type: 'text', maxlength: limit('name_chars'), required: true, 'aria-label': 'Panelist name', 'data-testid': 'panelist-name' });
  const role = h('select', { 'aria-label': 'Role', 'data-testid': 'panelist-role' },
    h('option', { value: 'panelist' }, 'Panelist'), h('option', { value: 'guest' }, 'Guest'), h('option', { value: 'host' }, 'Host'));
  const side = h('select', { 'aria-label': 'Side', 'data-testid': 'panelist-side' },
    h('option', { value: 'none' }, 'No side'), h('option', { value: 'for' }, 'For'), h('option', { value: 'against' }, 'Against'));
  return h('form', {
    class: 'row',
    onsubmit: async (e) => {
      e.preventDefault();
      try {
        const p = await api('POST', `/api/debates/${debate.id}/panelists`, { name: name.value, role: role.value, side: side.value });
        list.appendChild(linkRow(`${p.name} (${p.role}, ${p.side})`, p.link, `panelist-link-${p.panelist}`));
        name.value = '';
        showError(null);
      } catch (err) { showError(err); }
    },
  }, name, role, side, h('button', { type: 'submit', 'data-testid': 'add-panelist' }, 'Add panelist'));
}

// The run of show of a new debate, editable until the show starts.
async function formatEditor(d, format) {
  const { formats } = await (await fetch('/api/formats')).json();
  const segments = (formats[format] || { segments: [] }).segments.map((s) => ({ ...s }));
  const box = h('div', { 'data-testid': 'format-editor' });
  const draw = () => replace(box,
    h('h2', {}, 'Run of show'),
    h('p', { class: 'muted' }, 'Rename, time or remove segments before the show starts.'),
    h('ol', {}, segments.map((s, i) => h('li', { class: 'row' },
      h('input', { type: 'text', value: s.name, maxlength: limit('segment_name_chars'), 'aria-label': 'Segment name', oninput: (e) => { s.name = e.target.value; } }),
      h('label', { class: 'row muted' }, h('input', { type: 'number', min: limit('segment_minutes')?.min, max: limit('segment_minutes')?.max, value: s.minutes, 'aria-label': 'Minutes', oninput: (e) => { s.minutes = Number(e.target.value); } }), 'min'),
      h('label', { class: 'row muted' }, h('input', { type: 'number', min: limit('turn_seconds')?.min, max: limit('turn_seconds')?.max, value: s.speaker_seconds, 'aria-label': 'Seconds per turn', oninput: (e) => { s.speaker_seconds = Number(e.target.value); } }), 's per turn'),
      h('button', { type: 'button', disabled: i === 0, onclick: () => { [segments[i - 1], segments[i]] = [segments[i], segments[i - 1]]; draw(); } }, '↑'),
      h('button', { type: 'button', class: 'danger', disabled: segments.length === 1, onclick: () => { segments.splice(i, 1); draw(); } }, 'Remove')))),
    h('div', { class: 'row' },
      h('button', { type: 'button', onclick: () => { segments.push({ name: 'Open discussion', kind: 'conversation', minutes: 10, speaker_seconds: 120, speakers: ['host', 'guest', 'panelist', 'for', 'against'], audience: ['questions', 'arguments'] }); draw(); } }, 'Add a segment'),
      h('button', { type: 'button', class: 'primary', onclick: async () => {
        try {
          await api('PUT', `/api/debates/${d.id}/format`, { format, segments, seats: (formats[format] || {}).seats || 0 });
          showError(null);
          box.querySelector('.saved').textContent = 'Saved.';
        } catch (err) { showError(err); }
      } }, 'Save the run of show'), h('span', { class: 'saved muted', role: 'status' })));
  draw();
  return box;
}

function showCreated(d, format) {
  const panelists = h('ul', { class: 'plain' });
  replace(document.getElementById('created'), h('div', { class: 'card', 'data-testid': 'created' },
    h('h2', {}, d.title),
    h('p', {}, 'Join code: ', h('span', { class: 'code', 'data-testid': 'join-code' }, d.code)),
    h('img', { class: 'qr', src: `/api/debates/${d.id}/qr.svg`, alt: 'QR code of the audience link' }),
    h('ul', { class: 'plain' },
      linkRow('Audience', d.links.audience, 'audience-link'),
      linkRow('Moderator (secret)', d.links.moderator, 'moderator-link'),
      linkRow('Stage (secret)', d.links.stage, 'stage-link'),
      linkRow('Stage overlay (secret)', d.links.stage.replace('/stage#', '/overlay#'), 'overlay-link')),
    h('h2', {}, 'Panelists'),
    h('p', { class: 'muted' }, 'One secret link per person.'),
    panelistForm(d, panelists), panelists));
  if (format) formatEditor(d, format).then((editor) => document.querySelector('[data-testid=created]').appendChild(editor));
}

async function refresh() {
  try {
    const { debates } = await api('GET', '/api/debates');
    replace(document.getElementById('debates'), debates.length === 0 ? h('li', { class: 'muted' }, 'No debate yet.') :
      debates.map((d) => h('li', {},
        h('strong', {}, d.title), ' ', h('span', { class: 'badge' }, d.code), ' ',
        h('a', { href: `/a/${d.code}`, target: '_blank', rel: 'noopener' }, 'audience page'), ' ',
        h('button', { type: 'button', onclick: async () => {
          try { showCreated({ ...d, ...(await api('POST', `/api/debates/${d.id}/links`)) }); } catch (err) { showError(err); }
        } }, 'New moderator & stage links'), ' ',
        h('button', { type: 'button', onclick: async () => {
          try { await api('POST', `/api/debates/${d.id}/moderation`, { private: true }); showError(null); } catch (err) { showError(err); }
        } }, 'Private moderation'), ' ',
        h('button', { type: 'button', onclick: async () => {
          try { await api('POST', `/api/debates/${d.id}/moderation`, { private: false }); showError(null); } catch (err) { showError(err); }
        } }, 'Public moderation'))));
  } catch (err) {
    showError(err);
  }
}

document.getElementById('create').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    const d = await api('POST', '/api/debates', {
      title: document.getElementById('title').value,
      motion: document.getElementById('motion').value,
      description: document.getElementById('description').value,
      format: document.getElementById('format').value,
    });
    showError(null);
    showCreated(d, document.getElementById('format').value);
    refresh();
  } catch (err) {
    showError(err);
  }
});

if (!token) showError({ code: 'unauthorized', detail: 'open the organizer link printed by the server' });
else refresh();
