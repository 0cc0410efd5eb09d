// The live opinion map through the real pages. A panelist posts eight arguments; thirty audience
// members in three camps of ten rate them (A agrees with 1–4 and disagrees with 5–8, B the
// opposite, C agrees with 1, 2, 5, 6 and disagrees with the rest), over thirty WebSockets driven
// from one page (two busy cores: not thirty pages). Then:
// - the big screen shows the map of the room: three groups of ten, thirty dots, what unites and
//   what divides the room, and it fits 1920×1080 and 1280×720, with a speaker's lower third too;
// - the console shows the three groups; of two approved questions, one upvoted by three members of
//   each camp (9 votes) and one by the ten of camp A (10 votes), sorting by votes puts the partisan
//   one first and sorting by agreement across groups the bridging one, with its figure;
// - a phone of camp A (a 360 px page opened with that member's credentials) shows "your group"
//   with the letter the stage and that member's sockets give camp A, its own place on the small
//   map and no sideways scroll;
// - once the show has ended, the report's `opinion` (folded from the log) holds the three
//   groups and the thirty dots, and the report page renders them: the groups, the map with its
//   dots and the chart of the groups' sizes;
// - axe-core finds nothing on any of the four pages showing the map.
// TRIBUNE_SHOTS=1 saves a screenshot of each page into a temporary directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launchBrowser, watchErrors, callApi, installDriver, fitProblems, axeViolations, describeViolations } from './support.mjs';

const second = 1000;
// Generous: two busy cores run the server, Chromium, four pages and thirty-two sockets.
const wait = { timeout: 60 * second };
const laptop = { viewport: { width: 1366, height: 800 }, locale: 'fr-FR' };
const smallPhone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'fr-FR' };

const camps = {
  A: ['agree', 'agree', 'agree', 'agree', 'disagree', 'disagree', 'disagree', 'disagree'],
  B: ['disagree', 'disagree', 'disagree', 'disagree', 'agree', 'agree', 'agree', 'agree'],
  C: ['agree', 'agree', 'disagree', 'disagree', 'agree', 'agree', 'disagree', 'disagree'],
};
const claims = [
  'Les bus de nuit rendent la ville à ceux qui travaillent tard.', 'Un ticket unique pour tout le réseau simplifie la vie.',
  'La gratuité a doublé la fréquentation à Dunkerque.', 'Les entreprises devraient payer une part du réseau.',
  'Les impôts locaux ne doivent pas financer des trajets gratuits.', 'Un service gratuit est moins respecté et moins entretenu.',
  'Mieux vaut investir dans plus de lignes que dans la gratuité.', 'Le vélo coûte moins cher à la collectivité que le bus.',
];

