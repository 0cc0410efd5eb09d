// "My data" on the audience phone (docs/protocol.md, "Contacts and erasure"), 360 px wide: the
// name the person is known by; a contact left only with a consent (no box ticked: an inline
// message, and nothing leaves the phone), then saved, which the organizer's contacts.csv lists
// with who may use it; what is typed survives the room's live updates; the erasure, after a second
// explicit press, renames the person "Guest N" on their phone (their approved question included)
// and in the moderator console's participants, and empties contacts.csv. In French (a French
// browser), then a few words in English through the language picker. A second debate, made from a
// channel's topic with a sponsor, in English: after the show has ended, "My data" sits under the
// closing view, offers the sponsor's box by its name, replaces a contact and erases it. The
// moderator and the other audience member are WebSocket clients (support.mjs installDriver).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { startServer, launchBrowser, installDriver, watchErrors, callApi, axeViolations, describeViolations } from './support.mjs';

const second = 1000;
const wait = { timeout: 30 * second };
// The narrowest phone the audience page is made for, and the moderator's laptop.
const smallPhone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const laptop = { viewport: { width: 1366, height: 800 } };
const contactsHeader = ['participant', 'name', 'contact', 'brand', 'sponsor', 'left_at'];

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

// A driver page connected as everyone `tokens` names, and a moderator's socket that keeps every
// message it receives (`window.seen`), so that a test can wait for an event. `run(name, commands)`
// asserts every reply is an ack and resolves with the replies.
async function driverFor(id, tokens, errors) {
  const page = await (await browser.newContext()).newPage();
  watchErrors(page, errors);
  await page.goto(`${server.base}/`);
  await installDriver(page);
  for (const [name, token] of Object.entries(tokens)) {
    await page.evaluate(([n, d, t]) => window.connect(n, d, t), [name, id, token]);
  }
  await page.evaluate(([debate, token]) => new Promise((resolve, reject) => {
    window.seen = [];
    const ws = new WebSocket(`ws://${location.host}/ws`);
    ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', debate, token }));
    ws.onerror = () => reject(new Error('watcher: socket error'));
    ws.onmessage = (e) => {
      for (const line of String(e.data).split('\n')) {
        if (!line) continue;
        const m = JSON.parse(line);
        window.seen.push(m);
        if (m.type === 'welcome') resolve();
      }
    };
  }), [id, tokens.mod]);
  const run = async (name, commands) => {
    const replies = await page.evaluate(([n, c]) => window.run(n, c), [name, commands]);
    replies.forEach((r, i) => assert.equal(r.type, 'ack', `${name} ${JSON.stringify(commands[i])} -> ${JSON.stringify(r)}`));
    return replies;
  };
  // The id of the question asked with `text`, once the moderator's view has it.
  const askedId = async (text) => {
    const handle = await page.waitForFunction((x) => window.seen.find((m) => m.type === 'event' && m.event === 'question_asked'
      && m.data?.question?.text === x)?.data.question.id, text, { timeout: wait.timeout, polling: 100 });
    return handle.jsonValue();
  };
  return { run, askedId };
}

async function openPage(url, options, errors) {
  const page = await (await browser.newContext(options)).newPage();
  watchErrors(page, errors);
  await page.goto(url);
  return page;
}

// Joins from the form and waits for the connection: "live", or "ended" once the show is over.
async function joinAs(page, name, state = 'live') {
  await page.getByTestId('name').fill(name);
  await page.getByTestId('join').click();
  await page.locator(`[data-testid=status][data-status=${state}]`).waitFor(wait);
}

const participantId = (page, debate) => page.evaluate((id) => JSON.parse(localStorage.getItem(`tribune.identity.${id}`)).participant, debate);

// The organizer's contacts.csv, read strictly (CRLF records, the documented header): its rows as
// objects keyed by the header.
async function contacts(debate) {
  const res = await fetch(`${server.base}/api/debates/${debate}/export/contacts.csv`, { headers: { Authorization: `Bearer ${server.adminToken}` } });
  const text = await res.text();
  assert.equal(res.status, 200, text);
  const records = parse(text, { relax_column_count: false, record_delimiter: '\r\n', bom: false });
  assert.deepEqual(records[0], contactsHeader, 'contacts.csv: header');
  return records.slice(1).map((cells) => Object.fromEntries(contactsHeader.map((name, i) => [name, cells[i]])));
}

