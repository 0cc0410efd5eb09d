// The overlay keyed over a broadcast, and the words of the stage: the overlay paints nothing
// outside its panels (every pixel there is fully transparent) and keeps its panels inside the
// title-safe area, with a poll and then, in its place, a quiz question (open, then closed with the
// right answer and the leaderboard) and a prediction (made, then resolved); the stage and the overlay speak French to a French browser and English to an
// English one, with no code ever shown as a word; and a debate's brand colours the stage.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launchBrowser, installDriver, watchErrors, decodePng, callApi, axeViolations, describeViolations } from './support.mjs';

const second = 1000;
const wait = { timeout: 30 * second };
// TRIBUNE_SHOTS=1 saves the overlay's screenshots into a temporary directory.
const shots = process.env.TRIBUNE_SHOTS ? mkdtempSync(join(tmpdir(), 'tribune-overlay-')) : null;

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

// A debate in a given format with a host, a guest for the motion and two audience members, and a
// driver page whose WebSocket clients play the moderator and the panelists.
async function setUp(errors, format) {
  const created = await callApi(server, 'POST', '/api/debates', { title: 'Voitures en ville', motion: 'Cette assemblée interdirait les voitures en centre-ville', format });
  assert.equal(created.status, 201, JSON.stringify(created.data));
  const { id, tokens } = created.data;
  const add = async (name, role, side) => (await callApi(server, 'POST', `/api/debates/${id}/panelists`, { name, role, side })).data;
  const host = await add('Camille Hôte', 'host', 'none');
  const guest = await add('Dr. Green', 'guest', 'for');
  const people = [];
  for (const name of ['Ann', 'Bob']) people.push((await callApi(server, 'POST', `/api/debates/${id}/participants`, { name })).data);
  const driver = await (await browser.newContext()).newPage();
  watchErrors(driver, errors);
  await driver.goto(`${server.base}/`);
  await installDriver(driver);
  const connect = (name, token) => driver.evaluate(([n, d, t]) => window.connect(n, d, t), [name, id, token]);
  await connect('mod', tokens.moderator);
  await connect('guest', guest.token);
  for (const [i, p] of people.entries()) await connect(`p${i}`, p.token);
  const run = async (name, commands) => {
    const replies = await driver.evaluate(([n, c]) => window.run(n, c), [name, commands]);
    replies.forEach((r, i) => assert.equal(r.type, 'ack', `${name} ${JSON.stringify(commands[i])} -> ${JSON.stringify(r)}`));
    return replies;
  };
  return { id, tokens, host, guest, people, run, driver };
}

async function openPage(url, options, errors) {
  const page = await (await browser.newContext(options)).newPage();
  watchErrors(page, errors);
  await page.goto(url);
  return page;
}

// What the page really paints, over no background at all: nothing outside the title-safe area (5 %
// of the width and of the height in from each edge), nothing in the upper middle of the picture,
// where faces usually are; and every panel named (by its data-testid) lies inside the safe area.
// Resolves with the picture and the panels' boxes.
async function assertKeyable(page, viewport, panels, name = 'overlay') {
  const safe = { left: viewport.width * 0.05, top: viewport.height * 0.05, right: viewport.width * 0.95, bottom: viewport.height * 0.95 };
  const shot = await page.screenshot({ omitBackground: true });
  const png = decodePng(shot);
  assert.equal(png.width, viewport.width);
  if (shots) writeFileSync(join(shots, `${name}-${viewport.width}.png`), shot);
  const opaqueOutsideSafe = [];
  const opaqueTop = [];
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const a = png.alpha(x, y);
      if (a === 0) continue;
      if (x < safe.left || x >= safe.right || y < safe.top || y >= safe.bottom) opaqueOutsideSafe.push([x, y, a]);
      else if (x >= png.width * 0.3 && x < png.width * 0.7 && y < png.height * 0.35) opaqueTop.push([x, y, a]);
    }
  }
  assert.deepEqual(opaqueOutsideSafe.slice(0, 5), [], `${name} ${viewport.width}×${viewport.height}: painted outside the safe area`);
  assert.deepEqual(opaqueTop.slice(0, 5), [], `${name} ${viewport.width}×${viewport.height}: painted in the upper middle`);
  const boxes = await page.evaluate((ids) => Object.fromEntries(ids.map((id) => {
    const b = document.querySelector(`[data-testid=${id}]`)?.getBoundingClientRect();
    return [id, b ? { left: b.left, top: b.top, right: b.right, bottom: b.bottom } : null];
  })), panels);
  for (const [panel, b] of Object.entries(boxes)) {
    assert.ok(b, `${panel} is on the overlay`);
    assert.ok(b.left >= safe.left - 0.5 && b.top >= safe.top - 0.5 && b.right <= safe.right + 0.5 && b.bottom <= safe.bottom + 0.5,
      `${name} ${viewport.width}×${viewport.height}: ${panel} ${JSON.stringify(b)} leaves the title-safe area ${JSON.stringify(safe)}`);
  }
  return { png, boxes };
}

