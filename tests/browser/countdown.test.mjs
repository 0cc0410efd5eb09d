// The current segment's countdown, through the real pages: a moderator console, a stage, a
// panelist's page and an audience phone follow one show. Once the moderator starts it, every page
// counts the first segment down to the same moment (data-ends-at: the local millisecond at which
// the countdown reaches zero, as each page worked it out from the server's clock); the pause
// freezes every countdown, and the resume starts them again with the time paused given back.
// Everything waits for states, never for a fixed time: it must hold on two busy cores.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, watchErrors, callApi, phone } from './support.mjs';

const second = 1000;
const wait = { timeout: 30 * second };
// How far apart two pages may put the end of the segment: each reads the server's clock through
// its own connection.
const agreement = 250;
// How long a paused countdown is watched: long enough for several ticks (every 250 ms) and for a
// figure that kept counting to change.
const stillFor = 2500;

const timer = (page) => page.getByTestId('segment-timer');
const endsAt = async (page) => Number(await timer(page).getAttribute('data-ends-at'));
const shown = async (page) => (await timer(page).textContent()).trim();
// "Time left in this segment 2:59" -> 179
const seconds = (text) => {
  const m = /(\d+):(\d\d)$/.exec(text);
  assert.ok(m, `a countdown reads m:ss: "${text}"`);
  return Number(m[1]) * 60 + Number(m[2]);
};

// Every page's end of the segment, read in one short span; they agree within `agreement`.
async function agreedEnd(pages, what) {
  const ends = await Promise.all(pages.map(([, page]) => endsAt(page)));
  const named = Object.fromEntries(pages.map(([name], i) => [name, ends[i]]));
  assert.ok(ends.every((x) => Number.isFinite(x) && x > 0), `${what}: data-ends-at on every page ${JSON.stringify(named)}`);
  assert.ok(Math.max(...ends) - Math.min(...ends) <= agreement, `${what}: the pages agree within ${agreement} ms ${JSON.stringify(named)}`);
  return Math.min(...ends);
}

async function openPage(browser, errors, url, options = {}) {
  const page = await (await browser.newContext(options)).newPage();
  watchErrors(page, errors);
  await page.goto(url);
  return page;
}

