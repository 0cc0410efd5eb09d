// A brand's channel before the show, through the real page in French on a phone: a visitor with no
// account proposes a subject (its HTML shown as text), sees it awaiting an answer, opens its share
// link and gives an opinion that comes back after a reload; the organizer, on the same page with
// the organizer link, reads the private feedback, hides a comment with a public reason and declines
// in public; the visitor reads the answer and the reason, and can no longer give an opinion. A
// visitor applies to take part and offers to sponsor, each with a contact and an unticked consent
// box; a stranger sees only how many applied, the organizer reads both with their contacts. The
// organizer reads a comment holding a word of the shipped list in the flagged lane, writes the
// channel's own list (a refused one says why next to the field) and follows the lane's link to the
// comment, flagged on the topic's page. axe-core finds nothing on the channel and topic pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, watchErrors, phone, callApi, axeViolations, describeViolations } from './support.mjs';

const second = 1000;
const wait = { timeout: 30 * second };

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

async function expectAccessible(page, where) {
  const found = await axeViolations(page);
  assert.equal(found.length, 0, `${where}:\n${describeViolations(found)}`);
}

test('a visitor proposes and gives an opinion; the organizer answers in public', async () => {
  const server = await startServer();
  const errors = [];
  try {
    const created = await callApi(server, 'POST', '/api/channels', { name: 'Acme TV', categories: ['RH', 'Politique'] });
    assert.equal(created.status, 201, JSON.stringify(created.data));
    const id = created.data.id;

    const visitor = await (await browser.newContext({ ...phone, locale: 'fr-FR' })).newPage();
    watchErrors(visitor, errors);
    await visitor.goto(`${server.base}/c/${id}`);
    await visitor.getByTestId('propose-form').waitFor(wait);
    assert.equal(await visitor.getByTestId('channel-name').textContent(), 'Acme TV');
    assert.equal(await visitor.evaluate(() => document.documentElement.lang), 'fr');
    await visitor.getByTestId('no-topics').waitFor(wait);
    const { limits } = (await callApi(server, 'GET', '/api/limits')).data;
    assert.equal(await visitor.getByTestId('proposal-title').evaluate((el) => el.maxLength), limits.topic_title_chars);
    assert.equal(await visitor.getByTestId('proposal-pitch').evaluate((el) => el.maxLength), limits.pitch_chars);
    await expectAccessible(visitor, 'empty channel');

    await visitor.getByTestId('visitor-name').fill('Ana');
    await visitor.getByTestId('proposal-title').fill('<b>Le télétravail</b>');
    await visitor.getByTestId('proposal-pitch').fill('Pourquoi en débattre maintenant');
    await visitor.getByTestId('proposal-category').selectOption('Politique');
    await visitor.getByTestId('proposal-format').selectOption('oxford');
    await visitor.getByTestId('propose').click();
    const card = visitor.getByTestId('topic');
    await card.waitFor(wait);
    assert.equal(await card.locator('h3').textContent(), '<b>Le télétravail</b>', 'a title is text, never HTML');
    assert.equal(await card.getByTestId('topic-status').textContent(), 'En attente de réponse');
    await visitor.getByTestId('awaiting').filter({ hasText: '1 proposition attend' }).waitFor(wait);
    await expectAccessible(visitor, 'channel with a topic');

    await card.locator('a').click();
    await visitor.waitForURL(`**/c/${id}/t1`, wait);
    await visitor.getByTestId('topic-page').waitFor(wait);
    assert.equal(await visitor.getByTestId('topic-pitch').textContent(), 'Pourquoi en débattre maintenant');
    await visitor.getByTestId('feedback').fill('Très utile pour nos équipes');
    await visitor.getByTestId('opinion-essential').click();
    await visitor.locator('[data-testid="opinion-essential"][aria-pressed="true"]').waitFor(wait);
    await visitor.reload();
    await visitor.locator('[data-testid="opinion-essential"][aria-pressed="true"]').waitFor(wait);
    assert.equal(await visitor.getByTestId('feedback').inputValue(), 'Très utile pour nos équipes');
    await visitor.getByTestId('comment-input').fill('Un commentaire à côté du sujet');
    await visitor.getByTestId('send-comment').click();
    await visitor.getByTestId('comment').filter({ hasText: 'Un commentaire à côté du sujet' }).waitFor(wait);
    await expectAccessible(visitor, 'topic page');

    const organizer = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    watchErrors(organizer, errors);
    await organizer.goto(`${server.base}/c/${id}/t1#token=${server.adminToken}`);
    await organizer.getByTestId('answer-form').waitFor(wait);
    assert.ok(!organizer.url().includes(server.adminToken), 'the token leaves the address bar');
    await organizer.getByText('Très utile pour nos équipes').waitFor(wait);
    await organizer.getByTestId('hide-reason').fill('Hors sujet');
    await organizer.getByTestId('hide').click();
    await organizer.getByTestId('comment-hidden').filter({ hasText: 'Hors sujet' }).waitFor(wait);
    await organizer.getByTestId('answer-kind').selectOption('decline');
    await organizer.getByTestId('answer-text').fill('Déjà traité le mois dernier');
    await organizer.getByTestId('answer').click();
    await organizer.getByTestId('topic-answer').filter({ hasText: 'Déjà traité le mois dernier' }).waitFor(wait);

    await visitor.reload();
    await visitor.getByTestId('topic-answer').filter({ hasText: 'Déjà traité le mois dernier' }).waitFor(wait);
    assert.equal(await visitor.getByTestId('topic-status').textContent(), 'Refusé');
    assert.equal(await visitor.getByTestId('opinion-essential').count(), 0, 'no opinion on a declined topic');
    assert.equal(await visitor.getByText('Très utile pour nos équipes').count(), 0, 'feedback stays private');
    assert.equal(await visitor.getByTestId('comment-hidden').textContent(), 'Masqué par les organisateurs : Hors sujet');
    assert.equal(await visitor.getByText('Un commentaire à côté du sujet').count(), 0, 'a hidden text leaves public view');
    assert.deepEqual(errors, []);
  } finally {
    await server.stop();
  }
});

