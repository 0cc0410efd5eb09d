// The audience page on a phone, state by state: a person's own pending question and argument, the
// seat request, the end of the show; the focus after an upvote and a vote, the light and dark
// themes, a question typed while the connection is down; no code word where a person reads; French
// and English; the brand and the show's video. A moderator is driven over raw WebSockets
// (support.mjs installDriver) with the commands of docs/protocol.md.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, installDriver, phone, watchErrors } from './support.mjs';

const second = 1000;
const wait = { timeout: 30 * second };
let server;
let browser;
let driver;
let clients = 0;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  driver = await (await browser.newContext()).newPage();
  await driver.goto(`${server.base}/`);
  await installDriver(driver);
  // A moderator's socket that keeps every message it receives, so a test can wait for an event.
  await driver.evaluate(() => {
    window.seen = [];
    window.watch = (debate, token) => new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://${location.host}/ws`);
      ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', debate, token }));
      ws.onerror = () => reject(new Error('watcher: socket error'));
      ws.onmessage = (e) => {
        for (const line of String(e.data).split('\n')) {
          if (!line) continue;
          const m = JSON.parse(line);
          window.seen.push(m);
          if (m.type === 'welcome') resolve(m);
        }
      };
    });
  });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function api(method, path, body) {
  const res = await fetch(`${server.base}${path}`, {
    method, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.adminToken}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, data: text ? JSON.parse(text) : null };
}

async function createDebate(fields) {
  const created = await api('POST', '/api/debates', { motion: 'Free public transport for everyone', ...fields });
  assert.equal(created.status, 201, JSON.stringify(created.data));
  return created.data;
}

// A moderator client of `debate`; returns run(commands), which asserts every reply is an ack.
async function moderate(debate) {
  const name = `m${++clients}`;
  await driver.evaluate(([n, d, t]) => window.connect(n, d, t), [name, debate.id, debate.tokens.moderator]);
  return async (commands) => {
    const replies = await driver.evaluate(([n, c]) => window.run(n, c), [name, commands]);
    replies.forEach((r, i) => assert.equal(r.type, 'ack', `${JSON.stringify(commands[i])} -> ${JSON.stringify(r)}`));
    return replies;
  };
}

// An audience member that is not a browser: joins by the API and sends commands over the driver.
async function participant(debate, name) {
  const joined = await api('POST', `/api/debates/${debate.id}/participants`, { name });
  assert.equal(joined.status, 201, JSON.stringify(joined.data));
  const client = `p${++clients}`;
  await driver.evaluate(([n, d, t]) => window.connect(n, d, t), [client, debate.id, joined.data.token]);
  return async (commands) => {
    const replies = await driver.evaluate(([n, c]) => window.run(n, c), [client, commands]);
    replies.forEach((r, i) => assert.equal(r.type, 'ack', `${JSON.stringify(commands[i])} -> ${JSON.stringify(r)}`));
    return replies;
  };
}

async function openPhone(debate, errors, options = {}) {
  const context = await browser.newContext({ ...phone, ...options });
  const page = await context.newPage();
  watchErrors(page, errors);
  await page.goto(`${server.base}/a/${debate.code}`);
  return page;
}

async function joinAs(page, name) {
  await page.getByTestId('name').fill(name);
  await page.getByTestId('join').click();
  await page.locator('[data-testid=status][data-status=live]').waitFor(wait);
}

// A transparent 1×1 PNG, standing in for a brand's logo.
const pixel = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

const participantId = (page, debate) => page.evaluate((id) => JSON.parse(localStorage.getItem(`tribune.identity.${id}`)).participant, debate.id);