// "My data" fits a 360 px phone: nothing scrolls sideways, every control inside the screen's width.
async function expectFits(page, where) {
  const fit = await page.evaluate(() => {
    const section = document.querySelector('[data-testid=my-data]');
    const widest = Math.max(...[...section.querySelectorAll('input, button, label, p, summary')].map((el) => el.getBoundingClientRect().right));
    return { scroll: document.scrollingElement.scrollWidth, width: innerWidth, widest };
  });
  assert.ok(fit.scroll <= fit.width, `${where}: the page scrolls sideways (${fit.scroll} > ${fit.width})`);
  assert.ok(fit.widest <= fit.width, `${where}: a control of "my data" leaves the screen (${fit.widest} > ${fit.width})`);
}

// Opens "My data" (a <details>) and waits for its form.
async function openMyData(page) {
  const section = page.getByTestId('my-data');
  await section.getByTestId('my-data-toggle').click();
  await section.getByTestId('contact-form').waitFor(wait);
  return section;
}

// The erasure: a first press asks, a second confirms; resolves once the page says it is done.
async function eraseMyData(section, confirmation, erased) {
  await section.getByTestId('erase').click();
  await section.getByTestId('erase-confirmation').filter({ hasText: confirmation }).waitFor(wait);
  await section.getByTestId('erase-confirm').click();
  await section.getByTestId('erased').filter({ hasText: erased }).waitFor(wait);
}

