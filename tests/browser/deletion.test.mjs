// Deleting a debate from the admin page (DELETE /api/debates/{id}, docs/protocol.md): the danger
// zone at the bottom of the debate's page asks in the page first (what goes, who is cut off), can
// be cancelled, and deletes only on its own button; the workspace goes back to the list, without
// the debate and with the others. Everyone who was on the live debate reads that it no longer
// exists: phones in French and in English (one joined, one still on the join form), the moderator
// console, the stage screen (its old join code gone). The API answers 404 for it from then on. A
// refused deletion (storage failed) says so in the page and keeps the debate; one deleted
// elsewhere meanwhile leaves the list all the same.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, watchErrors, callApi, phone, axeViolations, describeViolations } from './support.mjs';

const second = 1000;
const wait = { timeout: 30 * second };
const laptop = { viewport: { width: 1280, height: 800 } };
// A title that would be markup if it were ever rendered as HTML.
const title = 'Voitures en ville <b>ce soir</b> & « débat »';

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

async function openPage(url, options, errors) {
  const page = await (await browser.newContext(options)).newPage();
  watchErrors(page, errors);
  await page.goto(url);
  return page;
}

async function createDebate(fields) {
  const created = await callApi(server, 'POST', '/api/debates', { motion: 'Faut-il interdire les voitures ?', ...fields });
  assert.equal(created.status, 201, JSON.stringify(created.data));
  return created.data;
}

// The admin page with `debate` open, as a French organizer.
async function adminWith(debate, errors) {
  const admin = await openPage(`${server.base}/admin#token=${server.adminToken}`, { ...laptop, locale: 'fr-FR' }, errors);
  await admin.getByTestId('debate').filter({ hasText: debate.title }).getByTestId('open-debate').click(wait);
  await admin.getByTestId('debate-title').filter({ hasText: debate.title }).waitFor(wait);
  await admin.getByTestId('danger-zone').waitFor(wait);
  return admin;
}

const listed = (admin, debate) => admin.locator(`[data-testid=debate][data-debate="${debate.id}"]`);
const focused = (page) => page.evaluate(() => document.activeElement?.dataset.testid || document.activeElement?.id);
// The console's "Failed to load resource" line of a refusal a test asks for on purpose.
const refused = (status) => (e) => !e.includes(`status of ${status}`);

// Everyone on `debate`, live: two phones that joined (French, English), one still on the join
// form, the moderator console (which starts the show) and the stage screen.
async function gather(debate, errors) {
  const { id, code, tokens } = debate;
  const french = await openPage(`${server.base}/a/${code}`, { ...phone, locale: 'fr-FR' }, errors);
  const english = await openPage(`${server.base}/a/${code}`, { ...phone, locale: 'en-US' }, errors);
  const late = await openPage(`${server.base}/a/${code}`, { ...phone, locale: 'fr-FR' }, errors);
  for (const [page, name] of [[french, 'Zoé'], [english, 'Ann']]) {
    await page.getByTestId('name').fill(name);
    await page.getByTestId('join').click();
  }
  await late.getByTestId('join-form').waitFor(wait);
  const moderator = await openPage(`${server.base}/moderator#debate=${id}&token=${tokens.moderator}`, { ...laptop, locale: 'fr-FR' }, errors);
  await moderator.getByTestId('start-show').click(wait);
  await moderator.getByTestId('show-status').filter({ hasText: 'En cours' }).waitFor(wait);
  const stage = await openPage(`${server.base}/stage#debate=${id}&token=${tokens.stage}`, { viewport: { width: 1280, height: 720 }, locale: 'fr-FR' }, errors);
  for (const page of [french, english, moderator, stage]) {
    await page.locator('[data-status=live]').first().waitFor({ ...wait, state: 'attached' });
  }
  assert.ok(await french.evaluate((d) => localStorage.getItem(`tribune.identity.${d}`), id), 'the phone keeps its identity while the debate exists');
  return { french, english, late, moderator, stage };
}

// The first button explains what goes and who is cut off, in the page; cancelled, nothing is
// deleted and the focus comes back.
async function askThenCancel(admin, debate) {
  const box = admin.getByTestId('delete-confirm');
  const open = admin.getByTestId('delete-debate');
  assert.equal(await box.isVisible(), false, 'nothing to confirm before the first button');
  assert.equal(await open.getAttribute('aria-expanded'), 'false');
  await open.click();
  const warning = admin.getByTestId('delete-warning');
  await warning.waitFor(wait);
  const said = await warning.textContent();
  for (const word of ['définitivement', 'journal', 'noms', 'contacts', 'rapport', 'archives', 'exports', 'déconnectées']) {
    assert.ok(said.includes(word), `the warning says "${word}": ${said}`);
  }
  assert.ok(said.includes(title), 'the warning names the debate, its title as text');
  assert.equal(await admin.locator('[data-testid=delete-warning] b').count(), 0, 'the title is never markup');
  await admin.getByTestId('delete-live').filter({ hasText: 'en direct' }).waitFor(wait);
  assert.equal(await open.getAttribute('aria-expanded'), 'true');
  assert.equal(await focused(admin), 'confirm-delete', 'the focus goes to the confirmation');
  const violations = await axeViolations(admin);
  assert.equal(violations.length, 0, `axe, the confirmation open:\n${describeViolations(violations)}`);
  await admin.getByTestId('cancel-delete').click();
  await box.waitFor({ ...wait, state: 'hidden' });
  assert.equal(await focused(admin), 'delete-debate', 'the focus comes back to the first button');
  assert.equal((await callApi(server, 'GET', `/api/debates/${debate.id}`)).status, 200, 'cancelled: the debate is still there');
}