test('the overlay is transparent outside its panels, all inside the title-safe area', { timeout: 240 * second }, async () => {
  const errors = [];
  const show = await setUp(errors, 'oxford');
  const { id, tokens, guest, run } = show;
  // The guest speaks for the motion, a question is on air, a poll is open.
  await run('mod', [{ type: 'start_show' }, { type: 'advance' }, { type: 'grant_floor', speaker: guest.panelist, seconds: 240 }]);
  const [asked] = await run('p0', [{ type: 'ask', text: 'Qui paiera les navettes et les parkings relais ?', anonymous: false }]);
  const [poll] = await run('mod', [
    { type: 'create_poll', kind: 'single', question: 'Prendriez-vous le tramway ?', options: ['Oui, tous les jours', 'Parfois', 'Jamais'] },
  ]);
  await run('mod', [
    { type: 'approve', question: asked.result.question }, { type: 'put_on_air', question: asked.result.question },
    { type: 'open_poll', poll: poll.result.poll },
  ]);

  for (const viewport of [{ width: 1920, height: 1080 }, { width: 1280, height: 720 }]) {
    const page = await openPage(`${server.base}/overlay?lang=fr#debate=${id}&token=${tokens.stage}`, { viewport }, errors);
    await page.getByTestId('lower-third').waitFor(wait);
    await page.getByTestId('on-air-question').waitFor(wait);
    await page.locator(`[data-poll=${poll.result.poll}]`).waitFor(wait);
    await page.getByTestId('timer').filter({ hasText: /^[34]:\d\d$/ }).waitFor(wait);

    const { png, boxes } = await assertKeyable(page, viewport, ['lower-third', 'overlay-topic', 'overlay-side', 'overlay-clock']);
    // The panels themselves are solid enough to read over any video.
    const third = boxes['lower-third'];
    const cx = Math.round((third.left + third.right) / 2);
    const cy = Math.round((third.top + third.bottom) / 2);
    assert.ok(png.alpha(cx, cy) >= 200, `the lower third is nearly opaque (alpha ${png.alpha(cx, cy)})`);
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, `overlay with a question, a poll and a speaker:\n${describeViolations(violations)}`);
    await page.context().close();
  }

  // The quiz, then a prediction, take the poll's place while they are the latest thing.
  const full = { width: 1920, height: 1080 };
  const panels = ['lower-third', 'overlay-topic', 'overlay-side', 'overlay-clock'];
  const page = await openPage(`${server.base}/overlay?lang=fr#debate=${id}&token=${tokens.stage}`, { viewport: full }, errors);
  await page.locator(`[data-poll=${poll.result.poll}]`).waitFor(wait);
  await quizOnOverlay(page, run, { full, panels, poll: poll.result.poll });
  await predictionOnOverlay(page, run, { full, panels });
  await page.context().close();
  assert.deepEqual(errors, []);
});

