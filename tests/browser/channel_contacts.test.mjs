// Contacts on a brand's channel and a visitor's own data (docs/protocol.md, "Channels before the
// show": a proposal, an application, a visitor's own data, the contacts export), through the real
// page on a 360 px phone in French. A visitor proposes a topic with a contact and no box ticked: the
// page refuses it next to the boxes and nothing is sent (the channel still has no topic); with the
// brand's box ticked, the topic is created and the organizer reads the proposer's contact with its
// consents, which another visitor does not. That visitor applies with the sponsor's box ticked; the
// organizer downloads contacts.csv from the channel's page: the proposal's row (brand yes, sponsor
// no) and the application's (sponsor yes). The first visitor opens "Mes données", reads their
// proposal and its contact, presses "Effacer", confirms, and reads "Visiteur 1" and no contact;
// contacts.csv then holds the application's row only. A few words in English through the language
// picker. axe-core finds nothing on "My data" nor on its confirmation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { startServer, launchBrowser, callApi, phone, axeViolations, describeViolations } from './support.mjs';

const second = 1000;
const wait = { timeout: 30 * second };
// The narrowest phone the channel's page is made for.
const smallPhone = { ...phone, viewport: { width: 360, height: 740 } };
const header = ['topic', 'title', 'left_with', 'visitor', 'name', 'contact', 'brand', 'sponsor', 'left_at'];
const title = 'La semaine de quatre jours';

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