test('a visitor applies and offers to sponsor; only the organizer reads them, with their contacts', async () => {
  const server = await startServer();
  const errors = [];
  try {
    const created = await callApi(server, 'POST', '/api/channels', { name: 'Acme TV', categories: ['RH'] });
    assert.equal(created.status, 201, JSON.stringify(created.data));
    const id = created.data.id;
    const proposer = await callApi(server, 'POST', `/api/channels/${id}/identities`, { name: 'Ana' });
    const topic = await callApi(server, 'POST', `/api/channels/${id}/topics`,
      { title: 'Le management à distance', pitch: 'Comment faire', category: 'RH' }, proposer.data.token);
    assert.equal(topic.status, 201, JSON.stringify(topic.data));

    const visitor = await (await browser.newContext({ ...phone, locale: 'fr-FR' })).newPage();
    watchErrors(visitor, errors);
    await visitor.goto(`${server.base}/c/${id}/t1`);
    await visitor.getByTestId('topic-page').waitFor(wait);
    assert.equal(await visitor.getByTestId('applicants').textContent(), 'Personne n’a encore demandé à participer.');
    await visitor.getByTestId('apply-section').locator('summary').click();
    await visitor.getByTestId('visitor-name').first().fill('Bob');
    await visitor.getByTestId('motivation').fill('Je dirige une équipe répartie sur trois pays');
    await visitor.getByTestId('application-contact').fill('bob@example.org');
    // The consent box is unticked by default and required: the form does not leave until it is ticked.
    assert.equal(await visitor.getByTestId('application-consent').isChecked(), false);
    assert.equal(await visitor.getByTestId('application-consent').evaluate((el) => el.validity.valueMissing), true);
    await visitor.getByTestId('application-consent').check();
    await visitor.getByTestId('send-application').click();
    await visitor.getByTestId('application-sent').waitFor(wait);
    await visitor.getByTestId('applicants').filter({ hasText: '1 personne a demandé à participer.' }).waitFor(wait);

    await visitor.getByTestId('sponsor-section').locator('summary').click();
    await visitor.getByTestId('offer-organisation').fill('Acme SA');
    await visitor.getByTestId('offer-message').fill('Nous aimerions soutenir ce débat');
    await visitor.getByTestId('offer-contact').fill('+33 6 11 22 33 44');
    await visitor.getByTestId('offer-consent').check();
    await visitor.getByTestId('send-offer').click();
    await visitor.getByTestId('offer-sent').waitFor(wait);
    await visitor.reload();
    await visitor.getByTestId('application-sent').waitFor(wait);
    assert.equal(await visitor.getByTestId('motivation').inputValue(), 'Je dirige une équipe répartie sur trois pays');
    await expectAccessible(visitor, 'topic page with an application and an offer');

    const stranger = await (await browser.newContext({ ...phone, locale: 'fr-FR' })).newPage();
    watchErrors(stranger, errors);
    await stranger.goto(`${server.base}/c/${id}/t1`);
    await stranger.getByTestId('applicants').filter({ hasText: '1 personne' }).waitFor(wait);
    const seen = await stranger.locator('body').textContent();
    for (const secret of ['bob@example.org', 'trois pays', 'Acme SA', '+33 6 11 22 33 44']) {
      assert.ok(!seen.includes(secret), `${secret} stays private`);
    }
    assert.equal(await stranger.getByTestId('application-sent').count(), 0);

    const organizer = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    watchErrors(organizer, errors);
    await organizer.goto(`${server.base}/c/${id}/t1#token=${server.adminToken}`);
    const application = organizer.getByTestId('application');
    await application.waitFor(wait);
    assert.match(await application.textContent(), /Bob[\s\S]*Je dirige une équipe répartie sur trois pays[\s\S]*Contact : bob@example\.org/);
    const offer = organizer.getByTestId('sponsor-offer');
    assert.match(await offer.textContent(), /Acme SA[\s\S]*Nous aimerions soutenir ce débat[\s\S]*Contact : \+33 6 11 22 33 44/);
    assert.equal(await organizer.getByTestId('apply-section').count(), 0, 'the organizer does not apply');
    await organizer.getByTestId('accept-sponsor').click();
    await organizer.getByTestId('detach-sponsor').waitFor(wait);
    await stranger.reload();
    assert.equal(await stranger.getByTestId('sponsor-label').textContent(), 'Présenté par Acme SA');
    await expectAccessible(organizer, 'organizer topic page');
    assert.deepEqual(errors, []);
  } finally {
    await server.stop();
  }
});

