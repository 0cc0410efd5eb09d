// A channel's webhooks, through the organizer's channel page on a 360 px phone in French: a local
// receiver (a Node HTTP server on 127.0.0.1) records every POST, answering 500 to the first
// attempt of the first delivery so that a retry is seen (the server runs with
// --webhook-retry-ms 200). The organizer adds the receiver's address with every event (ticked by
// default), after an address the server refuses (said next to the field) and an empty choice of
// events. A visitor proposes a topic; the organizer accepts it, schedules it and makes its debate;
// the moderator starts and ends the show over the WebSocket. The receiver gets topic.proposed,
// topic.answered, debate.scheduled, show.started, show.ended (with the report's address) and
// archive.ready (with the chain's head), every attempt signed as Standard Webhooks says. The page,
// refreshed, shows every delivery delivered, the retried one after 2 attempts; the secret is hidden
// until shown and copied on request; the words switch to English; the webhook is deleted after a
// confirmation. Nothing scrolls sideways and axe-core finds nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createHmac } from 'node:crypto';
import { startServer, launchBrowser, installDriver, callApi, axeViolations, describeViolations } from './support.mjs';

const second = 1000;
const wait = { timeout: 30 * second };
const smallPhone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const allTypes = ['topic.proposed', 'topic.answered', 'debate.scheduled', 'show.started', 'show.ended', 'archive.ready'];

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

// Resolves once `check()` gives something truthy, asking again every 50 ms.
async function until(check, what, timeout = 30 * second) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// As support.mjs's watchErrors, but the refusal of an address the test sends on purpose (a 400 on
// …/webhooks, which Chromium reports in the console) is expected.
function watchErrors(page, errors) {
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    const refused = m.text().includes('status of 400') && /\/api\/channels\/[^/]+\/webhooks$/.test(m.location()?.url || '');
    if (m.type() === 'error' && !refused) errors.push(`${page.url()}: ${m.text()}`);
  });
}

async function expectAccessible(page, where) {
  const found = await axeViolations(page);
  assert.equal(found.length, 0, `${where}:\n${describeViolations(found)}`);
}

// A receiver on 127.0.0.1: records each POST (its headers, its raw body, the status answered) and
// answers 200, except 500 to the first attempt of the topic.proposed delivery. Chosen by its type,
// not as the first to arrive: the server posts several deliveries at once, in any order.
async function startReceiver() {
  const received = [];
  let failing = null;
  const typeOf = (body) => { try { return JSON.parse(body).type; } catch { return null; } };
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const id = req.headers['webhook-id'];
      const body = Buffer.concat(chunks).toString('utf8');
      if (failing === null && typeOf(body) === 'topic.proposed') failing = id;
      const status = id === failing && !received.some((r) => r.headers['webhook-id'] === id) ? 500 : 200;
      received.push({ method: req.method, headers: req.headers, body, status });
      res.writeHead(status, { 'Content-Type': 'text/plain' });
      res.end(status === 200 ? 'ok' : 'not now');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/hooks/tribune`,
    received,
    failing: () => failing,
    stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

// Standard Webhooks: the key is the base64 after "whsec_"; the signature, the base64 of
// HMAC-SHA256 over "{id}.{timestamp}.{body}", is one of the header's space-separated "v1,…".
function checkSignature(r, secret) {
  const id = r.headers['webhook-id'];
  const timestamp = r.headers['webhook-timestamp'];
  assert.match(id, /^msg_/);
  assert.match(timestamp, /^[0-9]+$/);
  assert.ok(Math.abs(Date.now() / 1000 - Number(timestamp)) < 300, `the timestamp is now: ${timestamp}`);
  assert.ok(secret.startsWith('whsec_'));
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${r.body}`).digest('base64');
  const signatures = r.headers['webhook-signature'].split(' ');
  assert.ok(signatures.includes(`v1,${expected}`), `${id}: ${r.headers['webhook-signature']} is not v1,${expected}`);
  assert.match(r.headers['content-type'], /^application\/json/);
  assert.equal(r.method, 'POST');
}