// A quiz question open now: its lettered choices, its countdown ticking down from 2:00, how many
// answered and where to answer; once closed, the right answer and the leaderboard, Ann first.
async function quizOnOverlay(page, run, { full, panels, poll }) {
  const [started] = await run('mod', [{ type: 'start_quiz_question', text: 'Combien de lignes de tramway compte l’Île-de-France ?',
    choices: ['Trois', 'Treize', 'Trente'], correct: 1, seconds: 120 }]);
  const z = started.result.quiz_question;
  const quiz = page.locator(`[data-testid=overlay-side][data-quiz=${z}]`);
  const open = quiz.and(page.locator('[data-status=open]'));
  await open.getByTestId('quiz-countdown').filter({ hasText: /1:[0-5]\d$/ }).waitFor(wait);
  assert.equal(await page.locator(`[data-poll=${poll}]`).count(), 0, 'the quiz takes the poll\'s place');
  assert.deepEqual(await open.locator('[data-choice]').evaluateAll((els) => els.map((el) => [
    el.querySelector('.quiz-letter').textContent, el.querySelector('.choice-label').textContent])),
  [['A', 'Trois'], ['B', 'Treize'], ['C', 'Trente']]);
  await open.getByTestId('overlay-join').filter({ hasText: 'Répondez sur votre téléphone' }).waitFor(wait);
  assert.equal(await quiz.getByTestId('quiz-right-choice').count(), 0, 'the answer stays hidden while open');
  await run('p0', [{ type: 'answer_quiz', quiz_question: z, choice: 1 }]);
  await run('p1', [{ type: 'answer_quiz', quiz_question: z, choice: 2 }]);
  await open.getByTestId('quiz-answers').filter({ hasText: /^2 réponses$/ }).waitFor(wait);
  await assertKeyable(page, full, panels, 'overlay-quiz');

  await run('mod', [{ type: 'close_quiz_question', quiz_question: z }]);
  const closed = quiz.and(page.locator('[data-status=closed]'));
  await closed.getByTestId('quiz-right-choice').filter({ hasText: /Bonne réponse\s*B\s*Treize/ }).waitFor(wait);
  await closed.getByTestId('leaderboard-row').first().getByTestId('leaderboard-name').filter({ hasText: /^Ann$/ }).waitFor(wait);
  assert.ok(await closed.getByTestId('leaderboard-row').count() <= 5, 'a short leaderboard');
  assert.equal(await closed.getByTestId('quiz-countdown').count(), 0);
  await assertKeyable(page, full, panels, 'overlay-quiz-result');
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `overlay with a quiz result:\n${describeViolations(violations)}`);
}

// A prediction, the next thing: it replaces the quiz's result; its counts follow, and the outcome
// that came true is marked once resolved.
async function predictionOnOverlay(page, run, { full, panels }) {
  const [made] = await run('mod', [{ type: 'create_prediction', title: 'Qui remportera le vote ?', outcomes: ['Le camp Pour', 'Le camp Contre'] }]);
  const r = made.result.prediction;
  const prediction = page.locator(`[data-testid=overlay-side][data-items=prediction] [data-prediction=${r}]`);
  await prediction.getByTestId('prediction-status').filter({ hasText: 'Ouvert' }).waitFor(wait);
  assert.equal(await page.locator('[data-testid=overlay-side][data-quiz]').count(), 0, 'the quiz leaves for the prediction');
  await run('p0', [{ type: 'predict', prediction: r, outcome: 1 }]);
  await prediction.locator('[data-outcome="1"] .count').filter({ hasText: /^1 · 100/ }).waitFor(wait);
  await run('mod', [{ type: 'resolve_prediction', prediction: r, outcome: 1 }]);
  await prediction.locator('[data-outcome="1"]').getByTestId('prediction-winner').waitFor(wait);
  assert.equal(await prediction.getByTestId('prediction-winner').count(), 1, 'one outcome came true');
  await assertKeyable(page, full, panels, 'overlay-prediction');
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `overlay with a prediction:\n${describeViolations(violations)}`);
}

// Codes of the protocol that must never reach a person as words.
const codes = /\b(word_cloud|talk_show|round_table|vote_before|vote_after|free_debate|wrap_up|new_point|direct_reply|not_started|oxford|none|seat)\b/;