test('the segment countdown agrees on every screen, stands still while paused and counts again', { timeout: 240 * second }, async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  const errors = [];
  try {
    // The organizer creates a talk show with a guest; its first segment has the template's minutes.
    const created = await callApi(server, 'POST', '/api/debates', { title: 'Voitures en ville', motion: 'Cette assemblée interdirait les voitures en centre-ville', format: 'talk_show' });
    assert.equal(created.status, 201, JSON.stringify(created.data));
    const { id, code, tokens } = created.data;
    const guest = await callApi(server, 'POST', `/api/debates/${id}/panelists`, { name: 'Dr. Green', role: 'guest', side: 'for' });
    assert.equal(guest.status, 201, JSON.stringify(guest.data));
    const formats = await (await fetch(`${server.base}/api/formats`)).json();
    const minutes = formats.formats.talk_show.segments[0].minutes;
    assert.ok(minutes > 0);

    const laptop = { viewport: { width: 1366, height: 800 } };
    const moderator = await openPage(browser, errors, `${server.base}/moderator#debate=${id}&token=${tokens.moderator}`, laptop);
    const stage = await openPage(browser, errors, `${server.base}/stage#debate=${id}&token=${tokens.stage}`, { viewport: { width: 1920, height: 1080 } });
    const panelist = await openPage(browser, errors, `${server.base}/panelist#debate=${id}&token=${guest.data.token}`, laptop);
    const audience = await openPage(browser, errors, `${server.base}/a/${code}`, { ...phone, locale: 'fr-FR' });
    await audience.getByTestId('name').fill('Ann');
    await audience.getByTestId('join').click();
    const pages = [['moderator', moderator], ['stage', stage], ['panelist', panelist], ['audience', audience]];
    for (const [, page] of pages) await page.locator('[data-testid=status][data-status=live]').waitFor(wait);
    // Nothing counts before the show.
    for (const [name, page] of pages) assert.equal(await timer(page).count(), 0, `${name}: no countdown before the show`);

    // The moderator starts the show: the first segment counts down on every page.
    const clickedAt = Date.now();
    await moderator.getByTestId('start-show').click();
    for (const [, page] of pages) await page.locator('[data-testid=segment-timer][data-status=running]').waitFor(wait);
    const seenAt = Date.now();
    const end = await agreedEnd(pages, 'started');
    // About the segment's minutes from the start (which lies between the click and the last page
    // showing it), give or take a second of clock estimation.
    assert.ok(end >= clickedAt + minutes * 60 * second - second && end <= seenAt + minutes * 60 * second + second,
      `ends ${end - clickedAt} ms after the click, ${end - seenAt} ms after every page showed it; the segment lasts ${minutes} min`);
    for (const [name, page] of pages) {
      assert.equal(await timer(page).getAttribute('role'), 'timer', `${name}: role=timer`);
      const left = seconds(await shown(page));
      assert.ok(left <= minutes * 60 && left > minutes * 60 - 30, `${name}: ${left} s left`);
    }
    // Screen readers hear what the figures are, in the page's language.
    assert.equal((await timer(audience).locator('.visually-hidden').textContent()).trim(), 'Temps restant de la séquence');
    assert.equal((await timer(stage).locator('.visually-hidden').textContent()).trim(), 'Time left in this segment');
    // It counts: every page's figure goes down.
    await Promise.all(pages.map(async ([, page]) => {
      const before = await shown(page);
      await page.waitForFunction((text) => document.querySelector('[data-testid=segment-timer]').textContent.trim() !== text, before, wait);
    }));

    // Paused from the console: every countdown stands still.
    const pauseClickedAt = Date.now();
    await moderator.getByTestId('pause').click();
    for (const [, page] of pages) await page.locator('[data-testid=segment-timer][data-status=paused]').waitFor(wait);
    const pausedAt = Date.now();
    const frozen = await Promise.all(pages.map(([, page]) => shown(page)));
    // Each page is watched for a change of its figure; the watch must run out without one.
    await Promise.all(pages.map(async ([name, page], i) => {
      const changed = page.waitForFunction((text) => document.querySelector('[data-testid=segment-timer]')?.textContent.trim() !== text,
        frozen[i], { timeout: stillFor, polling: 100 });
      await assert.rejects(changed, { name: 'TimeoutError' }, `${name}: the paused countdown changed from ${frozen[i]}`);
    }));
    const frozenSeconds = frozen.map(seconds);
    assert.ok(Math.max(...frozenSeconds) - Math.min(...frozenSeconds) <= 1, `the pages froze on one figure: ${frozen.join(', ')}`);

    // Resumed: the countdown goes on from where it stopped, the time paused given back.
    await moderator.getByTestId('resume').click();
    for (const [, page] of pages) await page.locator('[data-testid=segment-timer][data-status=running]').waitFor(wait);
    const resumedAt = Date.now();
    const later = await agreedEnd(pages, 'resumed');
    assert.ok(later - end >= stillFor - agreement && later - end <= resumedAt - pauseClickedAt + agreement,
      `the end moved by the time paused: ${later - end} ms (paused ${resumedAt - pausedAt} to ${resumedAt - pauseClickedAt} ms)`);
    // Every figure goes below the one it froze on, and only by the time since the resume.
    await Promise.all(pages.map(async ([name, page], i) => {
      await page.waitForFunction((frozenAt) => {
        const m = /(\d+):(\d\d)$/.exec(document.querySelector('[data-testid=segment-timer]')?.textContent.trim() || '');
        return m && Number(m[1]) * 60 + Number(m[2]) < frozenAt;
      }, frozenSeconds[i], wait);
      const left = seconds(await shown(page));
      assert.ok(left >= frozenSeconds[i] - 10, `${name}: counts again from ${frozen[i]}, without the time paused: ${left} s`);
    }));
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});