// The organizer adds the receiver through the page: first an address the server refuses, then no
// event at all, then the receiver with every event, ticked by default.
async function addThroughPage(page, url) {
  const form = page.getByTestId('webhook-form');
  await form.waitFor(wait);
  for (const type of allTypes) assert.equal(await page.getByTestId(`webhook-event-${type}`).isChecked(), true, `${type} ticked by default`);
  await page.getByTestId('webhook-url').fill('http://example.org/hook');
  await page.getByTestId('webhook-add').click();
  await page.getByTestId('webhook-url-error').filter({ hasText: 'Cette adresse n’est pas acceptée' }).waitFor(wait);
  assert.equal(await page.getByTestId('webhook-url').getAttribute('aria-invalid'), 'true');
  await page.waitForFunction(() => document.activeElement?.id === 'webhook-url', undefined, wait);

  for (const type of allTypes) await page.getByTestId(`webhook-event-${type}`).uncheck();
  await page.getByTestId('webhook-url').fill(url);
  await page.getByTestId('webhook-add').click();
  await page.getByTestId('webhook-events-error').filter({ hasText: 'Cochez au moins un événement.' }).waitFor(wait);
  assert.equal(await page.getByTestId('webhook-url-error').textContent(), '');
  for (const type of allTypes) await page.getByTestId(`webhook-event-${type}`).check();
  await page.getByTestId('webhook-add').click();
  await page.getByTestId('webhooks-done').filter({ hasText: 'Webhook ajouté.' }).waitFor(wait);
  const item = page.getByTestId('webhook');
  await item.waitFor(wait);
  assert.equal(await page.getByTestId('webhook-url').inputValue(), '', 'the form is ready for another');
  assert.equal(await page.getByTestId('webhook-events-error').textContent(), '');
  return item;
}

// The secret: hidden until shown, text and never markup; copied on request.
async function readSecret(page, item) {
  assert.equal(await item.getByTestId('webhook-secret').count(), 0, 'the secret is hidden by default');
  assert.equal(await item.getByTestId('webhook-secret-hidden').textContent(), 'masqué');
  await item.getByTestId('webhook-show-secret').click();
  const secret = await item.getByTestId('webhook-secret').textContent();
  assert.match(secret, /^whsec_[A-Za-z0-9+/]+=*$/);
  assert.equal(await item.getByTestId('webhook-show-secret').textContent(), 'Masquer');
  await item.getByTestId('webhook-copy-secret').click();
  await page.getByTestId('webhooks-done').filter({ hasText: 'Secret copié.' }).waitFor(wait);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);
  await item.getByTestId('webhook-show-secret').click();
  await item.getByTestId('webhook-secret').waitFor({ state: 'detached', ...wait });
  return secret;
}

// From a visitor's proposal to the end of its show: accepted, scheduled, made a debate, started
// and ended by the moderator over the WebSocket. Resolves with the debate's join code.
async function playTopic(server, channel, errors) {
  const visitor = await callApi(server, 'POST', `/api/channels/${channel}/identities`, { name: 'Ana' });
  const topic = await callApi(server, 'POST', `/api/channels/${channel}/topics`,
    { title: 'La semaine de quatre jours', pitch: 'Pour ou contre', category: 'RH' }, visitor.data.token);
  assert.equal(topic.status, 201, JSON.stringify(topic.data));
  const path = `/api/channels/${channel}/topics/${topic.data.id}`;
  assert.equal((await callApi(server, 'POST', `${path}/answer`, { answer: 'accept' })).status, 200);
  const scheduled = await callApi(server, 'POST', `${path}/schedule`, { starts_at: Date.UTC(2027, 0, 15, 19), time_zone: 'Europe/Paris', place: 'Studio 3' });
  assert.equal(scheduled.status, 200, JSON.stringify(scheduled.data));
  const debate = await callApi(server, 'POST', `${path}/debate`, {});
  assert.equal(debate.status, 201, JSON.stringify(debate.data));
  const { id, code, tokens } = debate.data;

  const driver = await (await browser.newContext()).newPage();
  watchErrors(driver, errors);
  await driver.goto(`${server.base}/`);
  await installDriver(driver);
  await driver.evaluate(([d, token]) => window.connect('mod', d, token), [id, tokens.moderator]);
  for (const type of ['start_show', 'end_show']) {
    const [reply] = await driver.evaluate((c) => window.run('mod', c), [{ type }]);
    assert.equal(reply.type, 'ack', `${type}: ${JSON.stringify(reply)}`);
  }
  await driver.context().close();
  return { topic: topic.data.id, code };
}

