// The console's WebSocket, opened as soon as this small module runs (moderator.html loads it ahead
// of moderator.js), its first state read over HTTP (socket.js), and its words asked for: a long
// queue's snapshot and the catalogs are on their way while the console's forty modules still load,
// rather than after, and off the page's thread. moderator.js hands the socket to its Connection,
// with the link read here.
import { readFragment } from '../dom.js';
import { openSocket } from '../socket.js';
import { preloadWords } from '../language_choice.js';

export const link = readFragment('tribune.moderator');
export const earlySocket = link.debate && link.token ? openSocket(link.debate, link.token, null, { snapshotOverHttp: true }) : null;
preloadWords('console');
