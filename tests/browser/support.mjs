// Shared by the browser tests: start the real tribune on 127.0.0.1:0 with a temporary database,
// and Debian's Chromium through playwright-core (never a downloaded browser).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'tribune-browser-'));
  const adminToken = randomBytes(32).toString('base64url');
  const bin = process.env.TRIBUNE_BIN || join(root, 'build/dev/tribune');
  const webRoot = process.env.TRIBUNE_WEB_ROOT || join(root, 'web');
  const child = spawn(bin, ['serve', '--listen', '127.0.0.1:0', '--db', join(dir, 't.db'), '--web-root', webRoot], {
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

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const phone = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true };

// Fails the test on any error a page reports (a CSP violation, an exception).
export function watchErrors(page, errors) {
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`); });
}

// Turns a page on the server's origin into a driver of WebSocket clients: window.connect(name,
// debate, token) resolves with the welcome; window.run(name, commands) sends them in order, each
// after the reply to the one before (a rate-limited one again a moment later), and resolves with
// the replies.
export async function installDriver(page) {
  await page.evaluate(() => {
    const clients = new Map();
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
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
            setTimeout(() => resolve({ type: 'timeout', id }), 5000);
          });
          if (reply.code !== 'rate_limited' || attempt === 50) { replies.push(reply); break; }
          await sleep(100);
        }
      }
      return replies;
    };
  });
}
