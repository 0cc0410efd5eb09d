// A brand's own site frames the audience page of a debate whose organizer named that site, and no
// other site can; and a second visit to the audience page comes from the browser's cache (the
// client's own files revalidated with 304, the versioned libraries not asked for at all).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer, launchBrowser, watchErrors, callApi } from './support.mjs';

const second = 1000;
const wait = { timeout: 30 * second };
let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

// A site on its own loopback port whose one page frames `target`.
async function site(target) {
  const s = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>Brand</title><iframe src="${target}" title="Débat" width="400" height="700"></iframe>`);
  });
  await new Promise((resolve) => s.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${s.address().port}`, close: () => new Promise((resolve) => s.close(resolve)) };
}

async function createDebate() {
  const created = await callApi(server, 'POST', '/api/debates', { title: 'Faut-il interdire les voitures en ville ?' });
  assert.equal(created.status, 201, JSON.stringify(created.data));
  return created.data;
}

test('the audience page is framed by the sites its organizer names, and by no other', { timeout: 120 * second }, async () => {
  const { id, code } = await createDebate();
  const audience = `${server.base}/a/${code}`;
  const brand = await site(audience);
  const other = await site(audience);
  const stageSite = await site(`${server.base}/stage`);
  const context = await browser.newContext({ locale: 'fr-FR' });
  try {
    const set = await callApi(server, 'PUT', `/api/debates/${id}/settings`, { embed_origins: [brand.origin, stageSite.origin] });
    assert.equal(set.status, 200, JSON.stringify(set.data));

    // The named site shows the widget, usable inside its frame.
    const page = await context.newPage();
    const errors = [];
    watchErrors(page, errors);
    await page.goto(`${brand.origin}/`);
    const widget = page.frameLocator('iframe');
    await widget.getByTestId('join').waitFor(wait);
    await widget.getByTestId('name').fill('Zoé');
    await widget.getByTestId('join').click();
    await widget.getByTestId('join-form').waitFor({ state: 'detached', ...wait });
    assert.deepEqual(errors, []);

    // Another site is refused by the browser, on the page's own policy.
    const refusedPage = await context.newPage();
    const refused = refusedPage.waitForEvent('console', { predicate: (m) => /frame-ancestors|Refused to (display|frame)/.test(m.text()), ...wait });
    await refusedPage.goto(`${other.origin}/`);
    // Chromium names the refused frame and the policy's list of sites, which lacks this one.
    const said = (await refused).text();
    assert.ok(said.includes(`frame-ancestors ${brand.origin} ${stageSite.origin}`), said);
    const inner = refusedPage.frames().find((f) => f !== refusedPage.mainFrame());
    assert.equal(await inner.locator('[data-testid=join]').count(), 0, 'nothing of the widget shows');

    // Every other page stays unframeable, even from a named site.
    const stagePage = await context.newPage();
    const stageRefused = stagePage.waitForEvent('console', { predicate: (m) => /frame-ancestors|Refused to (display|frame)/.test(m.text()), ...wait });
    await stagePage.goto(`${stageSite.origin}/`);
    await stageRefused;
  } finally {
    await context.close();
    await Promise.all([brand.close(), other.close(), stageSite.close()]);
  }
});

test('a second visit comes from the cache: 304 for the client\'s files, nothing asked for the libraries', { timeout: 120 * second }, async () => {
  const { code } = await createDebate();
  const context = await browser.newContext({ locale: 'fr-FR' });
  try {
    const page = await context.newPage();
    const errors = [];
    watchErrors(page, errors);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    let visit = [];
    const byId = new Map();
    // What came over the wire: a fetch() revalidated with 304 reaches the page as its cached 200.
    // DevTools may report it before or after the request itself, so it is kept by request id.
    const wire = new Map();
    cdp.on('Network.requestWillBeSent', (e) => {
      const entry = { id: e.requestId, url: e.request.url, status: null, cached: false, encoding: null };
      byId.set(e.requestId, entry);
      visit.push(entry);
    });
    cdp.on('Network.requestServedFromCache', (e) => { if (byId.has(e.requestId)) byId.get(e.requestId).cached = true; });
    cdp.on('Network.responseReceivedExtraInfo', (e) => { wire.set(e.requestId, e.statusCode); });
    cdp.on('Network.responseReceived', (e) => {
      const entry = byId.get(e.requestId);
      if (!entry) return;
      entry.status = e.response.status;
      entry.cached ||= Boolean(e.response.fromDiskCache || e.response.fromMemoryCache);
      const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
      entry.encoding = headers['content-encoding'] ?? null;
    });
    const assets = (list) => list.filter((r) => /\/(js|css|vendor|locales)\//.test(new URL(r.url).pathname));

    await page.goto(`${server.base}/a/${code}`);
    await page.getByTestId('join').waitFor(wait);
    const first = assets(visit);
    assert.ok(first.some((r) => r.url.includes('/vendor/lit-html@')), 'the page loads its libraries');
    for (const r of first.filter((x) => /\.(js|css)$/.test(new URL(x.url).pathname))) {
      assert.equal(r.status, 200, r.url);
      assert.equal(r.encoding, 'gzip', `${r.url} travels compressed`);
    }

    visit = [];
    await page.goto('about:blank');
    await page.goto(`${server.base}/a/${code}`);
    await page.getByTestId('join').waitFor(wait);
    const revisit = assets(visit);
    assert.ok(revisit.length > 0);
    // DevTools events trail the page: wait until each request has said how it was answered.
    const settled = (r) => r.cached || (r.status !== null && wire.has(r.id));
    for (const deadline = Date.now() + 20 * second; !revisit.every(settled) && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (const r of revisit) {
      const path = new URL(r.url).pathname;
      if (path.startsWith('/vendor/')) assert.ok(r.cached, `${path} comes from the cache without a request`);
      else {
        const seen = { ...r, wire: wire.get(r.id) ?? null };
        assert.ok(r.cached || r.status === 304 || seen.wire === 304, `${path} is revalidated (got ${JSON.stringify(seen)})`);
      }
    }
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