// Records what a page reports as an error (an exception, a CSP violation, a failed request).
function watch(page, errors) {
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()} (${m.location()?.url || ''})`); });
}

async function openPage(url, errors, options = {}) {
  const page = await (await browser.newContext({ ...smallPhone, locale: 'fr-FR', ...options })).newPage();
  watch(page, errors);
  await page.goto(url);
  return page;
}

// contacts.csv read strictly (CRLF records, the documented header): its rows as objects.
function rowsOf(text) {
  const records = parse(text, { relax_column_count: false, record_delimiter: '\r\n', bom: false });
  assert.deepEqual(records[0], header, 'contacts.csv: header');
  return records.slice(1).map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i]])));
}

async function contactsByApi(channel) {
  const res = await fetch(`${server.base}/api/channels/${channel}/export/contacts.csv`, { headers: { Authorization: `Bearer ${server.adminToken}` } });
  const text = await res.text();
  assert.equal(res.status, 200, text);
  return rowsOf(text);
}

// Nothing scrolls sideways on the phone, and no part of `testid` leaves the screen's width.
async function expectFits(page, testid, where) {
  const fit = await page.evaluate((id) => {
    const section = document.querySelector(`[data-testid=${id}]`);
    const widest = Math.max(...[...section.querySelectorAll('input, button, label, p, li, summary')].map((el) => el.getBoundingClientRect().right));
    return { scroll: document.scrollingElement.scrollWidth, width: innerWidth, widest };
  }, testid);
  assert.ok(fit.scroll <= fit.width, `${where}: the page scrolls sideways (${fit.scroll} > ${fit.width})`);
  assert.ok(fit.widest <= fit.width, `${where}: a part leaves the screen (${fit.widest} > ${fit.width})`);
}

// The proposal with a contact: refused in the page without a box ticked, sent once one is.
async function propose(page, channel) {
  await page.getByTestId('propose-form').waitFor(wait);
  await page.getByTestId('visitor-name').fill('Ana');
  await page.getByTestId('proposal-title').fill(title);
  await page.getByTestId('proposal-pitch').fill('Pour ou contre, chiffres à l’appui');
  const contact = page.getByTestId('proposal-contact');
  await contact.fill('ana@exemple.fr');
  assert.equal(await contact.getAttribute('maxlength'), '200');
  assert.equal(await page.getByTestId('proposal-consent').isChecked(), false, 'the brand\'s box starts unticked');
  assert.equal(await page.getByTestId('proposal-sponsor-consent').isChecked(), false, 'the sponsor\'s box starts unticked');
  await expectFits(page, 'propose-form', 'the proposal form');

  await page.getByTestId('propose').click();
  await page.getByTestId('proposal-contact-problem').filter({ hasText: 'Cochez au moins une case' }).waitFor(wait);
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'proposal-consent', undefined, wait);
  assert.equal(await contact.inputValue(), 'ana@exemple.fr', 'what she typed stays');
  await expectAccessible(page, 'a contact refused without a consent');
  const channelNow = await callApi(server, 'GET', `/api/channels/${channel}`, undefined, '');
  assert.deepEqual([channelNow.data.total, channelNow.data.topics], [0, []], 'nothing was created');
  assert.equal(await page.evaluate((id) => localStorage.getItem(`tribune.channel.${id}`), channel), null, 'nothing was sent, not even a name');

  await page.getByTestId('proposal-consent').check();
  // Ticking a box clears the message (on the page's next frame).
  await page.waitForFunction(() => document.querySelector('[data-testid=proposal-contact-problem]').textContent === '', undefined, wait);
  await page.getByTestId('propose').click();
  await page.getByTestId('topic').filter({ hasText: title }).waitFor(wait);
  assert.equal(await contact.inputValue(), '', 'the form empties once sent');
  assert.equal(await page.getByTestId('proposal-consent').isChecked(), false);
  const topic = await callApi(server, 'GET', `/api/channels/${channel}/topics/t1`);
  assert.deepEqual(topic.data.proposer_contact, { contact: 'ana@exemple.fr', consent: true, sponsor_consent: false });
}

// Another visitor applies to take part, the sponsor's box ticked; they do not read Ana's contact.
async function apply(channel, errors) {
  const page = await openPage(`${server.base}/c/${channel}/t1`, errors);
  await page.getByTestId('topic-page').waitFor(wait);
  assert.equal(await page.getByTestId('proposer-contact').count(), 0, 'a proposer\'s contact is private');
  // Before anything is sent, this browser has nothing of its own in the channel.
  const mine = page.getByTestId('my-data');
  await mine.getByTestId('my-data-toggle').click();
  await mine.getByTestId('my-data-none').filter({ hasText: 'Rien de vous ici pour l’instant' }).waitFor(wait);
  await page.getByTestId('apply-section').locator('summary').click();
  await page.getByTestId('visitor-name').first().fill('Bob');
  await page.getByTestId('motivation').fill('Je l’ai mise en place dans mon équipe');
  await page.getByTestId('application-contact').fill('bob@exemple.fr');
  await page.getByTestId('application-consent').check();
  const sponsorBox = page.getByTestId('application-sponsor-consent');
  assert.equal(await sponsorBox.isChecked(), false, 'the sponsor\'s box starts unticked');
  await sponsorBox.check();
  await page.getByTestId('send-application').click();
  await page.getByTestId('application-sent').waitFor(wait);
  await page.getByTestId('my-application-sponsor-consent').filter({ hasText: /peut prendre contact\s:\soui/ }).waitFor(wait);
  assert.ok(!(await page.locator('body').textContent()).includes('ana@exemple.fr'));
  // "Mes données", open, reads again what was just sent.
  const application = mine.getByTestId('my-application');
  await application.getByTestId('my-contact').filter({ hasText: 'bob@exemple.fr' }).waitFor(wait);
  assert.match(await application.getByTestId('my-application-consent-sponsor').textContent(), /oui$/);
  await page.context().close();
}

// The organizer reads both contacts with their consents, then downloads contacts.csv from the
// channel's page.
async function organizerReads(channel, errors) {
  const page = await openPage(`${server.base}/c/${channel}/t1#token=${server.adminToken}`, errors);
  const left = page.getByTestId('proposer-contact');
  await left.getByTestId('proposer-contact-value').filter({ hasText: 'ana@exemple.fr' }).waitFor(wait);
  assert.match(await left.getByTestId('proposer-consent-brand').textContent(), /^Les organisateurs peuvent prendre contact\s:\soui$/);
  assert.match(await left.getByTestId('proposer-consent-sponsor').textContent(), /^Le sponsor du sujet peut prendre contact\s:\snon$/);
  const application = page.getByTestId('application');
  await application.getByTestId('application-sponsor-consent').filter({ hasText: /oui$/ }).waitFor(wait);

  await page.getByTestId('back').click();
  const button = page.getByTestId('download-contacts');
  await button.waitFor(wait);
  assert.equal((await button.textContent()).trim(), 'Télécharger les contacts (CSV)');
  const [download] = await Promise.all([page.waitForEvent('download', wait), button.click()]);
  assert.equal(download.suggestedFilename(), `${channel}-contacts.csv`);
  assert.equal(await download.failure(), null);
  const rows = rowsOf(await readFile(await download.path(), 'utf8'));
  await page.getByTestId('notice').filter({ hasText: 'téléchargé' }).waitFor(wait);
  await page.context().close();
  return rows;
}

const stamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function expectRows(rows, expected) {
  for (const row of rows) assert.match(row.left_at, stamp);
  assert.deepEqual(rows.map((r) => ({ ...r, left_at: undefined })), expected.map((r) => ({ ...r, left_at: undefined })));
}

