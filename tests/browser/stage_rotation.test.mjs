// Renewing a debate's links never puts an error on a projected screen: when the organizer issues
// new moderator and stage links, the stage that held the old one falls back to the join card
// (title, code, QR, audience address) with a discreet hint, and pasting the new link into the
// same tab brings the show back without a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launchBrowser, installDriver, watchErrors, fitProblems, callApi } from './support.mjs';

const second = 1000;
const wait = { timeout: 30 * second };

test('a renewed stage link leaves the join card, and the new link resumes in the same tab', { timeout: 240 * second }, async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  const errors = [];
  // TRIBUNE_SHOTS=1 saves the join cards into a temporary directory.
  const shots = process.env.TRIBUNE_SHOTS ? mkdtempSync(join(tmpdir(), 'tribune-rotation-')) : null;
  try {
    const created = await callApi(server, 'POST', '/api/debates', { title: 'Voitures en ville', motion: 'Cette assemblée interdirait les voitures', format: 'talk_show' });
    assert.equal(created.status, 201, JSON.stringify(created.data));
    const { id, code, tokens } = created.data;
    const ann = (await callApi(server, 'POST', `/api/debates/${id}/participants`, { name: 'Ann' })).data;

    const driver = await (await browser.newContext()).newPage();
    watchErrors(driver, errors);
    await driver.goto(`${server.base}/`);
    await installDriver(driver);
    await driver.evaluate(([d, m, p]) => Promise.all([window.connect('mod', d, m), window.connect('ann', d, p)]), [id, tokens.moderator, ann.token]);
    const [asked] = await driver.evaluate(() => window.run('ann', [{ type: 'ask', text: 'Qui paiera les navettes ?', anonymous: false }]));
    const onAir = await driver.evaluate((q) => window.run('mod', [{ type: 'approve', question: q }, { type: 'put_on_air', question: q }]), asked.result.question);
    assert.deepEqual(onAir.map((r) => r.type), ['ack', 'ack']);

    // Two stages, one in each language; both show the question on air.
    const screens = [];
    for (const locale of ['fr-FR', 'en-US']) {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 }, locale })).newPage();
      watchErrors(page, errors);
      await page.goto(`${server.base}/stage#debate=${id}&token=${tokens.stage}`);
      await page.getByTestId('on-air-question').filter({ hasText: 'Qui paiera les navettes ?' }).waitFor(wait);
      // The secret leaves the address bar once read.
      assert.equal(new URL(page.url()).hash, '');
      screens.push(page);
    }

    // The organizer renews the links: the old stage token stops working.
    const renewed = await callApi(server, 'POST', `/api/debates/${id}/links`);
    assert.equal(renewed.status, 200, JSON.stringify(renewed.data));
    const fresh = renewed.data.tokens.stage;
    assert.notEqual(fresh, tokens.stage);

    for (const page of screens) {
      // The join card, or whatever else the page shows once the link is refused.
      await page.locator('[data-testid=join-card], .error:not(:empty), [data-status=closed]').first().waitFor(wait);
      const refused = await page.evaluate(() => ({
        text: document.body.innerText,
        errors: [...document.querySelectorAll('.error, [role=alert], [data-status=closed]')].filter((e) => e.checkVisibility() && e.textContent.trim()).length,
      }));
      assert.equal(refused.errors, 0, `an error is shown:\n${refused.text}`);
      assert.doesNotMatch(refused.text, /Disconnected|Déconnecté|not valid|pas \(ou plus\) valable/);
      await page.getByTestId('join-card').waitFor(wait);
      await page.getByTestId('join-code').filter({ hasText: code }).waitFor(wait);
      await page.getByTestId('qr').waitFor(wait);
      await page.getByTestId('relink-hint').waitFor(wait);
      assert.equal(await page.getByTestId('title').textContent(), 'Voitures en ville');
      assert.match(await page.getByTestId('join-url').textContent(), new RegExp(`/a/${code}$`));
      const seen = await page.evaluate(() => ({
        text: document.body.innerText,
        errors: [...document.querySelectorAll('.error, [role=alert], [data-status=closed]')].filter((e) => e.checkVisibility() && e.textContent.trim()).length,
      }));
      assert.equal(seen.errors, 0, 'an error is shown');
      assert.doesNotMatch(seen.text, /Disconnected|Déconnecté|not valid|pas \(ou plus\) valable/);
      assert.deepEqual(await fitProblems(page, ['[data-testid=title]', '[data-testid=join-code]', '[data-testid=join-url]', '[data-testid=relink-hint]', '.relink-at']), []);
      if (shots) await page.screenshot({ path: join(shots, `join-card-${screens.indexOf(page)}.png`) });
    }

    // The new link, pasted into the same tab: the show comes back, without a reload.
    for (const page of screens) {
      await page.evaluate(() => { window.sameDocument = true; });
      await page.evaluate(([d, t]) => { location.hash = `#debate=${d}&token=${t}`; }, [id, fresh]);
      await page.getByTestId('on-air-question').filter({ hasText: 'Qui paiera les navettes ?' }).waitFor(wait);
      await page.locator('[data-testid=status][data-status=live]').waitFor(wait);
      assert.equal(await page.evaluate(() => window.sameDocument), true, 'the page was reloaded');
      await page.waitForFunction(() => location.hash === '', null, wait);
      assert.equal(await page.getByTestId('join-card').count(), 0);
    }
    // And it stays live: the moderator, on the new moderator link, takes the question off air.
    await driver.evaluate(([d, m]) => window.connect('mod2', d, m), [id, renewed.data.tokens.moderator]);
    const [off] = await driver.evaluate(() => window.run('mod2', [{ type: 'put_on_air', question: null }]));
    assert.equal(off.type, 'ack', JSON.stringify(off));
    for (const page of screens) await page.getByTestId('on-air-question').waitFor({ state: 'detached', ...wait });

    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
