// Regenerates the screenshots under docs/screenshots/: the stage and the overlay at 1920×1080 and
// the audience page on a phone (390×844), each in French and English and in the light and dark
// themes, twelve PNG files named <page>-<lang>-<theme>.png.
//
// It starts the real server (TRIBUNE_BIN, else build/dev/tribune) on a temporary database and
// Debian's Chromium, through the browser tests' helpers, and puts one show in a busy,
// representative state before opening any screen: an Oxford debate (its title and motion in
// French for both languages, since they are the debate's own data), two panelists, one for and
// one against, the first at the floor, an audience question on air, an open poll with its first
// ballots shown, and a few reactions. Every screenshot waits for the elements that show that state;
// nothing waits a fixed time. The server and the browser are stopped whatever happens.
import { mkdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, launchBrowser, installDriver, callApi } from '../tests/browser/support.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs/screenshots');
const wait = { timeout: 30000 };
const languages = [{ lang: 'fr', locale: 'fr-FR' }, { lang: 'en', locale: 'en-US' }];
const themes = ['light', 'dark'];
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

function check(res, what) {
  if (res.status !== 201) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.data)}`);
  return res.data;
}

// A page's link with its query set (the stage's theme and every page's language); the tokens stay
// in the fragment.
function withQuery(link, query) {
  const url = new URL(link);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return url.href;
}

// The debate and its show, driven by REST and then over WebSocket from a page on the server's
// origin (the commands are those of docs/protocol.md). Returns the created debate.
async function stageShow(server, browser) {
  const debate = check(await callApi(server, 'POST', '/api/debates', {
    title: 'Grand débat citoyen : la ville sans voitures',
    motion: 'Cette assemblée interdirait les voitures dans les centres-villes.',
    format: 'oxford',
  }), 'create the debate');
  const { id, tokens } = debate;
  const panelist = async (name, side) => check(await callApi(server, 'POST', `/api/debates/${id}/panelists`,
    { name, role: 'panelist', side }), `panelist ${name}`);
  const pro = await panelist('Marie Lefèvre', 'for');
  const con = await panelist('Karim Benali', 'against');
  const people = [];
  for (const name of ['Inès', 'Thomas', 'Chloé', 'Malik', 'Sophie']) {
    people.push(check(await callApi(server, 'POST', `/api/debates/${id}/participants`, { name }), `participant ${name}`));
  }

  const driver = await (await browser.newContext()).newPage();
  await driver.goto(`${server.base}/`);
  await installDriver(driver);
  const connect = (name, token) => driver.evaluate(([n, d, t]) => window.connect(n, d, t), [name, id, token]);
  const run = async (name, commands) => {
    const replies = await driver.evaluate(([n, c]) => window.run(n, c), [name, commands]);
    replies.forEach((r, i) => {
      if (r.type !== 'ack') throw new Error(`${name} ${JSON.stringify(commands[i])} -> ${JSON.stringify(r)}`);
    });
    return replies;
  };
  await connect('mod', tokens.moderator);
  await connect('pro', pro.token);
  await connect('con', con.token);
  for (const [i, p] of people.entries()) await connect(`p${i}`, p.token);

  // The opening statements, the side for at the floor, the side against with a hand raised.
  await run('mod', [{ type: 'start_show' }, { type: 'advance' }, { type: 'grant_floor', speaker: pro.panelist, seconds: 300 }]);
  await run('con', [{ type: 'raise_hand', lane: 'direct_reply' }]);

  // An audience question, approved and on air.
  const [asked] = await run('p0', [{ type: 'ask', text: 'Qui paiera les navettes et les parkings relais promis depuis dix ans ?', anonymous: false }]);
  await run('mod', [{ type: 'approve', question: asked.result.question }, { type: 'put_on_air', question: asked.result.question }]);

  // An open poll with some ballots, its results shown as they come.
  const [made] = await run('mod', [{ type: 'create_poll', kind: 'single', question: 'Comment venez-vous en centre-ville ?',
    options: ['À pied ou à vélo', 'En transports en commun', 'En voiture'] }]);
  const poll = made.result.poll;
  await run('mod', [{ type: 'open_poll', poll }]);
  for (const [i, choice] of [0, 1, 0, 2].entries()) await run(`p${i}`, [{ type: 'vote', poll, choice }]);
  await run('mod', [{ type: 'reveal_poll', poll }]);

  // A few reactions.
  for (const [i, kind] of ['applause', 'agree', 'applause', 'disagree', 'laugh'].entries()) await run(`p${i}`, [{ type: 'react', kind }]);
  return debate;
}

// What every screen must show before its picture is taken.
async function waitForShow(page) {
  await page.locator('[data-testid=status][data-status=live]').waitFor(wait);
  await page.getByTestId('on-air-question').waitFor(wait);
  await page.getByTestId('speaker-name').waitFor(wait);
  await page.getByTestId('poll-line').nth(2).waitFor(wait);
  await page.waitForFunction(() => [...document.images].every((img) => img.complete), null, wait);
}

async function main() {
  mkdirSync(out, { recursive: true });
  const server = await startServer();
  let browser = null;
  try {
    browser = await launchBrowser();
    const debate = await stageShow(server, browser);
    const shoot = async (name, options, open) => {
      const context = await browser.newContext(options);
      try {
        const page = await context.newPage();
        await open(page);
        const path = join(out, `${name}.png`);
        await page.screenshot({ path, omitBackground: name.startsWith('overlay') });
        console.log(`wrote ${path}`);
      } finally {
        await context.close();
      }
    };
    for (const { lang, locale } of languages) {
      for (const theme of themes) {
        const options = { locale, colorScheme: theme };
        const screen = { ...options, viewport: { width: 1920, height: 1080 } };

        // The stage is dark unless its address asks for light.
        await shoot(`stage-${lang}-${theme}`, screen, async (page) => {
          await page.goto(withQuery(debate.links.stage, theme === 'light' ? { lang, theme } : { lang }));
          await waitForShow(page);
          await page.locator('[data-testid=meter-applause]').filter({ hasText: /[1-9]/ }).waitFor(wait);
        });

        // The overlay draws nothing outside its panels: its transparency shows in the PNG.
        await shoot(`overlay-${lang}-${theme}`, screen, async (page) => {
          await page.goto(withQuery(debate.links.overlay, { lang }));
          await waitForShow(page);
        });

        // A phone joins under a name of its own, then shows the current moment and the poll.
        await shoot(`audience-${lang}-${theme}`, { ...options, ...phone }, async (page) => {
          await page.goto(`${server.base}/a/${debate.code}`);
          await page.getByTestId('name').fill(lang === 'fr' ? 'Camille' : 'Alex');
          await page.getByTestId('join').click();
          await page.locator('[data-testid=status][data-status=live]').waitFor(wait);
          await page.getByTestId('now').getByTestId('on-air').waitFor(wait);
          await page.getByTestId('now').getByTestId('speaker').waitFor(wait);
          await page.getByTestId('polls').waitFor(wait);
        });
      }
    }
  } finally {
    if (browser) await browser.close();
    await server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