// What the receiver got: every event once with a 200 (the failed one once more before), every
// attempt signed with the webhook's secret, and the data each type promises.
function checkReceived(receiver, secret, channel, topic, code) {
  const received = receiver.received;
  for (const r of received) checkSignature(r, secret);
  const bodies = received.map((r) => ({ ...JSON.parse(r.body), id: r.headers['webhook-id'], status: r.status }));
  const delivered = bodies.filter((b) => b.status === 200);
  assert.deepEqual(delivered.map((b) => b.type).sort(), [...allTypes].sort(), 'each event delivered once');
  const retried = bodies.filter((b) => b.id === receiver.failing());
  assert.deepEqual(retried.map((b) => b.status), [500, 200], 'the refused delivery is tried again');
  assert.equal(retried[0].type, 'topic.proposed');
  const data = Object.fromEntries(delivered.map((b) => [b.type, b.data]));
  for (const b of delivered) {
    assert.ok(!Number.isNaN(Date.parse(b.timestamp)), `${b.type}: timestamp ${b.timestamp}`);
    assert.equal(b.data.channel, channel);
    assert.equal(b.data.topic, topic);
  }
  assert.equal(data['topic.proposed'].title, 'La semaine de quatre jours');
  assert.equal(data['topic.answered'].answer, 'accept');
  assert.equal(data['debate.scheduled'].starts_at, Date.UTC(2027, 0, 15, 19));
  assert.equal(data['show.started'].code, code);
  assert.ok(data['show.ended'].report.endsWith(`/r/${code}`), `report: ${data['show.ended'].report}`);
  assert.match(data['archive.ready'].head, /^[0-9a-f]{64}$/);
  assert.ok(Number.isInteger(data['archive.ready'].seq));
}

// The page, refreshed: every delivery delivered, the retried one after 2 attempts.
async function checkDeliveriesShown(page, item) {
  await page.getByTestId('webhooks-refresh').click();
  await page.getByTestId('webhooks-done').filter({ hasText: 'Liste à jour à' }).waitFor(wait);
  const delivered = item.locator('[data-testid=webhook-delivery][data-status=delivered]');
  await delivered.nth(allTypes.length - 1).waitFor(wait);
  assert.equal(await item.getByTestId('webhook-delivery').count(), allTypes.length);
  for (const status of await item.getByTestId('delivery-status').allTextContents()) assert.equal(status, 'Livré');
  const retried = item.locator('[data-testid=webhook-delivery][data-attempts="2"]');
  assert.equal(await retried.count(), 1);
  assert.equal(await retried.getByTestId('delivery-type').textContent(), 'Sujet proposé');
  assert.match(await retried.getByTestId('delivery-facts').textContent(), /^2 essais · réponse HTTP 200 · livré le /);
  const types = await item.getByTestId('delivery-type').allTextContents();
  assert.deepEqual([...types].sort(), ['Archive prête', 'Débat programmé', 'Émission commencée', 'Émission terminée', 'Sujet proposé', 'Sujet répondu'].sort());
  assert.deepEqual(await item.getByTestId('webhook-event').allTextContents(),
    ['Sujet proposé', 'Sujet répondu', 'Débat programmé', 'Émission commencée', 'Émission terminée', 'Archive prête']);
}

async function checkEnglish(page, item) {
  await page.getByTestId('language').selectOption('en');
  await page.getByTestId('webhooks-refresh').filter({ hasText: 'Refresh' }).waitFor(wait);
  assert.deepEqual(await item.getByTestId('webhook-event').allTextContents(),
    ['Topic proposed', 'Topic answered', 'Debate scheduled', 'Show started', 'Show ended', 'Archive ready']);
  for (const status of await item.getByTestId('delivery-status').allTextContents()) assert.equal(status, 'Delivered');
  const retried = item.locator('[data-testid=webhook-delivery][data-attempts="2"]');
  assert.match(await retried.getByTestId('delivery-facts').textContent(), /^2 attempts · HTTP answer 200 · delivered on /);
  assert.match(await item.getByTestId('webhook-added').textContent(), /^Added on /);
  assert.equal(await item.getByTestId('webhook-show-secret').textContent(), 'Hide');
  await item.getByTestId('webhook-show-secret').click();
  assert.equal(await item.getByTestId('webhook-secret-hidden').textContent(), 'hidden');
  assert.equal(await item.getByTestId('webhook-show-secret').textContent(), 'Show');
}

