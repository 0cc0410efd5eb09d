// The console's question queue at scale, through the real page, in French: 250 pending questions
// are drawn a window at a time (scrolling to the end brings the last one), a search finds words
// whatever their accents, a click on a name follows one author, "select all shown" and one
// dismissal with one reason empty a whole search, X selects the focused question, two duplicates
// merge into the one asked first, a third into an approved question, and a second
// moderator's selection lets go of a question the first one handled. axe-core finds nothing on the
// console with its tools in use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openAskers, callApi, watchErrors, axeViolations, describeViolations } from './support.mjs';

const second = 1000;
// Generous: two busy cores run the server, Chromium, the askers' page and two consoles.
const wait = 60 * second;
const laptop = { viewport: { width: 1366, height: 800 }, locale: 'fr-FR' };
const topics = ['tramway', 'piéton', 'parking', 'vélo', 'autobus'];
const total = 250;

test('a queue of 250 questions: windowed, searched, filtered by author, and moderated in bulk', { timeout: 300 * second }, async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  const errors = [];
  const open = async (url) => {
    const page = await (await browser.newContext(laptop)).newPage();
    page.setDefaultTimeout(wait);
    watchErrors(page, errors);
    await page.goto(url);
    return page;
  };
  try {
    const made = await callApi(server, 'POST', '/api/debates', { title: 'La ville sans voitures', motion: 'Fermer le centre aux voitures', format: 'talk_show' });
    assert.equal(made.status, 201, JSON.stringify(made.data));
    const askers = await openAskers(browser, server, errors, made.data.id);
    await askers.join(total / 5, 'Voix');
    await askers.ask(total, '', (i) => `Question ${i + 1} : et le ${topics[i % topics.length]} ?`);

    const moderator = await open(made.data.links.moderator);
    const rows = moderator.getByTestId('pending-question');
    const pendingCount = moderator.getByTestId('pending-count');
    await pendingCount.filter({ hasText: `${total} questions` }).waitFor();
    // Its first state came over HTTP (off the page's thread), the socket resuming from its seq.
    assert.equal(await moderator.evaluate(() => performance.getEntriesByType('resource').filter((r) => r.name.endsWith('/snapshot')).length), 1);

    // Only a window of the queue is in the page; the spacer stands for the rest.
    await rows.first().waitFor();
    const drawn = await rows.count();
    assert.ok(drawn > 0 && drawn < total, `${drawn} rows drawn of ${total}`);
    assert.equal(await moderator.locator('#pending > li.spacer').count() > 0, true);
    // Scrolling to the end brings the last question in: the spacer after the window is gone and
    // the list ends with a question. (The askers run side by side, so which question arrived last
    // is not known here.)
    await moderator.waitForFunction(() => {
      const list = document.getElementById('pending');
      list.scrollTop = list.scrollHeight;
      const first = list.firstElementChild;
      const last = list.lastElementChild;
      return first?.classList.contains('spacer') && last?.dataset.testid === 'pending-question';
    }, null, { polling: 100, timeout: wait });
    assert.match(await rows.last().getByTestId('question-text').textContent(), /^Question \d+ : et le /);

    // A search without accents finds the questions with them.
    const search = moderator.getByTestId('pending-search');
    await search.fill('PIETON');
    await moderator.getByTestId('pending-shown').filter({ hasText: `50 affichées sur ${total}` }).waitFor();
    const found = await rows.getByTestId('question-text').allTextContents();
    assert.equal(found.length, 50);
    assert.ok(found.every((text) => text.includes('piéton')), found.join(' | '));
    await search.fill('trottinette');
    await moderator.getByTestId('pending-none-shown').waitFor();

    // A click on a name follows that author: their five questions, and back to all.
    await search.fill('');
    await moderator.getByTestId('pending-shown').waitFor({ state: 'detached' });
    const author = await rows.first().getByTestId('question-author').textContent();
    await rows.first().getByTestId('question-author').click();
    await moderator.getByTestId('pending-shown').filter({ hasText: `5 affichées sur ${total}` }).waitFor();
    assert.deepEqual(await rows.getByTestId('question-author').allTextContents(), Array(5).fill(author));
    await moderator.getByTestId('pending-author-clear').click();
    await moderator.getByTestId('pending-shown').waitFor({ state: 'detached' });

    // The participants are found by the starts of the words of their names (case aside).
    const people = moderator.getByTestId('participant');
    const peopleSearch = moderator.getByTestId('participants-search');
    await peopleSearch.fill(author.toLocaleUpperCase());
    await moderator.getByTestId('participants-shown').waitFor();
    // "Name 1" also finds "Name 10" to "Name 19": every row shown starts with the name typed.
    await moderator.waitForFunction((name) => {
      const shown = [...document.querySelectorAll('[data-testid=participant] strong')].map((e) => e.textContent);
      return shown.includes(name) && shown.every((n) => n.startsWith(name));
    }, author);
    await peopleSearch.fill('');
    await moderator.getByTestId('participants-shown').waitFor({ state: 'detached' });
    assert.ok(await people.count() > 1);

    // Select all shown, then one dismissal with one public reason.
    await search.fill('tramway');
    await moderator.getByTestId('pending-shown').filter({ hasText: `50 affichées sur ${total}` }).waitFor();
    await moderator.getByTestId('select-shown').click();
    await moderator.getByTestId('selected-count').filter({ hasText: '50 sélectionnées' }).waitFor();
    await moderator.getByTestId('bulk-dismiss').click();
    await moderator.getByTestId('bulk-dismiss-reason').fill('Déjà traité par l’invité');
    await moderator.getByTestId('bulk-dismiss-confirm').click();
    await pendingCount.filter({ hasText: `${total - 50} questions` }).waitFor();
    await moderator.getByTestId('announce').filter({ hasText: '50 questions écartées.' }).waitFor();
    await moderator.getByTestId('pending-none-shown').waitFor();
    assert.equal(await moderator.getByTestId('selected-count').count(), 0, 'the selection is emptied');
    await moderator.getByTestId('log-entry').filter({ hasText: 'Déjà traité par l’invité' }).first().waitFor();

    // X selects the focused question; the selection is approved in one go.
    await search.fill('');
    await rows.first().getByTestId('approve').focus();
    await moderator.keyboard.press('x');
    await moderator.getByTestId('selected-count').filter({ hasText: '1 sélectionnée' }).waitFor();
    await moderator.keyboard.press('ArrowDown');
    await moderator.keyboard.press('x');
    await moderator.getByTestId('selected-count').filter({ hasText: '2 sélectionnées' }).waitFor();
    await moderator.getByTestId('bulk-approve').click();
    await moderator.getByTestId('approved-count').filter({ hasText: '2 questions' }).waitFor();
    await pendingCount.filter({ hasText: `${total - 52} questions` }).waitFor();

    // Two duplicates merged: the one asked first stays, the other leaves as merged, in the log.
    await search.fill('autobus');
    await moderator.getByTestId('pending-shown').filter({ hasText: `50 affichées sur ${total - 52}` }).waitFor();
    const kept = await rows.nth(0).getAttribute('data-question');
    await rows.nth(0).getByTestId('select-question').check();
    await rows.nth(1).getByTestId('select-question').check();
    await moderator.getByTestId('bulk-merge').click();
    await pendingCount.filter({ hasText: `${total - 53} questions` }).waitFor();
    await moderator.getByTestId('announce').filter({ hasText: '1 doublon fusionné.' }).waitFor();
    await moderator.getByTestId('log-entry').filter({ hasText: 'Question en double fusionnée' }).first().waitFor();
    assert.equal(await rows.nth(0).getAttribute('data-question'), kept, 'the question asked first stays');
    // A duplicate of a question already approved goes into that one.
    const approved = await moderator.getByTestId('approved-question').nth(1).getAttribute('data-question');
    const duplicate = await rows.nth(1).getAttribute('data-question');
    await rows.nth(1).getByTestId('select-question').check();
    await moderator.getByTestId('merge-into').selectOption(approved);
    await moderator.getByTestId('merge-into-approved').click();
    await pendingCount.filter({ hasText: `${total - 54} questions` }).waitFor();
    await moderator.locator(`#pending [data-question="${duplicate}"]`).waitFor({ state: 'detached' });
    assert.equal(await moderator.getByTestId('approved-count').textContent(), '2 questions', 'the approved question stays');
    await search.fill('');

    // A second moderator selects a question the first one then approves: the selection lets go.
    const other = await open(made.data.links.moderator);
    const otherRows = other.getByTestId('pending-question');
    await other.getByTestId('pending-count').filter({ hasText: `${total - 54} questions` }).waitFor();
    const shared = await otherRows.first().getAttribute('data-question');
    await otherRows.first().getByTestId('select-question').check();
    await other.getByTestId('selected-count').filter({ hasText: '1 sélectionnée' }).waitFor();
    await moderator.locator(`[data-question="${shared}"]`).getByTestId('approve').click();
    await other.locator(`#pending [data-question="${shared}"]`).waitFor({ state: 'detached' });
    await other.getByTestId('selected-count').waitFor({ state: 'detached' });

    await search.fill('vélo');
    await moderator.getByTestId('select-shown').click();
    const violations = await axeViolations(moderator);
    assert.deepEqual(violations, [], `axe-core on the console:\n${describeViolations(violations)}`);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
