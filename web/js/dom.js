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

// Fetches a file that needs a bearer token and hands the browser a copy to save under `file`.
// Rejects with the server's error object (its `code`, and the HTTP `status`), or `unavailable`
// when the server cannot be reached.
export async function saveDownload(path, token, file) {
  const res = await fetch(path, { headers: { Authorization: `Bearer ${token}` } })
    .catch(() => { throw { code: 'unavailable' }; });
  if (!res.ok) {
    const data = await res.json().catch(() => ({}));
    throw { ...(data.error || { code: 'unavailable' }), status: res.status };
  }
  const url = URL.createObjectURL(await res.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: file });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
