// A debate's WebSocket, opened and greeted: on open it sends the hello (with `last_seq` to resume)
// and a clock probe. What arrives before anyone listens is kept, in order, and handed to the first
// listener, as is the close if it came first. No imports, so that a page can open its socket from a
// module of its own while the rest of its modules are still on their way (moderator/early.js);
// connection.js takes the socket over from there.
//
// `snapshotOverHttp`: the first state is read from GET /api/debates/{id}/snapshot, which the browser
// receives off the page's thread (a WebSocket message of megabytes is read on it, between the
// page's own work), and the hello resumes from its seq. When the welcome says the server resumes by
// events, that snapshot is handed on right after it, as if the socket had sent it; otherwise (the
// server sends a snapshot of its own, or refuses) it is dropped. If the read fails, the hello goes
// without `last_seq`, as usual.
export function openSocket(debate, token, lastSeq = null, { snapshotOverHttp = false } = {}) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(`${scheme}//${location.host}/ws`);
  const socket = { ws, pingSent: 0, kept: [], closedWith: null, onData: null, onClose: null };
  const first = snapshotOverHttp && lastSeq === null ? readSnapshot(debate, token) : Promise.resolve(null);
  // Each message goes on with the moment it arrived, for the clock probes (connection.js): one kept
  // while the page loads is read later than it came.
  const deliver = (data, at = Date.now()) => { if (socket.onData) socket.onData(data, at); else socket.kept.push([data, at]); };
  let held = null; // the snapshot read over HTTP, until the welcome
  ws.onopen = async () => {
    held = await first;
    if (ws.readyState !== WebSocket.OPEN) return;
    const hello = { type: 'hello', debate, token };
    const from = held ? held.seq : lastSeq;
    if (from !== null) hello.last_seq = from;
    ws.send(JSON.stringify(hello));
    socket.pingSent = Date.now();
    ws.send(JSON.stringify({ type: 'time', id: 'time' }));
  };
  ws.onmessage = (e) => {
    if (held) {
      const snapshot = held.body;
      held = null;
      const [line, ...rest] = e.data.split('\n');
      const welcome = JSON.parse(line);
      if (welcome.type === 'welcome' && welcome.resume === 'events') {
        deliver(line);
        deliver(snapshot);
        if (rest.some(Boolean)) deliver(rest.join('\n'));
        return;
      }
    }
    deliver(e.data);
  };
  ws.onclose = (e) => { if (socket.onClose) socket.onClose(e); else socket.closedWith = e; };
  return socket;
}

// The snapshot and its seq (the Tribune-Seq header), or null when it cannot be read.
async function readSnapshot(debate, token) {
  try {
    const res = await fetch(`/api/debates/${encodeURIComponent(debate)}/snapshot`, { headers: { Authorization: `Bearer ${token}` } });
    const seq = Number(res.headers.get('Tribune-Seq'));
    if (!res.ok || !Number.isSafeInteger(seq) || seq < 0) return null;
    return { seq, body: await res.text() };
  } catch {
    return null;
  }
}

// Starts listening: what was kept first, then the close if it came before. `onData(data, at)`: the
// message's text and when it arrived (Date.now()).
export function listen(socket, onData, onClose) {
  socket.onData = onData;
  for (const [data, at] of socket.kept.splice(0)) onData(data, at);
  if (socket.closedWith) onClose(socket.closedWith);
  else socket.onClose = onClose;
}