test('thirty phones in three camps make a map of three groups on the stage, the console, a phone and the report', { timeout: 420 * second }, async () => {
  const shots = process.env.TRIBUNE_SHOTS ? mkdtempSync(join(tmpdir(), 'tribune-opinion-')) : null;
  const shoot = async (target, name) => { if (shots) await target.screenshot({ path: join(shots, `${name}.png`) }); };
  const server = await startServer();
  const browser = await launchBrowser();
  const errors = [];
  const open = async (url, options) => {
    const page = await (await browser.newContext(options)).newPage();
    page.setDefaultTimeout(wait.timeout);
    watchErrors(page, errors);
    await page.goto(url);
    return page;
  };
  try {
    const created = await callApi(server, 'POST', '/api/debates', { title: 'Transports gratuits ?', motion: 'Les transports publics devraient être gratuits', format: 'talk_show' });
    assert.equal(created.status, 201, JSON.stringify(created.data));
    const { id, code, tokens } = created.data;
    const guest = await callApi(server, 'POST', `/api/debates/${id}/panelists`, { name: 'Dr. Green', role: 'guest', side: 'for' });
    assert.equal(guest.status, 201, JSON.stringify(guest.data));

    const driver = await open(`${server.base}/`, {});
    await installDriver(driver);
    const connect = (name, token) => driver.evaluate(([n, d, t]) => window.connect(n, d, t), [name, id, token]);
    const acked = (results) => {
      for (const { name, replies } of results) replies.forEach((r) => assert.equal(r.type, 'ack', `${name}: ${JSON.stringify(r)}`));
      return results;
    };
    const sendAll = async (plan) => acked(await driver.evaluate((p) => window.runAll(p), plan));
    await connect('mod', tokens.moderator);
    await connect('guest', guest.data.token);

    // The eight arguments, published at once (a panelist's).
    const [posted] = await sendAll({ guest: claims.map((text, i) => ({ type: 'post_argument', text, stance: i < 4 ? 'for' : 'against' })) });
    const argumentIds = posted.replies.map((r) => r.result.argument);
    assert.equal(argumentIds.length, 8);

    // The big screen and the console follow from before the ratings.
    const stage = await open(`${server.base}/stage#debate=${id}&token=${tokens.stage}`, { viewport: { width: 1920, height: 1080 }, locale: 'fr-FR' });
    const moderator = await open(`${server.base}/moderator#debate=${id}&token=${tokens.moderator}`, laptop);
    await stage.getByTestId('opinion-hint').waitFor(wait);

    // Thirty audience members, ten per camp, each on a socket of the driver page.
    const members = { A: [], B: [], C: [] };
    for (let i = 0; i < 10; i++) {
      for (const camp of Object.keys(camps)) {
        const joined = await callApi(server, 'POST', `/api/debates/${id}/participants`, { name: `${camp}${i + 1}` });
        assert.equal(joined.status, 201, JSON.stringify(joined.data));
        const name = `${camp}${i + 1}`;
        await connect(name, joined.data.token);
        members[camp].push({ name, ...joined.data });
      }
    }
    // They rate a round at a time (one member of each camp at once), so the camps grow together.
    const rate = (camp) => camps[camp].map((rating, j) => ({ type: 'rate_argument', argument: argumentIds[j], rating }));
    for (let i = 0; i < 10; i++) await sendAll({ [members.A[i].name]: rate('A'), [members.B[i].name]: rate('B'), [members.C[i].name]: rate('C') });

    // Two questions, approved; one upvoted by three members of each camp, the other by camp A.
    const [bridgingAsk, partisanAsk] = await sendAll({
      [members.C[9].name]: [{ type: 'ask', text: 'Qui paiera les bus de nuit si tout est gratuit ?', anonymous: false }],
      [members.B[9].name]: [{ type: 'ask', text: 'Pourquoi ne pas rendre gratuit le seul métro ?', anonymous: false }],
    });
    const bridging = bridgingAsk.replies[0].result.question;
    const partisan = partisanAsk.replies[0].result.question;
    await sendAll({ mod: [{ type: 'approve', question: bridging }, { type: 'approve', question: partisan }] });
    const upvotes = {};
    for (const camp of Object.keys(camps)) {
      for (const [i, m] of members[camp].entries()) {
        const commands = [];
        if (i < 3) commands.push({ type: 'upvote', question: bridging, on: true });
        if (camp === 'A') commands.push({ type: 'upvote', question: partisan, on: true });
        if (commands.length) upvotes[m.name] = commands;
      }
    }
    await sendAll(upvotes);

    // The stage: three groups of ten and thirty dots, beside what unites and what divides the room.
    await stage.waitForFunction(() => {
      const map = document.querySelector('[data-testid=stage-opinion] [data-testid=opinion-map]');
      const groups = [...document.querySelectorAll('[data-testid=stage-opinion] [data-testid=map-group]')];
      return map?.dataset.dots === '30' && groups.length === 3 && groups.every((g) => g.dataset.size === '10');
    }, null, wait);
    const stageGroups = await stage.locator('[data-testid=map-group]').evaluateAll((all) => all.map((g) => ({
      letter: g.dataset.group, text: g.textContent.replace(/\s+/g, ' ').trim() })));
    for (const g of stageGroups) assert.match(g.text, /10 pers\./, `the stage labels group ${g.letter} with its size`);
    await stage.locator('[data-testid=stage-divides] [data-testid=opinion-argument]').first().waitFor(wait);
    assert.equal(await stage.locator('[data-testid=stage-divides] [data-testid=opinion-argument]').first().locator('[data-testid=group-agree]').count(), 3);
    const fitted = ['.op-text', '.op-title', '.op-none', '.kicker', '.og-share', '.og-letter', '[data-testid=title]', '[data-testid=timer]', '[data-testid=speaker-name]'];
    assert.deepEqual(await fitProblems(stage, fitted), [], 'the map of the room fits the big screen');
    await shoot(stage, 'stage');
    const audit = async (page, what) => {
      const found = await axeViolations(page);
      assert.deepEqual(found, [], `axe-core on ${what}:\n${describeViolations(found)}`);
    };
    await audit(stage, 'the stage');
    // It still fits at 1280×720, and with a speaker's lower third under it.
    await stage.setViewportSize({ width: 1280, height: 720 });
    assert.deepEqual(await fitProblems(stage, fitted), [], 'the map of the room fits 1280×720');
    await sendAll({ mod: [{ type: 'start_show' }, { type: 'advance' }, { type: 'grant_floor', speaker: guest.data.panelist, seconds: 300 }] });
    await stage.getByTestId('timer').waitFor(wait);
    await stage.getByTestId('stage-opinion').waitFor(wait);
    assert.deepEqual(await fitProblems(stage, fitted), [], 'the map of the room fits 1280×720 with a speaker');
    await stage.setViewportSize({ width: 1920, height: 1080 });
    assert.deepEqual(await fitProblems(stage, fitted), [], 'the map of the room fits 1920×1080 with a speaker');
    await shoot(stage, 'stage-speaker');

    // Every member of a camp is in the same group, a different one per camp, each shown on the stage.
    await driver.waitForFunction((names) => names.every((n) => window.latest[n]?.opinion_you?.group), Object.values(members).flat().map((m) => m.name), wait);
    const you = await driver.evaluate(() => Object.fromEntries(Object.entries(window.latest).map(([n, l]) => [n, l.opinion_you])));
    const letterOf = {};
    for (const [camp, list] of Object.entries(members)) {
      const letters = new Set(list.map((m) => you[m.name].group));
      assert.equal(letters.size, 1, `camp ${camp} is one group: ${[...letters]}`);
      letterOf[camp] = [...letters][0];
    }
    assert.equal(new Set(Object.values(letterOf)).size, 3, 'three camps, three groups');
    assert.deepEqual(Object.values(letterOf).sort(), stageGroups.map((g) => g.letter).sort());

    // The console: the three groups, each of ten with its representative arguments.
    const groupsCard = moderator.locator('#groups-section');
    await moderator.waitForFunction(() => document.querySelectorAll('#groups-section [data-testid=opinion-group]').length === 3, null, wait);
    for (const size of await groupsCard.getByTestId('opinion-group-size').allTextContents()) assert.equal(size, '10 personnes');
    await groupsCard.locator(`[data-testid=opinion-group][data-group=${letterOf.A}] [data-testid=opinion-representative]`).first().waitFor(wait);

    // Sorted by votes, the partisan question (10 votes) comes first; by agreement across groups,
    // the bridging one (3 of 10 in every group), showing its figure.
    const firstApproved = () => moderator.getByTestId('approved-question').first().getAttribute('data-question');
    await moderator.locator(`[data-testid=approved-question][data-question=${partisan}]`).filter({ hasText: '10 votes' }).waitFor(wait);
    await moderator.locator(`[data-testid=approved-question][data-question=${bridging}]`).filter({ hasText: '9 votes' }).waitFor(wait);
    await moderator.getByTestId('approved-order').selectOption('votes');
    await moderator.waitForFunction((q) => document.querySelector('[data-testid=approved-question]')?.dataset.question === q, partisan, wait);
    await moderator.getByTestId('approved-order').selectOption('bridging');
    await moderator.locator(`[data-question=${bridging}] [data-testid=question-bridging]`).filter({ hasText: /30\s%/ }).waitFor(wait);
    assert.equal(await firstApproved(), bridging);
    assert.match(await moderator.locator(`[data-question=${partisan}] [data-testid=question-bridging]`).textContent(), /0\s%/);
    await moderator.getByTestId('approved-order').selectOption('votes');
    await moderator.waitForFunction((q) => document.querySelector('[data-testid=approved-question]')?.dataset.question === q, partisan, wait);
    assert.equal(await moderator.getByTestId('question-bridging').count(), 0, 'the figure shows only when sorted by it');
    await shoot(groupsCard, 'console-groups');
    await audit(moderator, 'the console');

    // A phone of camp A, opened with that member's credentials: its group, the stage's letter for camp A.
    const a1 = members.A[0];
    const phoneContext = await browser.newContext(smallPhone);
    await phoneContext.addInitScript(([debate, identity]) => {
      localStorage.setItem(`tribune.identity.${debate}`, JSON.stringify(identity));
    }, [id, { participant: a1.participant, name: a1.name, token: a1.token }]);
    const phonePage = await phoneContext.newPage();
    phonePage.setDefaultTimeout(wait.timeout);
    watchErrors(phonePage, errors);
    await phonePage.goto(`${server.base}/a/${code}`);
    const card = phonePage.getByTestId('your-group');
    await card.waitFor(wait);
    assert.equal(await card.getAttribute('data-group'), letterOf.A);
    assert.equal(await phonePage.getByTestId('your-group-text').textContent(), `Vous êtes dans le groupe ${letterOf.A} (10 personnes)`);
    await card.getByTestId('map-you').waitFor(wait);
    assert.equal(await card.locator('[data-testid=map-group]').count(), 3);
    assert.ok(await card.locator('[data-testid=your-group-arguments] li').count() >= 1, 'what the group thinks differently');
    assert.ok(await phonePage.evaluate(() => document.scrollingElement.scrollWidth <= innerWidth), 'nothing scrolls sideways at 360 px');
    await shoot(card, 'phone-your-group');
    await audit(phonePage, 'the phone');

    // The report: the show ends, and the report folds the room's map from the log.
    const final = await driver.evaluate(() => window.latest.mod.opinion);
    assert.ok(final?.dots?.length === 30, 'the moderator receives the dots');
    await sendAll({ mod: [{ type: 'end_show' }] });
    const folded = await callApi(server, 'GET', `/api/debates/${id}/report`);
    assert.equal(folded.data.opinion.final.groups.length, 3, JSON.stringify(folded.data.opinion));
    assert.equal(folded.data.opinion.final.dots.length, 30);
    assert.equal(folded.data.opinion.minutes.at(-1).counted, 30);
    const report = await open('about:blank', laptop);
    await report.goto(`${server.base}/r/${code}`);
    const section = report.getByTestId('report-opinion');
    await section.waitFor(wait);
    assert.equal(await section.locator('[data-testid=report-map]').getAttribute('data-dots'), '30');
    assert.equal(await section.getByTestId('report-group').count(), 3);
    await section.locator('[data-chart-id=opinion-groups] canvas').waitFor(wait);
    // The replay at the show's end shows the groups as they stood then.
    await report.locator('[data-testid=moment][data-type=show_ended]').click();
    await report.locator('[data-testid=replay-opinion][data-groups="3"]').waitFor(wait);
    await audit(report, 'the report');
    await shoot(section, 'report-opinion');
    if (shots) console.log(`opinion: screenshots in ${shots}`);

    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
