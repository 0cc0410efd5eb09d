// The audience page passes axe-core's WCAG 2.2 A and AA rules with no violation in three states
// of a show (just joined; busy: questions, an open poll, a speaker, arguments; ended), on a French
// phone in the light theme and an English one in the dark theme at the same time, with a brand's
// accent and logo and the show's video.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, installDriver, phone, watchErrors, axeViolations, describeViolations } from './support.mjs';

const second = 1000;
const wait = { timeout: 30 * second };
// A transparent 1×1 PNG, standing in for a brand's logo.
const pixel = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

test('axe-core finds no WCAG 2.2 AA violation on the phone, empty, busy and ended, in French and English', { timeout: 240 * second }, async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  const errors = [];
  const api = async (method, path, body) => {
    const res = await fetch(`${server.base}${path}`, {
      method, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.adminToken}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, data: await res.json() };
  };
  try {
    const created = await api('POST', '/api/debates', { title: 'Transports gratuits ?', motion: 'Les transports publics devraient être gratuits', format: 'talk_show' });
    assert.equal(created.status, 201, JSON.stringify(created.data));
    const debate = created.data;
    const host = await api('POST', `/api/debates/${debate.id}/panelists`, { name: 'Hélène', role: 'host', side: 'none' });
    const guest = await api('POST', `/api/debates/${debate.id}/panelists`, { name: 'Dr. Green', role: 'guest', side: 'for' });
    assert.equal(host.status, 201, JSON.stringify(host.data));
    assert.equal(guest.status, 201, JSON.stringify(guest.data));
    // A brand and a stream, so that the accent, the logo and the video card are checked too.
    const settings = await api('PUT', `/api/debates/${debate.id}/settings`, {
      accent: '#d21f3c', logo: 'https://logo.example/brand.png', stream: 'https://www.youtube.com/embed/abcdefghijk',
    });
    assert.equal(settings.status, 200, JSON.stringify(settings.data));

    const driver = await (await browser.newContext()).newPage();
    await driver.goto(`${server.base}/`);
    await installDriver(driver);
    const connect = (name, token) => driver.evaluate(([n, d, t]) => window.connect(n, d, t), [name, debate.id, token]);
    const run = async (name, commands) => {
      const replies = await driver.evaluate(([n, c]) => window.run(n, c), [name, commands]);
      replies.forEach((r, i) => assert.equal(r.type, 'ack', `${name} ${JSON.stringify(commands[i])} -> ${JSON.stringify(r)}`));
      return replies;
    };
    await connect('moderator', debate.tokens.moderator);
    await connect('guest', guest.data.token);

    const phones = {};
    for (const [lang, locale, colorScheme] of [['fr', 'fr-FR', 'light'], ['en', 'en-US', 'dark']]) {
      const context = await browser.newContext({ ...phone, locale, colorScheme });
      // Nothing leaves the machine: the player and the logo are answered locally.
      await context.route('https://www.youtube.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>player</title>' }));
      await context.route('https://logo.example/**', (route) => route.fulfill({ status: 200, contentType: 'image/png', body: pixel }));
      const page = await context.newPage();
      watchErrors(page, errors);
      await page.goto(`${server.base}/a/${debate.code}`);
      await page.getByTestId('name').fill(`Phone ${lang}`);
      await page.getByTestId('join').click();
      await page.locator('[data-testid=status][data-status=live]').waitFor(wait);
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang, 'the page speaks the browser\'s language');
      await page.getByTestId('not-started').waitFor(wait);
      await page.getByTestId('stream-frame').waitFor(wait);
      phones[lang] = page;
    }
    const check = async (state) => {
      for (const [lang, page] of Object.entries(phones)) {
        assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
        const found = await axeViolations(page);
        assert.equal(found.length, 0, `${state}, ${lang}:\n${describeViolations(found)}`);
      }
    };

    // Empty: just joined, the show not started.
    await check('empty');

    // Busy: two approved questions (one on air), the French phone's own pending one, an open poll,
    // the host speaking, a published argument.
    await phones.fr.getByTestId('question-input').fill('Qui paie les bus de nuit ?');
    await phones.fr.getByTestId('ask').click();
    await phones.fr.locator('[data-testid=my-question][data-status=pending]').waitFor(wait);
    await phones.en.getByTestId('question-input').fill('What about delivery vans?');
    await phones.en.getByTestId('ask').click();
    await phones.en.locator('[data-testid=my-question][data-status=pending]').waitFor(wait);
    await phones.en.getByTestId('question-input').fill('And the night trains?');
    await phones.en.getByTestId('ask').click();
    await phones.en.locator('[data-testid=my-question][data-status=pending]').nth(1).waitFor(wait);
    const [poll] = await run('moderator', [{ type: 'create_poll', kind: 'single', question: 'Gratuit pour qui ?', options: ['Tout le monde', 'Les jeunes', 'Personne'] }]);
    await run('moderator', [
      { type: 'approve', question: 'q2' }, { type: 'approve', question: 'q3' }, { type: 'put_on_air', question: 'q2' },
      { type: 'set_on_stage', panelist: host.data.panelist, on: true }, { type: 'set_on_stage', panelist: guest.data.panelist, on: true },
      { type: 'start_show' }, { type: 'advance' }, { type: 'grant_floor', speaker: host.data.panelist },
      { type: 'open_poll', poll: poll.result.poll },
    ]);
    await run('guest', [{ type: 'post_argument', text: 'Free buses fill up and cut traffic.', stance: 'for' }]);
    for (const page of Object.values(phones)) {
      await page.getByTestId('speaker').filter({ hasText: 'Hélène' }).waitFor(wait);
      await page.locator(`[data-poll=${poll.result.poll}] [data-testid=vote-0]`).waitFor(wait);
      await page.getByTestId('on-air').waitFor(wait);
      await page.getByTestId('question').nth(1).waitFor(wait);
      await page.getByTestId('argument').filter({ hasText: 'Free buses' }).waitFor(wait);
    }
    await phones.en.locator(`[data-poll=${poll.result.poll}] [data-testid=vote-1]`).click();
    await phones.en.locator(`[data-poll=${poll.result.poll}] [data-testid=my-ballot]`).waitFor(wait);
    await check('busy');

    // Ended: the poll revealed, the show over.
    await run('moderator', [{ type: 'close_poll', poll: poll.result.poll }, { type: 'reveal_poll', poll: poll.result.poll }, { type: 'end_show' }]);
    for (const page of Object.values(phones)) {
      await page.getByTestId('show-ended').locator('[data-testid=tally]').waitFor(wait);
    }
    await check('ended');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