test('the stage and the overlay speak the browser\'s language, never in codes', { timeout: 240 * second }, async () => {
  const errors = [];
  const show = await setUp(errors, 'talk_show');
  const { id, tokens, host, run } = show;
  const stageUrl = `${server.base}/stage#debate=${id}&token=${tokens.stage}`;
  const fr = await openPage(stageUrl, { viewport: { width: 1280, height: 720 }, locale: 'fr-FR' }, errors);
  const en = await openPage(stageUrl, { viewport: { width: 1280, height: 720 }, locale: 'en-US' }, errors);
  for (const page of [fr, en]) await page.locator('[data-testid=status][data-status=live]').waitFor(wait);

  // The audience's questions segment, the host at the floor, the guest's hand up, a word cloud open.
  await run('mod', [{ type: 'start_show' }, { type: 'advance' }, { type: 'advance' }, { type: 'grant_floor', speaker: host.panelist, seconds: 120 }]);
  await run('guest', [{ type: 'raise_hand', lane: 'new_point' }]);
  const [cloud] = await run('mod', [{ type: 'create_poll', kind: 'word_cloud', question: 'Un mot pour la ville de demain ?' }]);
  await run('mod', [{ type: 'open_poll', poll: cloud.result.poll }]);

  const expectations = [
    [fr, ['En direct', 'Questions du public', 'Animation', 'nouveau point', 'Votez sur votre téléphone', 'Répondez en un mot', 'Mains levées']],
    [en, ['Live', 'Audience questions', 'Host', 'new point', 'Vote on your phone', 'Answer in one word', 'Hands raised']],
  ];
  for (const [page, words] of expectations) {
    await page.getByTestId('speaker-name').waitFor(wait);
    await page.locator(`[data-poll=${cloud.result.poll}]`).waitFor(wait);
    const text = await page.evaluate(() => document.body.innerText);
    for (const word of words) assert.ok(text.includes(word), `"${word}" is missing from:\n${text}`);
    assert.doesNotMatch(text, codes);
  }
  assert.equal(await fr.evaluate(() => document.documentElement.lang), 'fr');
  assert.equal(await en.evaluate(() => document.documentElement.lang), 'en');

  // The language select switches the stage without a reload, and the choice is remembered.
  await en.getByTestId('language').selectOption('fr');
  await en.getByTestId('segment').filter({ hasText: 'Questions du public' }).waitFor(wait);

  // The overlay has no control: ?lang= chooses.
  for (const [lang, role] of [['fr', 'Animation'], ['en', 'Host']]) {
    const page = await openPage(`${server.base}/overlay?lang=${lang}#debate=${id}&token=${tokens.stage}`, { viewport: { width: 1920, height: 1080 } }, errors);
    await page.getByTestId('speaker-role').filter({ hasText: role }).waitFor(wait);
    assert.doesNotMatch(await page.evaluate(() => document.body.innerText), codes);
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, `overlay (${lang}):\n${describeViolations(violations)}`);
    await page.context().close();
  }
  assert.deepEqual(errors, []);
});

test('a debate\'s brand colours the stage, with readable text on its accent', { timeout: 240 * second }, async () => {
  const errors = [];
  const created = await callApi(server, 'POST', '/api/debates', { title: 'Couleurs', motion: 'La ville en jaune', format: 'talk_show' });
  const { id, tokens } = created.data;
  // The page's policy decides whether a logo from another site may show; the test follows it.
  const policy = (await fetch(`${server.base}/stage`)).headers.get('content-security-policy') || '';
  const imagesFromHttps = /img-src[^;]*https:/.test(policy);
  const logo = imagesFromHttps ? 'https://logo.example/brand.svg' : 'javascript:alert(1)';
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'fr-FR' });
  // The brand as the server describes it in GET /api/debates/{id}: a light yellow and a logo.
  await context.route(`${server.base}/api/debates/${id}`, async (route) => {
    const res = await route.fetch();
    await route.fulfill({ response: res, json: { ...(await res.json()), brand: { accent: '#FFD400', logo } } });
  });
  await context.route('https://logo.example/**', (route) => route.fulfill({
    contentType: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#123"/></svg>',
  }));
  const page = await context.newPage();
  watchErrors(page, errors);
  await page.goto(`${server.base}/stage#debate=${id}&token=${tokens.stage}`);
  await page.locator('[data-testid=status][data-status=live]').waitFor(wait);
  await page.waitForFunction(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim() === '#ffd400', null, wait);
  const colours = await page.evaluate(() => {
    const style = getComputedStyle(document.documentElement);
    return { ink: style.getPropertyValue('--on-accent').trim() };
  });
  assert.equal(colours.ink, '#000000', 'dark text on a light accent');
  if (imagesFromHttps) {
    await page.getByTestId('logo').waitFor(wait);
    assert.equal(await page.getByTestId('logo').getAttribute('alt'), '');
  } else {
    // An address that is not a web address never becomes an image.
    assert.equal(await page.getByTestId('logo').count(), 0);
  }
  await context.close();
  assert.deepEqual(errors, []);
});
