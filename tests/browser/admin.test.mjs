// The organizer workspace (/admin) through the real page: links that come back after a reload and
// work, replacing one staff link without touching the others, a run of show editable only before
// the show, French and English without codes, duplicating a debate as a template, saving its CSV
// exports, and axe-core's
// WCAG 2.x A and AA rules in both languages, signed out, empty, busy and ended.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startServer, launchBrowser, watchErrors, installDriver, axeViolations, describeViolations } from './support.mjs';

const second = 1000;
const wait = { timeout: 30 * second };
// Codes a person must never read: formats, segment kinds, poll kinds.
const rawCodes = /\b(talk_show|oxford|round_table|word_cloud|free_debate|vote_before|vote_after|wrap_up)\b/;

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

// One server per test; every page it opens reports its errors into `errors`.
async function session() {
  const server = await startServer();
  const errors = [];
  const contexts = [];
  const open = async (url, options = {}) => {
    const context = await browser.newContext(options);
    contexts.push(context);
    const page = await context.newPage();
    watchErrors(page, errors);
    await page.goto(url);
    return page;
  };
  const api = async (method, path, body) => {
    const res = await fetch(`${server.base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${server.adminToken}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await res.json().catch(() => null);
    assert.ok(res.ok, `${method} ${path} -> ${res.status} ${JSON.stringify(data)}`);
    return data;
  };
  const admin = async (options = {}) => {
    const page = await open(`${server.base}/admin#token=${server.adminToken}`,
      { locale: 'en-US', permissions: ['clipboard-read', 'clipboard-write'], ...options });
    await page.getByTestId('create').waitFor(wait);
    return page;
  };
  // A page on the server's origin that says what a token gets from the WebSocket: 'welcome', or
  // the error or close that refuses it.
  let driver = null;
  const driverPage = async () => {
    if (!driver) {
      driver = await open(`${server.base}/`);
      await installDriver(driver);
    }
    return driver;
  };
  const tryToken = async (debate, token) => (await driverPage()).evaluate(([d, tk]) => new Promise((resolve) => {
    const ws = new WebSocket(`ws://${location.host}/ws`);
    const done = (answer) => { clearTimeout(timer); resolve(answer); ws.close(); };
    const timer = setTimeout(() => done('no answer'), 20000);
    ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', debate: d, token: tk }));
    ws.onmessage = (e) => {
      for (const line of String(e.data).split('\n').filter(Boolean)) {
        const m = JSON.parse(line);
        if (m.type === 'welcome') return done('welcome');
        if (m.type === 'error') return done(`refused: ${m.code}`);
      }
      return undefined;
    };
    ws.onclose = (e) => done(`closed: ${e.code}`);
  }), [debate, token]);
  // Commands sent in order by a WebSocket client holding `token`; resolves with the replies.
  const run = async (debate, token, commands) => (await driverPage()).evaluate(async ([d, tk, c]) => {
    const name = `run-${d}`;
    await window.connect(name, d, tk);
    return window.run(name, c);
  }, [debate, token, commands]);
  const close = async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await server.stop();
  };
  return { server, errors, open, api, admin, tryToken, run, close };
}

const fragment = (url) => Object.fromEntries(new URLSearchParams(new URL(url).hash.slice(1)));
const connected = (page) => page.locator('[data-testid=status][data-status=live]').first().waitFor({ ...wait, state: 'attached' });
const openDebate = async (page, title) => {
  await page.getByTestId('debate').filter({ hasText: title }).getByTestId('open-debate').click();
  await page.getByTestId('debate-title').filter({ hasText: title }).waitFor(wait);
  await page.getByTestId('links').waitFor(wait);
};
const text = (page, testid) => page.getByTestId(testid).textContent(wait);

