// The report of a debate and its replay (/r/CODE). A short Oxford show is played over the real
// WebSocket (support.mjs installDriver): two panelists, the vote before, an argument rated by the
// audience, a question approved and put on air, reactions, two turns at the floor, a question
// dismissed with a reason, the vote after (one voter naming the argument that changed their mind),
// the end. The report then shows the exact figures, its charts with their tables, the log's
// reason and the archive's head; it switches to English; the replay goes to the question on air,
// to a moment before it, and to the argument's moment from the argument map; the archive
// downloaded from the page passes `tribune verify`; at 360 px nothing scrolls sideways; axe-core
// finds nothing. A second debate, made from a channel's topic with a sponsor: its report says it
// is provisional while the show is on air and refreshes when asked, names the sponsor, and the
// topic's page links to it once the show has ended.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, launchBrowser, installDriver, watchErrors, callApi, axeViolations, describeViolations } from './support.mjs';

const second = 1000;
const wait = { timeout: 30 * second };
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const smallPhone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const words = {
  question: 'Qui paiera les parkings relais ?',
  spam: '<b>Promo</b> achetez maintenant',
  reason: 'Publicité sans rapport avec le débat',
  argument: 'Moins de voitures, c’est un air plus pur pour chaque enfant.',
};

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

// Resolves once `check()` gives something truthy, asking again every 100 ms (a state the server
// reaches on its own, such as reactions it records every few seconds).
async function until(check, what, timeout = 30 * second) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// A driver page connected as the moderator (and whoever else `tokens` names); `run(name,
// commands)` asserts every reply is an ack and resolves with the replies.
async function driverFor(id, tokens, errors) {
  const driver = await (await browser.newContext()).newPage();
  watchErrors(driver, errors);
  await driver.goto(`${server.base}/`);
  await installDriver(driver);
  for (const [name, token] of Object.entries(tokens)) {
    await driver.evaluate(([n, d, t]) => window.connect(n, d, t), [name, id, token]);
  }
  return async (name, commands) => {
    const replies = await driver.evaluate(([n, c]) => window.run(n, c), [name, commands]);
    replies.forEach((r, i) => assert.equal(r.type, 'ack', `${name} ${JSON.stringify(commands[i])} -> ${JSON.stringify(r)}`));
    return replies;
  };
}

// The Oxford show, from the vote before to the end. Resolves with the debate and what was made.
async function playOxfordShow(errors) {
  const created = await callApi(server, 'POST', '/api/debates', { title: 'Voitures en ville', motion: 'Cette assemblée interdirait les voitures en centre-ville', format: 'oxford' });
  assert.equal(created.status, 201, JSON.stringify(created.data));
  const { id, code, tokens } = created.data;
  const panelist = async (name, side) => (await callApi(server, 'POST', `/api/debates/${id}/panelists`, { name, role: 'panelist', side })).data;
  const pro = await panelist('Dr. Green', 'for');
  const con = await panelist('Mr. Motor', 'against');
  const people = { mod: tokens.moderator, pro: pro.token, con: con.token };
  for (const name of ['p0', 'p1', 'p2']) {
    people[name] = (await callApi(server, 'POST', `/api/debates/${id}/participants`, { name: `Votant ${name}` })).data.token;
  }
  const run = await driverFor(id, people, errors);
  const oxford = async (phase, ballots) => {
    const [made] = await run('mod', [{ type: 'create_oxford_poll', phase }]);
    const poll = made.result.poll;
    await run('mod', [{ type: 'open_poll', poll }]);
    for (const [name, ballot] of Object.entries(ballots)) await run(name, [{ type: 'vote', poll, ...ballot }]);
    await run('mod', [{ type: 'close_poll', poll }, { type: 'reveal_poll', poll }]);
  };

  await run('mod', [{ type: 'start_show' }]);
  await oxford('before', { p0: { choice: 0 }, p1: { choice: 1 }, p2: { choice: 2 } });
  await run('mod', [{ type: 'advance' }, { type: 'grant_floor', speaker: pro.panelist, seconds: 300 }]);
  const [posted] = await run('pro', [{ type: 'post_argument', text: words.argument, stance: 'for' }]);
  const argument = posted.result.argument;
  await run('p0', [{ type: 'rate_argument', argument, rating: 'agree' }, { type: 'react', kind: 'applause' }, { type: 'react', kind: 'applause' }]);
  await run('p1', [{ type: 'rate_argument', argument, rating: 'agree' }, { type: 'react', kind: 'agree' }]);
  await run('p2', [{ type: 'rate_argument', argument, rating: 'disagree' }, { type: 'react', kind: 'laugh' }]);
  const [asked] = await run('p0', [{ type: 'ask', text: words.question, anonymous: false }]);
  const question = asked.result.question;
  await run('mod', [{ type: 'approve', question }, { type: 'put_on_air', question }, { type: 'grant_floor', speaker: con.panelist, seconds: 120 }]);
  const [spam] = await run('p2', [{ type: 'ask', text: words.spam, anonymous: false }]);
  await run('mod', [{ type: 'dismiss', question: spam.result.question, reason: words.reason }, { type: 'mark_answered', question }]);
  // The vote after: For 2 (one of them says the argument changed their mind), Undecided 1.
  await oxford('after', { p0: { choice: 0 }, p1: { choice: 0, changed_by: argument }, p2: { choice: 2 } });
  await run('mod', [{ type: 'end_show' }]);
  // Reactions are recorded every few seconds: the report counts them once they are.
  await until(async () => (await callApi(server, 'GET', `/api/debates/${id}/report`, undefined, '')).data.counts.reactions === 4, 'the reactions recorded');
  return { id, code, argument };
}

