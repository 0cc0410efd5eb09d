// Deleting a channel from its page (DELETE /api/channels/{id}, docs/protocol.md), on a phone in
// French. The channel (its name markup-like text) holds a visitor's topic, accepted, with its
// debate, and a webhook. A visitor sees no danger zone; a page opened with a wrong organizer token
// is refused in the zone's own words and deletes nothing. The organizer opens the danger zone at
// the bottom of the page: the explanation (the name as text, what goes for good, who is cut off)
// with the focus on its confirm button; cancelling closes it and keeps the channel; confirming
// deletes it, and the page then says the channel is deleted and shows nothing of it. The API
// answers 404 for the channel and for its debate; the page reloaded, the topic's page and a fresh
// English visitor all read that the channel does not exist. axe-core finds nothing on the
// confirmation, the deleted state or the missing page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, callApi, phone, axeViolations, describeViolations } from './support.mjs';

const second = 1000;
const wait = { timeout: 30 * second };
const name = 'Acme <b>TV</b> & « débat »';

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

async function expectAccessible(page, where) {
  const found = await axeViolations(page);
  assert.equal(found.length, 0, `${where}:\n${describeViolations(found)}`);
}

// Records what a page reports as an error (an exception, a CSP violation, a failed request), except
// the refusals the test causes on purpose: `expected` lists [status, address pattern] pairs, as
// Chromium logs every 4xx answer in the console.
function watch(page, errors, expected = []) {
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const url = m.location()?.url || '';
    if (expected.some(([status, pattern]) => m.text().includes(`status of ${status}`) && pattern.test(url))) return;
    errors.push(`${page.url()}: ${m.text()} (${url})`);
  });
}

async function openPage(url, options, errors, expected) {
  const page = await (await browser.newContext({ ...phone, locale: 'fr-FR', ...options })).newPage();
  watch(page, errors, expected);
  await page.goto(url);
  return page;
}

// A channel with a visitor's topic, accepted, its debate made, and a webhook.
async function makeChannel() {
  const created = await callApi(server, 'POST', '/api/channels', { name, categories: ['RH'] });
  assert.equal(created.status, 201, JSON.stringify(created.data));
  const channel = created.data.id;
  const visitor = await callApi(server, 'POST', `/api/channels/${channel}/identities`, { name: 'Ana' });
  assert.equal(visitor.status, 201, JSON.stringify(visitor.data));
  const topic = await callApi(server, 'POST', `/api/channels/${channel}/topics`,
    { title: 'La semaine de quatre jours', pitch: 'Pour ou contre', category: 'RH' }, visitor.data.token);
  assert.equal(topic.status, 201, JSON.stringify(topic.data));
  const path = `/api/channels/${channel}/topics/${topic.data.id}`;
  assert.equal((await callApi(server, 'POST', `${path}/answer`, { answer: 'accept' })).status, 200);
  const debate = await callApi(server, 'POST', `${path}/debate`, {});
  assert.equal(debate.status, 201, JSON.stringify(debate.data));
  const hook = await callApi(server, 'POST', `/api/channels/${channel}/webhooks`, { url: 'http://127.0.0.1:9/hook' });
  assert.equal(hook.status, 201, JSON.stringify(hook.data));
  return { channel, topic: topic.data.id, debate: debate.data.id };
}

// A visitor has no danger zone; a wrong organizer token is refused in the zone, and nothing goes.
async function checkRefusals(channel, errors) {
  const visitor = await openPage(`${server.base}/c/${channel}`, {}, errors);
  await visitor.getByTestId('topic').waitFor(wait);
  await visitor.getByTestId('propose-form').waitFor(wait);
  assert.equal(await visitor.getByTestId('channel-danger-zone').count(), 0);
  await visitor.context().close();

  const wrong = await openPage(`${server.base}/c/${channel}#token=not-the-organizer`, {}, errors,
    [[401, new RegExp(`/api/channels/${channel}(/webhooks|/flagged|/flag_words)?$`)]]);
  await wrong.getByTestId('channel-delete').click();
  await wrong.getByTestId('channel-delete-confirm').click();
  await wrong.getByTestId('channel-delete-error').filter({ hasText: 'Votre lien d’organisateur n’est pas (ou plus) valable' }).waitFor(wait);
  await wrong.getByTestId('channel-delete-confirm').waitFor(wait);
  assert.equal(await wrong.getByTestId('topic').count(), 1, 'the page still shows the channel');
  assert.equal((await callApi(server, 'GET', `/api/channels/${channel}`)).status, 200, 'the channel is still there');
  await wrong.context().close();
}

