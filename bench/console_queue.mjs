#!/usr/bin/env node
// The moderator console with a long pending queue: how long Chromium takes to open it, to filter
// it and to dismiss 500 questions in bulk. Not a test (ctest never runs it): a measurement, written
// up in docs/performance.md.
//
//   TRIBUNE_BIN=build/release/tribune node bench/console_queue.mjs [--questions 10000] [--runs 3]
//       [--before-web DIR]
//
// The questions go through the real paths: audience members join over REST and ask five each over
// WebSocket (the per-minute rule of a debate), a hundred at a time, from a page of the server's
// origin. Then, each run, a fresh console on a 1366×800 laptop, in English, measures
//  open:   from the navigation's start until the count reads every question and rows are drawn;
//  filter: from a word typed in the search (one question in five has it) until the matching rows
//          are drawn, and from clearing it until the whole queue is back;
//  bulk:   from the click that dismisses 500 selected questions with one reason until the count
//          has dropped by 500 (every event received and drawn).
// Each figure is read in the page (performance.now()), one animation frame after the change shows.
// It prints one JSON object: each run, the medians, and whether each stays within 1 s.
//
// With --before-web DIR (the web/ folder of an earlier commit, for example from `git worktree add`),
// a second server serves the pages from there, with questions of its own, and each run opens the
// console of both in turn (the order alternating): the two consoles compared on the same busy
// machine at the same moments, under "before" and "after".
import { parseArgs } from 'node:util';
import { loadavg, cpus } from 'node:os';
import { startServer, launchBrowser, installDriver, callApi } from '../tests/browser/support.mjs';

const { values: options } = parseArgs({
  options: {
    questions: { type: 'string', default: '10000' }, runs: { type: 'string', default: '3' }, 'before-web': { type: 'string' },
  },
});
const questions = Number(options.questions);
const runs = Number(options.runs);
const batch = 500;
const topics = ['tramway', 'pedestrians', 'parking', 'cycling', 'buses'];
const number = new Intl.NumberFormat('en-US');

// Asks `count` questions, five per member; question i belongs to the batch "#b<i/500>#", which a
// search finds exactly.
async function seed(server, browser, debate) {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${server.base}/`);
  await installDriver(page);
  const members = Math.ceil(questions / 5);
  const started = Date.now();
  for (let first = 0; first < members; first += 100) {
    await Promise.all(Array.from({ length: Math.min(100, members - first) }, async (_, k) => {
      const m = first + k;
      const joined = await callApi(server, 'POST', `/api/debates/${debate}/participants`, { name: `Member ${m + 1}` });
      if (joined.status !== 201) throw new Error(`join: ${joined.status} ${JSON.stringify(joined.data)}`);
      const name = `m${m}`;
      await page.evaluate(([n, d, t]) => window.connect(n, d, t), [name, debate, joined.data.token]);
      const asks = [];
      for (let i = m * 5; i < Math.min(questions, m * 5 + 5); i++) {
        asks.push({ type: 'ask', text: `Question ${i + 1} #b${Math.floor(i / batch)}# about ${topics[i % topics.length]}: who pays for it?`, anonymous: false });
      }
      const replies = await page.evaluate(([n, c]) => window.run(n, c), [name, asks]);
      const refused = replies.find((r) => r.type !== 'ack');
      if (refused) throw new Error(`ask: ${JSON.stringify(refused)}`);
      await page.evaluate((n) => window.disconnect(n), name);
    }));
  }
  await page.context().close();
  return (Date.now() - started) / 1000;
}

