// Finding a channel's topics and its public moderation, through the real page in French on a
// phone. Seven proposals from three visitors (REST: proposals are rate-limited per visitor and per
// address); the server answers a search a page at a time (checked at the REST level with small
// pages, and on the page with its requests' page size made 2 by the test). The search field asks
// the server once typing pauses and the answer to the latest words wins, even when an older answer
// arrives after it; the category and state filters go with the words; "Voir plus" adds the next
// page; clearing everything asks the plain, cached address again. The organizer hides a proposal
// from its page, confirming first with a reason; the public list and the topic's page then show the
// reason and never the title, and the channel's moderation log lists it with a decline and a
// hidden comment, newest first. A topic's page lists its connected subjects with their states.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, watchErrors, phone, callApi, axeViolations, describeViolations } from './support.mjs';

const second = 1000;
const wait = { timeout: 30 * second };
const hiddenTitle = '<i>Publicité</i> pour mon entreprise';
const reason = 'Publicité, hors charte';
const topics = [
  ['Ana', 'Le télétravail des cadres', 'Deux jours par semaine ?', 'RH'],
  ['Ana', 'Le télétravail et la santé', 'Les écrans, le dos, l’isolement', 'RH'],
  ['Ana', 'Budget municipal 2027', 'Où va l’argent de la ville', 'Politique'],
  ['Bob', 'Les transports en commun la nuit', 'Des bus après minuit', 'Politique'],
  ['Bob', 'Télétravail : le droit à la déconnexion', 'Répondre le soir ?', 'RH'],
  ['Bob', hiddenTitle, 'Achetez nos produits', 'RH'],
  ['Chloé', 'La semaine de quatre jours', 'Pour ou contre', 'RH'],
];

let browser;
let server;
let channelUrl;
let id;
const errors = [];