// The explanation opens in the page with the focus on its confirm button; cancelling closes it.
async function openAndCancel(page, channel) {
  const ask = page.getByTestId('channel-delete');
  assert.equal(await ask.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.getByTestId('channel-delete-confirm').count(), 0, 'nothing deletes before asking');
  await ask.click();
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'channel-delete-confirm', undefined, wait);
  assert.equal(await ask.getAttribute('aria-expanded'), 'true');
  const panel = page.getByTestId('channel-delete-panel');
  assert.equal(await panel.locator('#channel-delete-warning').textContent(), `Supprimer la chaîne « ${name} » pour de bon ? Seront effacés :`);
  assert.equal(await panel.locator('b').count(), 0, 'the name is text, never markup');
  const text = await panel.textContent();
  for (const words of ['sujets', 'avis', 'candidatures', 'offres de sponsoring', 'contacts', 'débats', 'rapports', 'archives',
    'webhooks', 'déconnectées', 'Cela ne se défait pas.']) {
    assert.ok(text.includes(words), `the explanation names "${words}": ${text}`);
  }
  await expectAccessible(page, 'confirming the deletion');
  await page.getByTestId('channel-delete-cancel').click();
  await page.getByTestId('channel-delete-confirm').waitFor({ state: 'detached', ...wait });
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'channel-delete', undefined, wait);
  assert.equal(await page.getByTestId('topic').count(), 1, 'cancelling keeps the channel');
  assert.equal((await callApi(server, 'GET', `/api/channels/${channel}`)).status, 200);
}

// The page of a channel that does not exist says so, and nothing else of it.
async function expectMissing(page, words) {
  const missing = page.locator('[data-testid=missing][data-missing=channel]');
  await missing.filter({ hasText: words }).waitFor(wait);
  assert.equal(await page.getByTestId('topic').count(), 0);
  assert.equal(await page.getByTestId('channel-danger-zone').count(), 0);
}

test('the organizer deletes the channel from its page after confirming; the page, the API and a reload say it is gone', { timeout: 180 * second }, async () => {
  const errors = [];
  const { channel, topic, debate } = await makeChannel();
  await checkRefusals(channel, errors);

  const gone = new RegExp(`/api/channels/${channel}$`);
  const page = await openPage(`${server.base}/c/${channel}#token=${server.adminToken}`, {}, errors, [[404, gone]]);
  await page.getByTestId('topic').filter({ hasText: 'La semaine de quatre jours' }).waitFor(wait);
  await page.getByTestId('webhook').waitFor(wait);
  assert.equal(await page.getByTestId('channel-name').textContent(), name);
  await openAndCancel(page, channel);

  await page.getByTestId('channel-delete').click();
  await page.getByTestId('channel-delete-confirm').click();
  const deleted = page.getByTestId('channel-deleted');
  await deleted.filter({ hasText: 'Chaîne supprimée' }).waitFor(wait);
  assert.equal(await deleted.locator('p').textContent(),
    `La chaîne « ${name} » est supprimée pour de bon, avec ses sujets, leurs débats et ses webhooks. Son adresse n’affiche plus rien.`);
  await page.waitForFunction(() => document.activeElement?.id === 'channel-deleted-title', undefined, wait);
  for (const gonePart of ['topic', 'topics', 'webhooks', 'channel-danger-zone', 'propose-form', 'find']) {
    assert.equal(await page.getByTestId(gonePart).count(), 0, `${gonePart} is no longer shown`);
  }
  assert.equal(await page.getByTestId('channel-name').textContent(), 'Tribune', 'the header no longer names the channel');
  assert.equal(await page.getByTestId('error').textContent(), '');
  assert.equal(await page.title(), 'Chaîne supprimée');
  await expectAccessible(page, 'the deleted channel');

  const answer = await callApi(server, 'GET', `/api/channels/${channel}`);
  assert.equal(answer.status, 404);
  assert.equal(answer.data?.error?.code, 'not_found');
  assert.equal((await callApi(server, 'GET', `/api/debates/${debate}`)).status, 404, 'its debate is deleted too');

  await page.reload();
  await expectMissing(page, 'Cette chaîne n’existe pas.');
  assert.equal(await page.title(), 'Cette chaîne n’existe pas.');
  await expectAccessible(page, 'a channel that does not exist');
  await page.goto(`${server.base}/c/${channel}/${topic}`);
  await expectMissing(page, 'Cette chaîne n’existe pas.');
  await page.context().close();

  const english = await openPage(`${server.base}/c/${channel}`, { locale: 'en-US' }, errors, [[404, gone]]);
  await expectMissing(english, 'This channel does not exist.');
  await english.context().close();
  assert.deepEqual(errors, []);
});
