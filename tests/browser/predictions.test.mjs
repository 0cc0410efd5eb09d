// Predictions and the quiz through the real pages, in French, with one console, one big screen and
// three phones. Predictions: the moderator starts one with three outcomes, which the stage shows at
// once; two phones predict (one outcome each; the buttons then give way to the person's own pick)
// and the console's counts follow; once locked, a late phone can no longer predict; resolved, each
// phone reads whether it was right, and the outcome that came true is marked everywhere, the stage
// included. The quiz: the moderator starts a question with three choices (the second right, 20
// seconds to answer); the stage and the phones show it with its countdown; Anne answers right,
// Bruno wrong, and the console counts two answers; closed early, each phone reads its verdict, Anne
// her points (500 to 1,000) and a score of as much, and the stage and every phone rank Anne first;
// Chloé, who did not answer, has no verdict but the leaderboard. axe-core finds nothing on a phone
// showing a verdict (the prediction's, the quiz's) nor on the console with the prediction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, phone, watchErrors, axeViolations, describeViolations } from './support.mjs';

const second = 1000;
// Generous: two busy cores run the server, Chromium and four pages.
const wait = 60 * second;
const french = { locale: 'fr-FR' };

test('a prediction is made once per phone, locked, resolved, and each phone reads whether it was right; then a quiz question', { timeout: 240 * second }, async () => {
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
    const stage = await open(await admin.getByTestId('stage-link').textContent(), { viewport: { width: 1920, height: 1080 } });
    const phones = [];
    for (const name of ['Anne', 'Bruno', 'Chloé']) {
      const page = await open(audienceLink, phone);
      await page.getByTestId('name').fill(name);
      await page.getByTestId('join').click();
      await live(page);
      phones.push(page);
    }
    await Promise.all([live(moderator), live(stage)]);

    // The moderator starts a prediction with three outcomes.
    const card = moderator.locator('#predictions-section');
    await card.locator('summary').click();
    await moderator.getByTestId('prediction-title').fill('Qui remportera le vote ?');
    await moderator.getByTestId('prediction-outcomes').fill('Le camp Pour\nLe camp Contre\nÉgalité');
    await moderator.getByTestId('create-prediction').click();
    const onConsole = card.locator('[data-prediction=r1]');
    await onConsole.getByTestId('prediction-status').filter({ hasText: 'Ouvert' }).waitFor();
    // The form is emptied once the start is acknowledged, which may come just after the event.
    await moderator.waitForFunction(() => document.querySelector('[data-testid=prediction-title]').value === '');
    // The big screen shows it, without the buttons to predict.
    const onStage = stage.getByTestId('stage-prediction').locator('[data-prediction=r1]');
    await onStage.getByTestId('prediction-status').filter({ hasText: 'Ouvert' }).waitFor();
    assert.equal(await onStage.getByTestId('predict-0').count(), 0);

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
    await onStage.locator('[data-outcome="1"]').getByTestId('prediction-winner').waitFor();
    assert.equal(await onStage.getByTestId('prediction-winner').count(), 1, 'one outcome came true');
    assert.equal(await moderator.getByTestId('resolve-r1-0').count(), 0, 'a resolved prediction has no more controls');
    await audit(phones[1], 'a phone reading its verdict');

    // The quiz: three choices, the second one right, 20 seconds to answer.
    await moderator.locator('#quiz-section summary').click();
    await moderator.getByTestId('quiz-text').fill('Combien de lignes de tramway compte l’Île-de-France ?');
    await moderator.getByTestId('quiz-choices').fill('Trois\nTreize\nTrente');
    await moderator.getByTestId('quiz-correct').selectOption('1');
    assert.equal(await moderator.getByTestId('quiz-seconds').inputValue(), '20');
    await moderator.getByTestId('start-quiz').click();
    const quizOnConsole = moderator.locator('[data-testid=quiz-question][data-quiz=z1]');
    await quizOnConsole.getByTestId('quiz-countdown').waitFor();
    // The moderators know the right answer while the question is open; nobody else does.
    await quizOnConsole.locator('[data-choice="1"]').getByTestId('quiz-right-choice').waitFor();
    const quizOnStage = stage.locator('[data-testid=stage-quiz][data-quiz=z1]');
    const question = (page) => page.locator('[data-testid=quiz-question][data-quiz=z1]');
    await Promise.all([
      quizOnStage.and(stage.locator('[data-status=open]')).getByTestId('quiz-countdown').waitFor(),
      ...phones.map((page) => question(page).getByTestId('quiz-countdown').waitFor()),
    ]);
    assert.match(await quizOnStage.getByTestId('quiz-countdown').textContent(), /0:[012]\d$/);
    assert.equal(await question(phones[2]).getByTestId('quiz-right-choice').count(), 0, 'the answer stays hidden while open');

    // Anne answers "Treize" (right), Bruno "Trente" (wrong): each reads the choice made, the buttons gone.
    const answer = async (page, choice, text) => {
      await question(page).getByTestId(`answer-quiz-${choice}`).click();
      await question(page).getByTestId('quiz-answered').filter({ hasText: text }).waitFor();
      assert.equal(await question(page).getByTestId(`answer-quiz-${choice}`).count(), 0, 'a question is answered once');
    };
    await answer(phones[0], 1, 'Treize');
    await answer(phones[1], 2, 'Trente');
    await quizOnConsole.getByTestId('quiz-answers').filter({ hasText: /^2 réponses$/ }).waitFor();
    await quizOnStage.getByTestId('quiz-answers').filter({ hasText: /^2 réponses$/ }).waitFor();

    // Closed now: each phone reads its verdict; Anne earned 500 to 1,000 points, her whole score.
    await moderator.getByTestId('close-quiz-z1').click();
    for (const [page, right] of [[phones[0], 'true'], [phones[1], 'false']]) {
      await question(page).getByTestId('quiz-verdict').and(page.locator(`[data-right="${right}"]`)).waitFor();
    }
    const points = Number(await question(phones[0]).getByTestId('quiz-points').getAttribute('data-points'));
    assert.ok(points >= 500 && points <= 1000, `Anne's points: ${points}`);
    assert.equal(Number(await phones[0].getByTestId('quiz-score').getAttribute('data-score')), points);
    assert.equal(Number(await question(phones[1]).getByTestId('quiz-points').getAttribute('data-points')), 0);
    assert.equal(Number(await phones[1].getByTestId('quiz-score').getAttribute('data-score')), 0);

    // The right answer is highlighted on the stage, with how many chose each; the leaderboard ranks
    // Anne first on the stage and on every phone, her own row marked on hers.
    await quizOnStage.and(stage.locator('[data-status=closed]')).getByTestId('quiz-right-choice').filter({ hasText: 'Treize' }).waitFor();
    for (const page of [stage, ...phones]) {
      await page.getByTestId('quiz-leaderboard').getByTestId('leaderboard-row').first().getByTestId('leaderboard-name')
        .filter({ hasText: /^Anne$/ }).waitFor();
    }
    assert.equal(await phones[0].getByTestId('leaderboard-row').first().getAttribute('data-me'), 'true');
    assert.equal(await phones[1].getByTestId('leaderboard-row').first().getAttribute('data-me'), 'false');
    // Chloé did not answer: no verdict, no score, but the leaderboard.
    await question(phones[2]).getByTestId('quiz-no-answer').waitFor();
    assert.equal(await phones[2].getByTestId('quiz-verdict').count(), 0);
    assert.equal(await phones[2].getByTestId('quiz-score').count(), 0);
    assert.equal(await question(phones[2]).getByTestId('answer-quiz-0').count(), 0);
    await audit(phones[0], 'a phone reading its quiz verdict');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
