// The big screen fits its window in every state of a show, at 1920×1080 and at 1280×720, with the
// longest texts the server accepts: nothing scrolls, nothing with a data-testid leaves the window,
// no text is cut by a box or lies over another text, and a poll's labels are never under their
// bars. A moderator, two panelists and five audience members drive an Oxford debate over the
// WebSocket; three stage pages (French at both sizes, English at 1080p) follow it.
// TRIBUNE_SHOTS=1 saves a screenshot of each state and screen into a temporary directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launchBrowser, installDriver, watchErrors, fitProblems, callApi, axeViolations, describeViolations } from './support.mjs';

const second = 1000;
const wait = { timeout: 30 * second };

// French prose, cut to exactly the length a field allows at most.
const prose = 'Les centres-villes respireraient mieux sans voitures, mais les artisans, les livreurs et les '
  + 'personnes âgées en dépendent chaque jour ; qui paiera les navettes, les parkings relais et les pistes '
  + 'cyclables promises depuis dix ans ? ';
const longText = (n, start = '') => {
  let s = start;
  while (s.length < n) s += prose;
  return `${s.slice(0, n - 1).trimEnd()}.`;
};

// The text elements that must neither overlap nor be cut.
const texts = ['title', 'motion', 'segment', 'status', 'join-url', 'join-code', 'idle-claim', 'on-air-question',
  'on-air-author', 'on-air-argument', 'argument-author', 'poll-question', 'poll-ballots', 'poll-label', 'poll-count',
  'poll-option', 'speaker-name', 'speaker-role', 'timer', 'segment-timer', 'hand-name', 'oxford-winner', 'oxford-after',
  'oxford-swing', 'show-ended'].map((id) => `[data-testid=${id}]`).concat(['.kicker', '.react-count', '.hand-lane', '.oxford-before']);

const screens = [
  { name: 'fr-1920x1080', viewport: { width: 1920, height: 1080 }, locale: 'fr-FR' },
  { name: 'fr-1280x720', viewport: { width: 1280, height: 720 }, locale: 'fr-FR' },
  { name: 'en-1920x1080', viewport: { width: 1920, height: 1080 }, locale: 'en-US' },
];

// For each result bar: its label is not under the bar's fill (what is drawn at the label's centre
// is the label), and it does not cross the fill unless its text is whole.
function pollLabels(page) {
  return page.evaluate(() => [...document.querySelectorAll('[data-testid=poll-line]')].map((line) => {
    const label = line.querySelector('[data-testid=poll-label]');
    const fill = line.querySelector('[data-testid=poll-bar]');
    const a = label.getBoundingClientRect();
    const b = fill.getBoundingClientRect();
    const crosses = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0;
    const hit = document.elementFromPoint(a.left + a.width / 2, a.top + a.height / 2);
    return { label: label.textContent, visible: label.contains(hit), clear: !crosses || label.scrollWidth <= label.clientWidth };
  }));
}

