// The panel's preparation, through the real pages in French: the organizer writes notes and a
// questionnaire (a free text, a single choice, a scale) on the topic's page, the draft surviving
// the page's reloads of the topic and a mistake being named before anything is sent; the cast
// panelist reads the notes (their HTML shown as text) on their panelist page, answers while the
// show starts under them, and finds their answers again after a reload; the organizer's topic page
// and the moderator console read every answer. A panelist of another topic reads that topic's
// notes only, and a panelist of a debate not made from a topic sees no preparation at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, watchErrors, callApi, axeViolations, describeViolations } from './support.mjs';

const second = 1000;
const wait = { timeout: 30 * second };
const notes = 'Arrivée à 18 h au studio 3.\n<img src=x onerror=alert(1)>';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

async function expectAccessible(page, where) {
  const found = await axeViolations(page);
  assert.equal(found.length, 0, `${where}:\n${describeViolations(found)}`);
}

// A page in French that fails the test on an error it reports or a dialog it opens.
async function openPage(server, url, errors) {
  const page = await (await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } })).newPage();
  watchErrors(page, errors);
  page.on('dialog', (d) => { errors.push(`${page.url()}: dialog ${d.message()}`); d.dismiss().catch(() => {}); });
  await page.goto(url.replace(/^https?:\/\/[^/]+/, server.base));
  return page;
}

// A channel with an accepted topic whose debate is made and whose applicant is cast; each step by
// REST, as the organizer and as visitors. Resolves with the ids and the links.
async function castTopic(server, channel, title, applicantName) {
  const proposer = await callApi(server, 'POST', `/api/channels/${channel}/identities`, { name: 'Ana' });
  const topic = await callApi(server, 'POST', `/api/channels/${channel}/topics`,
    { title, pitch: 'Pour ou contre', category: 'RH' }, proposer.data.token);
  assert.equal(topic.status, 201, JSON.stringify(topic.data));
  const t = topic.data.id;
  assert.equal((await callApi(server, 'POST', `/api/channels/${channel}/topics/${t}/answer`, { answer: 'accept' })).status, 200);
  const debate = await callApi(server, 'POST', `/api/channels/${channel}/topics/${t}/debate`, {});
  assert.equal(debate.status, 201, JSON.stringify(debate.data));
  const visitor = await callApi(server, 'POST', `/api/channels/${channel}/identities`, { name: applicantName });
  const applied = await callApi(server, 'PUT', `/api/channels/${channel}/topics/${t}/application`,
    { motivation: 'Je connais le sujet', contact: 'moi@example.org', consent: true }, visitor.data.token);
  assert.equal(applied.status, 200, JSON.stringify(applied.data));
  const cast = await callApi(server, 'POST', `/api/channels/${channel}/topics/${t}/cast`, { applicant: applied.data.my_application.applicant });
  assert.equal(cast.status, 201, JSON.stringify(cast.data));
  return { topic: t, debate: debate.data.id, moderator: debate.data.links.moderator, panelist: cast.data.link, panelistToken: cast.data.token };
}

// The organizer writes the preparation on the topic's page: a mistake is named before anything is
// sent, and the draft outlives a reload of the topic by another action (scheduling the show).
async function writePreparation(organizer) {
  await organizer.getByTestId('preparation-editor').waitFor(wait);
  await organizer.getByTestId('prep-notes-input').fill(notes);
  const prompts = organizer.getByTestId('prep-prompt');
  await organizer.getByTestId('prep-add-text').click();
  await organizer.locator('[data-testid="prep-prompt"]:focus').waitFor(wait);
  await prompts.nth(0).fill('Qu’attendez-vous de ce débat ?');
  await organizer.getByTestId('prep-add-choice').click();
  await prompts.nth(1).fill('Quel format préférez-vous ?');
  await organizer.getByTestId('prep-add-scale').click();
  await prompts.nth(2).fill('Votre aisance à l’oral ?');
  await organizer.getByTestId('prep-top').fill('5');
  await organizer.getByTestId('prep-unsaved').waitFor(wait);

  await organizer.getByTestId('prep-save').click();
  await organizer.getByTestId('error').filter({ hasText: 'Question 2 : donnez de 2 à 8 choix, un par ligne.' }).waitFor(wait);
  await organizer.getByTestId('prep-choices').fill('Court\nLong\nÀ la carte');

  await organizer.getByTestId('show-local').fill('2027-03-10T19:00');
  await organizer.getByTestId('show-zone').fill('Europe/Paris');
  await organizer.getByTestId('schedule').click();
  await organizer.getByTestId('show-date').waitFor(wait);
  assert.equal(await organizer.getByTestId('prep-notes-input').inputValue(), notes, 'the draft survives the topic\'s reload');
  assert.equal(await prompts.nth(1).inputValue(), 'Quel format préférez-vous ?');
  await organizer.getByTestId('prep-unsaved').waitFor(wait);

  await organizer.getByTestId('prep-save').click();
  await organizer.getByTestId('notice').filter({ hasText: 'Préparation enregistrée' }).waitFor(wait);
  await organizer.getByTestId('prep-unsaved').waitFor({ state: 'detached', ...wait });
}

