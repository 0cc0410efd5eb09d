import { t } from './i18n.js';
import { newKey } from './dom.js';
import { openSocket, listen } from './socket.js';

// One WebSocket to a debate: hello, resume by seq, commands with acks, clock offset, and
// reconnection with backoff. The room state itself lives in room.js.
export class Connection {
  constructor({ debate, token, onWelcome, onMessage, onStatus, onFatal }) {
    this.debate = debate;
    this.token = token;
    this.onWelcome = onWelcome || (() => {});
    this.onMessage = onMessage || (() => {});
    this.onStatus = onStatus || (() => {});
    this.onFatal = onFatal || (() => {});
    this.lastSeq = null;
    this.pending = new Map(); // id -> { message, resolve, reject }: sent again after a reconnect
    this.nextId = 1;
    this.attempt = 0;
    this.offset = 0; // server clock minus local clock, in ms
    this.stopped = false;
    this.status = 'connecting';
  }

  // Opens the socket, or takes over one opened early (socket.js) for this debate and link.
  connect(early = null) {
    this.setStatus(this.lastSeq === null ? 'connecting' : 'reconnecting');
    const socket = early || openSocket(this.debate, this.token, this.lastSeq);
    this.socket = socket;
    this.ws = socket.ws;
    this.bestRtt = Infinity; // the shortest clock probe's round trip, whose offset is kept
    this.probes = 1; // socket.js sends the first with the hello
    // A frame holds one or more messages, one JSON object per line.
    listen(socket, (data, at) => {
      for (const line of data.split('\n')) if (line) this.receive(JSON.parse(line), at);
    }, (e) => this.closed(e));
  }

  // `at`: when the message arrived (a message kept while the page loaded is read later).
  receive(m, at = Date.now()) {
    if (m.type === 'welcome') {
      this.attempt = 0;
      this.setStatus('live');
      if (typeof m.server_time === 'number' && this.bestRtt === Infinity) this.offset = m.server_time - at;
      this.onWelcome(m);
      // Commands whose ack was lost with the connection go again with the same idempotency key:
      // the server applies each once, whatever happened before.
      for (const { message } of this.pending.values()) this.ws.send(message);
    } else if (m.type === 'time') {
      this.clockProbed(m, at);
      return;
    }
    if (m.type === 'event' && this.lastSeq !== null && typeof m.prev === 'number' && m.prev > this.lastSeq) {
      // We missed something: start again from what we have.
      this.ws.close();
      return;
    }
    if (typeof m.seq === 'number' && (m.type === 'event' || m.type === 'snapshot' || this.lastSeq === null || m.seq > this.lastSeq)) {
      if (m.type === 'event' || m.type === 'snapshot') this.lastSeq = m.seq;
    }
    if ((m.type === 'ack' || m.type === 'error') && this.pending.has(m.id)) {
      const { resolve, reject } = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.type === 'ack') resolve(m);
      else reject(m);
      return;
    }
    if (m.type === 'error' && (m.code === 'unauthorized' || m.code === 'not_found')) this.refuse(m);
    this.onMessage(m);
  }

  // The server's clock from its answer to a probe: the offset of the probe with the shortest round
  // trip is kept (a page busy loading answers some late), and three are made per connection, a
  // quarter second apart.
  clockProbed(m, at) {
    const rtt = at - this.socket.pingSent;
    if (typeof m.server_time === 'number' && rtt >= 0 && rtt < this.bestRtt) {
      this.bestRtt = rtt;
      this.offset = m.server_time + rtt / 2 - at;
    }
    if (this.probes >= 3) return;
    this.probes += 1;
    const { ws, socket } = this;
    setTimeout(() => {
      if (ws.readyState !== WebSocket.OPEN || this.ws !== ws) return;
      socket.pingSent = Date.now();
      ws.send(JSON.stringify({ type: 'time', id: 'time' }));
    }, 250);
  }

  // A refusal for good: the link is no longer valid (unauthorized), or the debate no longer exists
  // (not_found: deleted, its connections cut). No retry; the socket is closed here rather than left
  // open by a server that does not close it, so the status turns to closed, never to a
  // reconnection that cannot come.
  refuse(m) {
    this.stopped = true;
    this.onFatal(m);
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.close();
  }

  closed() {
    if (this.stopped) {
      for (const { reject } of this.pending.values()) reject({ code: 'unavailable' });
      this.pending.clear();
      this.setStatus('closed');
      return;
    }
    this.setStatus('reconnecting');
    const delay = Math.min(10000, 300 * 2 ** this.attempt) * (0.5 + Math.random() / 2);
    this.attempt += 1;
    setTimeout(() => this.connect(), delay);
  }

  // A command made while the connection is down waits and leaves on the next welcome, with the
  // idempotency key it was given now: it is applied once, whenever it arrives.
  send(type, fields = {}) {
    return new Promise((resolve, reject) => {
      if (this.stopped) {
        reject({ code: 'unauthorized' });
        return;
      }
      const id = `c${this.nextId++}`;
      const message = JSON.stringify({ type, id, key: newKey(), ...fields });
      this.pending.set(id, { message, resolve, reject });
      if (this.ws && this.ws.readyState === WebSocket.OPEN && this.status === 'live') this.ws.send(message);
      else this.onStatus(this.status);
    });
  }

  // Commands made but not yet answered (some perhaps waiting for the connection).
  waiting() {
    return this.pending.size;
  }

  now() {
    return Date.now() + this.offset;
  }

  setStatus(status) {
    this.status = status;
    this.onStatus(status);
  }
}

export function statusBadge(el, status) {
  el.textContent = t(`status.${status}`);
  el.dataset.status = status;
}
