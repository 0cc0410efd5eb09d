// The backstage through the real pages, in French: the moderator cues one panelist to wrap up,
// sends another a note and writes to the other moderators; each panelist sees their own cue and
// nothing of the other's, acknowledges it in one click and the console shows it read; a panelist
// who reloads finds the cue they have not acknowledged (it comes back with the welcome); a second
// console, on a phone, holds the link the organizer made for Léa (named in the admin's team form,
// as the first link is renamed Max): it finds the cues and the chat in its snapshot, knows it is
// Léa, and answers in the chat under her name. The
// audience's phone and the stage never receive any of it, neither on screen nor on the wire, even
// once a later public change has reached them. axe-core finds nothing on a panelist's page showing
// a cue, nor on the console with cues and messages. A panelist with two screens open (a laptop and
// a phone) acknowledges on one, and the cue leaves the other too: the acknowledgement's event
// reaches every connection of theirs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, phone, watchErrors, axeViolations, describeViolations, callApi } from './support.mjs';

const second = 1000;
// Generous: two busy cores run the server, Chromium and six pages.
const wait = 60 * second;
const french = { locale: 'fr-FR' };
const laptop = { ...french, viewport: { width: 1366, height: 800 } };
const note = 'Regardez la caméra 2, s’il vous plaît';
const staffText = 'Coupure pub après cette question.\nPréparez le jingle.';
const secrets = [note, 'Coupure pub', 'Préparez le jingle', 'Concluez', 'cue_sent', 'cue_acknowledged', 'staff_message_posted', 'backstage', 'Léa'];

