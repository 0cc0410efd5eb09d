// Backstage (docs/protocol.md, "Backstage"): the cues the moderators send a panelist ("wrap up", a
// short note…), which that panelist acknowledges, and the moderators' own messages. Nothing of it
// is in the public view, so it is kept beside the room (room.js) rather than in it: a page holds one
// store, filled from what its connection brings. A panelist's welcome carries their cues not yet
// acknowledged; the moderators' snapshot carries the latest cues and messages, and the moderation
// team by name; the events add to them. A cue is kept by id, so the same cue arriving twice (a welcome, then its event) is one cue.
import { t } from './i18n.js';

// What a store holds at most: the number the server's snapshot keeps of each.
const kept = 100;

export const quickCues = ['thirty_seconds', 'wrap_up', 'you_are_next', 'speak_louder'];

export function emptyBackstage() {
  return { cues: new Map(), messages: [], team: { moderators: [], names_public: false } };
}

function keepLatest(store) {
  while (store.cues.size > kept) store.cues.delete(store.cues.keys().next().value);
  if (store.messages.length > kept) store.messages.splice(0, store.messages.length - kept);
}

// A panelist's welcome: the cues sent to them that they have not acknowledged, in place of what
// the store held (acknowledged since from another of their screens, a cue is no longer there).
export function cuesFromWelcome(store, welcome) {
  store.cues = new Map((welcome.cues || []).map((c) => [c.id, c]));
}

// The moderators' snapshot (its `state`); a state without a backstage part leaves the store empty.
export function backstageFromSnapshot(store, state) {
  const part = state?.backstage || {};
  store.cues = new Map((part.cues || []).map((c) => [c.id, c]));
  store.messages = [...(part.messages || [])];
  store.team = state?.team || emptyBackstage().team;
  keepLatest(store);
}

// One event folded into the store; false for an event that is not backstage.
export function applyBackstageEvent(store, m) {
  const d = m.data || {};
  switch (m.event) {
    case 'cue_sent': case 'cue_acknowledged':
      store.cues.set(d.cue.id, d.cue);
      break;
    case 'staff_message_posted':
      if (!store.messages.some((x) => x.id === d.message.id)) store.messages.push(d.message);
      break;
    case 'moderator_added': case 'moderator_renamed': case 'moderator_removed': {
      const others = store.team.moderators.filter((x) => x.id !== d.moderator.id);
      const moderators = d.removed ? others : [...others, d.moderator].sort((a, b) => a.id.slice(1) - b.id.slice(1));
      store.team = { ...store.team, moderators };
      break;
    }
    case 'moderator_names_shown': store.team = { ...store.team, names_public: d.names_public }; break;
    default: return false;
  }
  keepLatest(store);
  return true;
}

// The cues not yet acknowledged, oldest first (of one panelist, when named).
export function openCues(store, panelist = null) {
  return [...store.cues.values()].filter((c) => !c.acknowledged_at && (!panelist || c.panelist === panelist));
}

// A cue in words: a quick cue's own words ("Wrap up"), or a note's text.
export const cueWords = (c) => (quickCues.includes(c.cue) ? t(`backstage.cue.${c.cue}`) : c.text || t('backstage.cue.note'));
