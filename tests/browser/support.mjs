// Shared by the browser tests: start the real tribune on 127.0.0.1:0 with a temporary database,
// and Debian's Chromium through playwright-core (never a downloaded browser).
import { spawn } from 'node:child_process';
import { inflateSync } from 'node:zlib';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

// `args`: more options for `tribune serve` (such as ['--webhook-retry-ms', '200']).
export async function startServer({ args = [] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tribune-browser-'));
  const adminToken = randomBytes(32).toString('base64url');
  const bin = process.env.TRIBUNE_BIN || join(root, 'build/dev/tribune');
  const webRoot = process.env.TRIBUNE_WEB_ROOT || join(root, 'web');
  const child = spawn(bin, ['serve', '--listen', '127.0.0.1:0', '--db', join(dir, 't.db'), '--web-root', webRoot, ...args], {
    env: { ...process.env, TRIBUNE_ADMIN_TOKEN: adminToken },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`tribune did not start:\n${output}`)), 20000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      for (const line of output.split('\n')) {
        try {
          const entry = JSON.parse(line);
          if (entry.msg === 'listening') { clearTimeout(timer); resolvePort(entry.port); }
        } catch { /* not a full line yet */ }
      }
    });
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`tribune exited (${code}):\n${output}`)); });
  });
  return {
    base: `http://127.0.0.1:${port}`,
    adminToken,
    logs: () => output,
    async stop() {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Chromium loads its own interface pages (the address bar's suggestions, about 400 files parsed in a
// renderer of their own, close to a second of processor time) for every new window, so for every
// context here; a browser someone uses does that once, when it starts. On two busy cores that work
// competes with the page under test, so it is turned off: preloaded (PreloadTopChromeWebUI) and
// loaded when a window opens (WebUIOmniboxPopup, the address bar's suggestions drawn as a page).
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-features=PreloadTopChromeWebUI,WebUIOmniboxPopup'],
  });
}

export const phone = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true };

// A debate not made from a channel's topic answers its preparation with 404 by design (the staff
// and panelist pages ask, and show nothing); Chromium reports every 4xx in the console all the same.
const expected404 = (m) => m.text().includes('status of 404')
  && /\/api\/debates\/[^/]+\/preparation$/.test(m.location()?.url || '');

// Fails the test on any error a page reports (a CSP violation, an exception).
export function watchErrors(page, errors) {
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' && !expected404(m)) errors.push(`${page.url()}: ${m.text()}`); });
}

// Turns a page on the server's origin into a driver of WebSocket clients: window.connect(name,
// debate, token) resolves with the welcome; window.run(name, commands) sends them in order, each
// after the reply to the one before (a rate-limited one again a moment later), and resolves with
// the replies; window.runAll({ name: commands }) does so for several clients at once and resolves
// with [{ name, replies }]; window.latest[name][type] is the last message of each type a client
// received; window.disconnect(name) closes that client.
export async function installDriver(page) {
  await page.evaluate(() => {
    const clients = new Map();
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    window.latest = {};
    window.connect = (name, debateId, token) => new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://${location.host}/ws`);
      const client = { ws, waiting: new Map(), next: 1 };
      ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', debate: debateId, token }));
      ws.onerror = () => reject(new Error(`${name}: socket error`));
      ws.onmessage = (e) => {
        // A frame may carry several messages, one per line.
        for (const line of String(e.data).split('\n')) {
          if (!line) continue;
          const m = JSON.parse(line);
          window.latest[name] = { ...window.latest[name], [m.type]: m };
          if (m.type === 'welcome') { clients.set(name, client); resolve(m); }
          if (m.type === 'error' && m.id === undefined && m.code === 'unauthorized') reject(new Error(`${name}: ${line}`));
          if ((m.type === 'ack' || m.type === 'error') && client.waiting.has(m.id)) {
            client.waiting.get(m.id)(m);
            client.waiting.delete(m.id);
          } else if (m.type === 'error' && m.id === null && m.code === 'rate_limited') {
            // The connection's rate limit refuses a frame without reading it, so without its id:
            // it is the one command in flight.
            for (const resolveOne of client.waiting.values()) resolveOne(m);
            client.waiting.clear();
          }
        }
      };
    });
    window.disconnect = (name) => { clients.get(name)?.ws.close(); clients.delete(name); };
    // Sends commands in order; a rate-limited one is sent again a moment later.
    window.run = async (name, commands) => {
      const client = clients.get(name);
      const replies = [];
      for (const command of commands) {
        for (let attempt = 1; ; attempt++) {
          const id = `c${client.next++}`;
          const reply = await new Promise((resolve) => {
            client.waiting.set(id, resolve);
            client.ws.send(JSON.stringify({ ...command, id }));
            setTimeout(() => resolve({ type: 'timeout', id }), 20000);
          });
          if (reply.code !== 'rate_limited' || attempt === 100) { replies.push(reply); break; }
          await sleep(100);
        }
      }
      return replies;
    };
    window.runAll = (plan) => Promise.all(Object.entries(plan).map(([name, commands]) => window.run(name, commands)
      .then((replies) => ({ name, replies }))));
  });
}