test('cues reach only their panelist, are acknowledged in one click, and never reach the audience or the stage', { timeout: 290 * second }, async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  const errors = [];
  // What each page received on its WebSocket, frame by frame.
  const frames = new Map();
  const open = async (name, url, options = laptop) => {
    const page = await (await browser.newContext(options)).newPage();
    page.setDefaultTimeout(wait);
    watchErrors(page, errors);
    const received = [];
    frames.set(name, received);
    page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => received.push(String(payload))));
    await page.goto(url);
    return page;
  };
  const live = (page) => page.getByTestId('status').filter({ hasText: 'En direct' }).waitFor();
  const audit = async (page, what) => {
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], `axe-core on ${what}:\n${describeViolations(violations)}`);
  };
  try {
    // The organizer creates a talk show with two panelists.
    const admin = await open('admin', `${server.base}/admin#token=${server.adminToken}`);
    await admin.getByTestId('title').fill('Des villes sans voitures ?');
    await admin.getByTestId('create').click();
    const panelistLinks = admin.locator('a', { hasText: '/panelist#' });
    for (const [i, name] of ['Dr Vert', 'M. Moteur'].entries()) {
      await admin.getByTestId('panelist-name').fill(name);
      await admin.getByTestId('add-panelist').click();
      await panelistLinks.nth(i).waitFor();
    }
    const links = await panelistLinks.allTextContents();
    // The moderation team: the first link renamed Max, a second one for Léa.
    await admin.getByTestId('rename-o1').fill('Max');
    await admin.getByTestId('rename-o1').press('Enter');
    await admin.getByTestId('team-member').filter({ hasText: 'Max' }).waitFor();
    await admin.getByTestId('moderator-name').fill('Léa');
    await admin.getByTestId('add-moderator').click();
    const leaLink = await admin.getByTestId('team-link-o2').textContent();
    assert.equal(await admin.getByTestId('moderator-name').inputValue(), '', 'the name field is emptied once the link is made');
    const audienceLink = await admin.getByTestId('audience-link').textContent();
    const moderatorLink = await admin.getByTestId('moderator-link').textContent();
    const moderator = await open('moderator', moderatorLink);
    const green = await open('green', links[0]);
    // M. Moteur reads his page on a phone in the dark theme.
    const motor = await open('motor', links[1], { ...phone, ...french, colorScheme: 'dark' });
    const stage = await open('stage', await admin.getByTestId('stage-link').textContent(), { ...french, viewport: { width: 1920, height: 1080 } });
    const audience = await open('audience', audienceLink, { ...phone, ...french });
    await audience.getByTestId('name').fill('Anne');
    await audience.getByTestId('join').click();
    await Promise.all([live(moderator), live(green), live(motor), live(stage), live(audience)]);

    // The moderator cues Dr Vert to wrap up, sends M. Moteur a note, and writes to the moderators.
    const backstage = moderator.getByTestId('backstage');
    const row = (name) => backstage.getByTestId('cue-panelist').filter({ hasText: name });
    await row('Dr Vert').getByTestId('cue-wrap_up').click();
    await backstage.getByTestId('cue-entry').filter({ hasText: 'Dr Vert' }).waitFor();
    await row('M. Moteur').getByTestId('cue-note').fill(note);
    await row('M. Moteur').getByTestId('cue-note-send').click();
    await backstage.getByTestId('cue-entry').filter({ hasText: note }).waitFor();
    assert.equal(await row('M. Moteur').getByTestId('cue-note').inputValue(), '', 'the note field is emptied once sent');
    await backstage.getByTestId('staff-input').fill(staffText);
    await backstage.getByTestId('staff-send').click();
    const posted = backstage.getByTestId('staff-message').filter({ hasText: 'Coupure pub' });
    await posted.waitFor();
    assert.match(await posted.innerText(), /Coupure pub après cette question\.\nPréparez le jingle\./, 'a message keeps its lines');
    // The latest cue first, each unread so far.
    const entries = backstage.getByTestId('cue-entry');
    assert.equal(await entries.count(), 2);
    assert.match(await entries.nth(0).innerText(), /M\. Moteur · Regardez la caméra 2/);
    assert.match(await entries.nth(1).innerText(), /Dr Vert · Concluez/);
    for (const i of [0, 1]) assert.equal(await entries.nth(i).getByTestId('cue-state').textContent(), 'Pas encore lu');

    // Dr Vert sees the wrap-up across the top of the page, in French, and hears it announced.
    const greenCue = green.getByTestId('cues').getByTestId('cue');
    await greenCue.filter({ hasText: 'Concluez' }).waitFor();
    assert.equal(await greenCue.getByTestId('cue-words').textContent(), 'Concluez');
    await green.locator('[data-testid=announce][role=status]').filter({ hasText: 'De la régie : Concluez' }).waitFor();
    // M. Moteur sees his note alone: the wrap-up, sent to Dr Vert before it, never reached him.
    const motorCue = motor.getByTestId('cue');
    await motorCue.filter({ hasText: note }).waitFor();
    assert.equal(await motorCue.count(), 1);
    assert.equal(await motorCue.getByTestId('cue-words').textContent(), note);
    assert.ok(!(await motor.locator('body').innerText()).includes('Concluez'));
    // On a phone the banner fits the width.
    assert.ok(await motor.evaluate(() => document.scrollingElement.scrollWidth <= innerWidth), 'the phone does not scroll sideways');
    await audit(green, 'a panelist page showing a cue');
    await audit(motor, 'a panelist phone showing a note, dark theme');
    await audit(moderator, 'the console with cues and a message');

    // Dr Vert acknowledges: the cue leaves his banner and the console shows it read.
    await greenCue.getByRole('button', { name: /Bien reçu/ }).click();
    await green.getByTestId('cues').waitFor({ state: 'detached' });
    const read = backstage.getByTestId('cue-entry').filter({ hasText: 'Dr Vert' });
    await read.and(moderator.locator('[data-state=read]')).waitFor();
    assert.match(await read.getByTestId('cue-state').textContent(), /^Lu à \d\d:\d\d$/);
    await moderator.getByTestId('announce').filter({ hasText: 'Dr Vert a bien reçu : Concluez.' }).waitFor();
    assert.equal(await backstage.getByTestId('cue-entry').filter({ hasText: note }).getByTestId('cue-state').textContent(), 'Pas encore lu');
    // The acknowledgement reached Dr Vert after the note was sent: he never received it.
    assert.ok(!frames.get('green').some((f) => f.includes(note) || f.includes('staff_message_posted')), 'Dr Vert received another panelist\'s note or the staff chat');
    assert.ok(!frames.get('motor').some((f) => f.includes('"cue":"wrap_up"') || f.includes('staff_message_posted')), 'M. Moteur received another panelist\'s cue or the staff chat');

    // A public change after all of it: the show starts and a poll opens. Once it is on the phone and
    // the stage, everything sent before it would have reached them too: none of it did.
    await moderator.getByTestId('start-show').click();
    await moderator.locator('#poll-form summary').click();
    await moderator.getByTestId('poll-question').fill('Faut-il piétonniser le centre ?');
    await moderator.getByTestId('poll-options').fill('Oui\nNon');
    await moderator.getByTestId('create-poll').click();
    await moderator.getByTestId('open-v1').click();
    for (const [name, page] of [['audience', audience], ['stage', stage]]) {
      await page.locator('[data-poll=v1]').filter({ hasText: 'piétonniser' }).waitFor();
      const shown = `${await page.locator('body').innerText()}\n${await page.content()}`;
      for (const secret of secrets) {
        assert.ok(!shown.includes(secret), `the ${name} page shows "${secret}"`);
        assert.ok(!frames.get(name).some((f) => f.includes(secret)), `the ${name} page received "${secret}"`);
      }
    }

    // M. Moteur reloads: his note, still unread, comes back with the welcome. Dr Vert reloads:
    // nothing, his cue was read.
    await motor.reload();
    await live(motor);
    await motor.getByTestId('cue').filter({ hasText: note }).waitFor();
    await green.reload();
    await live(green);
    await green.getByTestId('now').waitFor();
    assert.equal(await green.getByTestId('cues').count(), 0);

    // A second console, on a phone: the cues and the chat come with its snapshot, it fits the
    // width, and its message reaches the first console.
    const phoneConsole = await open('moderator-phone', leaLink, { ...phone, ...french });
    await live(phoneConsole);
    const phoneBackstage = phoneConsole.getByTestId('backstage');
    await phoneBackstage.getByTestId('me').filter({ hasText: 'Vous : Léa' }).waitFor();
    assert.match(await phoneBackstage.getByTestId('team').innerText(), /Équipe en régie : Max, Léa/);
    await phoneBackstage.getByTestId('staff-message').filter({ hasText: 'Coupure pub' }).waitFor();
    await phoneBackstage.getByTestId('cue-entry').filter({ hasText: 'Dr Vert' }).and(phoneConsole.locator('[data-state=read]')).waitFor();
    await phoneBackstage.getByTestId('cue-entry').filter({ hasText: note }).and(phoneConsole.locator('[data-state=sent]')).waitFor();
    assert.ok(await phoneConsole.evaluate(() => document.scrollingElement.scrollWidth <= innerWidth), 'the console does not scroll sideways on a phone');
    await phoneBackstage.getByTestId('staff-input').fill('Bien noté.');
    await phoneBackstage.getByTestId('staff-input').press('Control+Enter');
    const answer = backstage.getByTestId('staff-message').filter({ hasText: 'Bien noté.' });
    await answer.waitFor();
    assert.equal(await answer.getByTestId('staff-by').textContent(), 'Léa', 'the first console sees who wrote');
    await moderator.getByTestId('announce').filter({ hasText: 'Message en coulisses : Bien noté.' }).waitFor();
    assert.equal(await phoneBackstage.getByTestId('staff-input').inputValue(), '', 'the message field is emptied once sent');

    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});

