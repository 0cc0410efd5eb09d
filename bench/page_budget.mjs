#!/usr/bin/env node
// The audience page's budget on a phone: what a first visit downloads, whether a second visit
// comes from the cache, and how long until the person sees something to act on. Not a test (ctest
// never runs it): a measurement, written up in docs/pages-budget.md.
//
//   TRIBUNE_BIN=build/release/tribune node bench/page_budget.mjs [--runs 3] [--cpu 4] [--rtt 0]
//
// Each run starts from an empty browser cache, on a 375×667 phone viewport, with the CPU slowed
// down --cpu times (CDP Emulation.setCPUThrottlingRate) and, with --rtt, a network round trip of
// that many milliseconds. It loads /a/CODE of a fresh debate and records
//  (a) the compressed bytes of JavaScript and CSS transferred (CDP Network.loadingFinished
//      encodedDataLength: body and headers, as they crossed the wire), and of everything else;
//  (b) on a second visit (after joining), how many requests were answered from the cache without
//      asking, with 304 Not Modified, or in full;
//  (c) the first meaningful render: milliseconds from the navigation's start (the page's
//      performance.timeOrigin) until the text of the join form (first visit) or of the
//      current-moment card (the second, as a returning member) is painted (Element Timing), and
//      for reference when it entered the document.
// It prints one JSON object: each run, the medians, and whether the budget holds
// (JS + CSS ≤ 100 KB compressed, render ≤ 1.5 s).
import { parseArgs } from 'node:util';
import { loadavg, cpus } from 'node:os';
import { startServer, launchBrowser, phone, callApi } from '../tests/browser/support.mjs';

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    cpu: { type: 'string', default: '4' },
    rtt: { type: 'string', default: '0' },
  },
});
const runs = Number(options.runs);
const cpu = Number(options.cpu);
const rtt = Number(options.rtt);
const budget = { jsCssBytes: 100 * 1024, renderMs: 1500 };

// Called in the page before any of its scripts: notes when the first of `selectors` enters the
// document (or gets its data-testid: the current-moment card is named once the room's state has
// arrived), and when its text is first painted (Element Timing: the observer marks the elements
// holding text before the frame that paints them; text painted earlier is not counted again).
function watchFirstRender(selectors) {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.identifier === 'first-render') window.firstPaint = Math.min(window.firstPaint ?? Infinity, e.renderTime || e.loadTime);
  }).observe({ type: 'element', buffered: true });
  new MutationObserver((_, observer) => {
    const found = document.querySelector(selectors);
    if (!found) return;
    observer.disconnect();
    window.firstInsert = performance.now();
    for (const el of [found, ...found.querySelectorAll('*')]) {
      if ([...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim())) el.setAttribute('elementtiming', 'first-render');
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-testid'] });
}

// Waits for the figures watchFirstRender takes, through CDP directly: Playwright's own helpers
// would evaluate its large injected script in the page while it is still loading, on the throttled
// CPU, and count it against the page.
async function firstRender(cdp) {
  const expression = `new Promise((resolve) => {
    const check = () => (typeof window.firstPaint === 'number' ? resolve({ render: window.firstPaint, inserted: window.firstInsert }) : setTimeout(check, 50));
    check();
  })`;
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true, timeout: 60000 });
      if (!exceptionDetails) return result.value;
    } catch {
      // The evaluation started in the document being replaced: ask the new one.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no first render');
}

const kindOf = (type) => (type === 'Script' ? 'js' : type === 'Stylesheet' ? 'css' : 'other');