test('the organizer prepares the panel; the panelist reads and answers; the organizer and the moderators read the answers', async () => {
  const server = await startServer();
  const errors = [];
  try {
    const created = await callApi(server, 'POST', '/api/channels', { name: 'Acme TV', categories: ['RH'] });
    assert.equal(created.status, 201, JSON.stringify(created.data));
    const channel = created.data.id;
    const show = await castTopic(server, channel, 'La semaine de quatre jours', 'Bob');

    const organizerUrl = `${server.base}/c/${channel}/${show.topic}#token=${server.adminToken}`;
    const organizer = await openPage(server, organizerUrl, errors);
    await writePreparation(organizer);
    const saved = (await callApi(server, 'GET', `/api/channels/${channel}/topics/${show.topic}`)).data.preparation;
    assert.equal(saved.notes, notes);
    assert.deepEqual(saved.questions, [
      { id: 1, kind: 'text', prompt: 'Qu’attendez-vous de ce débat ?' },
      { id: 2, kind: 'choice', prompt: 'Quel format préférez-vous ?', choices: ['Court', 'Long', 'À la carte'] },
      { id: 3, kind: 'scale', prompt: 'Votre aisance à l’oral ?', top: 5 },
    ]);
    // Saving again keeps the questions' numbers: nothing new is made.
    await organizer.getByTestId('prep-prompt').nth(0).fill('Qu’attendez-vous de ce débat, en une phrase ?');
    await organizer.getByTestId('prep-save').click();
    await organizer.getByTestId('prep-unsaved').waitFor({ state: 'detached', ...wait });
    const again = (await callApi(server, 'GET', `/api/channels/${channel}/topics/${show.topic}`)).data.preparation;
    assert.deepEqual(again.questions.map((q) => q.id), [1, 2, 3]);
    assert.equal(again.questions[0].prompt, 'Qu’attendez-vous de ce débat, en une phrase ?');
    await expectAccessible(organizer, 'the organizer\'s preparation editor');

    const moderator = await openPage(server, show.moderator, errors);
    const folded = moderator.getByTestId('preparation');
    await folded.waitFor(wait);
    await folded.locator('summary').filter({ hasText: 'Préparation du plateau' }).click();
    await folded.getByTestId('prep-no-answers').waitFor(wait);
    assert.equal(await folded.getByTestId('prep-notes').textContent(), notes, 'the notes are text, never HTML');

    const panelist = await openPage(server, show.panelist, errors);
    const section = panelist.getByTestId('preparation');
    await section.getByTestId('prep-notes').waitFor(wait);
    assert.equal(await section.getByTestId('prep-notes').textContent(), notes, 'the notes are text, never HTML');
    assert.equal(await section.locator('img').count(), 0);
    assert.equal(await section.getByTestId('prep-notes').evaluate((el) => getComputedStyle(el).whiteSpace), 'pre-wrap');
    await section.getByTestId('prep-text').fill('Des exemples concrets\net des chiffres');
    await section.locator('[data-question="2"]').getByRole('radio', { name: 'Long' }).check();
    await section.locator('[data-question="3"]').getByRole('radio', { name: '4', exact: true }).check();

    // The show starts while the panelist answers: the page renders again, the answers stay.
    await moderator.getByTestId('start-show').click();
    await panelist.getByTestId('segment').waitFor(wait);
    assert.equal(await section.getByTestId('prep-text').inputValue(), 'Des exemples concrets\net des chiffres');
    assert.equal(await section.locator('[data-question="2"]').getByRole('radio', { name: 'Long' }).isChecked(), true);
    await section.getByTestId('prep-send').click();
    await section.getByTestId('prep-sent').waitFor(wait);
    await panelist.getByTestId('announce').filter({ hasText: 'Vos réponses sont envoyées.' }).waitFor(wait);
    await expectAccessible(panelist, 'the panelist\'s preparation');

    await panelist.reload();
    await section.getByTestId('prep-sent').waitFor(wait);
    assert.equal(await section.getByTestId('prep-text').inputValue(), 'Des exemples concrets\net des chiffres');
    assert.equal(await section.locator('[data-question="2"]').getByRole('radio', { name: 'Long' }).isChecked(), true);
    assert.equal(await section.locator('[data-question="3"]').getByRole('radio', { name: '4', exact: true }).isChecked(), true);

    const expected = ['Des exemples concrets\net des chiffres', 'Long', '4 / 5'];
    await organizer.reload();
    const answers = organizer.getByTestId('prep-panelist');
    await answers.waitFor(wait);
    assert.equal(await answers.getByTestId('prep-panelist-name').textContent(), 'Bob');
    assert.deepEqual(await answers.getByTestId('prep-answer').allTextContents(), expected);

    await folded.getByTestId('prep-reload').click();
    await folded.getByTestId('prep-panelist').waitFor(wait);
    await moderator.getByTestId('announce').filter({ hasText: 'Préparation du plateau rechargée.' }).waitFor(wait);
    assert.deepEqual(await folded.getByTestId('prep-answer').allTextContents(), expected);
    assert.equal(await folded.locator('dt').first().textContent(), 'Qu’attendez-vous de ce débat, en une phrase ?');
    await expectAccessible(moderator, 'the moderator console with the preparation');
    assert.deepEqual(errors, []);
  } finally {
    await server.stop();
  }
});

