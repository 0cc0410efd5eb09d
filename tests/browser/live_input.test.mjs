// What a person is typing or ticking survives the live updates of a busy room: two phones start a
// multiple-choice ballot and a word-cloud word, fifty other ballots arrive meanwhile, and both
// votes then count exactly as they were typed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, installDriver, phone, watchErrors } from './support.mjs';

const second = 1000;
const others = 50;

test('ticks and a half-typed word survive fifty ballots arriving, then count as typed', { timeout: 240 * second }, async () => {
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
  const open = async (url, options = {}) => {
    const page = await (await browser.newContext(options)).newPage();
    watchErrors(page, errors);
    await page.goto(url);
    return page;
  };
  try {
    const created = await api('POST', '/api/debates', { title: 'Transport', motion: 'Free public transport' });
    assert.equal(created.status, 201, JSON.stringify(created.data));
    const debate = created.data.id;
    const driver = await open(`${server.base}/`);
    await installDriver(driver);
    const connect = (name, token) => driver.evaluate(([n, t, d]) => window.connect(n, d, t), [name, token, debate]);
    const run = async (name, commands) => {
      const replies = await driver.evaluate(([n, c]) => window.run(n, c), [name, commands]);
      replies.forEach((r, i) => assert.equal(r.type, 'ack', `${name} ${JSON.stringify(commands[i])} -> ${JSON.stringify(r)}`));
      return replies;
    };
    await connect('moderator', created.data.tokens.moderator);
    const [choice] = await run('moderator', [{ type: 'create_poll', kind: 'multiple', question: 'Which lines?', options: ['Tram', 'Bus', 'Metro'] }]);
    const [cloud] = await run('moderator', [{ type: 'create_poll', kind: 'word_cloud', question: 'One word for it' }]);
    const multiple = choice.result.poll;
    const words = cloud.result.poll;
    await run('moderator', [{ type: 'open_poll', poll: multiple }, { type: 'open_poll', poll: words }]);

    // Two phones join; X ticks Tram and Metro, Y types half a word and keeps the focus.
    const phones = [];
    for (const name of ['Xavier', 'Yasmine']) {
      const page = await open(`${server.base}/a/${created.data.code}`, phone);
      await page.getByTestId('name').fill(name);
      await page.getByTestId('join').click();
      await page.locator(`[data-poll=${multiple}]`).waitFor();
      phones.push(page);
    }
    const [x, y] = phones;
    const boxes = x.locator(`[data-poll=${multiple}] input[type=checkbox]`);
    await boxes.nth(0).check();
    await boxes.nth(2).check();
    const word = y.locator(`[data-poll=${words}] input[type=text]`);
    await word.click();
    await word.pressSequentially('démocra');

    // Fifty other people vote Bus and "vélo" meanwhile; both phones see every ballot counted.
    for (let i = 0; i < others; i++) {
      const joined = await api('POST', `/api/debates/${debate}/participants`, { name: `Voter ${i}` });
      assert.equal(joined.status, 201, JSON.stringify(joined.data));
      await connect(`v${i}`, joined.data.token);
    }
    await Promise.all(Array.from({ length: others }, (_, i) => run(`v${i}`, [
      { type: 'vote', poll: multiple, choice: [1] }, { type: 'vote', poll: words, choice: 'vélo' }])));
    for (const page of phones) {
      for (const poll of [multiple, words]) {
        await page.locator(`[data-poll=${poll}]`).filter({ hasText: `${others} ballot` }).waitFor();
      }
    }

    // Nothing typed or ticked was lost, and Y's cursor is still in the word.
    const ticks = await boxes.evaluateAll((all) => all.map((b) => b.checked));
    assert.deepEqual(ticks, [true, false, true]);
    assert.equal(await word.inputValue(), 'démocra');
    assert.equal(await word.evaluate((el) => el === document.activeElement), true, 'the word field keeps the focus');

    // Both send; both ballots are accepted as typed.
    await x.locator(`[data-poll=${multiple}] [data-testid=vote-multiple]`).click();
    await x.locator(`[data-poll=${multiple}] [data-testid=my-ballot]`).filter({ hasText: 'Tram, Metro' }).waitFor();
    await word.pressSequentially('tie');
    await word.press('Enter');
    await y.locator(`[data-poll=${words}] [data-testid=my-ballot]`).filter({ hasText: 'démocratie' }).waitFor();
    assert.equal(await word.inputValue(), '', 'the word field is empty once the word is counted');
    for (const page of phones) assert.equal(await page.getByTestId('error').textContent(), '');

    // The revealed results count them: Tram 1, Bus 50, Metro 1; the word once beside "vélo" (words
    // are counted folded: case and accents aside).
    await run('moderator', [{ type: 'reveal_poll', poll: multiple }, { type: 'reveal_poll', poll: words }]);
    const tally = x.locator(`[data-poll=${multiple}] [data-testid=tally]`);
    await tally.waitFor();
    assert.deepEqual(await tally.locator('.count').allTextContents(), ['1', String(others), '1']);
    const cloudView = y.locator(`[data-poll=${words}] [data-testid=word-cloud]`);
    await cloudView.filter({ hasText: /d[ée]mocratie ×1/ }).waitFor();
    assert.match(await cloudView.textContent(), new RegExp(`v[ée]lo ×${others}`));
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
