// A debate's WebSocket, opened and greeted: on open it sends the hello (with `last_seq` to resume)
// and a clock probe. What arrives before anyone listens is kept, in order, and handed to the first
// listener, as is the close if it came first. No imports, so that a page can open its socket from a
// module of its own while the rest of its modules are still on their way (moderator/early.js);
// connection.js takes the socket over from there.
export function openSocket(debate, token, lastSeq = null) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(`${scheme}//${location.host}/ws`);
  const socket = { ws, pingSent: 0, kept: [], closedWith: null, onData: null, onClose: null };
  ws.onopen = () => {
    const hello = { type: 'hello', debate, token };
    if (lastSeq !== null) hello.last_seq = lastSeq;
    ws.send(JSON.stringify(hello));
    socket.pingSent = Date.now();
    ws.send(JSON.stringify({ type: 'time', id: 'time' }));
  };
  ws.onmessage = (e) => { if (socket.onData) socket.onData(e.data); else socket.kept.push(e.data); };
  ws.onclose = (e) => { if (socket.onClose) socket.onClose(e); else socket.closedWith = e; };
  return socket;
}

// Starts listening: what was kept first, then the close if it came before.
export function listen(socket, onData, onClose) {
  socket.onData = onData;
  for (const data of socket.kept.splice(0)) onData(data);
  if (socket.closedWith) onClose(socket.closedWith);
  else socket.onClose = onClose;
}
