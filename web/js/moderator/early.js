// The console's WebSocket, opened as soon as this small module runs (moderator.html loads it ahead
// of moderator.js): a long queue's snapshot is on its way while the console's forty modules, its
// words and its limits still load, rather than after. moderator.js hands it to its Connection, with
// the link read here.
import { readFragment } from '../dom.js';
import { openSocket } from '../socket.js';

export const link = readFragment('tribune.moderator');
export const earlySocket = link.debate && link.token ? openSocket(link.debate, link.token) : null;
