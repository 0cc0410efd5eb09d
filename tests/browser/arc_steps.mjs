// The steps of the full arc (arc.test.mjs), each through the real page a person uses for it, in
// French: a page per person, the visitors' steps on the channel's pages, the organizer's on the
// topic's page and the workspace, the panelist's on their page. Every step waits for what the page
// shows once it is done (an element, a text), never for a time.
import assert from 'node:assert/strict';
import { watchErrors, axeViolations, describeViolations } from './support.mjs';

const second = 1000;
export const wait = { timeout: 30 * second };

// A link the server wrote (with the address it announces) opened on the test's server.
export const local = (server, url) => url.replace(/^https?:\/\/[^/]+/, server.base);

// axe-core's WCAG 2.x A and AA rules find nothing on the page as it stands.
export async function expectAccessible(page, where) {
  const found = await axeViolations(page);
  assert.equal(found.length, 0, `${where}:\n${describeViolations(found)}`);
}

// A page in French in a browser context of its own (a person of their own: their own storage), that
// fails the test on an error it reports or a dialog it opens.
export async function openPage(browser, server, url, errors, options = {}) {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  watchErrors(page, errors);
  page.on('dialog', (d) => { errors.push(`${page.url()}: dialog ${d.message()}`); d.dismiss().catch(() => {}); });
  await page.goto(local(server, url));
  return page;
}

// A visitor proposes a subject on the channel's page, then opens its page from the list.
export async function proposeTopic(page, { name, title, pitch }) {
  await page.getByTestId('propose-form').waitFor(wait);
  await page.getByTestId('visitor-name').fill(name);
  await page.getByTestId('proposal-title').fill(title);
  await page.getByTestId('proposal-pitch').fill(pitch);
  await page.getByTestId('propose').click();
  const card = page.getByTestId('topic').filter({ hasText: title });
  await card.getByTestId('topic-status').filter({ hasText: 'En attente de réponse' }).waitFor(wait);
  await card.locator('h3 a').click();
  await page.getByTestId('topic-title').filter({ hasText: title }).waitFor(wait);
}

// An opinion with a word for the organizers, then a public comment.
export async function giveOpinionAndComment(page, feedback, comment) {
  await page.getByTestId('feedback').fill(feedback);
  await page.getByTestId('opinion-essential').click();
  await page.locator('[data-testid="opinion-essential"][aria-pressed="true"]').waitFor(wait);
  await page.getByTestId('comment-input').fill(comment);
  await page.getByTestId('send-comment').click();
  await page.getByTestId('comment').filter({ hasText: comment }).waitFor(wait);
}

// Taking part: a motivation and a contact, with the consent ticked by the person.
export async function applyToTakePart(page, name, motivation, contact) {
  await page.getByTestId('topic-page').waitFor(wait);
  await page.getByTestId('apply-section').locator('summary').click();
  await page.getByTestId('visitor-name').first().fill(name);
  await page.getByTestId('motivation').fill(motivation);
  await page.getByTestId('application-contact').fill(contact);
  await page.getByTestId('application-consent').check();
  await page.getByTestId('send-application').click();
  await page.getByTestId('application-sent').waitFor(wait);
}

export async function offerToSponsor(page, name, organisation, contact) {
  await page.getByTestId('topic-page').waitFor(wait);
  await page.getByTestId('sponsor-section').locator('summary').click();
  await page.getByTestId('visitor-name').first().fill(name);
  await page.getByTestId('offer-organisation').fill(organisation);
  await page.getByTestId('offer-message').fill('Nous aimerions soutenir ce débat');
  await page.getByTestId('offer-contact').fill(contact);
  await page.getByTestId('offer-consent').check();
  await page.getByTestId('send-offer').click();
  await page.getByTestId('offer-sent').waitFor(wait);
}

// The organizer, on the topic's page: accepts with a public answer, attaches the sponsor, makes
// the debate, casts the applicant. Resolves with the console's and the panelist's links.
export async function organizerMakesTheShow(page, answer) {
  await page.getByTestId('answer-form').waitFor(wait);
  await page.getByTestId('answer-kind').selectOption('accept');
  await page.getByTestId('answer-text').fill(answer);
  await page.getByTestId('answer').click();
  await page.getByTestId('topic-answer').filter({ hasText: answer }).waitFor(wait);
  assert.equal(await page.getByTestId('topic-status').textContent(), 'Accepté');
  await page.getByTestId('accept-sponsor').click();
  await page.getByTestId('detach-sponsor').waitFor(wait);
  await page.getByTestId('make-debate').click();
  const moderator = await page.getByTestId('moderator-link').getAttribute('href', wait);
  await page.getByTestId('cast-side').selectOption('for');
  await page.getByTestId('cast-applicant').click();
  await page.getByTestId('cast').filter({ hasText: 'Pour' }).waitFor(wait);
  const panelist = await page.getByTestId('panelist-link').getAttribute('href', wait);
  return { moderator, panelist };
}

// The panel's preparation on the topic's page: notes, a free question and a scale from 1 to 5.
export async function writePreparation(page, notes, [free, scale]) {
  await page.getByTestId('preparation-editor').waitFor(wait);
  await page.getByTestId('prep-notes-input').fill(notes);
  const prompts = page.getByTestId('prep-prompt');
  await page.getByTestId('prep-add-text').click();
  await prompts.nth(0).fill(free);
  await page.getByTestId('prep-add-scale').click();
  await prompts.nth(1).fill(scale);
  await page.getByTestId('prep-top').fill('5');
  await page.getByTestId('prep-save').click();
  await page.getByTestId('notice').filter({ hasText: 'Préparation enregistrée' }).waitFor(wait);
  await page.getByTestId('prep-unsaved').waitFor({ state: 'detached', ...wait });
}

// The panelist, on their page: reads the notes, answers both questions and sends.
export async function answerQuestionnaire(page, notes, text, point) {
  const section = page.getByTestId('preparation');
  await section.getByTestId('prep-notes').filter({ hasText: notes }).waitFor(wait);
  await section.getByTestId('prep-text').fill(text);
  await section.locator('[data-question="2"]').getByRole('radio', { name: point, exact: true }).check();
  await section.getByTestId('prep-send').click();
  await section.getByTestId('prep-sent').waitFor(wait);
}

// A visitor sends a question (or an argument with its side) for the show on the topic's page, and
// finds it among their own.
export async function sendInAdvance(page, text, side = null) {
  const form = page.getByTestId('advance-form');
  await form.waitFor(wait);
  const mine = await page.getByTestId('my-advance').count();
  if (side) {
    await form.getByTestId('advance_kind-argument').check();
    await form.getByTestId(`advance_side-${side}`).check();
  } else await form.getByTestId('advance_kind-question').check();
  await form.getByTestId('advance-text').fill(text);
  await form.getByTestId('advance-send').click();
  await page.getByTestId('my-advance').nth(mine).filter({ hasText: text }).waitFor(wait);
  assert.equal(await form.getByTestId('advance-text').inputValue(), '', 'the field is emptied once sent');
}

// The organizer's workspace: the debate's stage and overlay links.
export async function screenLinks(page, title) {
  await page.getByTestId('debate').filter({ hasText: title }).getByTestId('open-debate').click();
  await page.getByTestId('links').waitFor(wait);
  return { stage: await page.getByTestId('stage-link').textContent(wait), overlay: await page.getByTestId('overlay-link').textContent(wait) };
}
