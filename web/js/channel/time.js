// Dates and times on the channel page: when something was written, and a show's date as announced
// (in its time zone, named); the schedule form's local date and time in a chosen zone, and back.
import { language } from '../i18n.js';

export const when = (at) => new Intl.DateTimeFormat(language(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));

// A show's date as announced: in its time zone, named.
export function showTime(s) {
  try {
    return new Intl.DateTimeFormat(language(), {
      weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit',
      timeZone: s.time_zone, timeZoneName: 'short',
    }).format(new Date(s.starts_at));
  } catch { return when(s.starts_at); }
}

// The schedule form's fields: a local date and time in the chosen zone, shown as the browser would.
const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function zoned(at, timeZone) {
  try {
    return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .format(new Date(at)).replace(' ', 'T');
  } catch { return ''; }
}

export function scheduleFields(s) {
  const zone = s?.time_zone || localZone();
  return { local: s ? zoned(s.starts_at, zone) : '', zone, place: s?.place || '' };
}

// The instant a local date and time in `timeZone` names: the zone's offset at that moment, found by
// formatting a first guess back in the zone.
export function instantOf(local, timeZone) {
  const guess = Date.parse(`${local}:00Z`);
  if (Number.isNaN(guess)) return NaN;
  const shown = Date.parse(`${zoned(guess, timeZone)}:00Z`);
  const first = guess - (shown - guess);
  const again = Date.parse(`${zoned(first, timeZone)}:00Z`);
  return first - (again - guess);
}