before(async () => {
  browser = await launchBrowser();
  server = await startServer();
  const created = await callApi(server, 'POST', '/api/channels', { name: 'Acme TV', categories: ['RH', 'Politique'] });
  assert.equal(created.status, 201, JSON.stringify(created.data));
  id = created.data.id;
  channelUrl = `${server.base}/c/${id}`;
  const tokens = {};
  for (const [name, title, pitch, category] of topics) {
    tokens[name] ??= (await callApi(server, 'POST', `/api/channels/${id}/identities`, { name })).data.token;
    const made = await callApi(server, 'POST', `/api/channels/${id}/topics`, { title, pitch, category }, tokens[name]);
    assert.equal(made.status, 201, JSON.stringify(made.data));
  }
  const answer = (topic, body) => callApi(server, 'POST', `/api/channels/${id}/topics/${topic}/answer`, body);
  assert.equal((await answer('t2', { answer: 'accept' })).status, 200);
  assert.equal((await answer('t4', { answer: 'decline', text: 'Hors du champ de la <b>chaîne</b>' })).status, 200);
  const comment = await callApi(server, 'POST', `/api/channels/${id}/topics/t1/comments`, { text: 'Achetez chez nous' }, tokens.Ana);
  assert.equal(comment.status, 201, JSON.stringify(comment.data));
  const hid = await callApi(server, 'POST', `/api/channels/${id}/topics/t1/comments/${comment.data.comments[0].id}/hide`, { reason: 'Publicité' });
  assert.equal(hid.status, 200, JSON.stringify(hid.data));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function openPage(url, options = phone) {
  const page = await (await browser.newContext({ ...options, locale: 'fr-FR' })).newPage();
  watchErrors(page, errors);
  await page.goto(url);
  return page;
}

async function expectAccessible(page, where) {
  const found = await axeViolations(page);
  assert.equal(found.length, 0, `${where}:\n${describeViolations(found)}`);
}

const shownIds = (page) => page.getByTestId('topic').evaluateAll((cards) => cards.map((c) => c.dataset.topic));

test('the server finds topics by words, category and state, a page at a time with the total; the plain view is cached', async () => {
  const ids = [];
  for (let offset = 0; offset < 7; offset += 3) {
    const page = await callApi(server, 'GET', `/api/channels/${id}?offset=${offset}&limit=3`, undefined, '');
    assert.equal(page.status, 200, JSON.stringify(page.data));
    assert.equal(page.data.total, 7);
    assert.equal(page.data.offset, offset);
    ids.push(...page.data.topics.map((x) => x.id));
  }
  assert.deepEqual(ids, ['t7', 't6', 't5', 't4', 't3', 't2', 't1'], 'newest first, each once');
  const found = await callApi(server, 'GET', `/api/channels/${id}?q=${encodeURIComponent('TÉLÉTR')}&limit=2`, undefined, '');
  assert.deepEqual([found.data.total, found.data.topics.map((x) => x.id)], [3, ['t5', 't2']]);
  const both = await callApi(server, 'GET', `/api/channels/${id}?q=teletravail&category=RH&status=accepted`, undefined, '');
  assert.deepEqual(both.data.topics.map((x) => x.id), ['t2']);
  const plain = await fetch(`${server.base}/api/channels/${id}`);
  const etag = plain.headers.get('etag');
  assert.ok(etag, 'the plain view has an ETag');
  assert.equal((await fetch(`${server.base}/api/channels/${id}`, { headers: { 'If-None-Match': etag } })).status, 304);
});

// On the page, every request with a query string gets pages of 2; the one for "budget" waits until
// the test lets it go, so that its answer arrives after a later one's.
async function smallPagesHoldingBudget(page) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route((url) => url.pathname === `/api/channels/${id}` && url.search !== '', async (route) => {
    const url = new URL(route.request().url());
    if (url.searchParams.get('q') === 'budget') await held;
    url.searchParams.set('limit', '2');
    await route.continue({ url: url.toString() });
  });
  return release;
}

test('a visitor searches: the latest words win, filters go with them, "Voir plus" adds the next page', async () => {
  const page = await openPage(channelUrl);
  await page.getByTestId('topic-count').filter({ hasText: '7 sujets' }).waitFor(wait);
  const release = await smallPagesHoldingBudget(page);
  const field = page.getByLabel('Rechercher un sujet');
  assert.equal(await field.getAttribute('type'), 'search');

  const budget = page.waitForRequest((r) => r.url().includes('q=budget'), wait);
  await field.fill('budget');
  await budget;
  await field.fill('télétr');
  await page.getByTestId('topic-count').filter({ hasText: '3 sujets' }).waitFor(wait);
  assert.deepEqual(await shownIds(page), ['t5', 't2']);
  // The older answer arrives now; the page drops it (its one topic, the budget, never shows).
  const budgetDone = page.waitForEvent('requestfinished', { predicate: (r) => r.url().includes('q=budget'), ...wait });
  release();
  await budgetDone;
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('q=budget')), null, wait);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  assert.equal(await page.getByTestId('topic-count').textContent(), '3 sujets');
  assert.deepEqual(await shownIds(page), ['t5', 't2']);
  assert.equal(await field.inputValue(), 'télétr');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'search', 'the field keeps the focus');

  await page.getByTestId('more').click();
  await page.getByTestId('topic').nth(2).waitFor(wait);
  assert.deepEqual(await shownIds(page), ['t5', 't2', 't1']);
  assert.equal(await page.getByTestId('more').count(), 0, 'nothing more to show');
  assert.equal(await page.evaluate(() => document.activeElement?.closest('[data-topic]')?.dataset.topic), 't1', 'the focus goes to the first topic added');

  const withCategory = page.waitForRequest((r) => /q=t%C3%A9l%C3%A9tr&category=Politique/.test(r.url()), wait);
  await page.getByTestId('filter-category').selectOption('Politique');
  await withCategory;
  await page.getByTestId('no-topics').filter({ hasText: 'Aucun sujet ne correspond' }).waitFor(wait);
  assert.equal(await page.getByTestId('topic-count').textContent(), '0 sujet');
  await page.getByTestId('filter-category').selectOption('');
  await page.getByTestId('filter-status').selectOption('accepted');
  await page.getByTestId('topic-count').filter({ hasText: '1 sujet' }).waitFor(wait);
  assert.deepEqual(await shownIds(page), ['t2']);
  assert.equal(await page.getByTestId('topic-status').textContent(), 'Accepté');
  await expectAccessible(page, 'channel page with a search');

  // No words and no filter: the plain address, which the server caches.
  await page.getByTestId('filter-status').selectOption('');
  await page.getByTestId('topic-count').filter({ hasText: '3 sujets' }).waitFor(wait);
  const plain = page.waitForRequest((r) => r.url() === `${server.base}/api/channels/${id}`, wait);
  await field.fill('');
  await plain;
  await page.getByTestId('topic-count').filter({ hasText: '7 sujets' }).waitFor(wait);
  assert.equal(await page.getByTestId('more').count(), 0);
  await page.context().close();
  assert.deepEqual(errors, []);
});