test('the stage fits 1920×1080 and 1280×720 in every state of a show', { timeout: 240 * second }, async () => {
  const started = Date.now();
  const shots = process.env.TRIBUNE_SHOTS ? mkdtempSync(join(tmpdir(), 'tribune-stage-')) : null;
  const server = await startServer();
  const browser = await launchBrowser();
  const errors = [];
  try {
    const created = await callApi(server, 'POST', '/api/debates', {
      title: longText(200, 'Grand débat citoyen : '),
      motion: longText(500, 'Cette assemblée interdirait les voitures dans les centres-villes. '),
      format: 'oxford',
    });
    assert.equal(created.status, 201, JSON.stringify(created.data));
    const { id, tokens } = created.data;
    const panelist = async (name, side) => {
      const res = await callApi(server, 'POST', `/api/debates/${id}/panelists`, { name, role: 'panelist', side });
      assert.equal(res.status, 201, JSON.stringify(res.data));
      return res.data;
    };
    const pro = await panelist('Marie-Amélie de La Tour-Fontainebleau', 'for');
    const con = await panelist('Jean-Baptiste Wolkowicz-Montgomery', 'against');
    const people = [];
    for (const name of ['Ann', 'Bob', 'Chloé', 'Dov', 'Eve']) {
      const res = await callApi(server, 'POST', `/api/debates/${id}/participants`, { name });
      assert.equal(res.status, 201, JSON.stringify(res.data));
      people.push(res.data);
    }

    const driver = await (await browser.newContext()).newPage();
    watchErrors(driver, errors);
    await driver.goto(`${server.base}/`);
    await installDriver(driver);
    const connect = (name, token) => driver.evaluate(([n, d, t]) => window.connect(n, d, t), [name, id, token]);
    const run = async (name, commands) => {
      const replies = await driver.evaluate(([n, c]) => window.run(n, c), [name, commands]);
      replies.forEach((r, i) => assert.equal(r.type, 'ack', `${name} ${JSON.stringify(commands[i])} -> ${JSON.stringify(r)}`));
      return replies;
    };
    await connect('mod', tokens.moderator);
    await connect('pro', pro.token);
    await connect('con', con.token);
    for (const [i, p] of people.entries()) await connect(`p${i}`, p.token);
    const everyone = async (make) => { for (let i = 0; i < people.length; i++) await run(`p${i}`, [make(i)]); };

    for (const screen of screens) {
      const context = await browser.newContext({ viewport: screen.viewport, locale: screen.locale });
      screen.page = await context.newPage();
      watchErrors(screen.page, errors);
      await screen.page.goto(`${server.base}/stage#debate=${id}&token=${tokens.stage}`);
    }
    const onEvery = (f) => Promise.all(screens.map((s) => f(s.page)));
    const testid = (page, name) => page.getByTestId(name);
    await onEvery((page) => page.locator('[data-testid=status][data-status=live]').waitFor(wait));

    // Accessibility is audited empty, busy and ended, in both languages (the 1080p screens).
    const audited = new Set(['idle', 'everything', 'ended']);
    const expectFit = async (state) => {
      for (const screen of screens) {
        assert.deepEqual(await fitProblems(screen.page, texts), [], `${screen.name}, ${state}`);
        if (shots) await screen.page.screenshot({ path: join(shots, `${state}-${screen.name}.png`) });
        if (audited.has(state) && screen.viewport.width === 1920) {
          const violations = await axeViolations(screen.page);
          assert.equal(violations.length, 0, `${screen.name}, ${state}:\n${describeViolations(violations)}`);
        }
      }
    };

    // Nothing on air yet: the motion is the claim on screen, and the format is a word.
    await onEvery((page) => testid(page, 'title').filter({ hasText: 'Grand débat' }).waitFor(wait));
    await onEvery((page) => page.waitForFunction(() => [...document.images].every((img) => img.complete), null, wait));
    await expectFit('idle');
    for (const screen of screens) {
      const segment = await testid(screen.page, 'segment').textContent();
      assert.equal(segment, screen.locale === 'fr-FR' ? 'Débat d’Oxford · L’émission va commencer' : 'Oxford debate · The show starts soon');
    }

    // A speaker alone: the host's segment has none, so the show moves to the opening statements.
    await run('mod', [{ type: 'start_show' }, { type: 'advance' }, { type: 'grant_floor', speaker: pro.panelist, seconds: 300 }]);
    await onEvery((page) => testid(page, 'timer').waitFor(wait));
    await expectFit('speaker');

    // Hands raised while the speaker talks.
    await run('con', [{ type: 'raise_hand', lane: 'direct_reply' }]);
    await onEvery((page) => testid(page, 'hand-name').waitFor(wait));
    await expectFit('hands');

    // The longest question there can be, on air.
    const [asked] = await run('p0', [{ type: 'ask', text: longText(500, 'Question : '), anonymous: false }]);
    await run('mod', [{ type: 'approve', question: asked.result.question }, { type: 'put_on_air', question: asked.result.question }]);
    await onEvery((page) => testid(page, 'on-air-question').waitFor(wait));
    await expectFit('question-speaker-hands');

    // The longest argument, featured instead; the speaker's turn ends.
    const [argued] = await run('pro', [{ type: 'post_argument', text: longText(500, 'Argument : '), stance: 'for' }]);
    const argument = argued.result.argument;
    await run('mod', [{ type: 'put_on_air', question: null }, { type: 'feature_argument', argument }, { type: 'end_floor' }]);
    await onEvery((page) => testid(page, 'on-air-argument').waitFor(wait));
    await onEvery((page) => testid(page, 'on-air-question').waitFor({ state: 'detached', ...wait }));
    await onEvery((page) => testid(page, 'timer').waitFor({ state: 'detached', ...wait }));
    await expectFit('argument');

    // An open poll with ten options of the longest length, alone on air.
    const options = Array.from({ length: 10 }, (_, i) => longText(100, `Option ${i + 1} : `));
    const [created1] = await run('mod', [{ type: 'create_poll', kind: 'single', question: longText(300, 'Sondage : '), options }]);
    const poll = created1.result.poll;
    await run('mod', [{ type: 'feature_argument', argument: null }, { type: 'open_poll', poll }]);
    await onEvery((page) => testid(page, 'poll-option').nth(9).waitFor(wait));
    await onEvery((page) => testid(page, 'on-air-argument').waitFor({ state: 'detached', ...wait }));
    await expectFit('poll-open');

    // Its results, revealed.
    await everyone((i) => ({ type: 'vote', poll, choice: [0, 0, 3, 9, 5][i] }));
    await run('mod', [{ type: 'reveal_poll', poll }]);
    await onEvery((page) => testid(page, 'poll-line').nth(9).waitFor(wait));
    await onEvery((page) => testid(page, 'poll-count').first().filter({ hasText: /40/ }).waitFor(wait));
    await expectFit('poll-revealed');
    for (const screen of screens) {
      const labels = await pollLabels(screen.page);
      assert.equal(labels.length, 10);
      for (const label of labels) {
        assert.ok(label.visible, `${screen.name}: "${label.label.slice(0, 30)}" is covered`);
        assert.ok(label.clear, `${screen.name}: "${label.label.slice(0, 30)}" crosses its bar`);
      }
    }

    // A word cloud, laid out by d3-cloud.
    const [, created2] = await run('mod', [{ type: 'close_poll', poll }, { type: 'create_poll', kind: 'word_cloud', question: 'En un mot, la ville de demain ?' }]);
    const cloud = created2.result.poll;
    await run('mod', [{ type: 'open_poll', poll: cloud }]);
    await everyone((i) => ({ type: 'vote', poll: cloud, choice: ['apaisée', 'verte', 'apaisée', 'embouteillée', 'extraordinairement'][i] }));
    await run('mod', [{ type: 'close_poll', poll: cloud }, { type: 'reveal_poll', poll: cloud }]);
    await onEvery((page) => page.locator('[data-testid=word-cloud] svg [data-testid=cloud-word]').nth(3).waitFor(wait));
    await expectFit('word-cloud');
    for (const screen of screens) {
      const inside = await screen.page.evaluate(() => {
        const box = document.querySelector('[data-testid=word-cloud]').getBoundingClientRect();
        return [...document.querySelectorAll('[data-testid=cloud-word]')].every((w) => {
          const b = w.getBoundingClientRect();
          return b.left >= box.left - 1 && b.right <= box.right + 1 && b.top >= box.top - 1 && b.bottom <= box.bottom + 1;
        });
      });
      assert.ok(inside, `${screen.name}: a word leaves the cloud's box`);
    }

    // The Oxford vote before the debate (not revealed: the word cloud stays on screen).
    const [before] = await run('mod', [{ type: 'create_oxford_poll', phase: 'before' }]);
    await run('mod', [{ type: 'open_poll', poll: before.result.poll }]);
    await everyone((i) => ({ type: 'vote', poll: before.result.poll, choice: [0, 1, 2, 2, 1][i] }));
    await run('mod', [{ type: 'close_poll', poll: before.result.poll }]);

    // Everything at once: the question on air, the featured argument, an open poll, a speaker
    // and a raised hand.
    const [created3] = await run('mod', [{ type: 'create_poll', kind: 'single', question: longText(300, 'Dernier sondage : '), options: options.slice(0, 10) }]);
    await run('mod', [
      { type: 'put_on_air', question: asked.result.question }, { type: 'feature_argument', argument },
      { type: 'open_poll', poll: created3.result.poll }, { type: 'grant_floor', speaker: pro.panelist, seconds: 300 },
    ]);
    await onEvery((page) => page.locator(`[data-poll=${created3.result.poll}]`).waitFor(wait));
    await onEvery((page) => testid(page, 'on-air-question').waitFor(wait));
    await onEvery((page) => testid(page, 'on-air-argument').waitFor(wait));
    await onEvery((page) => testid(page, 'timer').waitFor(wait));
    await onEvery((page) => testid(page, 'hand-name').waitFor(wait));
    await expectFit('everything');

    // The vote after: the Oxford result takes the screen, the speaker's lower third stays.
    await run('mod', [{ type: 'close_poll', poll: created3.result.poll }]);
    const [after] = await run('mod', [{ type: 'create_oxford_poll', phase: 'after' }]);
    await run('mod', [{ type: 'open_poll', poll: after.result.poll }]);
    await everyone((i) => ({ type: 'vote', poll: after.result.poll, choice: [0, 0, 0, 2, 1][i] }));
    await run('mod', [{ type: 'close_poll', poll: after.result.poll }]);
    await onEvery((page) => testid(page, 'oxford-winner').waitFor(wait));
    await onEvery((page) => testid(page, 'timer').waitFor(wait));
    await expectFit('oxford');

    // The end: the result stays, and the screen no longer says it is live.
    await run('mod', [{ type: 'end_show' }]);
    await onEvery((page) => testid(page, 'show-ended').waitFor(wait));
    await onEvery((page) => page.locator('[data-testid=status][data-status=ended]').waitFor(wait));
    await expectFit('ended');
    for (const screen of screens) {
      assert.ok(await testid(screen.page, 'oxford-winner').isVisible(), `${screen.name}: the result after the show`);
      const said = await screen.page.evaluate(() => document.body.innerText);
      assert.doesNotMatch(said, /\bLive\b|En direct/, `${screen.name} still says it is live`);
    }

    assert.deepEqual(errors, []);
    console.log(`stage_fit: ${screens.length} screens × 11 states in ${Date.now() - started} ms${shots ? `, screenshots in ${shots}` : ''}`);
  } finally {
    await browser.close();
    await server.stop();
  }
});
