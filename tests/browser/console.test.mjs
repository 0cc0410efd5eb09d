// The moderator console, the panelist page and the home page, through the real pages: they speak
// French and English (the browser's language first, then the one chosen on the page, without a
// reload, remembered), never show a raw code, keep the focus and what is typed while questions
// pour in, and pass axe-core's WCAG 2.x A and AA rules empty, busy and ended, in both languages
// (French in the light theme, English in the dark one).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openAskers, watchErrors, axeViolations, describeViolations } from './support.mjs';

const second = 1000;
const wait = 30 * second;
const laptop = { viewport: { width: 1366, height: 800 } };
const french = { ...laptop, locale: 'fr-FR', colorScheme: 'light' };
const english = { ...laptop, locale: 'en-US', colorScheme: 'dark' };

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

async function api(method, path, body) {
  const res = await fetch(`${server.base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${server.adminToken}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => null);
  assert.ok(res.ok, `${method} ${path} -> ${res.status} ${JSON.stringify(data)}`);
  return data;
}

const createDebate = (title, format) => api('POST', '/api/debates', { title, motion: 'Cette assemblée bannirait les voitures du centre-ville', format });
const addPanelist = (debate, name, role, side) => api('POST', `/api/debates/${debate}/panelists`, { name, role, side });

const openDriver = (errors, debate) => openAskers(browser, server, errors, debate);

async function openPage(options, url, errors) {
  const page = await (await browser.newContext(options)).newPage();
  watchErrors(page, errors);
  await page.goto(url);
  return page;
}

// The home page looks a code up before leaving; an unknown one answers 404, which Chromium reports
// on the console. That one expected message aside, every error still fails the test.
function watchHomeErrors(page, errors) {
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (/\/api\/join\//.test(m.location().url || '') && /404/.test(m.text())) return;
    errors.push(`${page.url()}: ${m.text()}`);
  });
}

async function openIn(context, url, errors, home = false) {
  const page = await context.newPage();
  if (home) watchHomeErrors(page, errors); else watchErrors(page, errors);
  await page.goto(url);
  return page;
}

const visibleText = (page) => page.evaluate(() => document.body.innerText);
const waitForWords = (page, words) => page.waitForFunction(
  (list) => list.every((w) => document.body.innerText.includes(w)), words, { timeout: wait, polling: 100 });

// Codes of the protocol that must never reach a person as they are.
const codes = [/talk_show/, /word_cloud/, /round_table/, /vote_before/, /vote_after/, /free_debate/, /not_started/,
  /direct_reply/, /new_point/, /\boxford\b/, /\bguest\b/, /\bhost\b/, /\brunning\b/, /\bnone\b/, /\bsingle\b/];
async function assertNoCodes(page, where) {
  const text = await visibleText(page);
  for (const code of codes) assert.doesNotMatch(text, code, `${where} shows a raw code`);
}

const words = {
  fr: {
    live: 'En direct',
    moderator: ['Conducteur', 'Débat à l’oxfordienne', 'En cours', 'Nuage de mots', 'Réponses directes', 'Invité', 'Questions en attente', 'Sondages'],
    panelist: ['Demander la parole', 'Dr Vert · Invité', 'Pour la motion', 'Publier un argument', 'Votre main est levée'],
    home: ['Rejoindre un débat', 'Code du débat', 'Rejoindre'],
  },
  en: {
    live: 'Live',
    moderator: ['Run of show', 'Oxford-style debate', 'Running', 'Word cloud', 'Direct replies', 'Guest', 'Pending questions', 'Polls'],
    panelist: ['Ask for the floor', 'Dr Vert · Guest', 'For the motion', 'Post an argument', 'Your hand is raised'],
    home: ['Join a debate', 'Join code', 'Join'],
  },
};

test('French and English on the console, panelist and home pages; the choice switches without a reload and is remembered', { timeout: 240 * second }, async () => {
  const errors = [];
  const d = await createDebate('Villes sans voitures', 'oxford');
  const guest = await addPanelist(d.id, 'Dr Vert', 'guest', 'for');
  const driver = await openDriver(errors, d.id);
  // A state in which codes would show: an Oxford format, the show running (a segment kind and a
  // status), a word-cloud poll, a guest on the for side with a hand raised for a direct reply.
  await driver.connect('moderator', d.tokens.moderator);
  await driver.connect('guest', guest.token);
  await driver.run('moderator', [{ type: 'start_show' }, { type: 'advance' }, { type: 'create_poll', kind: 'word_cloud', question: 'Un mot ?' }]);
  await driver.run('guest', [{ type: 'raise_hand', lane: 'direct_reply' }]);

  // One browser per language, each with the three pages, opened side by side.
  const opened = {};
  for (const [lang, options] of [['fr', french], ['en', english]]) {
    const context = await browser.newContext(options);
    const [moderator, panelist, home] = await Promise.all([
      openIn(context, d.links.moderator, errors), openIn(context, guest.link, errors), openIn(context, `${server.base}/`, errors, true)]);
    opened[lang] = { context, moderator, panelist, home };
  }
  for (const lang of ['fr', 'en']) {
    const { moderator, panelist, home } = opened[lang];
    for (const [name, page] of [['moderator', moderator], ['panelist', panelist]]) {
      await page.getByTestId('status').filter({ hasText: words[lang].live }).waitFor({ timeout: wait });
      await waitForWords(page, words[lang][name]);
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      await assertNoCodes(page, `the ${lang} ${name} page`);
    }
    await waitForWords(home, words[lang].home);
    assert.equal(await home.evaluate(() => document.documentElement.lang), lang);
    // An unknown code is said in words, in the page's language, and the field keeps it.
    await home.getByTestId('code').fill('zz-zz zz');
    await home.getByTestId('code').press('Enter');
    await home.getByTestId('error').filter({ hasText: lang === 'fr' ? 'Aucun débat ne porte le code ZZZZZZ' : 'No debate has the code ZZZZZZ' }).waitFor({ timeout: wait });
    assert.equal(await home.getByTestId('code').inputValue(), 'zz-zz zz');
    assert.equal(await home.getByTestId('code').getAttribute('aria-invalid'), 'true');
  }

  // Switching, in the French browser: the console goes English in place and stays English after
  // a reload; the panelist page (opened in French before that choice) switches too and stays; the
  // home page goes back to French and stays. No switch reloads the page.
  const steps = [['moderator', 'fr', 'en'], ['panelist', 'fr', 'en'], ['home', 'en', 'fr']];
  for (const [name, from, to] of steps) {
    const page = opened.fr[name];
    if (name === 'home') await page.reload();
    await waitForWords(page, words[from][name]);
    await page.evaluate(() => { window.sameDocument = true; });
    await page.getByTestId('language').selectOption(to);
    await waitForWords(page, words[to][name]);
    assert.equal(await page.evaluate(() => window.sameDocument), true, `${name}: switched without a reload`);
    assert.equal(await page.evaluate(() => document.documentElement.lang), to);
    assert.equal(await page.getByTestId('language').inputValue(), to);
    await page.reload();
    await waitForWords(page, words[to][name]);
    assert.equal(await page.evaluate(() => document.documentElement.lang), to, `${name}: the choice is remembered`);
    if (name !== 'home') await assertNoCodes(page, `the ${name} page after switching to ${to}`);
  }

  // A known code, typed loosely, leads to the debate's audience page.
  const home = opened.en.home;
  await home.getByTestId('code').fill(d.code.toLowerCase().replace(/^(...)/, '$1 '));
  await home.getByTestId('join').click();
  await home.waitForURL(`${server.base}/a/${d.code}`, { timeout: wait });
  for (const { context } of Object.values(opened)) await context.close();
  await driver.page.context().close();
  assert.deepEqual(errors, []);
});

// Where the focus is: never the body, always inside the console's main region.
const focusOf = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return {
    body: el === document.body || el === null,
    inMain: Boolean(el && document.querySelector('main').contains(el)),
    testid: el?.dataset?.testid || null,
    pressed: el?.getAttribute('aria-pressed') ?? null,
    question: el?.closest('[data-question]')?.dataset.question || null,
    value: 'value' in el ? el.value : null,
  };
});

async function assertFocusKept(page, what) {
  const focus = await focusOf(page);
  assert.equal(focus.body, false, `${what}: the focus fell to the body`);
  assert.equal(focus.inMain, true, `${what}: the focus left the console (${JSON.stringify(focus)})`);
  return focus;
}

test('the console keeps the focus and what is typed while questions arrive', { timeout: 240 * second }, async () => {
  const errors = [];
  const d = await createDebate('Transports', 'talk_show');
  const driver = await openDriver(errors, d.id);
  await driver.join(14, 'Voter');
  const moderator = await openPage(english, d.links.moderator, errors);
  await moderator.getByTestId('status').filter({ hasText: 'Live' }).waitFor({ timeout: wait });
  const pending = moderator.getByTestId('pending-question');
  const approved = moderator.getByTestId('approved-question');

  await driver.ask(4, 'First wave');
  await pending.nth(3).waitFor({ timeout: wait });

  // Enter on "Approve", questions arriving meanwhile: the question moves to the approved queue and
  // the focus goes to the next pending question's "Approve", so Enter again approves the next one.
  const firstText = await pending.first().getByTestId('question-text').textContent();
  await pending.first().getByTestId('approve').focus();
  const arriving = driver.ask(5, 'Second wave');
  await moderator.keyboard.press('Enter');
  await approved.filter({ hasText: firstText }).waitFor({ timeout: wait });
  let focus = await assertFocusKept(moderator, 'after Enter on Approve');
  assert.equal(focus.testid, 'approve', 'the next pending question takes the focus');
  // The outcome is said in a polite live region that was there before anything arrived.
  await moderator.locator('[data-testid=announce][role=status][aria-live=polite]').filter({ hasText: 'Question approved.' }).waitFor({ timeout: wait });
  await arriving;
  await moderator.keyboard.press('Enter');
  await approved.nth(1).waitFor({ timeout: wait });
  focus = await assertFocusKept(moderator, 'after a second Enter on Approve');
  assert.equal(focus.testid, 'approve');
  // The letter A approves the focused question.
  await moderator.keyboard.press('a');
  await approved.nth(2).waitFor({ timeout: wait });
  await assertFocusKept(moderator, 'after the A key');

  // Enter on "Put on air" while more questions arrive: the same button keeps the focus, pressed.
  const onAir = approved.first().getByTestId('on-air');
  const airQuestion = await approved.first().getAttribute('data-question');
  await onAir.focus();
  const more = driver.ask(3, 'Third wave');
  await moderator.keyboard.press('Enter');
  await moderator.locator(`[data-question=${airQuestion}] [data-testid=on-air][aria-pressed=true]`).waitFor({ timeout: wait });
  focus = await assertFocusKept(moderator, 'after Enter on Put on air');
  assert.deepEqual([focus.testid, focus.pressed, focus.question], ['on-air', 'true', airQuestion]);
  await more;

  // Enter on "Dismiss" opens the reason field with the focus in it; Enter there dismisses.
  const doomed = await pending.first().getAttribute('data-question');
  await pending.first().getByTestId('dismiss').focus();
  await moderator.keyboard.press('Enter');
  await moderator.locator(`[data-question=${doomed}] [data-testid=dismiss-reason]`).waitFor({ timeout: wait });
  await moderator.waitForFunction(() => document.activeElement?.dataset.testid === 'dismiss-reason', null, { timeout: wait });
  await moderator.keyboard.type('Asked twice');
  await moderator.keyboard.press('Enter');
  await moderator.locator(`[data-question=${doomed}]`).waitFor({ state: 'detached', timeout: wait });
  await assertFocusKept(moderator, 'after dismissing by keyboard');
  await moderator.getByTestId('log-entry').filter({ hasText: 'Asked twice' }).waitFor({ timeout: wait });

  // A half-typed poll question keeps its text and the focus while twenty questions arrive.
  await moderator.locator('#poll-form summary').click();
  const pollQuestion = moderator.getByTestId('poll-question');
  await pollQuestion.click();
  await pollQuestion.pressSequentially('Which line');
  let count = await pending.count();
  await driver.ask(20, 'Fourth wave');
  await pending.nth(count + 19).waitFor({ timeout: wait });
  focus = await assertFocusKept(moderator, 'while typing a poll question');
  assert.deepEqual([focus.testid, focus.value], ['poll-question', 'Which line']);
  await pollQuestion.pressSequentially(' first?');
  assert.equal(await pollQuestion.inputValue(), 'Which line first?');

  // A half-typed dismissal reason, its cursor in the middle of a word, keeps its text, its cursor
  // and the focus while twenty more arrive: the next letter lands where the cursor was.
  const target = pending.first();
  const targetId = await target.getAttribute('data-question');
  await target.getByTestId('dismiss').click();
  const reason = moderator.locator(`[data-question=${targetId}] [data-testid=dismiss-reason]`);
  await reason.waitFor({ timeout: wait });
  await reason.pressSequentially('Off topc');
  await reason.press('ArrowLeft');
  count = await pending.count();
  await driver.ask(20, 'Fifth wave');
  await pending.nth(count + 19).waitFor({ timeout: wait });
  focus = await assertFocusKept(moderator, 'while typing a reason');
  assert.deepEqual([focus.testid, focus.value, focus.question], ['dismiss-reason', 'Off topc', targetId]);
  await moderator.keyboard.type('i');
  assert.equal(await reason.inputValue(), 'Off topic');
  await moderator.keyboard.press('Enter');
  await moderator.getByTestId('log-entry').filter({ hasText: 'Off topic' }).waitFor({ timeout: wait });
  await assertFocusKept(moderator, 'after the second dismissal');

  await moderator.context().close();
  await driver.page.context().close();
  assert.deepEqual(errors, []);
});

test('no WCAG 2.x A or AA violation on the console, panelist and home pages, empty, busy and ended, in French and English', { timeout: 240 * second }, async () => {
  const errors = [];
  const d = await createDebate('Des villes sans voitures ?', 'oxford');
  const green = await addPanelist(d.id, 'Dr Vert', 'guest', 'for');
  const motor = await addPanelist(d.id, 'M. Moteur', 'panelist', 'against');
  // One browser per language, each with the three pages, opened side by side.
  const pages = [];
  const contexts = [];
  for (const [lang, options] of [['fr', french], ['en', english]]) {
    const context = await browser.newContext(options);
    contexts.push(context);
    const [moderator, panelist, home] = await Promise.all([
      openIn(context, d.links.moderator, errors), openIn(context, green.link, errors), openIn(context, `${server.base}/`, errors, true)]);
    pages.push({ lang, name: 'moderator', page: moderator }, { lang, name: 'panelist', page: panelist }, { lang, name: 'home', page: home });
  }
  const find = (lang, name) => pages.find((p) => p.lang === lang && p.name === name).page;
  const both = (name) => [find('fr', name), find('en', name)];
  for (const { lang, name, page } of pages) {
    if (name !== 'home') await page.getByTestId('status').filter({ hasText: words[lang].live }).waitFor({ timeout: wait });
  }

  // Every page of a state is audited (side by side) before the verdict, so one failure lists them all.
  const audit = async (state) => {
    const found = await Promise.all(pages.map(async ({ lang, name, page }) => {
      const violations = await axeViolations(page);
      return violations.length > 0 ? `${name}, ${lang}, ${state}:\n${describeViolations(violations)}` : null;
    }));
    const failures = found.filter(Boolean);
    assert.deepEqual(failures, [], `axe-core found violations:\n${failures.join('\n')}`);
  };

  // Empty: a new debate, nothing asked, the show not started.
  await audit('empty');

  // Busy: the show running, a panelist at the floor and another with a hand up, questions pending,
  // approved, pinned, on air and dismissed, a poll open with ballots, arguments, a muted member.
  const driver = await openDriver(errors, d.id);
  await driver.connect('moderator', d.tokens.moderator);
  await driver.connect('green', green.token);
  await driver.connect('motor', motor.token);
  const people = await driver.join(6, 'Membre');
  const [poll] = await driver.run('moderator', [{ type: 'create_oxford_poll', phase: 'before' }]);
  const v1 = poll.result.poll;
  await driver.run('moderator', [{ type: 'start_show' }, { type: 'open_poll', poll: v1 }]);
  await Promise.all(people.map((p, i) => driver.run(p, [{ type: 'vote', poll: v1, choice: i % 3 }])));
  const questions = (await driver.ask(6, 'Question')).map((r) => r.result.question);
  await driver.run('moderator', [
    ...questions.slice(0, 3).map((q) => ({ type: 'approve', question: q })),
    { type: 'dismiss', question: questions[3], reason: 'Hors sujet' },
    { type: 'pin', question: questions[1], pinned: true },
    { type: 'put_on_air', question: questions[0] },
    { type: 'mute', participant: people[5], muted: true },
    { type: 'advance' },
    { type: 'grant_floor', speaker: green.panelist, seconds: 300 },
  ]);
  await driver.run('motor', [{ type: 'raise_hand', lane: 'direct_reply' }]);
  await driver.run('green', [{ type: 'post_argument', text: 'Moins de voitures, un air plus sain.', stance: 'for' }]);
  await driver.run(people[0], [{ type: 'post_argument', text: 'Les artisans ont besoin de leur camionnette.', stance: 'against' }]);
  for (const page of both('moderator')) {
    await page.getByTestId('pending-question').nth(1).waitFor({ timeout: wait });
    await page.getByTestId('approved-question').nth(2).waitFor({ timeout: wait });
    await page.getByTestId('lane-direct_reply').getByText('M. Moteur').waitFor({ timeout: wait });
    await page.getByTestId('argument').nth(1).waitFor({ timeout: wait });
    await page.getByTestId('log-entry').nth(1).waitFor({ timeout: wait });
    await page.getByTestId('speaker').filter({ hasText: 'Dr Vert' }).waitFor({ timeout: wait });
  }
  // The pending queue follows one segment: the question asked during the openings alone, those
  // of the vote before, then all again.
  await driver.ask(1, 'Ouverture', () => 'Et pendant les déclarations ?');
  const fr = find('fr', 'moderator');
  const pendingRows = () => fr.evaluate(() => [...document.querySelectorAll('#pending [data-testid=question-text]')].map((p) => p.textContent));
  const pendingCountIs = (n) => fr.waitForFunction((k) => document.querySelectorAll('#pending [data-testid=pending-question]').length === k, n, { timeout: wait });
  await pendingCountIs(3);
  assert.equal(await fr.getByTestId('pending-segment').locator('option[value=s2]').textContent(), 'Déclarations d’ouverture');
  await fr.getByTestId('pending-segment').selectOption('s2');
  await pendingCountIs(1);
  assert.deepEqual(await pendingRows(), ['Et pendant les déclarations ?']);
  await fr.getByTestId('pending-segment').selectOption('s1');
  await pendingCountIs(2);
  await fr.getByTestId('pending-segment').selectOption('');
  await pendingCountIs(3);
  // The run of show changes during the show: five more minutes for the openings, and the
  // audience's questions moved up before the free debate, on both consoles.
  const opening = fr.locator('[data-testid=segment][data-segment=s2]');
  const minutes = Number((await opening.textContent()).match(/(\d+) min/)[1]);
  await fr.getByTestId('extend-segment-5').click();
  for (const page of both('moderator')) {
    await page.locator('[data-testid=segment][data-segment=s2]').filter({ hasText: `${minutes + 5} min` }).waitFor({ timeout: wait });
  }
  const questionsName = (await fr.locator('[data-testid=segment][data-segment=s4]').textContent()).split('·')[0].trim();
  assert.equal(await fr.getByTestId('move-up-s3').count(), 0, 'the free debate comes right after the running segment');
  await fr.getByTestId('move-up-s4').click();
  await fr.locator('[data-testid=segment][data-segment=s3]').filter({ hasText: questionsName }).waitFor({ timeout: wait });
  assert.equal(await fr.getByTestId('move-up-s2').count(), 0, 'the running segment stays where it is');
  for (const page of both('panelist')) {
    await page.getByTestId('floor').waitFor({ timeout: wait });
    await page.getByTestId('argument').filter({ hasText: 'air plus sain' }).waitFor({ timeout: wait });
  }
  // The template's segment (Oxford's "Opening statements") is named in each page's language, on the
  // console (the current segment, the floor's rule) and on the panelist's page.
  for (const [lang, name] of [['fr', 'Déclarations d’ouverture'], ['en', 'Opening statements']]) {
    await find(lang, 'moderator').getByTestId('current-segment').filter({ hasText: name }).waitFor({ timeout: wait });
    await find(lang, 'moderator').getByTestId('floor-rule').filter({ hasText: name }).waitFor({ timeout: wait });
    await find(lang, 'panelist').getByTestId('segment').filter({ hasText: name }).waitFor({ timeout: wait });
  }
  assert.doesNotMatch(await find('fr', 'moderator').getByTestId('show').innerText(), /Opening statements|Vote before/);
  for (const page of both('home')) {
    await page.getByTestId('code').fill('NOPE42');
    await page.getByTestId('join').click();
    await page.getByTestId('error').filter({ hasText: 'NOPE42' }).waitFor({ timeout: wait });
  }
  await audit('busy');

  // Ended: the vote after, the Oxford result, the show over.
  await driver.run('moderator', [{ type: 'close_poll', poll: v1 }, { type: 'advance' }, { type: 'advance' }, { type: 'advance' }, { type: 'advance' }]);
  const [after] = await driver.run('moderator', [{ type: 'create_oxford_poll', phase: 'after' }]);
  const v2 = after.result.poll;
  await driver.run('moderator', [{ type: 'open_poll', poll: v2 }]);
  await Promise.all(people.map((p) => driver.run(p, [{ type: 'vote', poll: v2, choice: 0 }])));
  await driver.run('moderator', [{ type: 'close_poll', poll: v2 }, { type: 'end_show' }]);
  for (const page of [...both('moderator'), ...both('panelist')]) {
    await page.getByTestId('oxford-winner').waitFor({ timeout: wait });
  }
  await find('fr', 'moderator').getByTestId('show-status').filter({ hasText: 'Terminée' }).waitFor({ timeout: wait });
  await find('en', 'moderator').getByTestId('show-status').filter({ hasText: 'Ended' }).waitFor({ timeout: wait });
  // The home page has no show: its third state is the other error, a code left empty.
  for (const [lang, sentence] of [['fr', 'Saisissez le code'], ['en', 'Type the code']]) {
    const page = find(lang, 'home');
    await page.getByTestId('code').fill('');
    await page.getByTestId('join').click();
    await page.getByTestId('error').filter({ hasText: sentence }).waitFor({ timeout: wait });
  }
  await audit('ended');

  for (const context of contexts) await context.close();
  await driver.page.context().close();
  assert.deepEqual(errors, []);
});

// Flags: an insult arrives in the console's flagged lane with the word as its reason, apart from the
// pending queue, and nothing is removed; approved, it joins the other questions without its badge
// reaching the audience. The organizer's own list flags the next question by its word. axe-core
// finds nothing on the console with a flagged lane.
test('an insult waits in the flagged lane with its reason and the audience never sees a flag', { timeout: 240 * second }, async () => {
  const errors = [];
  const d = await createDebate('Vélos et voitures', 'talk_show');
  const driver = await openDriver(errors, d.id);
  await driver.join(2, 'Voisin');
  const moderator = await openPage(french, d.links.moderator, errors);
  await moderator.getByTestId('status').filter({ hasText: 'En direct' }).waitFor({ timeout: wait });
  await driver.ask(1, 'calme', () => 'Et les pistes cyclables ?');
  await driver.ask(1, 'insulte', () => 'Quel CON, ce maire !');
  const flagged = moderator.getByTestId('flagged').getByTestId('pending-question');
  await flagged.filter({ hasText: 'Quel CON' }).waitFor({ timeout: wait });
  assert.equal(await flagged.getByTestId('flag').textContent(), 'Signalée : « con »');
  assert.equal(await moderator.getByTestId('pending').getByTestId('pending-question').count(), 1, 'the clean question stays in the pending queue');
  const violations = await axeViolations(moderator);
  assert.deepEqual(violations, [], `axe-core on the console with a flagged lane:\n${describeViolations(violations)}`);

  await flagged.getByTestId('approve').click();
  await moderator.getByTestId('approved-question').filter({ hasText: 'Quel CON' }).waitFor({ timeout: wait });
  await moderator.getByTestId('flagged').waitFor({ state: 'detached', timeout: wait });
  const phone = await openPage({ ...french, viewport: { width: 390, height: 844 } }, d.links.audience, errors);
  await phone.getByTestId('name').fill('Lectrice');
  await phone.getByTestId('join').click();
  await phone.getByText('Quel CON, ce maire !').waitFor({ timeout: wait });
  assert.ok(!(await visibleText(phone)).includes('Signalée'), 'the audience never sees a flag');

  await api('PUT', `/api/debates/${d.id}/flag_words`, { words: ['pistes cyclables'] });
  await driver.ask(1, 'liste', () => 'Encore les PISTES cyclables ?');
  await flagged.filter({ hasText: 'Encore les PISTES' }).getByTestId('flag').filter({ hasText: '« pistes cyclables »' }).waitFor({ timeout: wait });
  assert.deepEqual(errors, []);
});
