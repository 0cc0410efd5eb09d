// The whole arc of a show made from a channel, through the real pages in French, each person in a
// browser of their own: a visitor proposes a subject on the channel's page, gives an opinion and
// comments; another applies to take part, another offers to sponsor; the organizer, on the topic's
// page, accepts in public, attaches the sponsor, makes the debate, casts the applicant and writes
// the panel's preparation; the panelist answers it on their page; the first visitor sends a
// question and an argument for the show, which the public counts without reading them and the
// organizer reads. The show starts from the moderator console: what was sent arrives in the queue
// as "Avant l'émission · Ana", the topic's page says so and keeps a text sent too late; the stage
// and the overlay show the sponsor; the moderator approves the question and puts it on air, where
// the stage, the overlay and the audience name its sender. Only the channel's creation goes
// through the API, as no page makes one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, callApi } from './support.mjs';
import {
  wait, openPage, proposeTopic, giveOpinionAndComment, applyToTakePart, offerToSponsor, organizerMakesTheShow,
  writePreparation, answerQuestionnaire, sendInAdvance, screenLinks, expectAccessible,
} from './arc_steps.mjs';

const second = 1000;
const phone = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true };
const stageSize = { viewport: { width: 1280, height: 720 } };
const title = 'La semaine de quatre jours';
const notes = 'Arrivée à 18 h au studio 3.';
const question = 'Comment mesurer la productivité sur quatre jours ?';
const argument = 'Moins de jours travaillés, c’est moins d’absentéisme.';
const tooLate = 'Et les équipes de nuit ?';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

// Each phase below reads and adds to `s`: the server, the errors the pages report, and the pages
// and links of the phases before.

// Before the show: a proposal, an opinion and a comment; an application and a sponsor offer; the
// organizer's answer, sponsor, debate, cast and preparation; the panelist's answers.
async function beforeTheShow(s) {
  const { server, errors } = s;
  const created = await callApi(server, 'POST', '/api/channels', { name: 'Acme TV', categories: ['RH', 'Politique'], accent: '#aa3300' });
  assert.equal(created.status, 201, JSON.stringify(created.data));
  s.channelUrl = `${server.base}/c/${created.data.id}`;
  const topicUrl = `${s.channelUrl}/t1`;
  s.ana = await openPage(browser, server, s.channelUrl, errors, phone);
  await proposeTopic(s.ana, { name: 'Ana', title, pitch: 'Pour ou contre, chiffres à l’appui' });
  await giveOpinionAndComment(s.ana, 'Très utile pour nos équipes', 'J’ai hâte de voir ce débat');
  assert.equal(await s.ana.getByTestId('advance-section').count(), 0, 'nothing is sent for the show before the topic is accepted');
  s.bob = await openPage(browser, server, topicUrl, errors, phone);
  await applyToTakePart(s.bob, 'Bob', 'Je l’ai mise en place dans mon entreprise', 'bob@example.org');
  const claire = await openPage(browser, server, topicUrl, errors, phone);
  await offerToSponsor(claire, 'Claire', 'Acme SA', 'claire@example.org');

  s.organizer = await openPage(browser, server, `${topicUrl}#token=${server.adminToken}`, errors);
  await s.organizer.getByText('Très utile pour nos équipes').waitFor(wait);
  s.links = await organizerMakesTheShow(s.organizer, 'Oui : nous en ferons une émission, avec vos questions.');
  await writePreparation(s.organizer, notes, ['Qu’attendez-vous de ce débat ?', 'Votre aisance à l’oral ?']);
  const panelist = await openPage(browser, server, s.links.panelist, errors);
  await answerQuestionnaire(panelist, notes, 'Des chiffres et des exemples', '4');
}

// Ana finds the topic accepted on the channel's list (its state filter following the choice at
// once) and sends a question and an argument for the show; the public counts them without reading
// them, the organizer reads who sent what.
async function sendForTheShow(s) {
  const { ana, bob, organizer } = s;
  await ana.goto(s.channelUrl);
  const card = ana.getByTestId('topic').filter({ hasText: title });
  await card.getByTestId('topic-status').filter({ hasText: 'Accepté' }).waitFor(wait);
  assert.equal(await card.getByTestId('sponsor-label').textContent(), 'Présenté par Acme SA');
  await ana.getByTestId('filter-status').selectOption('declined');
  await ana.getByTestId('no-topics').waitFor(wait);
  await ana.getByTestId('filter-status').selectOption('accepted');
  await card.locator('h3 a').click();
  await ana.getByTestId('advance-count').filter({ hasText: 'Aucune question envoyée' }).waitFor(wait);
  await sendInAdvance(ana, question);
  await ana.getByTestId('notice').filter({ hasText: 'Votre question est envoyée' }).waitFor(wait);
  await ana.getByTestId('advance-count').filter({ hasText: '1 question envoyée pour l’émission' }).waitFor(wait);
  await sendInAdvance(ana, argument, 'for');
  await ana.getByTestId('advance-count').filter({ hasText: '2 questions envoyées pour l’émission' }).waitFor(wait);
  assert.deepEqual(await ana.getByTestId('my-advance').getByTestId('advance-kind').allTextContents(), ['Question', 'Argument pour']);
  assert.equal(await ana.getByTestId('advance-text').evaluate((el) => el.maxLength),
    (await callApi(s.server, 'GET', '/api/limits')).data.limits.advance_chars);
  await expectAccessible(ana, 'the topic\'s page with what was sent for the show');

  await bob.reload();
  await bob.getByTestId('advance-count').filter({ hasText: '2 questions envoyées' }).waitFor(wait);
  const seen = await bob.locator('body').textContent();
  assert.ok(!seen.includes(question) && !seen.includes(argument), 'the texts stay private before the show');
  await organizer.reload();
  const sent = organizer.getByTestId('advance-item');
  await sent.nth(1).waitFor(wait);
  assert.match(await sent.nth(0).textContent(), /Ana[\s\S]*Question[\s\S]*Comment mesurer la productivité/);
  assert.match(await sent.nth(1).textContent(), /Ana[\s\S]*Argument pour[\s\S]*absentéisme/);
  assert.equal(await organizer.getByTestId('advance-form').count(), 0, 'the organizer does not send');
  await expectAccessible(organizer, 'the organizer\'s topic page with what was sent for the show');
}

