// The report in words: who a speaker is (a panelist `g…` or a seated audience member `p…`), a
// segment's name, what a moment of the replay was, and dates, times and durations in the chosen
// language.
import { t, formatNumber, language } from '../i18n.js';
import { ui } from './state.js';
import { segmentName as nameOf } from '../segments.js';

// A speaker's name: the panel, the seats, the participants (the organizer's view), else anyone the
// room names with that id (an argument's author, the speaker at the floor).
export function speakerName(id, room = ui.room) {
  const known = room.panelists.get(id) || (room.seats?.seated || []).find((s) => s.id === id) || room.participants.get(id);
  if (known) return known.name;
  for (const a of room.arguments.values()) {
    if (a.author?.id === id) return a.author.name;
    if (a.speaker?.id === id) return a.speaker.name;
  }
  if (room.show.floor?.speaker?.id === id) return room.show.floor.speaker.name;
  return t('report.someone');
}

// A speaker's side: a panelist's, or that of a speaker the room names.
export function speakerSide(id, room = ui.room) {
  const p = room.panelists.get(id);
  if (p) return p.side;
  for (const a of room.arguments.values()) if (a.author?.id === id) return a.author.side;
  return 'none';
}

// A segment's name as it ran (the report's segments), else as the run of show plans it; a
// template's name in the page's words, by the kind the run of show gives it (segments.js).
export function segmentName(id) {
  const planned = (ui.room.runOfShow.segments || []).find((s) => s.id === id);
  const name = (ui.report?.segments || []).find((s) => s.segment === id)?.name ?? planned?.name ?? '';
  return planned ? nameOf({ kind: planned.kind, name }) : name;
}

export const sideLabel = (side) => (side === 'for' || side === 'against' ? t(`argument.${side}`) : t('report.side_none'));

// A moment of the replay in words: "Séquence : Ouverture", "Parole à Ann", "Sondage ouvert"…
export function momentLabel(m) {
  switch (m.type) {
    case 'segment_started': return t('report.moment.segment_started', { name: segmentName(m.segment) });
    case 'floor_granted': return t('report.moment.floor_granted', { name: speakerName(m.speaker) });
    case 'on_air_changed': return t('report.moment.on_air_changed');
    case 'argument_posted': return t('report.moment.argument_posted');
    case 'poll_opened': case 'poll_closed': case 'poll_revealed':
    case 'show_paused': case 'show_resumed': case 'show_ended':
      return t(`report.moment.${m.type}`);
    default: return t('report.moment.other');
  }
}

export const formatDate = (at) => new Intl.DateTimeFormat(language(), { dateStyle: 'long', timeStyle: 'short' }).format(new Date(at));

export const formatInstant = (at) => new Intl.DateTimeFormat(language(), { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(at));

// A length of time in minutes and seconds ("4 min 05 s"), or hours and minutes past an hour.
export function formatDuration(ms) {
  const total = Math.round(Math.max(0, ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return t('report.duration_hours', { h: formatNumber(h), m: String(m).padStart(2, '0') });
  return t('report.duration', { m: formatNumber(m), s: String(s).padStart(2, '0') });
}

// Time since the show started, as "+12:05".
export function sinceStart(at) {
  const start = ui.report?.started_at;
  if (!start || at < start) return '';
  const total = Math.floor((at - start) / 1000);
  return `+${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

export const seconds = (ms) => Math.round(ms / 100) / 10;