test('the organizer hides a proposal with a reason; the public reads the reason, never the title, and the moderation log lists it', async () => {
  const organizer = await openPage(`${channelUrl}/t6#token=${server.adminToken}`, {});
  await organizer.getByTestId('hide-topic-section').waitFor(wait);
  // Without a reason the form does not ask for the confirmation.
  assert.equal(await organizer.getByTestId('hide-topic-reason').evaluate((el) => el.validity.valueMissing), true);
  await organizer.getByTestId('hide-topic-reason').fill('   ');
  assert.equal(await organizer.getByTestId('hide-topic-reason').evaluate((el) => el.validity.valid), false, 'spaces are no reason');
  await organizer.getByTestId('hide-topic-reason').fill(reason);
  await organizer.getByTestId('hide-topic').click();
  const confirm = organizer.getByTestId('confirm-hide-topic');
  await confirm.waitFor(wait);
  assert.match(await organizer.locator('#hide-topic-warning').textContent(), /Masquer « <i>Publicité<\/i> pour mon entreprise » avec la raison « Publicité, hors charte »/);
  assert.equal(await organizer.evaluate(() => document.activeElement?.dataset.testid), 'confirm-hide-topic');
  const sent = organizer.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/topics/t6/hide'), wait);
  await confirm.click();
  const request = await sent;
  assert.ok(request.headers()['idempotency-key'], 'sent with an Idempotency-Key');
  assert.deepEqual(request.postDataJSON(), { reason });
  await organizer.getByTestId('notice').filter({ hasText: 'La proposition est masquée' }).waitFor(wait);
  assert.equal(await organizer.getByTestId('topic-title').textContent(), `Proposition masquée par l’organisateur : ${reason}`);
  assert.match(await organizer.getByTestId('hidden-title').textContent(), /<i>Publicité<\/i> pour mon entreprise/, 'the organizer still reads it');
  assert.equal(await organizer.getByTestId('hide-topic-section').count(), 0);
  await organizer.context().close();

  const visitor = await openPage(channelUrl);
  const card = visitor.locator('[data-testid="topic"][data-topic="t6"]');
  await card.locator('h3').filter({ hasText: `Proposition masquée par l’organisateur : ${reason}` }).waitFor(wait);
  assert.ok(!(await visitor.locator('body').textContent()).includes('pour mon entreprise'), 'the title is not public');
  const log = visitor.getByTestId('moderation-log');
  assert.equal(await log.locator('summary').textContent(), 'Journal de modération (3)');
  await log.locator('summary').click();
  const entries = log.getByTestId('moderation-entry');
  await entries.first().waitFor(wait);
  assert.deepEqual(await entries.getByTestId('moderation-action').allTextContents(),
    ['Proposition masquée', 'Commentaire masqué', 'Proposition refusée'], 'newest first');
  assert.deepEqual(await entries.getByTestId('moderation-topic').allTextContents(),
    ['sujet t6', 'Le télétravail des cadres', 'Les transports en commun la nuit']);
  assert.equal(await entries.first().getByTestId('moderation-topic').getAttribute('href'), `/c/${id}/t6`);
  assert.deepEqual(await entries.getByTestId('moderation-reason').allTextContents(),
    [`Raison : ${reason}`, 'Raison : Publicité', 'Raison : Hors du champ de la <b>chaîne</b>']);
  assert.equal(await log.locator('b').count(), 0, 'a reason is text, never HTML');
  await expectAccessible(visitor, 'channel page with its moderation log open');

  // Search no longer finds it by its words.
  await visitor.getByLabel('Rechercher un sujet').fill('entreprise');
  await visitor.getByTestId('no-topics').waitFor(wait);

  await visitor.goto(`${channelUrl}/t6`);
  await visitor.getByTestId('topic-title').filter({ hasText: `Proposition masquée par l’organisateur : ${reason}` }).waitFor(wait);
  assert.ok(!(await visitor.locator('body').textContent()).includes('Achetez nos produits'), 'nor its pitch');
  await visitor.context().close();
  assert.deepEqual(errors, []);
});

test('a topic page lists its connected subjects with their states, and none where there are none', async () => {
  const page = await openPage(`${channelUrl}/t1`);
  const related = page.getByTestId('related');
  await related.getByRole('heading', { name: 'Sujets proches' }).waitFor(wait);
  const items = related.getByTestId('related-topic');
  const firstTwo = (await items.evaluateAll((li) => li.map((x) => x.dataset.topic))).slice(0, 2).sort();
  assert.deepEqual(firstTwo, ['t2', 't5'], 'the two sharing the title\'s words first');
  assert.equal(await items.filter({ hasText: 'Le télétravail et la santé' }).getByTestId('related-status').textContent(), 'Accepté');
  assert.equal(await items.filter({ hasText: 'transports' }).count(), 0, 'a declined topic is left out');
  assert.equal(await items.locator('[data-topic="t6"], a').filter({ hasText: 'pour mon entreprise' }).count(), 0);
  await expectAccessible(page, 'topic page with connected subjects');
  await items.getByRole('link', { name: 'Télétravail : le droit à la déconnexion' }).click();
  await page.waitForURL(`**/c/${id}/t5`, wait);
  await page.getByTestId('topic-title').filter({ hasText: 'Télétravail : le droit à la déconnexion' }).waitFor(wait);
  await page.goto(`${channelUrl}/t3`);
  await page.getByTestId('topic-title').filter({ hasText: 'Budget municipal 2027' }).waitFor(wait);
  assert.equal(await page.getByTestId('related').count(), 0, 'no section without connected subjects');
  await page.context().close();
  assert.deepEqual(errors, []);
});