test('a seat\'s time counts down on the phone and the console alike, and the seat goes to whoever waits', { timeout: 240 * second }, async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  const errors = [];
  try {
    // An automatic fishbowl with one seat: its second segment seats whoever asks, for a turn.
    const created = await callApi(server, 'POST', '/api/debates', { title: 'Le bocal', motion: 'Cette assemblée piétonniserait le centre', format: 'fishbowl' });
    assert.equal(created.status, 201, JSON.stringify(created.data));
    const { id, code, tokens } = created.data;
    const formats = await (await fetch(`${server.base}/api/formats`)).json();
    const segments = formats.formats.fishbowl.segments;
    const bowl = segments.find((s) => s.kind === 'fishbowl');
    assert.ok(bowl && bowl.speaker_seconds > 0, JSON.stringify(segments));
    const set = await callApi(server, 'PUT', `/api/debates/${id}/format`, { format: 'fishbowl', segments, seats: 1, automatic: true });
    assert.equal(set.status, 200, JSON.stringify(set.data));

    const moderator = await openPage(browser, errors, `${server.base}/moderator#debate=${id}&token=${tokens.moderator}`, { viewport: { width: 1366, height: 800 } });
    const joinPhone = async (name) => {
      const page = await openPage(browser, errors, `${server.base}/a/${code}`, { ...phone, locale: 'fr-FR' });
      await page.getByTestId('name').fill(name);
      await page.getByTestId('join').click();
      await page.locator('[data-testid=status][data-status=live]').waitFor(wait);
      return page;
    };
    const ann = await joinPhone('Ann');
    await moderator.locator('[data-testid=status][data-status=live]').waitFor(wait);
    await moderator.getByTestId('start-show').click();
    await moderator.getByTestId('advance').click();
    await moderator.getByTestId('current-segment').filter({ hasText: bowl.name }).waitFor(wait);
    // Ann asks for the open seat: the clock seats her at once, and her time starts.
    const askedAt = Date.now();
    await ann.getByTestId('seat').click();
    const annTimer = ann.getByTestId('seat-timer');
    await annTimer.waitFor(wait);
    const consoleTimer = moderator.getByTestId('seat-timer');
    await consoleTimer.waitFor(wait);
    const seenAt = Date.now();
    const ends = [Number(await annTimer.getAttribute('data-ends-at')), Number(await consoleTimer.getAttribute('data-ends-at'))];
    assert.ok(ends.every((x) => Number.isFinite(x) && x > 0), JSON.stringify(ends));
    assert.ok(Math.abs(ends[0] - ends[1]) <= agreement, `the phone and the console agree within ${agreement} ms: ${JSON.stringify(ends)}`);
    const turn = bowl.speaker_seconds * second;
    assert.ok(ends[0] >= askedAt + turn - second && ends[0] <= seenAt + turn + second,
      `the seat's time ends ${ends[0] - askedAt} ms after she asked; a turn lasts ${turn} ms`);
    assert.equal(await annTimer.getAttribute('role'), 'timer');
    assert.match(await ann.getByTestId('seat-time').textContent(), /Votre temps sur le plateau/);
    // It counts down on both screens.
    for (const page of [ann, moderator]) {
      const before = (await page.getByTestId('seat-timer').textContent()).trim();
      await page.waitForFunction((text) => document.querySelector('[data-testid=seat-timer]')?.textContent.trim() !== text, before, wait);
    }
    // Bob waits for the seat; the moderator frees it by hand, and the clock seats him with a
    // fresh time (Ann's countdown is gone from her phone).
    const bob = await joinPhone('Bob');
    await bob.getByTestId('seat').click();
    await bob.getByTestId('seat-requested').waitFor(wait);
    await moderator.getByRole('button', { name: 'Free the seat' }).click();
    await bob.getByTestId('seat-timer').waitFor(wait);
    await ann.getByTestId('seat-timer').waitFor({ state: 'detached', ...wait });
    const bobEnd = Number(await bob.getByTestId('seat-timer').getAttribute('data-ends-at'));
    assert.ok(bobEnd > ends[0], `Bob's time ends after Ann's would have: ${bobEnd - ends[0]} ms`);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