test('a panelist reads their own topic\'s preparation only; a debate not made from a topic shows none', async () => {
  const server = await startServer();
  const errors = [];
  try {
    const created = await callApi(server, 'POST', '/api/channels', { name: 'Acme TV', categories: ['RH'] });
    const channel = created.data.id;
    const first = await castTopic(server, channel, 'La semaine de quatre jours', 'Bob');
    const second = await castTopic(server, channel, 'Le télétravail', 'Cléo');
    for (const [topic, text] of [[first.topic, notes], [second.topic, 'Notes du second sujet']]) {
      const put = await callApi(server, 'PUT', `/api/channels/${channel}/topics/${topic}/preparation`,
        { notes: text, questions: [{ kind: 'text', prompt: `Une question sur ${topic}` }] });
      assert.equal(put.status, 200, JSON.stringify(put.data));
    }

    const other = await openPage(server, second.panelist, errors);
    await other.getByTestId('prep-notes').filter({ hasText: 'Notes du second sujet' }).waitFor(wait);
    const seen = await other.locator('body').textContent();
    assert.ok(!seen.includes('Arrivée à 18 h'), 'another topic\'s notes stay with their panel');
    assert.ok(!seen.includes(`Une question sur ${first.topic}`));
    assert.equal(await other.getByTestId('prep-question').count(), 1);

    // A debate made without a channel: its preparation is 404, and the page shows nothing of it.
    const plain = await callApi(server, 'POST', '/api/debates', { title: 'Sans chaîne' });
    assert.equal(plain.status, 201, JSON.stringify(plain.data));
    const guest = await callApi(server, 'POST', `/api/debates/${plain.data.id}/panelists`, { name: 'Dora', role: 'guest', side: 'none' });
    assert.equal(guest.status, 201, JSON.stringify(guest.data));
    const alone = await openPage(server, guest.data.link, errors);
    await alone.locator('main[data-preparation="none"]').waitFor(wait);
    await alone.getByTestId('me').waitFor(wait);
    assert.equal(await alone.getByTestId('preparation').count(), 0);
    assert.equal(await alone.getByTestId('prep-notes').count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await server.stop();
  }
});
