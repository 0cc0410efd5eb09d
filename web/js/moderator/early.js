// The console's WebSocket, opened as soon as this small module runs (moderator.html loads it ahead
// of moderator.js), its first state read over HTTP (socket.js): a long queue's snapshot is on its
// way while the console's forty modules, its words and its limits still load, rather than after, and
// off the page's thread. moderator.js hands the socket to its Connection, with the link read here.
import { readFragment } from '../dom.js';
import { openSocket } from '../socket.js';

export const link = readFragment('tribune.moderator');
export const earlySocket = link.debate && link.token ? openSocket(link.debate, link.token, null, { snapshotOverHttp: true }) : null;