// Loads `url` in `page` and returns what crossed the network and when the first meaningful render
// happened.
async function load(page, cdp, url) {
  const requests = new Map(); // requestId -> { url, kind, status, cached, bytes }
  const onRequest = (e) => requests.set(e.requestId, { url: e.request.url, kind: kindOf(e.type), status: 0, cached: false, bytes: 0 });
  const onResponse = (e) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    r.status = e.response.status;
    r.kind = kindOf(e.type);
    if (e.response.fromDiskCache || e.response.fromPrefetchCache) r.cached = true;
  };
  // The status that crossed the wire: a revalidated fetch() or navigation shows the page the cached
  // 200, but its raw response was a 304.
  const onExtra = (e) => { const r = requests.get(e.requestId); if (r && e.statusCode) r.wire = e.statusCode; };
  const onCached = (e) => { const r = requests.get(e.requestId); if (r) r.cached = true; };
  const onFinished = (e) => { const r = requests.get(e.requestId); if (r) r.bytes = e.encodedDataLength; };
  cdp.on('Network.requestWillBeSent', onRequest);
  cdp.on('Network.responseReceived', onResponse);
  cdp.on('Network.requestServedFromCache', onCached);
  cdp.on('Network.responseReceivedExtraInfo', onExtra);
  cdp.on('Network.loadingFinished', onFinished);
  try {
    await page.goto(url, { waitUntil: 'commit' });
    const { render, inserted } = await firstRender(cdp);
    await page.waitForLoadState('networkidle');
    const all = [...requests.values()].filter((r) => r.url.startsWith('http'));
    for (const r of all) if (r.wire && !r.cached) r.status = r.wire;
    const sum = (list) => list.reduce((n, r) => n + (r.cached ? 0 : r.bytes), 0);
    return {
      renderMs: Math.round(render),
      insertedMs: Math.round(inserted),
      bytes: { js: sum(all.filter((r) => r.kind === 'js')), css: sum(all.filter((r) => r.kind === 'css')), other: sum(all.filter((r) => r.kind === 'other')) },
      requests: {
        total: all.length,
        fromCache: all.filter((r) => r.cached).length,
        notModified: all.filter((r) => !r.cached && r.status === 304).length,
        full: all.filter((r) => !r.cached && r.status === 200).length,
      },
      files: all.map((r) => ({ url: r.url.replace(/^https?:\/\/[^/]+/, ''), kind: r.kind, status: r.status, cached: r.cached, bytes: r.bytes })),
    };
  } finally {
    cdp.off('Network.requestWillBeSent', onRequest);
    cdp.off('Network.responseReceived', onResponse);
    cdp.off('Network.requestServedFromCache', onCached);
    cdp.off('Network.responseReceivedExtraInfo', onExtra);
    cdp.off('Network.loadingFinished', onFinished);
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const loadBefore = Number(loadavg()[0].toFixed(2));
const server = await startServer();
const browser = await launchBrowser();
try {
  const { data: debate } = await callApi(server, 'POST', '/api/debates', { title: 'Budget', motion: 'Free public transport for everyone' });
  const url = `${server.base}/a/${debate.code}`;
  const results = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext(phone);
    await context.addInitScript(watchFirstRender, '[data-testid=join-form], [data-testid=now]');
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    if (rtt > 0) await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: rtt, downloadThroughput: -1, uploadThroughput: -1 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    const first = await load(page, cdp, url);
    // Join, then come back as a returning member: the same files, now from the cache.
    await page.getByTestId('name').fill(`Run ${i + 1}`);
    await page.getByTestId('join').click();
    await page.locator('[data-testid=status][data-status=live]').waitFor({ timeout: 60000 });
    const second = await load(page, cdp, url);
    results.push({ first, second });
    await context.close();
  }
  const jsCss = (r) => r.first.bytes.js + r.first.bytes.css;
  const summary = {
    url: '/a/CODE', runs, cpuSlowdown: cpu, rttMs: rtt, viewport: phone.viewport,
    // The machine's own load while measuring (1-minute average, and its core count): figures taken
    // on a busy machine are not the page's.
    machine: { cores: cpus().length, loadBefore: loadBefore, loadAfter: Number(loadavg()[0].toFixed(2)) },
    runsDetail: results.map((r) => ({
      firstVisit: { renderMs: r.first.renderMs, insertedMs: r.first.insertedMs, jsBytes: r.first.bytes.js, cssBytes: r.first.bytes.css, otherBytes: r.first.bytes.other, requests: r.first.requests },
      secondVisit: { renderMs: r.second.renderMs, insertedMs: r.second.insertedMs, transferredBytes: r.second.bytes.js + r.second.bytes.css + r.second.bytes.other, requests: r.second.requests },
    })),
    median: {
      firstRenderMs: median(results.map((r) => r.first.renderMs)),
      jsCssBytes: median(results.map(jsCss)),
      secondRenderMs: median(results.map((r) => r.second.renderMs)),
    },
    // Every script and style sheet of the second visit came from the cache or as a 304.
    secondVisitFromCache: results.every((r) => r.second.files.every((f) => f.kind === 'other' || f.cached || f.status === 304)),
    firstVisitFiles: results[0].first.files,
    secondVisitFiles: results[0].second.files,
    budget: { jsCssBytes: budget.jsCssBytes, renderMs: budget.renderMs },
  };
  summary.withinBudget = summary.median.jsCssBytes <= budget.jsCssBytes && Math.max(summary.median.firstRenderMs, summary.median.secondRenderMs) <= budget.renderMs;
  console.log(JSON.stringify(summary, null, 2));
  process.exitCode = summary.withinBudget ? 0 : 1;
} finally {
  await browser.close();
  await server.stop();
}