// Accessibility: runs axe-core (a dev dependency) in a page against WCAG 2.0, 2.1 and 2.2 A and AA,
// and resolves with the violations, each as { id, impact, help, targets }. The library's source
// goes in through page.evaluate, which the page's Content-Security-Policy does not govern; it is
// injected once per document.
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
let axeSource = null;
export async function axeViolations(page, tags = axeTags) {
  axeSource ??= readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => typeof window.axe?.run === 'function'))) await page.evaluate(axeSource);
  const result = await page.evaluate((runOnly) => window.axe.run(document, { runOnly, resultTypes: ['violations'] }), tags);
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}

// Violations as lines for an assertion message: the rule, then the elements it found.
export function describeViolations(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.targets.slice(0, 8).join('\n    ')}`).join('\n');
}

// Decodes a PNG (8 bits per channel, not interlaced, as Chromium's screenshots are) into its
// pixels, so a test can read what a page really painted: `alpha(x, y)` is 0..255, 255 for an
// image without an alpha channel.
export function decodePng(buffer) {
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  if (!signature.every((b, i) => buffer[i] === b)) throw new Error('not a PNG');
  let width = 0;
  let height = 0;
  let depth = 0;
  let colour = 0;
  let interlace = 0;
  const chunks = [];
  for (let at = 8; at < buffer.length;) {
    const length = buffer.readUInt32BE(at);
    const type = buffer.toString('ascii', at + 4, at + 8);
    const data = buffer.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      depth = data[8];
      colour = data[9];
      interlace = data[12];
    } else if (type === 'IDAT') chunks.push(data);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colour];
  if (depth !== 8 || interlace !== 0 || !channels) throw new Error(`unsupported PNG: depth ${depth}, colour type ${colour}, interlace ${interlace}`);
  const raw = inflateSync(Buffer.concat(chunks));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[row + x - channels] : 0;
      const b = y > 0 ? pixels[row - stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[row - stride + x - channels] : 0;
      let predicted = 0;
      if (filter === 1) predicted = a;
      else if (filter === 2) predicted = b;
      else if (filter === 3) predicted = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[row + x] = (line[x] + predicted) & 0xff;
    }
  }
  return {
    width, height, channels, pixels,
    alpha: (x, y) => (channels === 4 || channels === 2 ? pixels[y * stride + x * channels + channels - 1] : 255),
  };
}

// What keeps a screen from fitting its window, as sentences (empty when it fits): the page
// scrolls; an element with a data-testid lies partly outside the window; a text element (among
// `selectors`) is cut by an ancestor that clips its content; two text elements, neither inside the
// other, overlap. Visually hidden text (for screen readers) is ignored.
export function fitProblems(page, selectors) {
  return page.evaluate((chosen) => {
    const problems = [];
    const width = innerWidth;
    const height = innerHeight;
    const root = document.scrollingElement;
    if (root.scrollHeight > height) problems.push(`the page scrolls down: ${root.scrollHeight} > ${height}`);
    if (root.scrollWidth > width) problems.push(`the page scrolls sideways: ${root.scrollWidth} > ${width}`);
    const shown = (el) => {
      const box = el.getBoundingClientRect();
      if (box.width < 1 || box.height < 1) return false;
      if (el.closest('.visually-hidden')) return false;
      return el.checkVisibility ? el.checkVisibility({ visibilityProperty: true, opacityProperty: true }) : true;
    };
    const name = (el) => `${el.dataset.testid || el.className || el.tagName} "${(el.textContent || '').trim().slice(0, 30)}"`;
    const round = (b) => `${Math.round(b.left)},${Math.round(b.top)}–${Math.round(b.right)},${Math.round(b.bottom)}`;
    for (const el of document.querySelectorAll('[data-testid]')) {
      if (!shown(el)) continue;
      const b = el.getBoundingClientRect();
      if (b.left < -0.5 || b.top < -0.5 || b.right > width + 0.5 || b.bottom > height + 0.5) {
        problems.push(`${name(el)} is outside the ${width}×${height} window: ${round(b)}`);
      }
    }
    const texts = [...new Set(chosen.flatMap((s) => [...document.querySelectorAll(s)]))].filter(shown);
    for (const el of texts) {
      const b = el.getBoundingClientRect();
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        const style = getComputedStyle(up);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const c = up.getBoundingClientRect();
        if (b.left < c.left - 1 || b.top < c.top - 1 || b.right > c.right + 1 || b.bottom > c.bottom + 1) {
          problems.push(`${name(el)} ${round(b)} is cut by ${name(up)} ${round(c)}`);
        }
      }
    }
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const [a, b] = [texts[i], texts[j]];
        if (a.contains(b) || b.contains(a)) continue;
        const p = a.getBoundingClientRect();
        const q = b.getBoundingClientRect();
        const across = Math.min(p.right, q.right) - Math.max(p.left, q.left);
        const down = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
        if (across > 1 && down > 1) problems.push(`${name(a)} ${round(p)} overlaps ${name(b)} ${round(q)}`);
      }
    }
    return problems;
  }, selectors);
}

// The REST API as the organizer (or with another token): resolves with { status, data }.
export async function callApi(server, method, path, body, token = server.adminToken) {
  const res = await fetch(`${server.base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, data: await res.json().catch(() => null) };
}