async function openPage(url, options, errors) {
  const page = await (await browser.newContext({ acceptDownloads: true, ...options })).newPage();
  watchErrors(page, errors);
  await page.goto(url);
  return page;
}

// Every chart drawn by Chart.js on a canvas of non-zero size, each with its table beside it.
async function drawnCharts(page, atLeast) {
  await page.waitForFunction((n) => {
    const figures = [...document.querySelectorAll('figure[data-testid=chart]')];
    return figures.length >= n && figures.every((f) => {
      const canvas = f.querySelector('canvas');
      const chart = canvas && window.Chart?.getChart(canvas);
      return chart && canvas.width > 0 && canvas.height > 0 && f.querySelector('table tbody tr');
    });
  }, atLeast, wait);
  return page.evaluate(() => [...document.querySelectorAll('figure[data-testid=chart]')].map((f) => ({
    id: f.dataset.chartId, label: f.querySelector('canvas').getAttribute('aria-label'),
    rows: [...f.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent.replace(/\s+/g, ' ').trim())),
  })));
}

async function expectAccessible(page, where) {
  const found = await axeViolations(page);
  assert.equal(found.length, 0, `${where}:\n${describeViolations(found)}`);
}

// The frame the replay shows once it has the answer for `seq`.
const frameAt = (page, seq) => page.locator(`[data-testid=replay-frame][data-seq="${seq}"][aria-busy=false]`).waitFor(wait);

