// Small browser helpers the pages share: the secrets a link carries in its fragment, a speaker's
// time, one render per animation frame however many updates arrive, and idempotency keys.

// An idempotency key: 128 random bits; getRandomValues works on plain-HTTP pages too, unlike
// randomUUID.
export function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// Reads "#a=1&b=2" into an object, then hides the secret part of the URL from the address bar.
export function readFragment(storageKey) {
  const params = new URLSearchParams(location.hash.slice(1));
  const found = Object.fromEntries(params.entries());
  if (Object.keys(found).length > 0) {
    sessionStorage.setItem(storageKey, JSON.stringify(found));
    history.replaceState(null, '', location.pathname + location.search);
    return found;
  }
  try {
    return JSON.parse(sessionStorage.getItem(storageKey) || '{}');
  } catch {
    return {};
  }
}

export function formatTime(ms) {
  const negative = ms < 0;
  const total = Math.floor(Math.abs(ms) / 1000);
  const m = Math.floor(total / 60);
  const s = String(total % 60).padStart(2, '0');
  return `${negative ? '+' : ''}${m}:${s}`;
}

// Coalesces many state changes into one render per animation frame.
export function frameScheduler(render) {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      render();
    });
  };
}