test('defect 6: own pending question and argument, the seat request, and the end of the show', { timeout: 240 * second }, async () => {
  const errors = [];
  const debate = await createDebate({ title: 'Fishbowl night', format: 'fishbowl' });
  const run = await moderate(debate);
  const page = await openPhone(debate, errors);
  await joinAs(page, 'Ann');
  await run([{ type: 'start_show' }, { type: 'advance' }]);
  await page.getByTestId('segment').filter({ hasText: 'Fishbowl' }).waitFor(wait);

  // Her question and her argument are listed as hers, waiting for moderation.
  await page.getByTestId('question-input').fill('Who pays for the night buses?');
  await page.getByTestId('ask').click();
  const mineQuestion = page.getByTestId('my-question').filter({ hasText: 'Who pays for the night buses?' });
  await mineQuestion.filter({ hasText: 'Waiting for moderation' }).waitFor(wait);
  assert.equal(await mineQuestion.getAttribute('data-status'), 'pending');
  await page.locator('summary').filter({ hasText: 'Add an argument' }).click();
  await page.getByTestId('argument-text-input').fill('Buses at night keep people safe.');
  await page.getByTestId('send-argument').click();
  const mineArgument = page.getByTestId('my-argument').filter({ hasText: 'Buses at night keep people safe.' });
  await mineArgument.waitFor(wait);
  assert.match(await mineArgument.textContent(), /Waiting for moderation/);

  // Asking for the open seat replaces the action by the request's state (and a way to cancel it).
  await page.getByTestId('seat').click();
  await page.getByTestId('seat-requested').waitFor(wait);
  assert.equal(await page.getByRole('button', { name: 'Ask for the open seat' }).count(), 0);
  assert.equal(await page.getByTestId('seat-cancel').isVisible(), true);
  // The request survives a reload (the public view of the seats does not list requests).
  await page.reload();
  await page.getByTestId('seat-requested').waitFor(wait);
  await run([{ type: 'seat', participant: await participantId(page, debate) }]);
  await page.getByTestId('seat-state').filter({ hasText: 'You are on stage' }).waitFor(wait);
  assert.equal(await page.getByTestId('seat-requested').count(), 0);

  // A poll, a question on air; then the moderator reveals the poll and ends the show.
  const [poll] = await run([{ type: 'create_poll', kind: 'single', question: 'Keep the night buses?', options: ['Yes', 'No'] }]);
  const id = poll.result.poll;
  await run([{ type: 'open_poll', poll: id }, { type: 'approve', question: 'q1' }, { type: 'put_on_air', question: 'q1' }]);
  await page.locator(`[data-poll=${id}]`).getByTestId('vote-0').click();
  await page.locator(`[data-poll=${id}] [data-testid=my-ballot]`).waitFor(wait);
  await page.getByTestId('on-air').filter({ hasText: 'night buses' }).waitFor(wait);
  await run([{ type: 'close_poll', poll: id }, { type: 'reveal_poll', poll: id }, { type: 'end_show' }]);

  // The end-of-show screen: the results, and no live moment, ballot or on-air question any more.
  const ended = page.getByTestId('show-ended');
  await ended.waitFor(wait);
  const result = ended.locator(`[data-poll=${id}]`);
  await result.getByTestId('tally').waitFor(wait);
  assert.match(await result.textContent(), /Keep the night buses\?/);
  assert.deepEqual(await result.locator('.count').allTextContents(), ['1', '0']);
  assert.match(await result.getByTestId('my-ballot').textContent(), /You voted: Yes/);
  assert.equal(await page.getByTestId('now').count(), 0, 'no current moment');
  assert.equal(await page.getByTestId('segment').count(), 0, 'no segment');
  assert.equal(await page.getByTestId('on-air').count(), 0, 'no on-air question');
  assert.equal(await page.locator('.badge.onair').count(), 0, 'no on-air badge');
  assert.equal(await page.locator('[data-testid^=vote-]').count(), 0, 'no ballot');
  assert.equal(await page.getByTestId('question-input').count(), 0, 'no question form');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('defect 7: the focus stays after an upvote and a vote; dark and light themes; a question typed offline is sent on reconnect', { timeout: 240 * second }, async () => {
  const errors = [];
  const debate = await createDebate({ title: 'Focus and themes' });
  const run = await moderate(debate);
  const other = await participant(debate, 'Bob');
  await other([{ type: 'ask', text: 'First: what about trams?' }, { type: 'ask', text: 'Second: what about bikes?' }]);
  const [poll] = await run([{ type: 'approve', question: 'q1' }, { type: 'approve', question: 'q2' },
    { type: 'create_poll', kind: 'single', question: 'Which first?', options: ['Trams', 'Bikes'] }]).then((r) => r.slice(2));
  await run([{ type: 'open_poll', poll: poll.result.poll }]);

  // A phone that keeps a handle on its sockets, so the test can cut the connection.
  const context = await browser.newContext(phone);
  await context.addInitScript(() => {
    const Native = window.WebSocket;
    window.testSockets = [];
    window.WebSocket = class extends Native {
      constructor(...args) {
        super(...args);
        window.testSockets.push(this);
      }
    };
  });
  const page = await context.newPage();
  watchErrors(page, errors);
  await page.goto(`${server.base}/a/${debate.code}`);
  await joinAs(page, 'Ann');

  // Upvoting the second question moves it to the top; the focus moves with its button.
  const q2 = page.locator('[data-question=q2]');
  await q2.waitFor(wait);
  assert.deepEqual(await page.getByTestId('question').evaluateAll((all) => all.map((li) => li.dataset.question)), ['q1', 'q2']);
  await q2.getByTestId('upvote').click();
  await page.locator('[data-question=q2] [data-testid=upvote][aria-pressed=true]').waitFor(wait);
  await page.waitForFunction(() => document.querySelector('[data-testid=question]')?.dataset.question === 'q2', null, wait);
  const afterUpvote = await page.evaluate(() => ({
    body: document.activeElement === document.body,
    testid: document.activeElement?.dataset.testid,
    question: document.activeElement?.closest('[data-question]')?.dataset.question,
  }));
  assert.deepEqual(afterUpvote, { body: false, testid: 'upvote', question: 'q2' });

  // Voting keeps the focus on the ballot.
  const ballot = page.locator(`[data-poll=${poll.result.poll}]`);
  await ballot.getByTestId('vote-1').click();
  await ballot.getByTestId('my-ballot').waitFor(wait);
  await ballot.locator('[data-testid=vote-1][aria-pressed=true]').waitFor(wait);
  const afterVote = await page.evaluate((id) => ({
    body: document.activeElement === document.body,
    inBallot: Boolean(document.activeElement?.closest(`[data-poll="${id}"]`)),
  }), poll.result.poll);
  assert.deepEqual(afterVote, { body: false, inBallot: true });

  // The system's colour scheme picks the theme.
  const luminance = (p) => p.evaluate(() => {
    const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+(\.\d+)?/g).map(Number)
      .map((c) => c / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  });
  for (const [colorScheme, check] of [['dark', (l) => l < 0.05], ['light', (l) => l > 0.8]]) {
    const themed = await openPhone(debate, errors, { colorScheme });
    await themed.getByTestId('join-form').waitFor(wait);
    const l = await luminance(themed);
    assert.ok(check(l), `${colorScheme}: background luminance ${l}`);
    await themed.context().close();
  }

  // The connection drops and the network is gone; a question typed meanwhile is listed as waiting
  // and reaches the moderators once the phone is back.
  await driver.evaluate((d) => window.watch(d.id, d.tokens.moderator), debate);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const network = (offline) => cdp.send('Network.emulateNetworkConditions', { offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await network(true);
  await page.evaluate(() => { for (const ws of window.testSockets) ws.close(); });
  await page.locator('[data-testid=status][data-status=reconnecting]').waitFor(wait);
  const text = 'Typed in a tunnel: are night trains coming back?';
  await page.getByTestId('question-input').fill(text);
  await page.getByTestId('ask').click();
  await page.locator('[data-testid=my-question][data-status=sending]').filter({ hasText: text }).waitFor(wait);
  await page.getByTestId('offline').waitFor(wait);
  assert.equal(await page.getByTestId('question-input').inputValue(), '');
  await network(false);
  await driver.waitForFunction((t) => window.seen.some((m) => m.event === 'question_asked' && m.data.question.text === t), text, wait);
  await page.locator('[data-testid=my-question][data-status=pending]').filter({ hasText: text }).waitFor(wait);
  await page.locator('[data-testid=status][data-status=live]').waitFor(wait);
  // The reconnection attempts made while offline fail, as they should; nothing else may.
  assert.deepEqual(errors.filter((e) => !/WebSocket connection to .* failed: .*ERR_INTERNET_DISCONNECTED/.test(e)), []);
  await context.close();
});

test('defect 8: no code words on the phone, and a closed poll is not said to be changeable', { timeout: 240 * second }, async () => {
  const errors = [];
  // Code words a person must never read. The phone is French, where none of them is a word.
  const codes = /\b(word_cloud|talk_show|fishbowl|oxford|round_table|seat|none|host|guest|panelist|audience|single|multiple|scale|not_started|running|paused|ended|pending|approved|for|against)\b/;
  const noCodes = async (page, state) => {
    const text = await page.locator('body').innerText();
    assert.doesNotMatch(text, codes, `${state}: ${text}`);
  };

  // A talk show: the host speaks, a word cloud is open.
  const talk = await createDebate({ title: 'Le grand entretien', motion: 'La gratuité des transports', format: 'talk_show' });
  const host = await api('POST', `/api/debates/${talk.id}/panelists`, { name: 'Hélène', role: 'host', side: 'none' });
  assert.equal(host.status, 201, JSON.stringify(host.data));
  const runTalk = await moderate(talk);
  const [cloud] = await runTalk([{ type: 'create_poll', kind: 'word_cloud', question: 'Un mot pour ce soir ?' }]);
  await runTalk([{ type: 'set_on_stage', panelist: host.data.panelist, on: true }, { type: 'start_show' }, { type: 'advance' },
    { type: 'grant_floor', speaker: host.data.panelist }, { type: 'open_poll', poll: cloud.result.poll }]);
  const page = await openPhone(talk, errors, { locale: 'fr-FR' });
  await joinAs(page, 'Zoé');
  await page.locator('main').getByText('Hélène', { exact: true }).waitFor(wait);
  await page.locator('main').getByText('Un mot pour ce soir ?').waitFor(wait);
  await noCodes(page, 'talk show, word cloud open');
  const poll = page.locator(`[data-poll=${cloud.result.poll}]`);
  await poll.getByTestId('word-input').waitFor(wait);
  assert.match(await page.getByTestId('speaker').textContent(), /Animation/);
  assert.match(await poll.textContent(), /Nuage de mots/);

  // Her word is counted; once the poll is closed she is not told she may still change it.
  await poll.getByTestId('word-input').fill('vélo');
  await poll.getByTestId('vote-word').click();
  await poll.getByTestId('my-ballot').filter({ hasText: 'vélo' }).waitFor(wait);
  await runTalk([{ type: 'close_poll', poll: cloud.result.poll }]);
  await poll.getByTestId('word-input').waitFor({ state: 'detached', ...wait });
  const closedBallot = await poll.getByTestId('my-ballot').textContent();
  assert.doesNotMatch(closedBallot, /chang|modifi/i, closedBallot);
  assert.match(closedBallot, /compté/);
  await noCodes(page, 'word cloud closed');
  // In English too, no code word (the English words "seat" and "for" are legitimate there).
  await page.getByTestId('language').selectOption('en');
  await page.getByTestId('speaker').filter({ hasText: 'Host' }).waitFor(wait);
  assert.doesNotMatch(await poll.getByTestId('my-ballot').textContent(), /change/i);
  assert.doesNotMatch(await page.locator('body').innerText(), /\b(word_cloud|talk_show|none|host|panelist)\b/);
  await page.context().close();

  // A fishbowl: an audience member is seated and has the floor.
  const bowl = await createDebate({ title: 'Bocal', motion: 'La ville sans voitures', format: 'fishbowl' });
  const runBowl = await moderate(bowl);
  const seated = await openPhone(bowl, errors, { locale: 'fr-FR' });
  await joinAs(seated, 'Yann');
  const me = await participantId(seated, bowl);
  await runBowl([{ type: 'start_show' }, { type: 'advance' }, { type: 'seat', participant: me }, { type: 'grant_floor', speaker: me }]);
  await seated.getByTestId('speaker').filter({ hasText: 'Yann' }).waitFor(wait);
  await seated.getByTestId('seat-state').waitFor(wait);
  assert.match(await seated.getByTestId('speaker').textContent(), /Chaise libre/);
  // The template's segment is named in French, not by the template's English name.
  await seated.getByTestId('segment').filter({ hasText: 'Débat en aquarium' }).waitFor(wait);
  assert.doesNotMatch(await seated.getByTestId('now').innerText(), /Fishbowl/);
  await noCodes(seated, 'fishbowl, seated speaker');
  assert.deepEqual(errors, []);
  await seated.context().close();
});

test('defect 4: French first, English for an English browser, and a remembered switch without reload', { timeout: 240 * second }, async () => {
  const errors = [];
  const debate = await createDebate({ title: 'Langues' });
  const french = await openPhone(debate, errors, { locale: 'fr-FR' });
  await french.getByRole('heading', { name: 'Rejoindre le débat' }).waitFor(wait);
  assert.equal(await french.evaluate(() => document.documentElement.lang), 'fr');
  assert.equal(await french.getByTestId('join').textContent(), 'Rejoindre');
  const english = await openPhone(debate, errors, { locale: 'en-GB' });
  await english.getByRole('heading', { name: 'Join the debate' }).waitFor(wait);
  assert.equal(await english.evaluate(() => document.documentElement.lang), 'en');
  await english.context().close();

  // The French phone joins, then switches to English: the same page (no reload) speaks English.
  await joinAs(french, 'Léa');
  await french.getByTestId('status').filter({ hasText: 'En direct' }).waitFor(wait);
  await french.evaluate(() => { window.samePage = true; });
  await french.getByTestId('language').selectOption('en');
  await french.getByTestId('status').filter({ hasText: 'Live' }).waitFor(wait);
  await french.getByRole('heading', { name: 'Ask a question' }).waitFor(wait);
  assert.equal(await french.evaluate(() => window.samePage), true, 'switched without a reload');
  assert.equal(await french.evaluate(() => document.documentElement.lang), 'en');
  // Remembered: after a reload, still English, though the browser says French.
  await french.reload();
  await french.getByRole('heading', { name: 'Ask a question' }).waitFor(wait);
  assert.equal(await french.getByTestId('language').inputValue(), 'en');
  assert.deepEqual(errors, []);
  await french.context().close();
});

test('brand and video: the organizer\'s accent, logo and stream reach the phone; "video off" removes the player and is remembered', { timeout: 240 * second }, async () => {
  const errors = [];
  const debate = await createDebate({ title: 'Brand and video' });
  const stream = 'https://www.youtube.com/embed/abcdefghijk';
  const settings = await api('PUT', `/api/debates/${debate.id}/settings`, {
    accent: '#d21f3c', logo: 'https://logo.example/brand.png', stream,
  });
  assert.equal(settings.status, 200, JSON.stringify(settings.data));
  const context = await browser.newContext(phone);
  // Nothing leaves the machine: the player and the logo are answered locally.
  await context.route('https://www.youtube.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>player</title>' }));
  await context.route('https://logo.example/**', (route) => route.fulfill({ status: 200, contentType: 'image/png', body: pixel }));
  const page = await context.newPage();
  // Errors about those two origins (a refused or missing logo, the player's own) are theirs, not the page's.
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    const where = m.location()?.url || '';
    if (m.type() === 'error' && !/logo\.example|youtube\.com/.test(`${where} ${m.text()}`)) errors.push(m.text());
  });
  const hlsLoads = [];
  page.on('request', (r) => { if (r.url().includes('/vendor/hls.js@')) hlsLoads.push(r.url()); });
  await page.goto(`${server.base}/a/${debate.code}`);
  await page.getByTestId('join').waitFor(wait);

  // The accent is the brand's, with readable (white) text on it; the logo is at the top.
  await page.waitForFunction(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim() === '#d21f3c', null, wait);
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--on-accent').trim()), '#ffffff');
  assert.equal(await page.getByTestId('join').evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(210, 31, 60)');
  const logo = page.getByTestId('brand-logo');
  assert.equal(await logo.getAttribute('src'), 'https://logo.example/brand.png');
  assert.equal(await logo.getAttribute('alt'), '');

  // The stream plays in a titled 16:9 frame above the rest.
  const frame = page.locator(`iframe[src="${stream}"]`);
  await frame.waitFor(wait);
  assert.ok((await frame.getAttribute('title')).length > 0);
  const box = await frame.boundingBox();
  assert.ok(Math.abs(box.width / box.height - 16 / 9) < 0.02, `16:9, got ${box.width}x${box.height}`);

  // "Video off" removes the player, and stays off after a reload.
  await page.getByTestId('video-switch').uncheck();
  await frame.waitFor({ state: 'detached', ...wait });
  await page.reload();
  await page.getByTestId('video-off').waitFor(wait);
  assert.equal(await page.getByTestId('video-switch').isChecked(), false);
  assert.equal(await page.locator('iframe').count(), 0);
  // And back on.
  await page.getByTestId('video-switch').check();
  await frame.waitFor(wait);
  assert.equal(hlsLoads.length, 0, 'hls.js is not downloaded for an embedded player');
  await context.close();

  // An HLS stream plays in a <video>; where the browser cannot read HLS itself (emulated here,
  // since Chromium now can), through hls.js, downloaded for this stream only.
  const hls = 'https://cdn.example/live/index.m3u8';
  const changed = await api('PUT', `/api/debates/${debate.id}/settings`, { accent: null, logo: null, stream: hls });
  assert.equal(changed.status, 200, JSON.stringify(changed.data));
  const mse = await browser.newContext(phone);
  await mse.addInitScript(() => { HTMLMediaElement.prototype.canPlayType = () => ''; });
  await mse.route('https://cdn.example/**', (route) => route.fulfill({
    status: 200, contentType: 'application/vnd.apple.mpegurl', headers: { 'Access-Control-Allow-Origin': '*' },
    body: '#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\nsegment0.ts\n',
  }));
  const player = await mse.newPage();
  watchErrors(player, errors);
  player.on('request', (r) => { if (r.url().includes('/vendor/hls.js@')) hlsLoads.push(r.url()); });
  await player.goto(`${server.base}/a/${debate.code}`);
  await player.locator('tribune-video video[controls]').waitFor(wait);
  await player.waitForFunction(() => document.querySelector('tribune-video video')?.src.startsWith('blob:'), null, wait);
  assert.equal(hlsLoads.length, 1, hlsLoads.join(', '));
  assert.equal(await player.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()), '#1f5fbf', 'no brand: the default accent');
  assert.equal(await player.getByTestId('brand-logo').count(), 0);
  assert.deepEqual(errors, []);
  await mse.close();
});
