// Predictions through the real pages, in French: the moderator starts one with three outcomes;
// two phones predict (one outcome each; the buttons then give way to the person's own pick) and
// the console's counts follow; once locked, a late phone can no longer predict; resolved, each
// phone reads whether it was right, and the outcome that came true is marked everywhere. axe-core
// finds nothing on a phone showing the verdict nor on the console with the prediction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, phone, watchErrors, axeViolations, describeViolations } from './support.mjs';

const second = 1000;
// Generous: two busy cores run the server, Chromium and four pages.
const wait = 60 * second;
const french = { locale: 'fr-FR' };

test('a prediction is made once per phone, locked, resolved, and each phone reads whether it was right', { timeout: 240 * second }, async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  const errors = [];
  const open = async (url, options) => {
    const page = await (await browser.newContext({ ...french, ...options })).newPage();
    page.setDefaultTimeout(wait);
    watchErrors(page, errors);
    await page.goto(url);
    return page;
  };
  const live = (page) => page.getByTestId('status').filter({ hasText: 'En direct' }).waitFor();
  const audit = async (page, what) => {
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], `axe-core on ${what}:\n${describeViolations(violations)}`);
  };
  try {
    const admin = await open(`${server.base}/admin#token=${server.adminToken}`, { viewport: { width: 1366, height: 800 } });
    await admin.getByTestId('title').fill('Des villes sans voitures ?');
    await admin.getByTestId('create').click();
    const audienceLink = await admin.getByTestId('audience-link').textContent();
    const moderator = await open(await admin.getByTestId('moderator-link').textContent(), { viewport: { width: 1366, height: 800 } });
    const phones = [];
    for (const name of ['Anne', 'Bruno', 'Chloé']) {
      const page = await open(audienceLink, phone);
      await page.getByTestId('name').fill(name);
      await page.getByTestId('join').click();
      await live(page);
      phones.push(page);
    }
    await live(moderator);

    // The moderator starts a prediction with three outcomes.
    const card = moderator.locator('#predictions-section');
    await card.locator('summary').click();
    await moderator.getByTestId('prediction-title').fill('Qui remportera le vote ?');
    await moderator.getByTestId('prediction-outcomes').fill('Le camp Pour\nLe camp Contre\nÉgalité');
    await moderator.getByTestId('create-prediction').click();
    const onConsole = card.locator('[data-prediction=r1]');
    await onConsole.getByTestId('prediction-status').filter({ hasText: 'Ouvert' }).waitFor();
    assert.equal(await moderator.getByTestId('prediction-title').inputValue(), '', 'the form is emptied once started');

    // Anne predicts "Pour", Bruno "Contre": each then reads their own pick instead of the buttons.
    const predict = async (page, outcome, text) => {
      const prediction = page.locator('[data-prediction=r1]');
      await prediction.getByTestId(`predict-${outcome}`).click();
      await prediction.getByTestId('my-prediction').filter({ hasText: text }).waitFor();
      assert.equal(await prediction.getByTestId(`predict-${outcome}`).count(), 0, 'a prediction is made once');
    };
    await predict(phones[0], 0, 'Le camp Pour');
    await predict(phones[1], 1, 'Le camp Contre');
    const count = (page, outcome) => page.locator(`[data-prediction=r1] [data-outcome="${outcome}"] .count`);
    await count(moderator, 0).filter({ hasText: /^1 · 50/ }).waitFor();
    await count(moderator, 1).filter({ hasText: /^1 · 50/ }).waitFor();
    await audit(moderator, 'the console with an open prediction');

    // Locked: Chloé's phone no longer offers the outcomes.
    await moderator.getByTestId('lock-r1').click();
    const late = phones[2].locator('[data-prediction=r1]');
    await late.getByTestId('prediction-status').filter({ hasText: 'Verrouillé' }).waitFor();
    assert.equal(await late.getByTestId('predict-0').count(), 0);

    // "Contre" came true: Bruno was right, Anne was not, Chloé made none.
    await moderator.getByTestId('resolve-r1-1').click();
    for (const [page, right] of [[phones[0], 'false'], [phones[1], 'true']]) {
      const verdict = page.locator('[data-prediction=r1]').getByTestId('prediction-verdict');
      await verdict.and(page.locator(`[data-right="${right}"]`)).waitFor();
    }
    assert.match(await phones[1].locator('[data-prediction=r1]').getByTestId('prediction-verdict').textContent(), /Bien vu/);
    await late.getByText('Vous n’avez pas fait de pronostic.').waitFor();
    for (const page of [moderator, ...phones]) {
      await page.locator('[data-prediction=r1] [data-outcome="1"]').getByTestId('prediction-winner').waitFor();
    }
    assert.equal(await moderator.getByTestId('resolve-r1-0').count(), 0, 'a resolved prediction has no more controls');
    await audit(phones[1], 'a phone reading its verdict');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
