// The live room through the real pages: organizer, three phones, moderator console and stage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, phone, watchErrors } from './support.mjs';

const second = 1000;

test('audience questions go through the moderator queue to every screen', { timeout: 180 * second }, async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  const errors = [];
  try {
    // The organizer creates a debate on the admin page.
    const admin = await (await browser.newContext()).newPage();
    watchErrors(admin, errors);
    await admin.goto(`${server.base}/admin#token=${server.adminToken}`);
    await admin.getByTestId('title').fill('Should cities ban cars?');
    await admin.getByTestId('motion').fill('This house would ban cars from city centres');
    await admin.getByTestId('create').click();
    const audienceLink = await admin.getByTestId('audience-link').textContent();
    const moderatorLink = await admin.getByTestId('moderator-link').textContent();
    const stageLink = await admin.getByTestId('stage-link').textContent();
    assert.match(audienceLink, /\/a\/[A-Z0-9]{6}$/);
    assert.equal(await admin.locator('img.qr').evaluate((img) => img.complete && img.naturalWidth > 0), true);

    // Three phones join by the audience link.
    const names = ['Ann', 'Bob', 'Chloé'];
    const phones = [];
    const nameLimits = [];
    for (const name of names) {
      const page = await (await browser.newContext(phone)).newPage();
      watchErrors(page, errors);
      await page.goto(audienceLink);
      nameLimits.push(await page.getByTestId('name').evaluate((el) => el.maxLength));
      await page.getByTestId('name').fill(name);
      await page.getByTestId('join').click();
      await page.getByTestId('status').filter({ hasText: 'Live' }).waitFor();
      phones.push(page);
    }
    const moderator = await (await browser.newContext()).newPage();
    watchErrors(moderator, errors);
    await moderator.goto(moderatorLink);
    await moderator.getByTestId('status').filter({ hasText: 'Live' }).waitFor();
    const stage = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    watchErrors(stage, errors);
    await stage.goto(stageLink);
    await stage.getByTestId('status').filter({ hasText: 'Live' }).waitFor();

    // Fields take their bounds from what the server publishes, not from numbers in the page.
    const limits = (await (await fetch(`${server.base}/api/limits`)).json()).limits;
    assert.equal(await phones[0].getByTestId('question-input').evaluate((el) => el.maxLength), limits.question_chars);
    assert.deepEqual(nameLimits, names.map(() => limits.name_chars));

    // Two ask: Ann anonymously (with markup that must stay text), Bob by name.
    const annQuestion = 'Who pays for the buses? <img src=x onerror=alert(1)>';
    await phones[0].getByTestId('question-input').fill(annQuestion);
    await phones[0].getByTestId('anonymous').check();
    await phones[0].getByTestId('ask').click();
    await phones[0].getByTestId('my-question').filter({ hasText: 'Waiting for moderation' }).waitFor();
    await phones[1].getByTestId('question-input').fill('What about delivery vans?');
    await phones[1].getByTestId('ask').click();

    // The moderator sees both pending, with who asked even the anonymous one.
    const pending = moderator.getByTestId('pending-question');
    await pending.nth(1).waitFor();
    assert.equal(await pending.count(), 2);
    const annPending = pending.filter({ hasText: 'Who pays for the buses?' });
    assert.match(await annPending.textContent(), /Ann/);

    // Approve Ann's (anonymous) question; dismiss Bob's with a reason.
    await annPending.getByTestId('approve').click();
    // The approval re-renders the queue: wait for it before opening Bob's dismissal, or the
    // re-render may close the reason field the click just opened.
    await annPending.waitFor({ state: 'detached' });
    const bobPending = moderator.getByTestId('pending-question').filter({ hasText: 'delivery vans' });
    await bobPending.getByTestId('dismiss').click();
    await bobPending.getByTestId('dismiss-reason').fill('Off topic for tonight');
    const dismissedAt = Date.now();
    await bobPending.getByTestId('dismiss-confirm').click();

    for (const page of phones) {
      const question = page.getByTestId('question').filter({ hasText: 'Who pays for the buses?' });
      await question.waitFor({ timeout: 1000 + (Date.now() - dismissedAt) });
      // Shown literally, as text; the author stays anonymous to everyone.
      assert.equal(await question.getByTestId('question-text').textContent(), annQuestion);
      assert.equal(await question.getByTestId('question-author').textContent(), 'Anonymous');
      await page.getByTestId('log-entry').filter({ hasText: 'delivery vans' }).waitFor({ timeout: 1000 });
      assert.match(await page.getByTestId('moderation-log').textContent(), /Reason: Off topic for tonight/);
    }
    assert.equal(await phones[0].locator('img[src=x]').count(), 0);

    // An upvote counts once per participant.
    const votes = (page) => page.getByTestId('question').filter({ hasText: 'Who pays' }).getByTestId('votes');
    const upvote = (page) => page.getByTestId('question').filter({ hasText: 'Who pays' }).getByTestId('upvote');
    await upvote(phones[1]).click();
    await votes(phones[1]).filter({ hasText: /^1$/ }).waitFor();
    await upvote(phones[2]).click();
    await votes(phones[2]).filter({ hasText: /^2$/ }).waitFor();
    await votes(phones[0]).filter({ hasText: /^2$/ }).waitFor();
    await upvote(phones[2]).click(); // withdraw
    await votes(phones[0]).filter({ hasText: /^1$/ }).waitFor();
    await upvote(phones[2]).click(); // vote again
    await votes(phones[0]).filter({ hasText: /^2$/ }).waitFor();
    // The voter's own button follows its own ack, which may land after others see the count.
    await phones[2].getByTestId('question').filter({ hasText: 'Who pays' })
      .locator('[data-testid=upvote][aria-pressed=true]').waitFor({ timeout: 2000 });

    // On air: the stage shows it.
    await moderator.getByTestId('approved-question').filter({ hasText: 'Who pays' }).getByTestId('on-air').click();
    await stage.getByTestId('on-air-question').filter({ hasText: 'Who pays for the buses?' }).waitFor();
    assert.equal(await stage.getByTestId('on-air-author').textContent(), 'Anonymous');

    // Reactions move the stage's meter.
    const applause = stage.getByTestId('meter-applause');
    const before = Number(await applause.textContent());
    for (let i = 0; i < 3; i++) await phones[i].getByTestId('react-applause').click();
    await stage.waitForFunction((b) => Number(document.querySelector('[data-testid=meter-applause]').textContent) >= b + 3, before);

    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
