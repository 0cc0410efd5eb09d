// A short Oxford-style debate through the real pages, from the first vote to the announced winner:
// two panelists and a host without a side, a moderator, a stage and three audience phones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, phone, watchErrors } from './support.mjs';

const second = 1000;

test('an Oxford debate runs from the first vote to the announced winner', { timeout: 240 * second }, async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  const errors = [];
  const open = async (url, options = {}) => {
    const page = await (await browser.newContext(options)).newPage();
    watchErrors(page, errors);
    await page.goto(url);
    return page;
  };
  const live = (page) => page.getByTestId('status').filter({ hasText: 'Live' }).waitFor();
  try {
    // The organizer creates an Oxford debate and one link per panelist.
    const admin = await open(`${server.base}/admin#token=${server.adminToken}`);
    await admin.getByTestId('title').fill('Cars in cities');
    await admin.getByTestId('motion').fill('This house would ban cars from city centres');
    await admin.getByTestId('format').selectOption('oxford');
    await admin.getByTestId('create').click();
    const links = {};
    for (const [name, side] of [['Dr. Green', 'for'], ['Mr. Motor', 'against'], ['Ms. Host', 'none']]) {
      await admin.getByTestId('panelist-name').fill(name);
      await admin.getByTestId('panelist-side').selectOption(side);
      await admin.getByTestId('add-panelist').click();
      await admin.locator('a', { hasText: '/panelist#' }).nth(Object.keys(links).length).waitFor();
      links[side] = await admin.locator('a', { hasText: '/panelist#' }).nth(Object.keys(links).length).textContent();
    }
    const audienceLink = await admin.getByTestId('audience-link').textContent();
    const moderator = await open(await admin.getByTestId('moderator-link').textContent());
    const stage = await open(await admin.getByTestId('stage-link').textContent(), { viewport: { width: 1920, height: 1080 } });
    const green = await open(links.for);
    const motor = await open(links.against);
    const host = await open(links.none);
    const phones = [];
    for (const name of ['Ann', 'Bob', 'Chloé']) {
      const page = await open(audienceLink, phone);
      await page.getByTestId('name').fill(name);
      await page.getByTestId('join').click();
      await live(page);
      phones.push(page);
    }
    await Promise.all([live(moderator), live(stage), live(green), live(motor), live(host)]);

    // Segment 1: the vote before. For 1, Against 1, Undecided 1.
    await moderator.getByTestId('start-show').click();
    await stage.getByTestId('segment').filter({ hasText: 'Vote before the debate' }).waitFor();
    await moderator.getByTestId('oxford-before').click();
    await moderator.getByTestId('open-v1').click();
    const vote = async (page, poll, option) => {
      const button = page.locator(`[data-poll=${poll}]`).getByTestId(`vote-${option}`);
      await button.click();
      await page.locator(`[data-poll=${poll}]`).getByTestId(`vote-${option}`).and(page.locator('[aria-pressed=true]')).waitFor();
    };
    await vote(phones[0], 'v1', 0);
    await vote(phones[1], 'v1', 1);
    await vote(phones[2], 'v1', 2);
    // Voting twice counts once.
    await phones[0].locator('[data-poll=v1]').getByTestId('vote-0').click();
    await moderator.locator('[data-poll=v1]').getByText('3 ballot(s)', { exact: false }).or(moderator.locator('[data-poll=v1] [data-testid=tally]')).first().waitFor();
    await moderator.getByTestId('close-v1').click();

    // Opening statements: the floor to the For side; the stage shows the lower third and a timer.
    await moderator.getByTestId('advance').click();
    await moderator.getByTestId('current-segment').filter({ hasText: 'Opening statements' }).waitFor();
    await moderator.getByTestId('give-floor-g1').click();
    await stage.getByTestId('speaker-name').filter({ hasText: 'Dr. Green' }).waitFor();
    const timer = await stage.getByTestId('timer').textContent();
    assert.match(timer, /^[45]:\d\d$/);
    await green.getByTestId('argument-input').fill('Fewer cars means cleaner air for every child.');
    await green.getByTestId('post-argument').click();
    await phones[1].getByTestId('argument').filter({ hasText: 'cleaner air' }).waitFor();

    // The host, on no side, posts a neutral argument: labelled so on every page, never "For".
    assert.equal(await host.getByTestId('stance').inputValue(), 'none');
    await host.getByTestId('argument-input').fill('Both sides agree buses must come first.');
    await host.getByTestId('post-argument').click();
    for (const page of [phones[1], moderator, green]) {
      const neutral = page.getByTestId('argument').filter({ hasText: 'buses must come first' });
      await neutral.getByTestId('argument-stance').filter({ hasText: 'Neutral' }).waitFor();
    }

    // Mr. Motor raises a hand for a direct reply; the moderator gives him the floor from the lane.
    await motor.getByTestId('raise-direct-reply').click();
    await moderator.getByTestId('lane-direct_reply').getByText('Mr. Motor').waitFor();
    await moderator.getByTestId('lane-direct_reply').getByTestId('give-floor-g2').click();
    await stage.getByTestId('speaker-name').filter({ hasText: 'Mr. Motor' }).waitFor();
    await moderator.getByTestId('talk-time').filter({ hasText: 'Dr. Green' }).waitFor();
    // The balance shows each share against an even third, and the one on stage who has not
    // spoken yet as the one to give the floor to next.
    const talk = moderator.getByTestId('talk-time');
    await talk.locator('[data-speaker=g1]').getByTestId('talk-share').filter({ hasText: 'even share: 33%' }).waitFor();
    await talk.locator('[data-speaker=g3]').getByTestId('spoke-least').waitFor();
    // Opening statements are for the two sides: the button is there, disabled, and the rule says why.
    await talk.getByTestId('talk-give-floor-g3').and(moderator.locator('[disabled]')).waitFor();
    assert.equal(await moderator.getByTestId('give-floor-g3').isDisabled(), true);
    assert.equal(await moderator.getByTestId('give-floor-g1').isDisabled(), false);
    assert.equal(await moderator.getByTestId('floor-rule').textContent(), '“Opening statements” gives the floor to: For and Against.');
    assert.equal(await moderator.getByTestId('give-floor-g3').getAttribute('aria-describedby'), 'floor-rule');
    // Mr. Motor's turn counts as it runs: once it has lasted a second, Dr. Blue alone has spoken least.
    await moderator.waitForFunction(() => document.querySelectorAll('[data-testid=talk-time] [data-testid=spoke-least]').length === 1);
    await talk.locator('[data-speaker=g3]').getByTestId('spoke-least').waitFor();
    assert.equal(await talk.locator('[data-speaker=g3]').getByTestId('talk-share').textContent(), '0% (even share: 33%)');

    // The audience rates the argument; the figures reach every page.
    for (const page of phones) {
      await page.getByTestId('argument').filter({ hasText: 'cleaner air' }).getByTestId('rate-agree').click();
    }
    await phones[0].getByTestId('argument-figures').filter({ hasText: '3 agree' }).waitFor();

    // Closing, then the vote after: Bob and Chloé move to For.
    for (let i = 0; i < 4; i++) await moderator.getByTestId('advance').click();
    await moderator.getByTestId('current-segment').filter({ hasText: 'Vote after the debate' }).waitFor();
    await moderator.getByTestId('oxford-after').click();
    await moderator.getByTestId('open-v2').click();
    await vote(phones[0], 'v2', 0);
    // Bob names the argument that changed his mind; the moderators see it counted live, the
    // audience only once the vote is revealed.
    await phones[1].locator('[data-poll=v2]').getByTestId('changed-by').selectOption('a1');
    await vote(phones[1], 'v2', 0);
    await vote(phones[2], 'v2', 0);
    await moderator.locator('[data-poll=v2] [data-testid=tally]').filter({ hasText: '3' }).waitFor();
    const changed = moderator.locator('[data-poll=v2]').getByTestId('changed-by');
    await changed.getByTestId('changed-by-count').filter({ hasText: '1 person' }).waitFor();
    assert.equal(await changed.getByTestId('changed-by-text').textContent(), 'Fewer cars means cleaner air for every child.');
    assert.equal(await phones[2].getByTestId('changed-minds').count(), 0, 'hidden from the audience until revealed');
    await moderator.getByTestId('close-v2').click();
    await moderator.getByTestId('reveal-v2').click();
    await phones[2].locator('[data-poll=v2]').getByTestId('changed-by-count').filter({ hasText: '1 person' }).waitFor();

    // The winner is announced everywhere: For went from 33.3% to 100%.
    for (const page of [stage, ...phones]) {
      await page.getByTestId('oxford-winner').filter({ hasText: 'For wins' }).waitFor();
    }
    assert.match(await stage.getByTestId('oxford-result').textContent(), /Swing: For \+66\.7 pts · Against -33\.3 pts/);
    await moderator.getByTestId('end-show').click();
    await moderator.getByTestId('show-status').filter({ hasText: 'ended' }).waitFor();

    // A late joiner sees the same result and figures.
    const late = await open(audienceLink, phone);
    await late.getByTestId('name').fill('Late');
    await late.getByTestId('join').click();
    await late.getByTestId('oxford-winner').filter({ hasText: 'For wins' }).waitFor();
    await late.getByTestId('argument-figures').filter({ hasText: '3 agree' }).waitFor();

    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