// Each page that was on the deleted debate says so: the phones in their language, in place of the
// room, having forgotten the name they kept; the phone still on the join form as it tries to join;
// the console in words; the stage with its title but not its old join code.
async function everyoneReadsItIsGone(pages, id) {
  const { french, english, late, moderator, stage } = pages;
  for (const [page, words] of [[french, 'Ce débat n’existe plus'], [english, 'This debate no longer exists']]) {
    await page.getByTestId('gone').filter({ hasText: words }).waitFor(wait);
    const onPhone = await axeViolations(page);
    assert.equal(onPhone.length, 0, `axe, the phone:\n${describeViolations(onPhone)}`);
    await page.locator('[data-testid=status][data-status=closed]').waitFor(wait);
    assert.equal(await page.getByTestId('ask').count(), 0, 'nothing left to ask');
    assert.equal(await page.getByTestId('error').textContent(), '', 'no error code beside it');
    assert.equal(await page.evaluate((d) => localStorage.getItem(`tribune.identity.${d}`), id), null);
    await page.getByTestId('announce').filter({ hasText: words }).waitFor({ ...wait, state: 'attached' });
  }
  await late.getByTestId('name').fill('Noël');
  await late.getByTestId('join').click();
  await late.getByTestId('gone').filter({ hasText: 'Ce débat n’existe plus' }).waitFor(wait);
  assert.equal(await late.getByTestId('join-form').count(), 0);
  await moderator.getByTestId('error').filter({ hasText: 'Ce débat n’existe plus' }).waitFor(wait);
  await moderator.locator('[data-testid=status][data-status=closed]').waitFor({ ...wait, state: 'attached' });
  await stage.getByTestId('relink-hint').filter({ hasText: 'supprimé' }).waitFor(wait);
  assert.equal(await stage.getByTestId('join-code').count(), 0, 'the old code is not shown');
}

test('the organizer deletes a live debate; every page on it says it no longer exists', { timeout: 240 * second }, async () => {
  const errors = [];
  const debate = await createDebate({ title, format: 'talk_show' });
  const other = await createDebate({ title: 'Un autre débat' });
  const pages = await gather(debate, errors);
  const admin = await adminWith(debate, errors);
  await askThenCancel(admin, debate);

  // Asked again, and confirmed: back to the list, without the debate, with the other one.
  await admin.getByTestId('delete-debate').click();
  await admin.getByTestId('confirm-delete').click(wait);
  await admin.getByTestId('announce').filter({ hasText: 'supprimé' }).waitFor(wait);
  await listed(admin, debate).waitFor({ ...wait, state: 'detached' });
  await admin.getByTestId('debate-detail').waitFor({ ...wait, state: 'detached' });
  await listed(admin, other).waitFor(wait);
  assert.match(await admin.getByTestId('announce').textContent(), /^Débat « Voitures en ville <b>ce soir<\/b> & « débat » » supprimé\.$/);
  assert.equal(new URL(admin.url()).search, '', 'the address no longer names the debate');
  assert.equal(await focused(admin), 'list-heading');
  assert.equal(await admin.getByTestId('error').textContent(), '');

  // The API knows it no longer: 404 not_found, and a second deletion too.
  const gone = await callApi(server, 'GET', `/api/debates/${debate.id}`);
  assert.equal(gone.status, 404);
  assert.equal(gone.data?.error?.code, 'not_found');
  assert.equal((await callApi(server, 'DELETE', `/api/debates/${debate.id}`)).status, 404);
  const list = await callApi(server, 'GET', '/api/debates');
  assert.deepEqual(list.data.debates.map((d) => d.id), [other.id]);

  await everyoneReadsItIsGone(pages, debate.id);
  // The late phone's attempt to join was refused (404) on purpose.
  assert.deepEqual(errors.filter((e) => !(e.startsWith(pages.late.url()) && e.includes('status of 404'))), []);
});

test('a refused deletion says so and keeps the debate; one deleted elsewhere leaves the list too', { timeout: 240 * second }, async () => {
  const errors = [];
  const debate = await createDebate({ title: 'Débat qui reste' });
  const admin = await adminWith(debate, errors);

  // Storage failed (503): the error is in the page, the confirmation stays open for another try.
  await admin.route(`**/api/debates/${debate.id}`, (route) => (route.request().method() === 'DELETE'
    ? route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', detail: 'storage' } }) })
    : route.continue()));
  await admin.getByTestId('delete-debate').click();
  await admin.getByTestId('confirm-delete').click(wait);
  await admin.getByTestId('error').filter({ hasText: 'réessayez' }).waitFor(wait);
  await admin.getByTestId('confirm-delete').waitFor(wait);
  await listed(admin, debate).waitFor(wait);
  assert.equal(await focused(admin), 'confirm-delete');
  assert.equal((await callApi(server, 'GET', `/api/debates/${debate.id}`)).status, 200);
  await admin.unroute(`**/api/debates/${debate.id}`);

  // Deleted by another tab meanwhile: the server answers 404, and the debate leaves the list.
  assert.equal((await callApi(server, 'DELETE', `/api/debates/${debate.id}`)).status, 204);
  await admin.getByTestId('confirm-delete').click();
  await listed(admin, debate).waitFor({ ...wait, state: 'detached' });
  await admin.getByTestId('announce').filter({ hasText: 'supprimé' }).waitFor(wait);
  assert.equal(await admin.getByTestId('error').textContent(), '');

  // Without the organizer token, nothing is deleted.
  const kept = await createDebate({ title: 'Débat protégé' });
  assert.equal((await callApi(server, 'DELETE', `/api/debates/${kept.id}`, undefined, 'not-the-token')).status, 401);
  assert.equal((await callApi(server, 'GET', `/api/debates/${kept.id}`)).status, 200);
  assert.deepEqual(errors.filter(refused(503)).filter(refused(404)), []);
});