// A page of the server's origin that drives WebSocket clients (installDriver), and a pool of
// audience members who ask questions, five at most each (the per-minute rule of a debate).
// `ask(count, label, text)` spreads the questions over the pool, in parallel, and resolves once
// all are acknowledged; `text(i)` words the i-th (by default "<label> <i>: what about …").
export async function openAskers(browser, server, errors, debate) {
  const page = await (await browser.newContext()).newPage();
  watchErrors(page, errors);
  await page.goto(`${server.base}/`);
  await installDriver(page);
  const asked = new Map();
  const driver = {
    page,
    connect: (name, token) => page.evaluate(([n, d, t]) => window.connect(n, d, t), [name, debate, token]),
    run: async (name, commands) => {
      const replies = await page.evaluate(([n, c]) => window.run(n, c), [name, commands]);
      replies.forEach((r, i) => assert.equal(r.type, 'ack', `${name} ${JSON.stringify(commands[i])} -> ${JSON.stringify(r)}`));
      return replies;
    },
    async join(count, prefix) {
      const names = [];
      for (let i = 0; i < count; i++) {
        const joined = await callApi(server, 'POST', `/api/debates/${debate}/participants`, { name: `${prefix} ${i + 1}` });
        assert.equal(joined.status, 201, JSON.stringify(joined.data));
        await driver.connect(joined.data.participant, joined.data.token);
        asked.set(joined.data.participant, 0);
        names.push(joined.data.participant);
      }
      return names;
    },
    async ask(count, label, text = (i) => `${label} ${i + 1}: what about the night buses?`) {
      const plan = new Map();
      for (let i = 0; i < count; i++) {
        const who = [...asked.keys()].find((p) => asked.get(p) < 5);
        assert.ok(who, 'the pool of askers is exhausted');
        asked.set(who, asked.get(who) + 1);
        if (!plan.has(who)) plan.set(who, []);
        plan.get(who).push({ type: 'ask', text: text(i), anonymous: false });
      }
      return (await Promise.all([...plan].map(([who, commands]) => driver.run(who, commands)))).flat();
    },
  };
  return driver;
}
