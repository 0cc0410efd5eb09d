// The end of the show on every screen: when the moderators end it, the phone, the stage and the
// overlay switch to their closing view (the heading, the debate's title, the result, the report at
// /r/CODE: a link on the phone, an address on the big screens) with no question on air, speaker or
// raised hand left, and no form to ask, react or vote on the phone; a page opened after the end
// shows the closing view at once. In French (a French browser, the default) and in English. The
// moderator, the panelists and the voters are WebSocket clients (support.mjs installDriver).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, installDriver, watchErrors, callApi, axeViolations, describeViolations } from './support.mjs';

const second = 1000;
const wait = { timeout: 30 * second };
// The narrowest phone the audience page is made for.
const smallPhone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const words = {
  fr: { heading: 'L’émission est terminée', report: 'Lire le compte rendu du débat', winner: 'le Pour l’emporte', status: 'Émission terminée', other: 'Les autres sondages' },
  en: { heading: 'The show has ended', report: 'Read the debate’s report', winner: 'For wins', status: 'Show over', other: 'The other polls' },
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

// A debate with two panelists and three voters connected through a driver page; `run(name,
// commands)` asserts every reply is an ack.
async function setUp(errors, fields) {
  const created = await callApi(server, 'POST', '/api/debates', fields);
  assert.equal(created.status, 201, JSON.stringify(created.data));
  const { id, code, tokens } = created.data;
  const panelist = async (name, side) => {
    const res = await callApi(server, 'POST', `/api/debates/${id}/panelists`, { name, role: 'panelist', side });
    assert.equal(res.status, 201, JSON.stringify(res.data));
    return res.data;
  };
  const pro = await panelist('Dr. Green', 'for');
  const con = await panelist('Mr. Motor', 'against');
  const driver = await (await browser.newContext()).newPage();
  watchErrors(driver, errors);
  await driver.goto(`${server.base}/`);
  await installDriver(driver);
  const connect = (name, token) => driver.evaluate(([n, d, t]) => window.connect(n, d, t), [name, id, token]);
  await connect('mod', tokens.moderator);
  await connect('pro', pro.token);
  await connect('con', con.token);
  for (const name of ['p0', 'p1', 'p2']) {
    const res = await callApi(server, 'POST', `/api/debates/${id}/participants`, { name: `Voter ${name}` });
    assert.equal(res.status, 201, JSON.stringify(res.data));
    await connect(name, res.data.token);
  }
  const run = async (name, commands) => {
    const replies = await driver.evaluate(([n, c]) => window.run(n, c), [name, commands]);
    replies.forEach((r, i) => assert.equal(r.type, 'ack', `${name} ${JSON.stringify(commands[i])} -> ${JSON.stringify(r)}`));
    return replies;
  };
  // A poll voted by the three voters (choices[i] for pN), closed and revealed.
  const poll = async (create, choices) => {
    const [made] = await run('mod', [create]);
    const id = made.result.poll;
    await run('mod', [{ type: 'open_poll', poll: id }]);
    for (const [i, choice] of choices.entries()) await run(`p${i}`, [{ type: 'vote', poll: id, choice }]);
    await run('mod', [{ type: 'close_poll', poll: id }, { type: 'reveal_poll', poll: id }]);
    return id;
  };
  return { id, code, tokens, pro, con, run, poll };
}

async function openPage(url, options, errors) {
  const page = await (await browser.newContext(options)).newPage();
  watchErrors(page, errors);
  await page.goto(url);
  return page;
}

// Joins from the form and waits for the connection: "live", or "ended" once the show is over.
async function joinAs(page, name, state = 'live') {
  await page.getByTestId('name').fill(name);
  await page.getByTestId('join').click();
  await page.locator(`[data-testid=status][data-status=${state}]`).waitFor(wait);
}

// The phone's closing view: heading, title, reason, the report's link; nothing to send any more,
// nothing on air; readable at 360 px without scrolling sideways.
async function expectPhoneClosing(page, { lang, title, code }) {
  const closing = page.getByTestId('show-ended');
  await closing.getByTestId('closing-heading').filter({ hasText: words[lang].heading }).waitFor(wait);
  await page.getByTestId('status').and(page.locator('[data-status=ended]')).filter({ hasText: words[lang].status }).waitFor(wait);
  assert.equal(await closing.getByTestId('closing-title').textContent(), title);
  assert.ok((await closing.getByTestId('closing-reason').textContent()).length > 10, 'the reason nothing can be sent');
  const link = closing.getByTestId('report-link');
  assert.equal(await link.getAttribute('href'), `/r/${code}`);
  assert.equal((await link.textContent()).trim(), words[lang].report);
  for (const id of ['now', 'on-air', 'question-input', 'ask', 'react-applause', 'argument-text-input', 'seat', 'upvote']) {
    assert.equal(await page.getByTestId(id).count(), 0, `${lang}: no ${id} after the end`);
  }
  assert.equal(await page.locator('[data-testid^=vote-], .badge.onair').count(), 0, `${lang}: no ballot, no on-air badge`);
  const fits = await page.evaluate(() => {
    const link = document.querySelector('[data-testid=report-link]').getBoundingClientRect();
    return { scroll: document.scrollingElement.scrollWidth, width: innerWidth, right: link.right };
  });
  assert.ok(fits.scroll <= fits.width, `${lang}: the phone scrolls sideways (${fits.scroll} > ${fits.width})`);
  assert.ok(fits.right <= fits.width, `${lang}: the report link leaves the screen (${fits.right})`);
}

// A big screen's closing view: the heading, the report's address as text, nothing on air.
async function expectScreenClosing(page, { lang, code, overlay }) {
  await page.getByTestId('show-ended').filter({ hasText: words[lang].heading }).waitFor(wait);
  await page.getByTestId('report-address').filter({ hasText: `/r/${code}` }).waitFor(wait);
  assert.match(await page.getByTestId('report-address').textContent(), new RegExp(`127\\.0\\.0\\.1:\\d+/r/${code}$`));
  assert.equal(await page.locator('a[href]').count(), 0, 'nothing to click on a big screen');
  for (const id of ['on-air-question', 'on-air-argument', 'hand-name', 'lower-third']) {
    await page.getByTestId(id).waitFor({ state: 'detached', ...wait });
  }
  if (!overlay) await page.locator('[data-testid=status][data-status=ended]').waitFor(wait);
}

// For each language, a phone that joined (360 px wide), a stage at 1280×720 and an overlay at
// 1920×1080, all live; `every(f)` runs f(page, lang, kind) on the six at once.
async function openScreens({ id, code, tokens }, errors) {
  const urls = {
    stage: (lang) => `${server.base}/stage?lang=${lang}#debate=${id}&token=${tokens.stage}`,
    overlay: (lang) => `${server.base}/overlay?lang=${lang}#debate=${id}&token=${tokens.stage}`,
  };
  const screens = {};
  for (const [lang, locale] of [['fr', 'fr-FR'], ['en', 'en-US']]) {
    const phonePage = await openPage(`${server.base}/a/${code}`, { ...smallPhone, locale }, errors);
    await joinAs(phonePage, lang === 'fr' ? 'Zoé' : 'Zoe');
    screens[lang] = {
      phone: phonePage,
      stage: await openPage(urls.stage(lang), { viewport: { width: 1280, height: 720 }, locale }, errors),
      overlay: await openPage(urls.overlay(lang), { viewport: { width: 1920, height: 1080 }, locale }, errors),
    };
  }
  const every = (f) => Promise.all(Object.entries(screens).flatMap(([lang, s]) => [f(s.phone, lang, 'phone'), f(s.stage, lang, 'stage'), f(s.overlay, lang, 'overlay')]));
  await every((page) => page.locator('[data-testid=status][data-status=live]').waitFor(wait));
  return { screens, every, urls };
}

// The three screens of a language in their closing view, each with the Oxford winner.
async function expectOxfordClosing({ phone: phonePage, stage, overlay }, { lang, title, code }) {
  const winner = (scope) => scope.getByTestId('oxford-winner').filter({ hasText: words[lang].winner }).waitFor(wait);
  await expectPhoneClosing(phonePage, { lang, title, code });
  await winner(phonePage.getByTestId('show-ended'));
  await expectScreenClosing(stage, { lang, code });
  await winner(stage.getByTestId('closing'));
  assert.equal(await stage.getByTestId('title').textContent(), title);
  await expectScreenClosing(overlay, { lang, code, overlay: true });
  assert.equal(await overlay.getByTestId('closing-title').textContent(), title);
  await winner(overlay.getByTestId('overlay-side'));
}

// New tabs of the same browsers (the phone's remembers its identity), opened after the end.
async function reopen(screens, urls, errors) {
  const tab = async (page, url) => {
    const fresh = await page.context().newPage();
    watchErrors(fresh, errors);
    await fresh.goto(url);
    return fresh;
  };
  const tabs = {};
  for (const [lang, s] of Object.entries(screens)) {
    tabs[lang] = {
      phone: await tab(s.phone, s.phone.url()),
      stage: await tab(s.stage, urls.stage(lang)),
      overlay: await tab(s.overlay, urls.overlay(lang)),
    };
  }
  return tabs;
}

test('an Oxford debate ends on the phone, the stage and the overlay, in French and English', { timeout: 240 * second }, async () => {
  const errors = [];
  const title = 'Voitures en ville';
  const show = await setUp(errors, { title, motion: 'Cette assemblée interdirait les voitures en centre-ville', format: 'oxford' });
  const { code, pro, run, poll } = show;
  const { screens, every, urls } = await openScreens(show, errors);

  // The vote before (For 1, Against 1, Undecided 1), then a speaker, a raised hand and a question
  // on air.
  await run('mod', [{ type: 'start_show' }]);
  await poll({ type: 'create_oxford_poll', phase: 'before' }, [0, 1, 2]);
  await run('mod', [{ type: 'advance' }, { type: 'grant_floor', speaker: pro.panelist, seconds: 300 }]);
  await run('con', [{ type: 'raise_hand', lane: 'direct_reply' }]);
  const [asked] = await run('p0', [{ type: 'ask', text: 'Qui paiera les parkings relais ?', anonymous: false }]);
  await run('mod', [{ type: 'approve', question: asked.result.question }, { type: 'put_on_air', question: asked.result.question }]);
  await every((page, lang, kind) => (kind === 'phone'
    ? page.getByTestId('on-air').filter({ hasText: 'parkings relais' }).waitFor(wait)
    : page.getByTestId('on-air-question').filter({ hasText: 'parkings relais' }).waitFor(wait)));
  for (const s of Object.values(screens)) await s.stage.getByTestId('hand-name').filter({ hasText: 'Mr. Motor' }).waitFor(wait);
  // The vote after: For 2, Undecided 1; the question, the speaker and the hand stay until the end.
  await poll({ type: 'create_oxford_poll', phase: 'after' }, [0, 0, 2]);
  await every((page, lang) => page.getByTestId('oxford-winner').filter({ hasText: words[lang].winner }).waitFor(wait));

  await run('mod', [{ type: 'end_show' }]);
  for (const [lang, s] of Object.entries(screens)) await expectOxfordClosing(s, { lang, title, code });
  // The question that was on air is still listed on the phone, as a question, not as on air.
  await screens.fr.phone.getByTestId('question').filter({ hasText: 'parkings relais' }).waitFor(wait);
  for (const [name, page] of Object.entries(screens.fr)) {
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, `${name}, closing view:\n${describeViolations(violations)}`);
  }

  // Opened again after the end, each page shows its closing view from the snapshot.
  const tabs = await reopen(screens, urls, errors);
  for (const [lang, s] of Object.entries(tabs)) await expectOxfordClosing(s, { lang, title, code });

  // Someone who never joined sees the closing view at once, and joins to read the result.
  const stranger = await openPage(`${server.base}/a/${code}`, { ...smallPhone, locale: 'fr-FR' }, errors);
  await stranger.getByTestId('show-ended').getByTestId('report-link').and(stranger.locator(`[href="/r/${code}"]`)).waitFor(wait);
  await stranger.getByTestId('join-form').filter({ hasText: 'Voir les résultats' }).waitFor(wait);
  await joinAs(stranger, 'Tard', 'ended');
  await expectPhoneClosing(stranger, { lang: 'fr', title, code });
  await stranger.getByTestId('show-ended').getByTestId('oxford-winner').filter({ hasText: words.fr.winner }).waitFor(wait);

  assert.deepEqual(errors, []);
});