test('a phone leaves a contact with its consent, reads it back, and erases its data: "Guest N" everywhere, in French and English', { timeout: 240 * second }, async () => {
  const errors = [];
  const created = await callApi(server, 'POST', '/api/debates', { title: 'Bus de nuit', motion: 'Les bus de nuit devraient être gratuits', format: 'talk_show' });
  assert.equal(created.status, 201, JSON.stringify(created.data));
  const { id, code, tokens } = created.data;
  const bob = await callApi(server, 'POST', `/api/debates/${id}/participants`, { name: 'Bob Martin' });
  assert.equal(bob.status, 201, JSON.stringify(bob.data));
  const { run, askedId } = await driverFor(id, { mod: tokens.moderator, bob: bob.data.token }, errors);

  // Ana joins from a French phone and asks a question, which the moderator approves: the room
  // shows it under her name, and so does the moderator's console.
  const phone = await openPage(`${server.base}/a/${code}`, { ...smallPhone, locale: 'fr-FR' }, errors);
  await joinAs(phone, 'Ana Lopez');
  const me = await participantId(phone, id);
  const console_ = await openPage(`${server.base}/moderator#debate=${id}&token=${tokens.moderator}`, { ...laptop, locale: 'fr-FR' }, errors);
  const inConsole = console_.locator(`#participants [data-item="${me}"]`);
  await inConsole.filter({ hasText: 'Ana Lopez' }).waitFor(wait);
  const question = 'Qui paiera les chauffeurs la nuit ?';
  await phone.getByTestId('question-input').fill(question);
  await phone.getByTestId('ask').click();
  await run('mod', [{ type: 'approve', question: await askedId(question) }]);
  const asked = phone.getByTestId('question').filter({ hasText: question });
  await asked.getByTestId('question-author').filter({ hasText: 'Ana Lopez' }).waitFor(wait);

  // "Mes données", at the foot of the page during the show: her name, no contact yet, the box of
  // the debate's organizers and none for a sponsor (this debate has none), unticked.
  const section = await openMyData(phone);
  assert.equal(await section.getByTestId('my-name-value').textContent(), 'Ana Lopez');
  await section.getByTestId('no-contact').filter({ hasText: 'Vous n’avez laissé aucun contact.' }).waitFor(wait);
  assert.equal(await section.getByTestId('consent-sponsor').count(), 0, 'no sponsor, no sponsor box');
  assert.equal(await section.getByTestId('consent-brand').isChecked(), false, 'the box starts unticked');
  assert.match(await section.locator('label[for=my-contact]').textContent(), /e-mail/);
  assert.equal(await section.getByTestId('contact-input').getAttribute('autocomplete'), 'email');
  assert.equal(await section.getByTestId('contact-input').getAttribute('maxlength'), '200');
  await expectFits(phone, 'my data, open');

  // No box ticked: the page says so where she looks, and sends nothing.
  const field = section.getByTestId('contact-input');
  await field.fill('ana@exemple.fr');
  await section.getByTestId('contact-send').click();
  await section.getByTestId('contact-problem').filter({ hasText: 'Cochez au moins une case' }).waitFor(wait);
  assert.equal(await field.inputValue(), 'ana@exemple.fr', 'what she typed stays');
  assert.deepEqual(await contacts(id), [], 'nothing was sent without a consent');

  // What she types survives the room's live updates: Bob's question arrives, approved, while her
  // cursor is in the field.
  await field.fill('');
  await field.click();
  await field.pressSequentially('ana@exem');
  const [bobAsked] = await run('bob', [{ type: 'ask', text: 'Et le week-end ?', anonymous: false }]);
  await run('mod', [{ type: 'approve', question: bobAsked.result.question }]);
  await phone.getByTestId('question').filter({ hasText: 'Et le week-end ?' }).waitFor(wait);
  assert.equal(await field.inputValue(), 'ana@exem');
  assert.equal(await field.evaluate((el) => el === document.activeElement), true, 'the field keeps the focus');
  await field.pressSequentially('ple.fr');

  // Ticked, it is saved: the page confirms, shows the contact and who may use it, and the
  // organizer's contacts.csv lists it with her consent to the brand only.
  await section.getByTestId('consent-brand').check();
  assert.equal(await section.getByTestId('contact-problem').textContent(), '', 'ticking a box clears the message');
  await section.getByTestId('contact-send').click();
  await section.getByTestId('contact-saved').filter({ hasText: 'Contact enregistré' }).waitFor(wait);
  assert.equal(await section.getByTestId('my-contact-value').textContent(), 'ana@exemple.fr');
  await section.getByTestId('consent-given-brand').filter({ hasText: 'organisateurs' }).waitFor(wait);
  assert.equal(await section.getByTestId('consent-given-sponsor').count(), 0);
  assert.equal(await phone.getByTestId('error').textContent(), '');
  const [row, ...more] = await contacts(id);
  assert.deepEqual(more, [], 'one contact');
  assert.deepEqual({ ...row, left_at: undefined }, { participant: me, name: 'Ana Lopez', contact: 'ana@exemple.fr', brand: 'yes', sponsor: 'no', left_at: undefined });
  assert.match(row.left_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  const violations = await axeViolations(phone);
  assert.equal(violations.length, 0, `my data, contact saved:\n${describeViolations(violations)}`);

  // The erasure says what it does, asks first (cancelled: nothing happens), then erases.
  const guest = `Guest ${me.replace(/^p/, '')}`;
  await section.getByTestId('erase-explain').filter({ hasText: new RegExp(`sous le nom «\\s${guest}\\s»`) }).waitFor(wait);
  await section.getByTestId('erase').click();
  await section.getByTestId('erase-confirmation').filter({ hasText: 'Confirmer l’effacement' }).waitFor(wait);
  await section.getByTestId('erase-cancel').click();
  await section.getByTestId('erase').waitFor(wait);
  assert.equal(await section.getByTestId('my-name-value').textContent(), 'Ana Lopez', 'cancelled, nothing is erased');
  assert.equal((await contacts(id)).length, 1);
  await eraseMyData(section, 'Confirmer l’effacement', new RegExp(`Vous apparaissez désormais sous le nom «\\s${guest}\\s»`));
  await section.getByTestId('my-name-value').filter({ hasText: guest }).waitFor(wait);
  await section.getByTestId('no-contact').waitFor(wait);
  await expectFits(phone, 'my data, erased');

  // Everywhere she was named: her question now reads "Guest N", on her phone and in the console.
  await asked.getByTestId('question-author').filter({ hasText: guest }).waitFor(wait);
  await inConsole.filter({ hasText: guest }).waitFor(wait);
  for (const [where, page] of [['phone', phone], ['console', console_]]) {
    assert.ok(!(await page.evaluate(() => document.body.innerText)).includes('Ana Lopez'), `${where} still shows her name`);
  }
  assert.ok(!(await phone.evaluate(() => JSON.stringify({ ...localStorage }))).includes('Ana Lopez'), 'the phone forgot her name');
  assert.deepEqual(await contacts(id), [], 'contacts.csv has no row left');

  // The same section in English, through the language picker.
  await phone.getByTestId('language').selectOption('en');
  await section.getByTestId('my-data-toggle').filter({ hasText: 'My data' }).waitFor(wait);
  await section.getByTestId('erased').filter({ hasText: `You now appear as “${guest}”` }).waitFor(wait);
  assert.equal((await section.getByTestId('erase').textContent()).trim(), 'Erase my data');
  assert.match(await section.getByTestId('consent-brand').locator('..').textContent(), /I agree to be contacted by the organizers of this debate/);

  assert.deepEqual(errors, []);
});

test('after the show, under the closing view, in English: the sponsor\'s box by its name, a contact replaced, then erased', { timeout: 240 * second }, async () => {
  const errors = [];
  // A debate made from a channel's topic whose sponsor is Acme SA.
  const channel = (await callApi(server, 'POST', '/api/channels', { name: 'Acme TV', categories: ['Ville'] })).data.id;
  const proposer = await callApi(server, 'POST', `/api/channels/${channel}/identities`, { name: 'Zoé' });
  const topic = await callApi(server, 'POST', `/api/channels/${channel}/topics`, { title: 'Night buses', pitch: 'Free or not', category: 'Ville' }, proposer.data.token);
  assert.equal(topic.status, 201, JSON.stringify(topic.data));
  const t = topic.data.id;
  assert.equal((await callApi(server, 'POST', `/api/channels/${channel}/topics/${t}/answer`, { answer: 'accept' })).status, 200);
  const acme = await callApi(server, 'POST', `/api/channels/${channel}/identities`, { name: 'Acme' });
  const offer = await callApi(server, 'PUT', `/api/channels/${channel}/topics/${t}/sponsor-offer`, { organisation: 'Acme SA', contact: 'acme@example.org', consent: true }, acme.data.token);
  assert.equal(offer.status, 200, JSON.stringify(offer.data));
  assert.equal((await callApi(server, 'PUT', `/api/channels/${channel}/topics/${t}/sponsor`, { sponsor: offer.data.my_offer.sponsor })).status, 200);
  const debate = await callApi(server, 'POST', `/api/channels/${channel}/topics/${t}/debate`, { format: 'talk_show' });
  assert.equal(debate.status, 201, JSON.stringify(debate.data));
  const { id, code, tokens } = debate.data;
  const { run } = await driverFor(id, { mod: tokens.moderator }, errors);
  await run('mod', [{ type: 'start_show' }]);

  const phone = await openPage(`${server.base}/a/${code}`, { ...smallPhone, locale: 'en-US' }, errors);
  await joinAs(phone, 'Ben Carter');
  const me = await participantId(phone, id);
  await run('mod', [{ type: 'end_show' }]);
  await phone.locator('[data-testid=status][data-status=ended]').waitFor(wait);

  // "My data" follows the closing view at once.
  await phone.getByTestId('show-ended').waitFor(wait);
  const next = await phone.evaluate(() => document.querySelector('[data-testid=show-ended]').nextElementSibling?.dataset.testid);
  assert.equal(next, 'my-data', '"My data" sits right under the closing view');
  const section = await openMyData(phone);
  assert.equal(await section.getByTestId('my-name-value').textContent(), 'Ben Carter');
  const sponsorBox = section.getByTestId('consent-sponsor');
  assert.match(await sponsorBox.locator('..').textContent(), /I agree to be contacted by Acme SA \(this debate’s sponsor\)/);
  assert.equal(await sponsorBox.isChecked(), false);
  assert.equal(await section.getByTestId('consent-brand').isChecked(), false);

  // The sponsor only.
  await section.getByTestId('contact-input').fill('ben@example.org');
  await sponsorBox.check();
  await section.getByTestId('contact-send').click();
  await section.getByTestId('contact-saved').filter({ hasText: 'Contact saved.' }).waitFor(wait);
  await section.getByTestId('consent-given-sponsor').filter({ hasText: 'Acme SA' }).waitFor(wait);
  assert.equal(await section.getByTestId('consent-given-brand').count(), 0);
  assert.deepEqual((await contacts(id)).map((r) => [r.participant, r.name, r.contact, r.brand, r.sponsor]), [[me, 'Ben Carter', 'ben@example.org', 'no', 'yes']]);
  await expectFits(phone, 'closing view, contact saved');

  // Sent again, it replaces the first: a phone number, both consents.
  assert.equal((await section.getByTestId('contact-send').textContent()).trim(), 'Replace my contact');
  await section.getByTestId('contact-input').fill('+33 6 12 34 56 78');
  await section.getByTestId('consent-brand').check();
  await sponsorBox.check();
  await section.getByTestId('contact-send').click();
  await section.getByTestId('my-contact-value').filter({ hasText: '+33 6 12 34 56 78' }).waitFor(wait);
  await section.getByTestId('consent-given-brand').waitFor(wait);
  // A cell that a spreadsheet would read as a formula starts with a ' (docs/protocol.md, "Exports").
  assert.deepEqual((await contacts(id)).map((r) => [r.contact, r.brand, r.sponsor]), [["'+33 6 12 34 56 78", 'yes', 'yes']]);

  // Erased: "Guest N", and contacts.csv is empty.
  const guest = `Guest ${me.replace(/^p/, '')}`;
  await eraseMyData(section, 'Confirm the erasure', `You now appear as “${guest}”`);
  await section.getByTestId('my-name-value').filter({ hasText: guest }).waitFor(wait);
  assert.deepEqual(await contacts(id), []);
  const violations = await axeViolations(phone);
  assert.equal(violations.length, 0, `my data under the closing view:\n${describeViolations(violations)}`);

  assert.deepEqual(errors, []);
});