test('the report of an Oxford debate: figures, charts, result, log, archive and replay, in French and English', { timeout: 300 * second }, async () => {
  const errors = [];
  const { id, code, argument } = await playOxfordShow(errors);
  const page = await openPage(`${server.base}/r/${code}`, { viewport: { width: 1280, height: 900 }, locale: 'fr-FR' }, errors);

  await page.getByTestId('title').filter({ hasText: 'Voitures en ville' }).waitFor(wait);
  assert.equal(await page.getByTestId('motion').textContent(), 'Cette assemblée interdirait les voitures en centre-ville');
  await page.getByTestId('show-status').filter({ hasText: 'Terminée' }).waitFor(wait);
  assert.equal(await page.getByTestId('provisional').count(), 0, 'an ended show\'s report is final');
  assert.match(await page.getByTestId('ended-at').textContent(), /\d{4}/);
  const expected = { participants: 3, asked: 2, approved: 1, answered: 1, dismissed: 1, pending: 0, arguments: 1, ballots: 6, reactions: 4 };
  for (const [name, n] of Object.entries(expected)) {
    assert.equal(await page.getByTestId(`figure-${name}`).textContent(), String(n), name);
  }

  // The charts: the Oxford vote, talk time per speaker, per side and per segment, the mood.
  const charts = await drawnCharts(page, 5);
  assert.deepEqual(charts.map((c) => c.id).sort(), ['mood', 'oxford', 'talk-segments', 'talk-sides', 'talk-speakers']);
  const byId = Object.fromEntries(charts.map((c) => [c.id, c]));
  assert.deepEqual(byId.oxford.rows.map((r) => r.slice(0, 3)), [['Pour', '33,3 %', '66,7 %'], ['Contre', '33,3 %', '0 %'], ['Indécis', '33,3 %', '33,3 %']]);
  assert.deepEqual(byId['talk-speakers'].rows.map((r) => r[0]).sort(), ['Dr. Green', 'Mr. Motor']);
  const perKind = [1, 2, 3, 4, 5].map((i) => byId.mood.rows.reduce((n, row) => n + Number(row[i]), 0));
  assert.deepEqual(perKind, [2, 1, 0, 1, 0], 'applause, agree, disagree, laugh, confused over the minutes');
  assert.match(byId['talk-speakers'].label, /Dr\. Green/);
  await page.getByTestId('oxford-winner').filter({ hasText: 'le Pour l’emporte' }).waitFor(wait);
  const changed = page.getByTestId('changed-by');
  assert.equal(await changed.count(), 1);
  assert.equal(await changed.getByTestId('changed-by-text').textContent(), words.argument);
  assert.equal(await changed.getByTestId('changed-by-count').textContent(), '1 personne');
  await page.getByTestId('argument-map').getByTestId('argument-figures').filter({ hasText: '2 d’accord · 1 pas d’accord' }).waitFor(wait);

  // The moderation log, its reason, the spam as text; the archive's head, as the server gives it.
  assert.equal(await page.getByTestId('log-reason').textContent(), `Raison : ${words.reason}`);
  await page.getByTestId('moderation-log').getByText(`“${words.spam}”`).waitFor(wait);
  assert.equal(await page.locator('b', { hasText: 'Promo' }).count(), 0, 'user text is never HTML');
  const { head } = (await callApi(server, 'GET', `/api/debates/${id}/archive/head`, undefined, '')).data;
  assert.match(head, /^[0-9a-f]{64}$/);
  assert.equal(await page.getByTestId('head').textContent(), head);

  // Tables open, the page in French passes axe; then English, without a reload.
  await page.locator('details.chart-data > summary').evaluateAll((all) => all.forEach((s) => s.click()));
  await expectAccessible(page, 'report, French, tables open');
  await page.getByTestId('language').selectOption('en');
  await page.getByRole('heading', { name: 'Key figures' }).waitFor(wait);
  await page.getByRole('heading', { name: 'The argument map' }).waitFor(wait);
  await page.getByTestId('show-status').filter({ hasText: 'Ended' }).waitFor(wait);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await page.getByTestId('changed-by-count').textContent(), '1 person');
  assert.match(await page.title(), /^Report: Voitures en ville$/);

  await replay(page, argument);
  await downloadAndVerify(page, head);
  await printed(page);
  await onPhone(code, errors);
  assert.deepEqual(errors, []);
});