// Ana writes a third one; the console starts the show before she sends it. What was sent is in
// the queue under "Avant l'émission"; the third is refused, stays on Ana's page to be asked in the
// room, and the page says where the others went.
async function startTheShow(s) {
  const { ana, errors } = s;
  await ana.getByTestId('advance_kind-question').check();
  await ana.getByTestId('advance-text').fill(tooLate);
  s.moderator = await openPage(browser, s.server, s.links.moderator, errors, { viewport: { width: 1366, height: 800 } });
  await s.moderator.locator('[data-testid=status][data-status=live]').waitFor(wait);
  await s.moderator.getByTestId('start-show').click();
  const pending = s.moderator.getByTestId('pending-question');
  await pending.filter({ hasText: question }).waitFor(wait);
  assert.equal(await pending.filter({ hasText: question }).getByTestId('question-author').textContent(), 'Avant l’émission · Ana');
  assert.equal(await pending.filter({ hasText: argument }).getByTestId('question-author').textContent(),
    'Avant l’émission · argument pour · Ana');

  // Chromium reports the refusal (409 advance_closed) on the console too: that one only leaves
  // the errors.
  const is409 = (text) => text.includes('status of 409');
  const reported = ana.waitForEvent('console', { predicate: (m) => m.type() === 'error' && is409(m.text()), ...wait });
  await ana.getByTestId('advance-send').click();
  await reported;
  await ana.getByTestId('error').filter({ hasText: 'L’émission a commencé : posez votre question dans la salle.' }).waitFor(wait);
  assert.equal(errors.filter(is409).length, 1, errors.join('\n'));
  errors.splice(errors.findIndex(is409), 1);
  await ana.getByTestId('advance-started')
    .filter({ hasText: 'L’émission a commencé : les questions envoyées sont dans la file du modérateur.' }).waitFor(wait);
  assert.equal(await ana.getByTestId('advance-unsent').locator('.qtext').textContent(), tooLate);
  assert.equal(await ana.getByTestId('advance-form').count(), 0);
}

// The stage and the overlay, from the workspace's links, show the sponsor; Ana joins the show from
// the topic's page; the moderator approves the question sent before the show and puts it on air,
// where the stage, the overlay and the audience page name its sender.
async function onAir(s) {
  const { server, errors, ana, moderator } = s;
  const admin = await openPage(browser, server, `${server.base}/admin#token=${server.adminToken}`, errors);
  const screens = await screenLinks(admin, title);
  const stage = await openPage(browser, server, screens.stage, errors, stageSize);
  const overlay = await openPage(browser, server, screens.overlay, errors, stageSize);
  for (const view of [stage, overlay]) await view.getByTestId('sponsor').filter({ hasText: 'Présenté par Acme SA' }).waitFor(wait);

  await ana.getByTestId('join-show').click();
  await ana.getByTestId('name').fill('Ana');
  await ana.getByTestId('join').click();
  await ana.locator('[data-testid=status][data-status=live]').waitFor(wait);

  await moderator.getByTestId('pending-question').filter({ hasText: question }).getByTestId('approve').click();
  const approved = moderator.getByTestId('approved-question').filter({ hasText: question });
  await approved.getByTestId('on-air').click();
  await approved.locator('[data-testid=on-air][aria-pressed=true]').waitFor(wait);
  for (const view of [stage, overlay]) {
    await view.getByTestId('on-air-question').filter({ hasText: question }).waitFor(wait);
    assert.equal(await view.getByTestId('on-air-author').textContent(), 'Avant l’émission · Ana');
  }
  const inRoom = ana.getByTestId('question').filter({ hasText: question });
  await inRoom.waitFor(wait);
  assert.equal(await inRoom.getByTestId('question-author').textContent(), 'Avant l’émission · Ana');
}

test('from a proposal on the channel to a question sent before the show, on air with its sender\'s name', { timeout: 300 * second }, async () => {
  const s = { server: await startServer(), errors: [] };
  try {
    await beforeTheShow(s);
    await sendForTheShow(s);
    await startTheShow(s);
    await onAir(s);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.server.stop();
  }
});