test('the organizer schedules an accepted topic, makes its debate and casts an applicant; the audience follows the link to the show, where the sponsor\'s label is', async () => {
  const server = await startServer();
  const errors = [];
  try {
    const created = await callApi(server, 'POST', '/api/channels', { name: 'Acme TV', categories: ['RH'], accent: '#aa3300' });
    const id = created.data.id;
    const proposer = await callApi(server, 'POST', `/api/channels/${id}/identities`, { name: 'Ana' });
    await callApi(server, 'POST', `/api/channels/${id}/topics`,
      { title: 'La semaine de quatre jours', pitch: 'Pour ou contre', category: 'RH', format: 'oxford' }, proposer.data.token);
    const applicant = await (await browser.newContext({ ...phone, locale: 'fr-FR' })).newPage();
    watchErrors(applicant, errors);
    await applicant.goto(`${server.base}/c/${id}/t1`);
    await applicant.getByTestId('apply-section').locator('summary').click();
    await applicant.getByTestId('visitor-name').first().fill('Bob');
    await applicant.getByTestId('motivation').fill('Je l’ai mise en place');
    await applicant.getByTestId('application-contact').fill('bob@example.org');
    await applicant.getByTestId('application-consent').check();
    await applicant.getByTestId('send-application').click();
    await applicant.getByTestId('application-sent').waitFor(wait);
    assert.equal((await callApi(server, 'POST', `/api/channels/${id}/topics/t1/answer`, { answer: 'accept' })).status, 200);
    const acme = await callApi(server, 'POST', `/api/channels/${id}/identities`, { name: 'Acme' });
    const offer = await callApi(server, 'PUT', `/api/channels/${id}/topics/t1/sponsor-offer`,
      { organisation: 'Acme SA', contact: 'acme@example.org', consent: true }, acme.data.token);
    assert.equal(offer.status, 200, JSON.stringify(offer.data));
    assert.equal((await callApi(server, 'PUT', `/api/channels/${id}/topics/t1/sponsor`, { sponsor: offer.data.my_offer.sponsor })).status, 200);

    const organizer = await (await browser.newContext({ ...phone, locale: 'fr-FR', timezoneId: 'America/New_York' })).newPage();
    watchErrors(organizer, errors);
    await organizer.goto(`${server.base}/c/${id}/t1#token=${server.adminToken}`);
    await organizer.getByTestId('show-form').waitFor(wait);
    assert.equal(await organizer.getByTestId('show-zone').inputValue(), 'America/New_York', 'the browser\'s zone by default');
    await organizer.getByTestId('show-local').fill('2027-01-15T20:00');
    await organizer.getByTestId('show-zone').fill('Europe/Paris');
    await organizer.getByTestId('show-place').fill('Studio 3');
    await organizer.getByTestId('schedule').click();
    await organizer.getByTestId('show-date').filter({ hasText: 'Studio 3' }).waitFor(wait);
    const topic = await callApi(server, 'GET', `/api/channels/${id}/topics/t1`, undefined, '');
    assert.equal(topic.data.status, 'scheduled');
    assert.equal(topic.data.schedule.starts_at, Date.UTC(2027, 0, 15, 19, 0), '20:00 in Paris in January is 19:00 UTC');
    assert.match(await organizer.getByTestId('show-date').textContent(), /15 janvier 2027[\s\S]*20:00/);
    await organizer.getByTestId('make-debate').click();
    await organizer.getByTestId('debate-links').waitFor(wait);
    assert.equal(await organizer.getByTestId('make-debate').count(), 0, 'one debate per topic');
    await organizer.getByTestId('cast-side').selectOption('against');
    await organizer.getByTestId('cast-applicant').click();
    await organizer.getByTestId('cast').filter({ hasText: 'Contre' }).waitFor(wait);
    const panelistLink = await organizer.getByTestId('panelist-link').getAttribute('href');
    assert.match(panelistLink, /\/panelist#debate=[^&]+&token=/);
    await expectAccessible(organizer, 'organizer preparing the show');

    const visitor = await (await browser.newContext({ ...phone, locale: 'fr-FR' })).newPage();
    watchErrors(visitor, errors);
    await visitor.goto(`${server.base}/c/${id}`);
    await visitor.getByTestId('topic').getByTestId('show-date').waitFor(wait);
    assert.equal(await visitor.getByTestId('topic-status').textContent(), 'Programmé');
    await visitor.getByTestId('topic').locator('h3 a').click();
    await visitor.getByTestId('join-show').click();
    await visitor.getByTestId('join').waitFor(wait);
    assert.match(visitor.url(), /\/a\/[A-Z0-9]+$/);
    assert.equal(await visitor.getByTestId('sponsor').textContent(), 'Présenté par Acme SA');

    // The sponsor's label is on the stage and on the broadcast overlay too.
    const debateId = (await callApi(server, 'GET', '/api/debates')).data.debates[0].id;
    const { links } = (await callApi(server, 'GET', `/api/debates/${debateId}/links`)).data;
    for (const screen of [links.stage, links.overlay]) {
      const view = await (await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 720 } })).newPage();
      watchErrors(view, errors);
      await view.goto(screen.replace(/^https?:\/\/[^/]+/, server.base));
      await view.getByTestId('sponsor').filter({ hasText: 'Présenté par Acme SA' }).waitFor(wait);
      await view.context().close();
    }

    // The cast applicant reads it on the topic page, and their link opens the panelist page.
    await applicant.reload();
    await applicant.getByTestId('you-are-cast').waitFor(wait);
    await applicant.goto(`${server.base}${new URL(panelistLink).pathname}${new URL(panelistLink).hash}`);
    await applicant.getByText('La semaine de quatre jours').first().waitFor(wait);
    assert.deepEqual(errors, []);
  } finally {
    await server.stop();
  }
});