test('without an Oxford vote the closing view shows the latest revealed poll; opened after the end, in English', { timeout: 240 * second }, async () => {
  const errors = [];
  const title = 'Night buses';
  const { id, code, tokens, run, poll } = await setUp(errors, { title, motion: 'Free public transport for everyone', format: 'talk_show' });
  await run('mod', [{ type: 'start_show' }]);
  const first = await poll({ type: 'create_poll', kind: 'single', question: 'Do you take the bus?', options: ['Daily', 'Never'] }, [0, 0, 1]);
  const last = await poll({ type: 'create_poll', kind: 'single', question: 'Keep the night buses?', options: ['Yes', 'No'] }, [0, 1, 0]);
  const [asked] = await run('p1', [{ type: 'ask', text: 'Who drives at 3 am?', anonymous: false }]);
  await run('mod', [{ type: 'approve', question: asked.result.question }, { type: 'put_on_air', question: asked.result.question }, { type: 'end_show' }]);

  const en = { locale: 'en-US' };
  const stage = await openPage(`${server.base}/stage#debate=${id}&token=${tokens.stage}`, { viewport: { width: 1920, height: 1080 }, ...en }, errors);
  const overlay = await openPage(`${server.base}/overlay?lang=en#debate=${id}&token=${tokens.stage}`, { viewport: { width: 1280, height: 720 }, ...en }, errors);
  const phonePage = await openPage(`${server.base}/a/${code}`, { ...smallPhone, ...en }, errors);

  await expectScreenClosing(stage, { lang: 'en', code });
  await stage.getByTestId('closing').locator(`[data-poll=${last}]`).getByTestId('poll-line').nth(1).waitFor(wait);
  assert.equal(await stage.locator(`[data-poll=${first}]`).count(), 0, 'the latest revealed poll only');
  await expectScreenClosing(overlay, { lang: 'en', code, overlay: true });
  await overlay.getByTestId('overlay-side').locator(`[data-poll=${last}]`).waitFor(wait);

  await phonePage.getByTestId('show-ended').getByTestId('report-link').waitFor(wait);
  await phonePage.getByTestId('join-form').filter({ hasText: 'See the results' }).waitFor(wait);
  await joinAs(phonePage, 'Ann', 'ended');
  await expectPhoneClosing(phonePage, { lang: 'en', title, code });
  const closing = phonePage.getByTestId('show-ended');
  await closing.locator(`[data-poll=${last}] [data-testid=tally]`).waitFor(wait);
  assert.deepEqual(await closing.locator(`[data-poll=${last}] .count`).allTextContents(), ['2', '1']);
  // The other revealed poll follows, under its own heading, after the report's link.
  await closing.getByText(words.en.other).waitFor(wait);
  await closing.locator(`[data-poll=${first}] [data-testid=tally]`).waitFor(wait);
  const order = await closing.evaluate((el, [a, b]) => {
    const at = (sel) => [...el.querySelectorAll('*')].indexOf(el.querySelector(sel));
    return [at(`[data-poll="${b}"]`), at('[data-testid=report-link]'), at(`[data-poll="${a}"]`)];
  }, [first, last]);
  assert.ok(order[0] < order[1] && order[1] < order[2], `result, link, other polls: ${order}`);

  // The language picker switches the closing view without a reload.
  await phonePage.getByTestId('language').selectOption('fr');
  await expectPhoneClosing(phonePage, { lang: 'fr', title, code });

  assert.deepEqual(errors, []);
});