const proposalRow = { topic: 't1', title, left_with: 'proposal', visitor: 'i1', name: 'Ana', contact: 'ana@exemple.fr', brand: 'yes', sponsor: 'no' };
const applicationRow = { topic: 't1', title, left_with: 'application', visitor: 'i2', name: 'Bob', contact: 'bob@exemple.fr', brand: 'yes', sponsor: 'yes' };

// "Mes données": the name, the proposal with its contact and consents.
async function readMyData(page) {
  const section = page.getByTestId('my-data');
  await section.getByTestId('my-data-toggle').click();
  await section.getByTestId('my-data-name').filter({ hasText: /^Ana$/ }).waitFor(wait);
  const proposal = section.getByTestId('my-proposal');
  assert.equal(await proposal.locator('a').textContent(), title);
  assert.equal(await proposal.getByTestId('my-contact').textContent(), 'Contact : ana@exemple.fr');
  assert.match(await proposal.getByTestId('my-consent-brand').textContent(), /oui$/);
  assert.match(await proposal.getByTestId('my-consent-sponsor').textContent(), /non$/);
  await section.getByTestId('my-data-erase-explain').filter({ hasText: /«\sVisiteur 1\s»/ }).waitFor(wait);
  await expectFits(page, 'my-data', 'my data, open');
  await expectAccessible(page, 'my data, open');
  return section;
}

// The erasure asks first (cancelled: nothing happens), then erases.
async function erase(page, channel, section) {
  const ask = section.getByTestId('my-data-erase');
  await ask.click();
  const confirmation = section.getByTestId('my-data-erase-confirmation');
  await confirmation.waitFor(wait);
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'my-data-erase-confirm', undefined, wait);
  const said = await confirmation.textContent();
  for (const words of ['Visiteur 1', 'contact', 'reste', 'Cela ne se défait pas.']) assert.ok(said.includes(words), `the confirmation says "${words}": ${said}`);
  await expectFits(page, 'my-data', 'my data, confirming');
  await expectAccessible(page, 'confirming the erasure');
  await section.getByTestId('my-data-erase-cancel').click();
  await ask.waitFor(wait);
  assert.equal(await section.getByTestId('my-data-name').textContent(), 'Ana', 'cancelled, nothing is erased');
  assert.equal((await contactsByApi(channel)).length, 2);

  await ask.click();
  await section.getByTestId('my-data-erase-confirm').click();
  await section.getByTestId('my-data-erased').filter({ hasText: /sous le nom «\sVisiteur 1\s»/ }).waitFor(wait);
  await section.getByTestId('my-data-name').filter({ hasText: /^Visiteur 1$/ }).waitFor(wait);
  await section.getByTestId('my-proposal').getByTestId('my-no-contact').waitFor(wait);
  assert.equal(await section.getByTestId('my-contact').count(), 0, 'no contact left');
  await page.getByTestId('topic').filter({ hasText: 'Proposé par Visiteur 1' }).waitFor(wait);
  assert.ok(!(await page.locator('main').textContent()).includes('ana@exemple.fr'), 'the page no longer shows her contact');
  assert.ok(!(await page.evaluate(() => JSON.stringify({ ...localStorage }))).includes('Ana'), 'the browser forgot her name');
  await expectAccessible(page, 'my data, erased');
}

test('a proposer\'s contact needs a consent; the organizer reads and exports the contacts; a visitor reads and erases their data', { timeout: 240 * second }, async () => {
  const errors = [];
  const created = await callApi(server, 'POST', '/api/channels', { name: 'Acme TV', categories: ['RH'] });
  assert.equal(created.status, 201, JSON.stringify(created.data));
  const channel = created.data.id;

  const ana = await openPage(`${server.base}/c/${channel}`, errors);
  await propose(ana, channel);
  await apply(channel, errors);
  expectRows(await organizerReads(channel, errors), [proposalRow, applicationRow]);

  const section = await readMyData(ana);
  await erase(ana, channel, section);
  expectRows(await contactsByApi(channel), [{ ...applicationRow }]);

  // A few words in English, through the language picker.
  await ana.getByTestId('language').selectOption('en');
  await section.getByTestId('my-data-toggle').filter({ hasText: 'My data' }).waitFor(wait);
  await section.getByTestId('my-data-erased').filter({ hasText: 'you now appear as “Visiteur 1”' }).waitFor(wait);
  assert.equal((await section.getByTestId('my-data-erase').textContent()).trim(), 'Erase my data');
  assert.equal(await section.getByTestId('my-no-contact').textContent(), 'No contact left with this proposal.');
  assert.match(await ana.getByTestId('proposal-sponsor-consent').locator('..').textContent(), /I agree to be contacted by this topic’s sponsor/);
  assert.deepEqual(errors, []);
});