// The replay: the question on air, a moment before it, the argument's moment and its author's turn
// from the argument map, and the slider to the end; the clicked button keeps the focus.
async function replay(page, argument) {
  const onAir = page.locator('[data-testid=moment][data-type=on_air_changed]');
  await onAir.filter({ hasText: 'Question on air' }).waitFor(wait);
  const onAirSeq = Number(await onAir.getAttribute('data-seq'));
  await onAir.click();
  await frameAt(page, onAirSeq);
  assert.equal(await page.getByTestId('replay-on-air').textContent(), words.question);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.type), 'on_air_changed', 'the focus stays on the moment');
  assert.equal(await onAir.getAttribute('aria-current'), 'step');
  await page.getByTestId('replay-floor').filter({ hasText: 'Dr. Green' }).waitFor(wait);

  const earlier = page.locator('[data-testid=moment][data-type=poll_revealed]').first();
  const earlierSeq = Number(await earlier.getAttribute('data-seq'));
  assert.ok(earlierSeq < onAirSeq);
  await earlier.click();
  await frameAt(page, earlierSeq);
  await page.getByTestId('replay-no-on-air').waitFor(wait);
  assert.equal(await page.getByTestId('replay-on-air').count(), 0);
  await page.getByTestId('replay-frame').getByTestId('tally').waitFor(wait);

  const node = page.getByTestId('argument-map').locator(`[data-argument=${argument}]`);
  const momentSeq = Number(await node.getByTestId('see-moment').getAttribute('data-seq'));
  assert.equal(momentSeq, Number(await page.locator(`[data-testid=moment][data-type=argument_posted]`).getAttribute('data-seq')));
  await node.getByTestId('see-moment').click();
  await frameAt(page, momentSeq);
  assert.equal(await page.getByTestId('replay-slider').inputValue(), String(momentSeq));
  await page.getByTestId('replay-frame').getByTestId('argument-text').filter({ hasText: words.argument }).first().waitFor({ state: 'attached', ...wait });
  assert.equal(await page.getByTestId('replay-no-on-air').count(), 1, 'the argument came before the question went on air');

  const speakerSeq = Number(await node.getByTestId('see-speaker').getAttribute('data-seq'));
  assert.ok(speakerSeq < momentSeq, 'the author\'s turn at the floor before the argument');
  await node.getByTestId('see-speaker').click();
  await frameAt(page, speakerSeq);
  await page.getByTestId('replay-floor').filter({ hasText: 'Dr. Green' }).waitFor(wait);

  // The slider, by keyboard: to the last event, then quickly back three; only the latest counts.
  const slider = page.getByTestId('replay-slider');
  const last = Number(await slider.getAttribute('max'));
  await slider.focus();
  await page.keyboard.press('End');
  await frameAt(page, last);
  await page.getByTestId('replay-frame').getByText('Nobody has the floor.').waitFor(wait);
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
  await frameAt(page, last - 3);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'replay-slider', 'the slider keeps the focus');
}

