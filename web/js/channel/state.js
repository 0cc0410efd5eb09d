// What the channel page holds, shared by its modules: where it is (the channel and the topic from
// the address, the organizer token from the fragment), `ui` (what the server said and what the
// person is typing: one object, changed in place and never re-declared) and draw(), one render per
// animation frame however many changes arrive. The renderer is channel/view.js's, handed over by
// channel.js.
import { frameScheduler, readFragment } from '../dom.js';

const [, , channelPart = '', topicPart = ''] = location.pathname.split('/').map(decodeURIComponent);
export const channelId = channelPart;
export const topicId = /^t[1-9][0-9]*$/.test(topicPart) ? topicPart : null;
export const organizerKey = `tribune.channel.organizer.${channelId}`;
export const organizerToken = readFragment(organizerKey).token || null;
export const identityKey = `tribune.channel.${channelId}`;

// `missing` names what the server does not know ('channel' or 'topic'); `deleted` is the name of
// the channel the organizer has just deleted from this page (channel/deletion.js), null before.
export const ui = {
  channel: null, topic: null, missing: null, deleted: null, error: null, notice: null, busy: false,
  // Finding topics (channel/find.js): the words and filters the server answers, whether an answer
  // is awaited, what went wrong; `titles` holds the titles seen in this visit's lists, by topic id,
  // for the moderation log.
  find: { q: '', category: '', status: '' }, finding: false, findError: null, titles: {},
  name: '', proposal: { title: '', pitch: '', category: '', format: 'talk_show', treatment: 'methodology', location: '' },
  // The contact a proposer may leave with their proposal (channel/propose.js), kept only with one
  // of its two consents (the brand, the topic's sponsor), both unticked until the person ticks
  // them; `problem` is the page's own refusal of a contact without a consent.
  proposalContact: { contact: '', consent: false, sponsorConsent: false, problem: false },
  feedback: null, answer: { kind: 'accept', text: '', into: '' },
  comment: '', replyTo: null, reply: '', hideReasons: {},
  // The organizer hiding the topic's proposal (channel/moderation.js): the public reason, and
  // whether the page asks to confirm.
  hideTopic: { reason: '', confirming: false },
  application: null, offer: null,
  schedule: null, made: null,
  casting: {}, cast: {},
  // The organizer's draft of the panel's preparation (channel/preparation.js), made from the topic
  // the first time it is drawn, replaced by what the server keeps after each save.
  prep: null,
  // A question or an argument being written for the show (channel/advance.js); a text the server
  // no longer takes (the show has started) stays here, shown to be asked in the room.
  advance: { kind: 'question', side: 'none', text: '' },
  // The organizer's webhooks (channel/webhooks.js): the list as the server last gave it (null
  // before its first answer) and when, the address and events of the one being added (every event
  // ticked at first), what the server refused (`error` above the list, the others by their field),
  // what the live region last said (`done`), whose secret is shown, whose deletion awaits its
  // confirmation.
  hooks: {
    list: null, at: null, loading: false, busy: false, error: null, urlError: null, eventsError: null, done: null,
    draft: { url: '', events: null }, shown: {}, confirming: null,
  },
  // The organizer's flags (channel/flags.js): the flagged lane as the server last gave it (null
  // before its first answer), when, whether it is being read, the refusal in words, whether the live
  // region says it was read again; the channel's word list as the server keeps it (null before),
  // whether it is being read or why it could not be, the lines being edited, which button awaits
  // the server ('save', 'shipped'), the refusal next to the field, what the live region last said.
  flags: {
    lane: null, at: null, loading: false, error: null, laneDone: null,
    list: null, listLoading: false, listError: null, draft: '', saving: null, fieldError: null, done: null,
  },
  // Deleting the channel (channel/deletion.js): whether the explanation and its confirm button are
  // open, whether the server is answering, the refusal in words.
  deletion: { confirming: false, busy: false, error: null },
  // "My data" (channel/my_data.js): whether the section is open, what GET …/me last answered (null
  // before; `none` when the server knows no visitor of this channel by this browser's token),
  // whether it must be read again (it is opened, or the visitor changed something), whether the
  // erasure awaits its confirmation or the server's answer, whether it is done, what went wrong.
  mine: {
    open: false, data: null, none: false, stale: true, loading: false, error: null,
    confirming: false, erasing: false, erased: false,
  },
  // The organizer's download of the channel's contacts.csv (channel/contacts.js).
  exporting: false,
};

let renderer = () => {};

export function setRenderer(fn) {
  renderer = fn;
}

export const draw = frameScheduler(() => renderer());
