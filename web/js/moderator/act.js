// Commands to the room over the live connection: a refusal is shown in words, and the commands
// whose effect shows nowhere else on the page are confirmed in the status region.
import { t, describe } from '../i18n.js';
import { ui, session, draw } from './state.js';

const confirmed = ['approve', 'dismiss', 'put_on_air', 'pin', 'mark_answered', 'create_poll', 'open_poll', 'close_poll', 'reveal_poll',
  'create_prediction', 'lock_prediction', 'resolve_prediction', 'cancel_prediction', 'start_quiz_question', 'close_quiz_question'];

export function say(text) {
  // The same words twice in a row would not be read again: a trailing no-break space changes them.
  ui.announce = ui.announce === text ? `${text}\u00a0` : text;
}

export async function act(type, fields = {}) {
  try {
    const ack = await session.conn.send(type, fields);
    ui.error = null;
    // Commands whose effect the page shows by itself elsewhere (a label that flips, an event
    // announced below) say nothing more.
    if (confirmed.includes(type)) say(t(`moderator.done.${type}`));
    draw();
    return ack;
  } catch (err) {
    ui.error = () => describe(err.code);
    draw();
    return null;
  }
}