// The archive from the page's link, checked by the real binary.
async function downloadAndVerify(page, head) {
  const link = page.getByTestId('archive-link');
  assert.notEqual(await link.getAttribute('download'), null);
  const [download] = await Promise.all([page.waitForEvent('download', wait), link.click()]);
  const dir = mkdtempSync(join(tmpdir(), 'tribune-report-'));
  try {
    const file = join(dir, 'archive.ndjson');
    await download.saveAs(file);
    const bin = process.env.TRIBUNE_BIN || join(root, 'build/dev/tribune');
    const out = execFileSync(bin, ['verify', file], { encoding: 'utf8' });
    assert.match(out, /^ok: /);
    assert.ok(out.includes(head), `the verified head is the page's: ${out}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// On paper: no language picker, no buttons, no replay; the charts stop animating.
async function printed(page) {
  await page.emulateMedia({ media: 'print' });
  await page.waitForFunction(() => [...document.querySelectorAll('figure[data-testid=chart] canvas')]
    .every((c) => window.Chart.getChart(c)?.options.animation === false), undefined, wait);
  for (const id of ['language', 'replay', 'refresh']) assert.equal(await page.getByTestId(id).isVisible(), false, `${id} is not printed`);
  assert.equal(await page.locator('button:visible').count(), 0, 'no button on paper');
  assert.ok(await page.getByTestId('head').isVisible());
  await page.emulateMedia({ media: 'screen' });
}

// At 360 px: nothing scrolls sideways, the charts fit, axe finds nothing.
async function onPhone(code, errors) {
  const phonePage = await openPage(`${server.base}/r/${code}`, { ...smallPhone, locale: 'fr-FR' }, errors);
  await phonePage.getByTestId('head').waitFor(wait);
  await drawnCharts(phonePage, 5);
  await frameAt(phonePage, Number(await phonePage.locator('[data-testid=moment]').first().getAttribute('data-seq')));
  const fit = await phonePage.evaluate(() => ({
    scroll: document.scrollingElement.scrollWidth, width: innerWidth,
    widest: Math.max(...[...document.querySelectorAll('canvas')].map((c) => c.getBoundingClientRect().right)),
  }));
  assert.ok(fit.scroll <= fit.width, `the page scrolls sideways at 360 px (${fit.scroll} > ${fit.width})`);
  assert.ok(fit.widest <= fit.width, `a chart leaves the screen (${fit.widest})`);
  await expectAccessible(phonePage, 'report on a phone');
  await phonePage.context().close();
}

test('a debate made from a channel\'s topic: a provisional report while on air, the sponsor, and the topic\'s link once it ended', { timeout: 240 * second }, async () => {
  const errors = [];
  const channel = (await callApi(server, 'POST', '/api/channels', { name: 'Acme TV', categories: ['RH'] })).data.id;
  const proposer = await callApi(server, 'POST', `/api/channels/${channel}/identities`, { name: 'Ana' });
  const topic = await callApi(server, 'POST', `/api/channels/${channel}/topics`, { title: 'La semaine de quatre jours', pitch: 'Pour ou contre', category: 'RH' }, proposer.data.token);
  assert.equal(topic.status, 201, JSON.stringify(topic.data));
  const t = topic.data.id;
  assert.equal((await callApi(server, 'POST', `/api/channels/${channel}/topics/${t}/answer`, { answer: 'accept' })).status, 200);
  const acme = await callApi(server, 'POST', `/api/channels/${channel}/identities`, { name: 'Acme' });
  const offer = await callApi(server, 'PUT', `/api/channels/${channel}/topics/${t}/sponsor-offer`, { organisation: 'Acme SA', contact: 'acme@example.org', consent: true }, acme.data.token);
  assert.equal((await callApi(server, 'PUT', `/api/channels/${channel}/topics/${t}/sponsor`, { sponsor: offer.data.my_offer.sponsor })).status, 200);
  const debate = await callApi(server, 'POST', `/api/channels/${channel}/topics/${t}/debate`, { format: 'talk_show' });
  assert.equal(debate.status, 201, JSON.stringify(debate.data));
  const { id, code, tokens } = debate.data;
  const run = await driverFor(id, { mod: tokens.moderator }, errors);
  await run('mod', [{ type: 'start_show' }]);

  // On air: provisional, in English; the organizer's link reads the fuller view.
  const page = await openPage(`${server.base}/r/${code}#token=${server.adminToken}`, { ...smallPhone, locale: 'en-US' }, errors);
  await page.getByTestId('provisional').filter({ hasText: 'provisional' }).waitFor(wait);
  assert.ok(!page.url().includes(server.adminToken), 'the token leaves the address bar');
  await page.getByTestId('organizer-view').waitFor(wait);
  assert.equal(await page.getByTestId('sponsor').textContent(), 'With the support of Acme SA');
  await page.getByTestId('show-status').filter({ hasText: 'Live' }).waitFor(wait);
  assert.equal(await page.getByTestId('ended-at').count(), 0);
  await expectAccessible(page, 'provisional report');

  // The topic's page links to the report only once the show has ended; the report, refreshed,
  // says it has.
  const topicPage = await openPage(`${server.base}/c/${channel}/${t}`, { locale: 'fr-FR' }, errors);
  await topicPage.getByTestId('join-show').waitFor(wait);
  assert.equal(await topicPage.getByTestId('report-link').count(), 0);
  await run('mod', [{ type: 'end_show' }]);
  await page.getByTestId('refresh').click();
  await page.getByTestId('show-status').filter({ hasText: 'Ended' }).waitFor(wait);
  await page.getByTestId('provisional').waitFor({ state: 'detached', ...wait });
  await page.getByTestId('ended-at').waitFor(wait);
  await until(async () => (await callApi(server, 'GET', `/api/channels/${channel}/topics/${t}`, undefined, '')).data.status === 'ended', 'the topic ended');
  await topicPage.reload();
  const link = topicPage.getByTestId('report-link');
  await link.filter({ hasText: 'Lire le compte rendu du débat' }).waitFor(wait);
  assert.equal(await link.getAttribute('href'), `/r/${code}`);
  await link.click();
  await topicPage.getByTestId('title').filter({ hasText: 'La semaine de quatre jours' }).waitFor(wait);
  assert.equal(await topicPage.getByTestId('sponsor').textContent(), 'Avec le soutien de Acme SA');
  await topicPage.getByTestId('talk-time').getByText('Personne n’a eu la parole.').waitFor(wait);
  assert.deepEqual(errors, []);
});
