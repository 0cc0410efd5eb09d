// The show's video, from `stream` in GET /api/debates/{id} and GET /api/join/{code}:
// {"kind": "youtube"|"vimeo"|"twitch"|"peertube"|"hls", "url": "https://…"}.
// The platforms' players are embedded as a 16:9 iframe; an HLS stream plays in a <video>, natively
// where the browser reads HLS (Safari, iOS), else through hls.js. hls.js is large, so it is
// imported only once a page actually has to play HLS: visitors of any other page, or of a debate
// streamed elsewhere, never download it. The server's Content-Security-Policy for the page allows
// that one stream's origin and no other, so an address is used exactly as the server gave it
// (Twitch aside, whose player insists on naming the embedding host).
import { html, nothing } from './lib.js';

// The minified ES module build of the version package-lock.json pins: the same API as dist/hls.mjs
// at about half the bytes (around 180 KB compressed instead of 350 KB), which matters on a data plan.
const hlsModule = '/vendor/hls.js@1.7.4/dist/hls.min.mjs';
const frameKinds = new Set(['youtube', 'vimeo', 'twitch', 'peertube']);

// The address to load for a stream, or null when the stream is not one this page can show.
export function streamSource(stream) {
  if (!stream || typeof stream.url !== 'string' || !(frameKinds.has(stream.kind) || stream.kind === 'hls')) return null;
  let url;
  try {
    url = new URL(stream.url);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  if (stream.kind === 'twitch' && !url.searchParams.has('parent')) {
    url.searchParams.append('parent', location.hostname);
    return { kind: stream.kind, url: url.href };
  }
  return { kind: stream.kind, url: stream.url };
}

// The player as a template. `title` names the frame (or the video) for screen readers, in the
// page's language. Removing the template from the page stops the stream and its downloads.
export function streamView(stream, { title }) {
  const source = streamSource(stream);
  if (!source) return nothing;
  if (source.kind === 'hls') {
    return html`<div class="stream"><tribune-video .label=${title} .source=${source.url} data-testid="stream-video"></tribune-video></div>`;
  }
  return html`<div class="stream"><iframe src=${source.url} title=${title} allow="autoplay; fullscreen; picture-in-picture"
    allowfullscreen referrerpolicy="strict-origin-when-cross-origin" data-testid="stream-frame"></iframe></div>`;
}

// <tribune-video>: a <video> fed by an HLS address. An element of its own so that the player lives
// exactly as long as the element is in the page: when a template removes it (the "video off"
// switch), hls.js is destroyed and the video stops downloading.
class StreamVideo extends HTMLElement {
  set source(url) {
    if (url === this.url) return;
    this.url = url;
    if (this.isConnected) this.start();
  }

  get source() {
    return this.url;
  }

  set label(text) {
    this.name = text;
    this.video?.setAttribute('aria-label', text);
  }

  get label() {
    return this.name;
  }

  connectedCallback() {
    // Properties set before the element was upgraded sit on the instance: pass them to the setters.
    for (const key of ['label', 'source']) {
      if (Object.prototype.hasOwnProperty.call(this, key)) {
        const value = this[key];
        delete this[key];
        this[key] = value;
      }
    }
    if (this.url && !this.video) this.start();
  }

  disconnectedCallback() {
    this.stop();
  }

  async start() {
    this.stop();
    const video = document.createElement('video');
    video.controls = true;
    video.playsInline = true;
    video.setAttribute('playsinline', '');
    video.preload = 'none';
    if (this.name) video.setAttribute('aria-label', this.name);
    this.video = video;
    this.replaceChildren(video);
    const url = this.url;
    if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = url;
      return;
    }
    let Hls;
    try {
      ({ default: Hls } = await import(hlsModule));
    } catch {
      return; // the player stays empty; the rest of the page is unaffected
    }
    if (this.video !== video || !Hls.isSupported()) return; // switched off meanwhile, or no MSE
    // No worker: the page's policy allows scripts from this origin only, not blob: workers.
    // Segments load only once the person presses play, not as soon as the page opens.
    const hls = new Hls({ enableWorker: false, autoStartLoad: false });
    this.hls = hls;
    hls.loadSource(url);
    hls.attachMedia(video);
    video.addEventListener('play', () => hls.startLoad(), { once: true });
  }

  stop() {
    this.hls?.destroy();
    this.hls = null;
    if (this.video) {
      this.video.removeAttribute('src');
      this.video.load();
    }
    this.video = null;
    this.replaceChildren();
  }
}

if (!customElements.get('tribune-video')) customElements.define('tribune-video', StreamVideo);