test('the organizer adds a webhook from the channel page; every event reaches it signed, a refused one again; the page shows the deliveries and deletes it', { timeout: 180 * second }, async () => {
  const server = await startServer({ args: ['--webhook-retry-ms', '200'] });
  const receiver = await startReceiver();
  const errors = [];
  try {
    const created = await callApi(server, 'POST', '/api/channels', { name: 'Acme TV', categories: ['RH'] });
    assert.equal(created.status, 201, JSON.stringify(created.data));
    const channel = created.data.id;

    // A visitor without the organizer's token sees no webhooks.
    const visitor = await (await browser.newContext({ ...smallPhone, locale: 'fr-FR' })).newPage();
    watchErrors(visitor, errors);
    await visitor.goto(`${server.base}/c/${channel}`);
    await visitor.getByTestId('propose-form').waitFor(wait);
    assert.equal(await visitor.getByTestId('webhooks').count(), 0);
    await visitor.context().close();

    const context = await browser.newContext({ ...smallPhone, locale: 'fr-FR' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
    const page = await context.newPage();
    watchErrors(page, errors);
    await page.goto(`${server.base}/c/${channel}#token=${server.adminToken}`);
    await page.getByTestId('no-webhooks').filter({ hasText: 'Aucun webhook pour l’instant.' }).waitFor(wait);
    const item = await addThroughPage(page, receiver.url);
    assert.equal(await item.getByTestId('webhook-address').textContent(), receiver.url);
    await item.getByTestId('no-deliveries').waitFor(wait);
    const secret = await readSecret(page, item);
    const [hook] = (await callApi(server, 'GET', `/api/channels/${channel}/webhooks`)).data.webhooks;
    assert.equal(hook.secret, secret);
    assert.deepEqual(hook.events, allTypes);

    const { topic, code } = await playTopic(server, channel, errors);
    await until(() => allTypes.every((type) => receiver.received.some((r) => r.status === 200 && JSON.parse(r.body).type === type)),
      'every event delivered to the receiver');
    checkReceived(receiver, secret, channel, topic, code);
    // The server records a delivery after the receiver's answer: the page is refreshed once it has.
    await until(async () => {
      const [h] = (await callApi(server, 'GET', `/api/channels/${channel}/webhooks`)).data.webhooks;
      return h.deliveries.length === allTypes.length && h.deliveries.every((d) => d.status === 'delivered');
    }, 'every delivery recorded as delivered');
    await checkDeliveriesShown(page, item);

    const fit = await page.evaluate(() => ({ scroll: document.scrollingElement.scrollWidth, width: innerWidth }));
    assert.ok(fit.scroll <= fit.width, `the page scrolls sideways at 360 px (${fit.scroll} > ${fit.width})`);
    await item.getByTestId('webhook-show-secret').click();
    await expectAccessible(page, 'channel page with a webhook and its deliveries');

    await checkEnglish(page, item);
    await item.getByTestId('webhook-delete').click();
    const confirm = item.getByTestId('webhook-confirm-delete');
    await confirm.waitFor(wait);
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'webhook-confirm-delete', undefined, wait);
    await expectAccessible(page, 'confirming the deletion');
    await item.getByTestId('webhook-cancel-delete').click();
    await confirm.waitFor({ state: 'detached', ...wait });
    assert.equal(await page.getByTestId('webhook').count(), 1, 'cancelling keeps it');
    await item.getByTestId('webhook-delete').click();
    await confirm.click();
    await page.getByTestId('webhooks-done').filter({ hasText: 'Webhook deleted.' }).waitFor(wait);
    await page.getByTestId('no-webhooks').filter({ hasText: 'No webhook yet.' }).waitFor(wait);
    assert.equal(await page.getByTestId('webhook').count(), 0);
    assert.deepEqual((await callApi(server, 'GET', `/api/channels/${channel}/webhooks`)).data.webhooks, []);
    assert.deepEqual(errors, []);
  } finally {
    await receiver.stop();
    await server.stop();
  }
});