async function measure(browser, link, remaining, run) {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'en-US' })).newPage();
  page.setDefaultTimeout(120000);
  const expected = `${number.format(remaining)} questions`;
  // The open is read in the page, as the other figures are: from the first frame in which the count
  // and a row show, one frame later (it has been painted). Read from here instead, it would also
  // count the round trip between this script and the browser after the page is done.
  await page.addInitScript((text) => {
    const shows = () => document.querySelector('[data-testid=pending-count]')?.textContent === text
      && document.querySelector('[data-testid=pending-question]');
    const check = () => (shows() ? requestAnimationFrame(() => { window.openedAt = performance.now(); }) : requestAnimationFrame(check));
    requestAnimationFrame(check);
  }, expected);
  await page.goto(link, { waitUntil: 'commit' });
  const open = await page.waitForFunction(() => window.openedAt, null, { polling: 'raf' }).then((h) => h.jsonValue()).catch(async (err) => {
    const seen = await page.evaluate(() => [document.querySelector('[data-testid=pending-count]')?.textContent, document.querySelector('[data-testid=status]')?.textContent,
      document.querySelector('[data-testid=error]')?.textContent]);
    throw new Error(`the console never showed ${expected}: it shows ${JSON.stringify(seen)} (${err.message})`);
  });
  const readLater = await page.evaluate(() => performance.now());
  const figures = await page.evaluate(async ([word, tag, all, reason]) => {
    // Resolves with the milliseconds from `t0` to one frame after `done()` holds.
    const untilDrawn = (t0, done) => new Promise((resolve) => {
      const check = () => (done() ? requestAnimationFrame(() => resolve(performance.now() - t0)) : requestAnimationFrame(check));
      check();
    });
    const search = document.querySelector('[data-testid=pending-search]');
    const type = (text) => { search.value = text; search.dispatchEvent(new Event('input', { bubbles: true })); };
    const shown = () => document.querySelector('[data-testid=pending-shown]')?.textContent || '';
    let t0 = performance.now();
    type(word);
    const filter = await untilDrawn(t0, () => shown().includes(' of ') && document.querySelector('[data-testid=question-text]')?.textContent.includes(word));
    t0 = performance.now();
    type('');
    const unfilter = await untilDrawn(t0, () => !document.querySelector('[data-testid=pending-shown]'));
    type(tag);
    await untilDrawn(performance.now(), () => shown().startsWith('500 of'));
    document.querySelector('[data-testid=select-shown]').click();
    await untilDrawn(performance.now(), () => document.querySelector('[data-testid=bulk-dismiss]'));
    document.querySelector('[data-testid=bulk-dismiss]').click();
    await untilDrawn(performance.now(), () => document.querySelector('[data-testid=bulk-dismiss-reason]'));
    const field = document.querySelector('[data-testid=bulk-dismiss-reason]');
    field.value = reason;
    field.dispatchEvent(new Event('input', { bubbles: true }));
    t0 = performance.now();
    document.querySelector('[data-testid=bulk-dismiss-confirm]').click();
    const bulk = await untilDrawn(t0, () => document.querySelector('[data-testid=pending-count]').textContent === all);
    return { filter, unfilter, bulk };
  }, [topics[run % topics.length], `#b${run}#`, `${number.format(remaining - batch)} questions`, 'Answered by the panel already']);
  await page.context().close();
  return { open_ms: open, open_read_from_node_ms: readLater, filter_ms: figures.filter, clear_filter_ms: figures.unfilter, bulk_dismiss_500_ms: figures.bulk };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

const summary = (results) => {
  const medians = Object.fromEntries(Object.keys(results[0]).map((k) => [k, Math.round(median(results.map((r) => r[k])))]));
  return { runs: results, medians, within_1s: Object.fromEntries(Object.entries(medians).map(([k, v]) => [k, v <= 1000])) };
};

// One server per web folder (the pages under test, and the earlier ones when compared).
const webRoots = options['before-web'] ? { before: options['before-web'], after: process.env.TRIBUNE_WEB_ROOT } : { after: process.env.TRIBUNE_WEB_ROOT };
const setups = [];
for (const [label, webRoot] of Object.entries(webRoots)) {
  if (webRoot) process.env.TRIBUNE_WEB_ROOT = webRoot; else delete process.env.TRIBUNE_WEB_ROOT;
  setups.push({ label, server: await startServer({ args: ['--joins-per-second', '100000', '--join-burst', '100000'] }), results: [] });
}
const browser = await launchBrowser();
try {
  for (const s of setups) {
    const made = await callApi(s.server, 'POST', '/api/debates', { title: 'A city without cars', motion: 'Close the centre to cars', format: 'talk_show' });
    s.seedSeconds = await seed(s.server, browser, made.data.id);
    s.link = made.data.links.moderator;
  }
  for (let run = 0; run < runs && questions - run * batch >= batch; run++) {
    for (const s of run % 2 ? [...setups].reverse() : setups) s.results.push(await measure(browser, s.link, questions - run * batch, run));
  }
  const machine = { cpus: cpus().length, load: loadavg().map((l) => Math.round(l * 100) / 100) };
  const bySetup = Object.fromEntries(setups.map((s) => [s.label, { ...summary(s.results), seed_seconds: s.seedSeconds }]));
  console.log(JSON.stringify(setups.length === 1 ? { questions, ...bySetup.after, machine } : { questions, ...bySetup, machine }, null, 2));
} finally {
  await browser.close();
  for (const s of setups) await s.server.stop();
}