test('a cue acknowledged on one of a panelist\'s screens leaves the other', { timeout: 200 * second }, async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  const errors = [];
  const open = async (url, options) => {
    const page = await (await browser.newContext(options)).newPage();
    page.setDefaultTimeout(wait);
    watchErrors(page, errors);
    await page.goto(url);
    return page;
  };
  const live = (page) => page.getByTestId('status').filter({ hasText: 'En direct' }).waitFor();
  try {
    const d = await callApi(server, 'POST', '/api/debates', { title: 'Des villes sans voitures ?' });
    assert.equal(d.status, 201, JSON.stringify(d.data));
    const g = await callApi(server, 'POST', `/api/debates/${d.data.id}/panelists`, { name: 'Dr Vert', role: 'guest', side: 'for' });
    assert.equal(g.status, 201, JSON.stringify(g.data));
    const moderator = await open(d.data.links.moderator, laptop);
    const screens = [await open(g.data.link, laptop), await open(g.data.link, { ...phone, ...french })];
    await Promise.all([moderator, ...screens].map(live));
    await moderator.getByTestId('backstage').getByTestId('cue-panelist').filter({ hasText: 'Dr Vert' }).getByTestId('cue-speak_louder').click();
    for (const page of screens) await page.getByTestId('cue').filter({ hasText: 'Parlez plus fort' }).waitFor();
    await screens[0].getByRole('button', { name: /Bien reçu/ }).click();
    await moderator.getByTestId('cue-entry').and(moderator.locator('[data-state=read]')).waitFor();
    for (const page of screens) await page.getByTestId('cues').waitFor({ state: 'detached' });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