test('every link comes back after a reload, and each one works', { timeout: 240 * second }, async () => {
  const s = await session();
  try {
    const admin = await s.admin();
    await admin.getByTestId('title').fill('Cars in cities');
    await admin.getByTestId('motion').fill('This house would ban cars from city centres');
    await admin.getByTestId('format').selectOption('oxford');
    await admin.getByTestId('create').click();
    await admin.getByTestId('moderator-link').waitFor(wait);
    const focusAfterAdding = [];
    for (const [name, side, id] of [['Dr. Green', 'for', 'g1'], ['Mr. Motor', 'against', 'g2']]) {
      await admin.getByTestId('panelist-name').fill(name);
      await admin.getByTestId('panelist-side').selectOption(side);
      await admin.getByTestId('add-panelist').click();
      await admin.getByTestId(`panelist-link-${id}`).waitFor(wait);
      focusAfterAdding.push(await admin.evaluate(() => document.activeElement?.id));
    }
    const kinds = ['audience-link', 'moderator-link', 'stage-link', 'overlay-link', 'panelist-link-g1', 'panelist-link-g2'];
    const links = {};
    for (const k of kinds) links[k] = await text(admin, k);

    // A reload: the list comes back from the server, then the debate and all its links.
    await admin.reload();
    await openDebate(admin, 'Cars in cities');
    assert.equal(await admin.evaluate(() => document.activeElement?.id), 'debate-heading');
    for (const k of kinds) assert.equal(await text(admin, k), links[k], `${k} after the reload`);
    const debate = fragment(links['moderator-link']).debate;
    assert.match(links['moderator-link'], /\/moderator#debate=\w+&token=/);
    assert.match(links['stage-link'], /\/stage#debate=\w+&token=/);
    assert.match(links['overlay-link'], /\/overlay#debate=\w+&token=/);
    assert.match(links['panelist-link-g1'], /\/panelist#debate=\w+&token=/);
    // After adding a person the focus stayed in the form, ready for the next one.
    assert.deepEqual(focusAfterAdding, ['panelist-name', 'panelist-name']);
    await admin.getByTestId('debate').filter({ hasText: 'Cars in cities' }).getByTestId('state').filter({ hasText: 'Draft' }).waitFor(wait);
    await admin.getByTestId('debate').filter({ hasText: 'Cars in cities' }).getByTestId('format-word').filter({ hasText: 'Oxford-style debate' }).waitFor(wait);

    // Copy: the clipboard holds the link, and the status line says so.
    await admin.getByTestId('copy-stage').click();
    await admin.getByTestId('announce').filter({ hasText: 'copied' }).waitFor(wait);
    assert.equal(await admin.evaluate(() => navigator.clipboard.readText()), links['stage-link']);
    assert.equal(await admin.evaluate(() => document.activeElement?.dataset.testid), 'copy-stage');

    // Each link works: the moderator console and the stage connect, the overlay and both panelists
    // are welcomed.
    const moderator = await s.open(links['moderator-link']);
    const stage = await s.open(links['stage-link'], { viewport: { width: 1280, height: 720 } });
    await Promise.all([connected(moderator), connected(stage)]);
    for (const k of ['overlay-link', 'panelist-link-g1', 'panelist-link-g2']) {
      assert.equal(await s.tryToken(debate, fragment(links[k]).token), 'welcome', k);
    }
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test('a new stage link stops the old one only', { timeout: 240 * second }, async () => {
  const s = await session();
  try {
    const created = await s.api('POST', '/api/debates', { title: 'Rotation' });
    const admin = await s.admin();
    await openDebate(admin, 'Rotation');
    const oldStage = await text(admin, 'stage-link');
    const moderatorLink = await text(admin, 'moderator-link');
    const overlayLink = await text(admin, 'overlay-link');

    // The moderator console is open and records every state its connection badge takes.
    const moderator = await s.open(moderatorLink);
    await connected(moderator);
    await moderator.evaluate(() => {
      window.statuses = [];
      const read = () => document.querySelector('[data-testid=status]')?.dataset.status;
      new MutationObserver(() => window.statuses.push(read())).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });

    // Replacing asks first, says what happens to the old link, and can be cancelled.
    await admin.getByTestId('rotate-stage').click();
    await admin.getByTestId('confirm-rotate-stage').waitFor(wait);
    assert.equal(await admin.evaluate(() => document.activeElement?.dataset.testid), 'confirm-rotate-stage');
    assert.match(await admin.locator('#confirm-box-stage').textContent(), /stop working/);
    await admin.getByTestId('cancel-rotate-stage').click();
    await admin.getByTestId('confirm-rotate-stage').waitFor({ ...wait, state: 'detached' });
    assert.equal(await admin.evaluate(() => document.activeElement?.dataset.testid), 'rotate-stage');
    await admin.getByTestId('rotate-stage').click();
    const rotated = admin.waitForResponse((r) => r.url().endsWith('/links') && r.request().method() === 'POST', wait);
    await admin.getByTestId('confirm-rotate-stage').click();
    const response = await rotated;
    assert.equal(response.status(), 200);
    assert.deepEqual(response.request().postDataJSON(), { link: 'stage' });
    await admin.waitForFunction((old) => {
      const a = document.querySelector('[data-testid=stage-link]');
      return a && a.textContent !== old;
    }, oldStage, wait);
    await admin.getByTestId('announce').filter({ hasText: 'no longer works' }).waitFor(wait);
    assert.equal(await admin.evaluate(() => document.activeElement?.dataset.testid), 'rotate-stage');
    assert.equal(await text(admin, 'moderator-link'), moderatorLink);
    assert.equal(await text(admin, 'overlay-link'), overlayLink);
    const newStage = await text(admin, 'stage-link');

    // The old stage link is refused, the new one and the untouched links are welcomed.
    assert.match(await s.tryToken(created.id, fragment(oldStage).token), /unauthorized/);
    assert.equal(await s.tryToken(created.id, fragment(newStage).token), 'welcome');
    assert.equal(await s.tryToken(created.id, fragment(overlayLink).token), 'welcome');
    const overlay = await s.open(overlayLink, { viewport: { width: 1920, height: 1080 } });
    await connected(overlay);

    // The moderator console never left its connected state.
    assert.equal(await moderator.locator('[data-testid=status]').getAttribute('data-status'), 'live');
    const seen = await moderator.evaluate(() => window.statuses);
    assert.deepEqual(seen.filter((st) => st !== 'live'), [], `moderator statuses: ${seen.join(', ')}`);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test('the run of show is editable in draft and read-only once the show has started', { timeout: 240 * second }, async () => {
  const s = await session();
  try {
    const created = await s.api('POST', '/api/debates', { title: 'Run of show', format: 'talk_show' });
    const admin = await s.admin();
    await openDebate(admin, 'Run of show');
    const names = admin.getByTestId('segment-name');
    await names.first().waitFor(wait);
    const count = await names.count();
    assert.ok(count >= 2, 'the template has segments');

    // A mistake is shown next to its field, linked to it, and the field gets the focus.
    await names.nth(1).fill('');
    await admin.getByTestId('save-format').click();
    const invalidName = admin.locator('[data-testid=segment-name][aria-invalid=true]');
    await invalidName.waitFor(wait);
    const describedBy = await invalidName.getAttribute('aria-describedby');
    assert.ok(describedBy, 'the field names its error');
    assert.match(await admin.locator(`#${describedBy.split(' ').pop()}`).textContent(), /name/);
    assert.equal(await admin.evaluate(() => document.activeElement?.getAttribute('aria-invalid')), 'true');

    await names.nth(1).fill('Questions from the room');
    await names.first().fill('Welcome and rules');
    await admin.getByTestId('format-unsaved').waitFor(wait);
    await admin.getByTestId('save-format').click();
    await admin.getByTestId('announce').filter({ hasText: 'Run of show saved' }).waitFor(wait);
    assert.equal(await admin.evaluate(() => document.activeElement?.dataset.testid), 'save-format');
    const stored = await s.api('GET', `/api/debates/${created.id}`);
    assert.equal(stored.status, 'draft');
    assert.deepEqual(stored.segments.slice(0, 2).map((x) => x.name), ['Welcome and rules', 'Questions from the room']);
    assert.equal(stored.segments.length, count);

    // A change not saved yet, then the moderator starts the show. The page keeps the unsaved
    // change on screen; saving it is refused in words, and the editor turns read-only with the
    // saved names.
    await names.first().fill('Too late');
    await admin.getByTestId('format-unsaved').waitFor(wait);
    const replies = await s.run(created.id, created.tokens.moderator, [{ type: 'start_show' }]);
    assert.equal(replies[0].type, 'ack', JSON.stringify(replies));
    await admin.getByTestId('save-format').click();
    await admin.getByTestId('error').filter({ hasText: 'The show has already started.' }).waitFor(wait);
    await admin.getByTestId('format-locked').waitFor(wait);
    assert.equal(await admin.getByTestId('segment-name').count(), 0);
    assert.match(await admin.getByTestId('run-of-show').textContent(), /Welcome and rules/);
    assert.doesNotMatch(await admin.getByTestId('run-of-show').textContent(), /Too late/);
    assert.equal(await admin.evaluate(() => document.activeElement?.id), 'show-heading');

    // After a reload too, with the debate shown as live.
    await admin.reload();
    await openDebate(admin, 'Run of show');
    await admin.getByTestId('format-locked').waitFor(wait);
    assert.equal(await admin.getByTestId('segment-name').count(), 0);
    await admin.getByTestId('debate-detail').getByTestId('state').filter({ hasText: 'Live' }).waitFor(wait);
    assert.equal((await s.api('GET', `/api/debates/${created.id}`)).segments[0].name, 'Welcome and rules');
    // The one refused request (saving after the start) may be logged by the browser.
    const refused = /Failed to load resource: the server responded with a status of 4\d\d/;
    assert.ok(s.errors.filter((e) => refused.test(e)).length <= 1, s.errors.join('\n'));
    assert.deepEqual(s.errors.filter((e) => !refused.test(e)), []);
  } finally {
    await s.close();
  }
});

test('French and English organizers read their own language, never a code', { timeout: 240 * second }, async () => {
  const s = await session();
  try {
    const created = await s.api('POST', '/api/debates', { title: 'Cars in cities', format: 'oxford' });
    const check = async (page) => {
      await openDebate(page, 'Cars in cities');
      const body = await page.locator('body').innerText();
      assert.doesNotMatch(body, rawCodes);
      return body;
    };

    const fr = await s.admin({ locale: 'fr-FR' });
    assert.equal(await fr.evaluate(() => document.documentElement.lang), 'fr');
    await fr.getByRole('heading', { name: 'Nouveau débat' }).waitFor(wait);
    const frItem = fr.getByTestId('debate').filter({ hasText: 'Cars in cities' });
    await frItem.getByTestId('state').filter({ hasText: 'Brouillon' }).waitFor(wait);
    await frItem.getByTestId('format-word').filter({ hasText: 'Débat contradictoire (Oxford)' }).waitFor(wait);
    const frText = await check(fr);
    for (const words of ['Liens', 'Grand écran', 'Incrustation vidéo', 'Conducteur', 'Vote avant le débat', 'Dupliquer comme modèle']) {
      assert.ok(frText.includes(words), `French page shows "${words}"`);
    }
    // The template's segment names are in French in the editor; saved untouched, they stay the
    // template's (every page then names them in its own language).
    await fr.getByTestId('segment-name').first().waitFor(wait);
    const frNames = await fr.getByTestId('segment-name').evaluateAll((els) => els.map((e) => e.value));
    assert.deepEqual(frNames.slice(0, 2), ['Vote avant le débat', 'Déclarations d’ouverture']);
    const templateNames = (await s.api('GET', `/api/debates/${created.id}`)).segments.map((x) => x.name);
    await fr.getByTestId('save-format').click();
    await fr.getByTestId('announce').filter({ hasText: 'Conducteur enregistré' }).waitFor(wait);
    assert.deepEqual((await s.api('GET', `/api/debates/${created.id}`)).segments.map((x) => x.name), templateNames);
    assert.equal(templateNames[1], 'Opening statements');

    const en = await s.admin({ locale: 'en-US' });
    assert.equal(await en.evaluate(() => document.documentElement.lang), 'en');
    await en.getByRole('heading', { name: 'New debate' }).waitFor(wait);
    const enItem = en.getByTestId('debate').filter({ hasText: 'Cars in cities' });
    await enItem.getByTestId('state').filter({ hasText: 'Draft' }).waitFor(wait);
    await enItem.getByTestId('format-word').filter({ hasText: 'Oxford-style debate' }).waitFor(wait);
    const enText = await check(en);
    for (const words of ['Links', 'Stage screen', 'Video overlay', 'Run of show', 'Vote before the debate', 'Duplicate as a template']) {
      assert.ok(enText.includes(words), `English page shows "${words}"`);
    }

    // Switching language changes every word without a reload, keeps the focus, and is remembered.
    await en.evaluate(() => { window.sameDocument = true; });
    await en.getByTestId('language').focus();
    await en.getByTestId('language').selectOption('fr');
    await en.getByRole('heading', { name: 'Nouveau débat' }).waitFor(wait);
    await en.getByTestId('debate-detail').getByText('Conducteur', { exact: true }).waitFor(wait);
    assert.equal(await en.evaluate(() => window.sameDocument), true);
    assert.equal(await en.evaluate(() => document.activeElement?.dataset.testid), 'language');
    assert.equal(await en.evaluate(() => document.documentElement.lang), 'fr');
    // Once the show has started, the run of show is read-only, the template's names in French.
    const started = await s.run(created.id, created.tokens.moderator, [{ type: 'start_show' }]);
    assert.equal(started[0].type, 'ack', JSON.stringify(started));
    await en.reload();
    await en.getByRole('heading', { name: 'Nouveau débat' }).waitFor(wait);
    await en.getByTestId('run-of-show').filter({ hasText: 'Déclarations d’ouverture' }).waitFor(wait);
    assert.doesNotMatch(await en.getByTestId('run-of-show').innerText(), /Opening statements/);
    assert.doesNotMatch(await en.locator('body').innerText(), rawCodes);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test('a debate duplicated as a template keeps its run of show and settings', { timeout: 240 * second }, async () => {
  const s = await session();
  try {
    const source = await s.api('POST', '/api/debates', { title: 'Season opener', format: 'oxford' });
    const admin = await s.admin();
    await openDebate(admin, 'Season opener');
    await admin.getByTestId('segment-name').nth(2).fill('Crossfire');
    const rows = admin.getByTestId('segment-row');
    const before = await rows.count();
    await rows.nth(before - 2).getByRole('button', { name: /^Remove/ }).click();
    await admin.waitForFunction((n) => document.querySelectorAll('[data-testid=segment-row]').length === n, before - 1, wait);
    // The focus moves to the next segment's button, not to the page.
    assert.match(await admin.evaluate(() => document.activeElement?.id || ''), /^seg-\d+-remove$/);
    await admin.getByTestId('save-format').click();
    await admin.getByTestId('announce').filter({ hasText: 'Run of show saved' }).waitFor(wait);

    // A wrong logo address is refused next to its field; a right one is kept.
    await admin.getByTestId('logo').fill('http://insecure.example.com/logo.png');
    await admin.getByTestId('save-settings').click();
    await admin.locator('#logo[aria-invalid=true]').waitFor(wait);
    assert.match(await admin.getByTestId('logo').getAttribute('aria-describedby'), /logo-error/);
    await admin.getByTestId('logo-error').filter({ hasText: 'https://' }).waitFor(wait);
    assert.equal(await admin.evaluate(() => document.activeElement?.id), 'logo');
    await admin.getByTestId('accent-on').check();
    await admin.getByTestId('accent').fill('#aa3300');
    await admin.getByTestId('logo').fill('https://example.com/logo.png');
    await admin.getByTestId('stream').fill('https://www.youtube.com/watch?v=dQw4w9WgXcQ');
    await admin.getByTestId('embed-origins').fill('https://www.example.com\nhttps://news.example.org:8443');
    await admin.getByTestId('save-settings').click();
    await admin.getByTestId('announce').filter({ hasText: 'Settings saved' }).waitFor(wait);
    await admin.getByTestId('stream-kind').filter({ hasText: 'YouTube' }).waitFor(wait);
    const original = await s.api('GET', `/api/debates/${source.id}`);
    assert.equal(original.brand?.accent, '#aa3300');
    assert.equal(original.brand?.logo, 'https://example.com/logo.png');
    assert.equal(original.stream?.kind, 'youtube');
    assert.deepEqual(original.embed_origins, ['https://www.example.com', 'https://news.example.org:8443']);

    // Duplicate: a new debate, opened at once, first in the list, with the same run of show.
    await admin.getByTestId('duplicate-title').fill('Season opener, second night');
    await admin.getByTestId('duplicate').click();
    await admin.getByTestId('debate-title').filter({ hasText: 'second night' }).waitFor(wait);
    await admin.getByTestId('segment-name').first().waitFor(wait);
    assert.match(await admin.getByTestId('debate').first().textContent(), /second night/);
    const copyId = await admin.getByTestId('debate-detail').getAttribute('data-debate');
    assert.notEqual(copyId, source.id);
    const copy = await s.api('GET', `/api/debates/${copyId}`);
    const shape = (segments) => segments.map(({ name, kind, minutes, speaker_seconds: turn, speakers, audience }) => ({ name, kind, minutes, turn, speakers, audience }));
    assert.deepEqual(shape(copy.segments), shape(original.segments));
    assert.equal(copy.segments[2].name, 'Crossfire');
    assert.equal(copy.format, original.format);
    assert.deepEqual(copy.brand, original.brand);
    assert.deepEqual(copy.stream, original.stream);
    assert.deepEqual(copy.embed_origins, original.embed_origins);
    assert.equal(copy.status, 'draft');
    const shown = await admin.getByTestId('segment-name').evaluateAll((els) => els.map((e) => e.value));
    assert.deepEqual(shown, original.segments.map((x) => x.name));
    assert.equal(await admin.getByTestId('logo').inputValue(), 'https://example.com/logo.png');

    // Nothing lost on a reload: the copy's settings come back from the server.
    await admin.reload();
    await openDebate(admin, 'second night');
    assert.equal(await admin.getByTestId('logo').inputValue(), 'https://example.com/logo.png');
    assert.equal(await admin.getByTestId('accent').inputValue(), '#aa3300');
    assert.equal(await admin.getByTestId('embed-origins').inputValue(), 'https://www.example.com\nhttps://news.example.org:8443');
    // The one refused request (the insecure logo) may be logged by the browser.
    const refused = /Failed to load resource: the server responded with a status of 400/;
    assert.ok(s.errors.filter((e) => refused.test(e)).length <= 1, s.errors.join('\n'));
    assert.deepEqual(s.errors.filter((e) => !refused.test(e)), []);
  } finally {
    await s.close();
  }
});

test('axe-core finds no WCAG A or AA violation in French and English, empty, busy and ended (and signed out, and dark)', { timeout: 240 * second }, async () => {
  const s = await session();
  const failures = [];
  const audit = async (page, label) => {
    const violations = await axeViolations(page);
    if (violations.length > 0) failures.push(`${label}:\n${describeViolations(violations)}`);
  };
  try {
    const pages = {};
    const signedOut = await s.open(`${s.server.base}/admin`, { locale: 'fr-FR' });
    await signedOut.getByTestId('signin').waitFor(wait);
    await audit(signedOut, 'fr signed out');
    for (const [lang, locale] of [['fr', 'fr-FR'], ['en', 'en-US']]) {
      pages[lang] = await s.admin({ locale });
      await pages[lang].getByTestId('no-debates').waitFor(wait);
      await audit(pages[lang], `${lang} empty`);
    }

    // Busy: a debate with a panel, a brand and a stream; ended: a show that has run.
    const busy = await s.api('POST', '/api/debates', { title: 'Busy night', motion: 'This house would ban cars', format: 'oxford' });
    for (const [name, side] of [['Dr. Green', 'for'], ['Mr. Motor', 'against']]) {
      await s.api('POST', `/api/debates/${busy.id}/panelists`, { name, role: 'guest', side });
    }
    await s.api('PUT', `/api/debates/${busy.id}/settings`, { accent: '#aa3300', logo: 'https://example.com/logo.png', stream: 'https://www.youtube.com/embed/dQw4w9WgXcQ', embed_origins: ['https://www.example.com'] });
    const ended = await s.api('POST', '/api/debates', { title: 'Last season', format: 'talk_show' });
    const replies = await s.run(ended.id, ended.tokens.moderator, [{ type: 'start_show' }, { type: 'end_show' }]);
    assert.deepEqual(replies.map((r) => r.type), ['ack', 'ack'], JSON.stringify(replies));

    for (const lang of ['fr', 'en']) {
      const page = pages[lang];
      await page.reload();
      await openDebate(page, 'Busy night');
      await page.getByTestId('panelist-link-g2').waitFor(wait);
      await audit(page, `${lang} busy`);
      await openDebate(page, 'Last season');
      await page.getByTestId('format-locked').waitFor(wait);
      await audit(page, `${lang} ended`);
    }
    const dark = await s.admin({ colorScheme: 'dark' });
    await openDebate(dark, 'Busy night');
    await audit(dark, 'en busy, dark');
    assert.deepEqual(failures, [], `axe-core found violations:\n${failures.join('\n')}`);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test('the organizer saves the questions and the moderation log as CSV files, formulas neutralised', { timeout: 240 * second }, async () => {
  const s = await session();
  try {
    const created = await s.api('POST', '/api/debates', { title: 'Exports' });
    const joined = await s.api('POST', `/api/debates/${created.id}/participants`, { name: 'Ann' });
    const replies = await s.run(created.id, joined.token, [{ type: 'ask', text: '=1+1, vraiment ?' }]);
    assert.equal(replies[0].type, 'ack', JSON.stringify(replies));
    const admin = await s.admin();
    await openDebate(admin, 'Exports');
    const [download] = await Promise.all([admin.waitForEvent('download', wait), admin.getByTestId('export-questions').click()]);
    assert.equal(download.suggestedFilename(), `${created.id}-questions.csv`);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.split('\r\n');
    assert.match(lines[0], /^id,asked_at,author,anonymous,/);
    assert.match(lines[1], /^q1,.*,Ann,no,.*,pending,0,no,"'=1\+1, vraiment \?",$/);
    await admin.getByTestId('announce').filter({ hasText: `${created.id}-questions.csv` }).waitFor(wait);
    const [log] = await Promise.all([admin.waitForEvent('download', wait), admin.getByTestId('export-moderation').click()]);
    assert.equal((await readFile(await log.path(), 'utf8')).split('\r\n')[0], 'seq,at,action,question,argument,participant,reason');
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});