test('the organizer reads the flagged lane, writes the channel\'s own word list and sees the flag beside the comment', async () => {
  const server = await startServer();
  const errors = [];
  try {
    const created = await callApi(server, 'POST', '/api/channels', { name: 'Acme TV', categories: ['RH'] });
    const id = created.data.id;
    const proposer = await callApi(server, 'POST', `/api/channels/${id}/identities`, { name: 'Ana' });
    await callApi(server, 'POST', `/api/channels/${id}/topics`,
      { title: 'Le management à distance', pitch: 'Comment faire', category: 'RH' }, proposer.data.token);

    const organizer = await (await browser.newContext({ ...phone, locale: 'fr-FR' })).newPage();
    // As watchErrors, but the list refused on purpose below (a 400 the browser reports) is expected.
    organizer.on('pageerror', (e) => errors.push(`${organizer.url()}: ${e.message}`));
    organizer.on('console', (m) => {
      const refused = m.text().includes('status of 400') && /\/flag_words$/.test(m.location()?.url || '');
      if (m.type() === 'error' && !refused) errors.push(`${organizer.url()}: ${m.text()}`);
    });
    await organizer.goto(`${server.base}/c/${id}#token=${server.adminToken}`);
    const lane = organizer.getByTestId('flagged-lane');
    await lane.getByTestId('flagged-empty').waitFor(wait);
    await organizer.getByTestId('flag-words-kind').filter({ hasText: 'Liste fournie (français et anglais).' }).waitFor(wait);

    const visitor = await callApi(server, 'POST', `/api/channels/${id}/identities`, { name: 'Bob' });
    const posted = await callApi(server, 'POST', `/api/channels/${id}/topics/t1/comments`, { text: 'Quel con, ce chef' }, visitor.data.token);
    assert.equal(posted.status, 201, JSON.stringify(posted.data));
    await lane.getByTestId('flagged-refresh').click();
    const item = lane.getByTestId('flagged-item');
    await item.filter({ hasText: 'Quel con, ce chef' }).waitFor(wait);
    assert.equal(await item.count(), 1);
    assert.equal(await item.getByTestId('flagged-word').textContent(), 'Mot signalé : « con »');
    assert.equal(await item.getByTestId('flagged-text').textContent(), 'Quel con, ce chef');
    assert.match(await item.getByTestId('flagged-by').textContent(), /^Par Bob, le /);

    await organizer.getByTestId('flag-words-section').locator('summary').click();
    const words = organizer.getByTestId('channel-flag-words');
    await words.fill('x'.repeat(61));
    await organizer.getByTestId('save-flag-words').click();
    await organizer.getByTestId('flag-words-error').filter({ hasText: '60' }).waitFor(wait);
    await words.fill('patate*\n\n');
    await organizer.getByTestId('save-flag-words').click();
    await organizer.getByTestId('flag-words-kind').filter({ hasText: 'Liste propre à cette chaîne.' }).waitFor(wait);
    await organizer.getByTestId('flag-words-done').filter({ hasText: 'Liste enregistrée : 1 mot.' }).waitFor(wait);
    assert.equal(await organizer.getByTestId('flag-words-error').textContent(), '');
    assert.equal(await organizer.getByTestId('shipped-flag-words').count(), 1);
    assert.deepEqual((await callApi(server, 'GET', `/api/channels/${id}/flag_words`)).data, { words: ['patate*'], shipped: false });
    await expectAccessible(organizer, 'organizer channel page with a flagged comment and the word list');

    // The lane's link opens the topic's page on the comment, flagged for the organizer.
    await item.getByTestId('flagged-link').click();
    await organizer.waitForURL(`**/c/${id}/t1?comment=c1`, wait);
    const comment = organizer.locator('[data-testid="comment"][data-comment="c1"]');
    await comment.getByTestId('comment-flag').filter({ hasText: 'Signalé : « con »' }).waitFor(wait);
    await organizer.waitForFunction(() => document.activeElement?.id === 'comment-c1', null, wait);
    assert.equal(await organizer.getByTestId('topic-flag').count(), 0, 'the proposal holds no word of the list');
    assert.deepEqual(errors, []);
  } finally {
    await server.stop();
  }
});
