// User text is data on every page: classic XSS payloads go into every field a person can fill (names,
// questions, reasons, arguments and their source links, polls, word-cloud entries, panelist names,
// the debate's title, motion and description, segment names), some through the real forms and most
// over the WebSocket and REST API. The audience, moderator, stage and admin pages must then show each
// one literally, fire no dialog, run nothing and grow no injected element.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, installDriver, phone, watchErrors } from './support.mjs';

const second = 1000;

// Each payload would create an element marked data-xss (or id/tag xss), set window.__xss or open a
// dialog, were it ever parsed as markup or run as code.
const payloads = [
  '<script>window.__xss=1</script>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1) data-xss>',
  '<img src=x onerror="window.__xss=1" data-xss>',
  '<svg onload=alert(1) data-xss>',
  '"><svg/onload=alert(1) data-xss>',
  '\'><img src=x onerror=alert(1) data-xss>',
  '"><script>alert(1)</script>',
  '</textarea><script>alert(1)</script>',
  '</title><script>alert(1)</script>',
  '</script><script>alert(1)</script>',
  'javascript:alert(1)',
  '<a href="javascript:alert(1)" data-xss>click</a>',
  '<a data-xss href="&#106;avascript:alert(1)">x</a>',
  '<a data-xss href="jav&#x09;ascript:alert(1)">x</a>',
  '<iframe src="javascript:alert(1)" data-xss></iframe>',
  '<iframe srcdoc="<script>parent.__xss=1</script>" data-xss>',
  '<body onload=alert(1) data-xss>',
  '<input autofocus onfocus=alert(1) data-xss>',
  '<select autofocus onfocus=alert(1) data-xss>',
  '<textarea autofocus onfocus=alert(1) data-xss>',
  '<details open ontoggle=alert(1) data-xss>',
  '<video><source onerror=alert(1) data-xss></video>',
  '<audio src=x onerror=alert(1) data-xss>',
  '<marquee onstart=alert(1) data-xss>',
  '<object data="javascript:alert(1)" data-xss>',
  '<embed src="javascript:alert(1)" data-xss>',
  '<form action="javascript:alert(1)" data-xss><button>go</button></form>',
  '<div style="background:url(javascript:alert(1))" data-xss>',
  '<style>@import "javascript:alert(1)";</style><b data-xss>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1) data-xss>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s data-xss>',
  '<svg><a xlink:href="javascript:alert(1)" data-xss><text>x</text></a></svg>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<<SCRIPT>alert("XSS");//<</SCRIPT>',
  '<IMG SRC=JaVaScRiPt:alert(1) data-xss>',
  '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
  '<img src=x onerror=&#x61;&#x6C;&#x65;&#x72;&#x74;(1) data-xss>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#60;img src=x onerror=alert(1) data-xss&#62;',
  '\\u003cimg src=x onerror=alert(1) data-xss\\u003e',
  '%3Cscript%3Ealert(1)%3C/script%3E',
  '${alert(1)}',
  '`${window.__xss=1}`',
  '{{constructor.constructor(\'alert(1)\')()}}',
  '" onmouseover="alert(1)" data-xss="',
  '\' onfocus=\'alert(1)\' autofocus data-xss=\'',
  '"-alert(1)-"',
  '\';alert(1);//',
  '<!--<img src="--><img src=x onerror=alert(1) data-xss//">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1) data-xss>">',
  '<table><td background="javascript:alert(1)" data-xss>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)" data-xss>',
  '<base href="javascript:alert(1)//" data-xss>',
  '<link rel=stylesheet href="javascript:alert(1)" data-xss>',
  '<xss id=xss onclick=alert(1)>x</xss>',
  '<x contenteditable onblur=alert(1) data-xss>lose focus',
  '<img src=1 href=1 onerror="javascript:alert(1)" data-xss>',
  '<b data-xss>bold</b> & <i>italic</i>',
  '<img src=x:alert(1) onerror=eval(src) data-xss>',
];

// Fields of at most 40 characters (names, word-cloud entries).
const short = payloads.filter((p) => p.length <= 40);
// Word-cloud entries are folded (case, accents, spaces): these come back unchanged.
const words = short.filter((p) => p === p.toLowerCase() && !p.includes('  ')).slice(0, 6);

const hostile = (p) => p.length <= 80;

test('no payload in any user field ever runs or injects markup', { timeout: 120 * second }, async () => {
  assert.ok(payloads.length >= 50, `${payloads.length} payloads`);
  assert.equal(new Set(payloads).size, payloads.length, 'payloads are unique');
  assert.ok(short.length >= 16, `${short.length} short payloads`);
  assert.ok(words.length >= 4, `${words.length} word-cloud payloads`);

  const started = Date.now();
  const server = await startServer();
  const browser = await launchBrowser();
  const errors = [];
  const dialogs = [];
  const pages = [];
  const open = async (url, options = {}) => {
    const page = await (await browser.newContext(options)).newPage();
    watchErrors(page, errors);
    page.on('dialog', (d) => { dialogs.push(`${page.url()}: ${d.type()} ${d.message()}`); d.dismiss().catch(() => {}); });
    pages.push(page);
    await page.goto(url);
    return page;
  };
  const live = (page) => page.getByTestId('status').filter({ hasText: 'Live' }).waitFor();
  const api = async (method, path, body, token = server.adminToken) => {
    const res = await fetch(`${server.base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await res.json().catch(() => null);
    return { status: res.status, data };
  };

  try {
    // The organizer creates the debate through the real form: title, motion and description.
    const title = payloads[0];
    const motion = payloads[2];
    const description = payloads.join(' | ').slice(0, 5000).trim();
    const admin = await open(`${server.base}/admin#token=${server.adminToken}`);
    await admin.getByTestId('title').fill(title);
    await admin.getByTestId('motion').fill(motion);
    await admin.locator('#description').fill(description);
    await admin.getByTestId('create').click();
    const moderatorLink = await admin.getByTestId('moderator-link').textContent();
    const stageLink = await admin.getByTestId('stage-link').textContent();
    const audienceLink = await admin.getByTestId('audience-link').textContent();
    const debate = new URLSearchParams(new URL(moderatorLink).hash.slice(1)).get('debate');
    const moderatorToken = new URLSearchParams(new URL(moderatorLink).hash.slice(1)).get('token');
    const stored = await api('GET', `/api/debates/${debate}`);
    assert.equal(stored.data.title, title);
    assert.equal(stored.data.motion, motion);
    assert.equal(stored.data.description, description);

    // A panelist through the admin form, another through the API; segment names through the API.
    const formPanelist = short[1];
    await admin.getByTestId('panelist-name').fill(formPanelist);
    await admin.getByTestId('panelist-side').selectOption('for');
    await admin.getByTestId('add-panelist').click();
    await admin.locator('a', { hasText: '/panelist#' }).first().waitFor();
    const apiPanelist = short[2];
    const added = await api('POST', `/api/debates/${debate}/panelists`, { name: apiPanelist, role: 'guest', side: 'against' });
    assert.equal(added.status, 201, JSON.stringify(added.data));
    const segments = payloads.filter(hostile).slice(0, 30);
    const speakers = ['host', 'guest', 'panelist', 'for', 'against'];
    const format = await api('PUT', `/api/debates/${debate}/format`, {
      format: 'custom',
      segments: segments.map((name) => ({ name, kind: 'conversation', minutes: 10, speakers, audience: ['questions', 'arguments', 'vote'] })),
    });
    assert.equal(format.status, 200, JSON.stringify(format.data));

    // A driver page on the server's origin runs the WebSocket clients that send most payloads.
    const driver = await open(`${server.base}/`);
    await installDriver(driver);
    const connect = (name, token) => driver.evaluate(([n, t, d]) => window.connect(n, d, t), [name, token, debate]);
    const run = async (name, commands) => {
      const replies = await driver.evaluate(([n, c]) => window.run(n, c), [name, commands]);
      for (let i = 0; i < replies.length; i++) {
        assert.equal(replies[i].type, 'ack', `${name} ${JSON.stringify(commands[i])} -> ${JSON.stringify(replies[i])}`);
      }
      return replies;
    };
    await connect('moderator', moderatorToken);

    // One phone through the real pages: its name, a question and an argument go through the forms.
    const phonePage = await open(audienceLink, phone);
    const phoneName = short[3];
    await phonePage.getByTestId('name').fill(phoneName);
    await phonePage.getByTestId('join').click();
    await live(phonePage);
    const formQuestion = `${payloads[3]} (through the form)`;
    await phonePage.getByTestId('question-input').fill(formQuestion);
    await phonePage.getByTestId('ask').click();
    await phonePage.getByTestId('my-question').filter({ hasText: formQuestion }).waitFor();
    const formArgument = payloads[5];
    const formSource = 'https://example.com/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E';
    await phonePage.locator('summary', { hasText: 'Add an argument' }).click();
    await phonePage.locator('#argument-text').fill(formArgument);
    await phonePage.locator('#argument-source').fill('javascript:alert(1)');
    await phonePage.locator('#argue button[type=submit]').click();
    await phonePage.getByTestId('error').filter({ hasText: /\S/ }).waitFor();
    await phonePage.locator('#argument-source').fill(formSource);
    await phonePage.locator('#argue button[type=submit]').click();
    await phonePage.waitForFunction(() => document.getElementById('argument-text').value === '');

    // Audience members named with payloads ask every payload, five questions each at most.
    const people = [];
    for (let i = 0; i < Math.ceil(payloads.length / 5); i++) {
      const name = short[(i + 4) % short.length];
      const joined = await api('POST', `/api/debates/${debate}/participants`, { name });
      assert.equal(joined.status, 201, JSON.stringify(joined.data));
      assert.equal(joined.data.name, name);
      await connect(`p${i}`, joined.data.token);
      people.push({ key: `p${i}`, ...joined.data });
    }
    const asked = new Map(); // text -> question id
    for (let i = 0; i < people.length; i++) {
      const mine = payloads.slice(i * 5, i * 5 + 5);
      const replies = await run(people[i].key, mine.map((text, k) => ({ type: 'ask', text, anonymous: k === 4 })));
      mine.forEach((text, k) => asked.set(text, replies[k].result.question));
    }
    // Most are approved; ten are dismissed with payload reasons.
    const dismissed = payloads.slice(0, 10);
    const reasons = payloads.slice(10, 20);
    await run('moderator', [
      ...payloads.filter((p) => !dismissed.includes(p)).map((p) => ({ type: 'approve', question: asked.get(p) })),
      ...dismissed.map((p, i) => ({ type: 'dismiss', question: asked.get(p), reason: reasons[i] })),
    ]);
    // The form question of the phone is dismissed through the moderator page's real form, below.

    // Arguments: audience ones await approval, panelist ones publish at once; sources stay http(s).
    const sources = [
      'https://example.com/?q=javascript:alert(1)',
      'http://example.com/#%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
      'https://example.com/a?b=%22onmouseover%3Dalert(1)',
    ];
    const argumentTexts = payloads.slice(20, 32);
    const argued = await run(people[0].key, argumentTexts.slice(0, 4).map((text, i) => ({ type: 'post_argument', text, stance: i % 2 ? 'against' : 'for', source: sources[i % sources.length] })));
    const argued2 = await run(people[1].key, argumentTexts.slice(4, 8).map((text, i) => ({ type: 'post_argument', text, stance: i % 2 ? 'for' : 'against' })));
    for (const source of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>',
      'https://example.com/"onmouseover="alert(1)', 'vbscript:msgbox(1)', '//evil.example/x', 'https://example.com/<script>']) {
      const [reply] = await driver.evaluate(([n, c]) => window.run(n, c), [people[2].key, [{ type: 'post_argument', text: 'Link', stance: 'for', source }]]);
      assert.equal(reply.code, 'invalid_field', `${source} -> ${JSON.stringify(reply)}`);
    }
    const panelistToken = added.data.token;
    await connect('panelist', panelistToken);
    const published = await run('panelist', argumentTexts.slice(8, 12).map((text, i) => ({ type: 'post_argument', text, stance: 'against', source: sources[i % sources.length] })));
    const argumentDismissReason = payloads[32];
    await run('moderator', [
      ...argued.slice(0, 3).map((a) => ({ type: 'approve_argument', argument: a.result.argument })),
      { type: 'dismiss_argument', argument: argued[3].result.argument, reason: argumentDismissReason },
      ...argued2.map((a) => ({ type: 'approve_argument', argument: a.result.argument })),
      { type: 'approve_argument', argument: 'a1' }, // the phone's, the first argument of the debate
    ]);
    const shownArguments = [...argumentTexts.slice(0, 3), ...argumentTexts.slice(4, 12), formArgument];

    // A word cloud filled with payload words, then revealed; then a single-choice poll left open.
    const cloudQuestion = payloads[33];
    const [cloud] = await run('moderator', [{ type: 'create_poll', kind: 'word_cloud', question: cloudQuestion }]);
    await run('moderator', [{ type: 'open_poll', poll: cloud.result.poll }]);
    for (let i = 0; i < words.length; i++) await run(people[i % people.length].key, [{ type: 'vote', poll: cloud.result.poll, choice: words[i] }]);
    await run('moderator', [{ type: 'close_poll', poll: cloud.result.poll }, { type: 'reveal_poll', poll: cloud.result.poll }]);
    const pollQuestion = payloads[34];
    const options = payloads.slice(35, 45).filter((p) => p.length <= 100).slice(0, 10);
    const [poll] = await run('moderator', [{ type: 'create_poll', kind: 'single', question: pollQuestion, options }]);
    // Revealed while open, so its options label the result bars on every screen.
    await run('moderator', [{ type: 'open_poll', poll: poll.result.poll }, { type: 'reveal_poll', poll: poll.result.poll }]);

    // Mute one, ban one with a payload reason: both appear in the public log by name.
    const banReason = payloads[45];
    await run('moderator', [
      { type: 'mute', participant: people[2].participant, muted: true },
      { type: 'ban', participant: people[3].participant, reason: banReason },
    ]);

    // The moderator page dismisses the phone's question and creates a poll through its real forms.
    const moderator = await open(moderatorLink);
    await live(moderator);
    const phonePending = moderator.getByTestId('pending-question').filter({ hasText: formQuestion });
    await phonePending.getByTestId('dismiss').click();
    const formReason = payloads[46];
    await phonePending.getByTestId('dismiss-reason').fill(formReason);
    await phonePending.getByTestId('dismiss-confirm').click();
    await moderator.getByTestId('pending-question').filter({ hasText: formQuestion }).waitFor({ state: 'detached' });
    const formPoll = payloads[47];
    const formOptions = [payloads[48], payloads[49]];
    await moderator.locator('#poll-form summary').click();
    await moderator.getByLabel('Poll question').fill(formPoll);
    await moderator.getByLabel('Options, one per line').fill(formOptions.join('\n'));
    await moderator.locator('#poll-form button[type=submit]').click();
    await moderator.getByTestId('poll').filter({ hasText: formPoll }).waitFor();

    // The show: segment one is on, a payload-named panelist has the floor, a question and an
    // argument are on air.
    const onAirQuestion = payloads[20];
    const featured = argumentTexts[8];
    await run('moderator', [
      { type: 'start_show' },
      { type: 'set_on_stage', panelist: added.data.panelist, on: true },
      { type: 'grant_floor', speaker: added.data.panelist, seconds: 600 },
      { type: 'put_on_air', question: asked.get(onAirQuestion) },
      { type: 'feature_argument', argument: published[0].result.argument },
    ]);
    const stage = await open(stageLink, { viewport: { width: 1920, height: 1080 } });
    await live(stage);
    await stage.getByTestId('on-air-question').waitFor();
    await stage.getByTestId('speaker-name').waitFor();
    await phonePage.getByTestId('question').nth(payloads.length - dismissed.length - 1).waitFor();
    await moderator.getByTestId('log-entry').nth(0).waitFor();

    // What each page must show, literally.
    const approved = payloads.filter((p) => !dismissed.includes(p));
    const logTexts = [...dismissed.map((p) => `“${p}”`), `“${formQuestion}”`, `“${argumentTexts[3]}”`, ...reasons.map((r) => `Reason: ${r}`), `Reason: ${argumentDismissReason}`,
      `Reason: ${banReason}`, `Reason: ${formReason}`, people[2].name, people[3].name];
    const expected = {
      audience: {
        questions: approved,
        texts: [title, motion, segments[0], apiPanelist, pollQuestion, ...options, cloudQuestion, ...words.map((w) => `${w} ×1`),
          ...logTexts, ...shownArguments],
      },
      moderator: {
        questions: approved,
        texts: [title, ...segments, formPanelist, apiPanelist, phoneName, ...people.map((p) => p.name), pollQuestion, ...options,
          cloudQuestion, formPoll, ...formOptions, ...logTexts, ...shownArguments, ...argumentTexts.slice(3, 4)],
      },
      stage: { texts: [title, motion, segments[0], onAirQuestion, featured, apiPanelist, pollQuestion, ...options] },
      admin: { texts: [title, formPanelist] },
    };
    const inspect = (page) => page.evaluate(() => ({
      flag: window.__xss,
      markers: document.querySelectorAll('[data-xss], #xss, xss, iframe, object, embed, base, body script:not([src]), [onerror], [onload], [onfocus], [onclick], [onmouseover]').length,
      scripts: [...document.scripts].map((s) => s.src),
      text: document.body.textContent,
      questions: [...document.querySelectorAll('[data-testid=question-text]')].map((e) => e.textContent),
      argumentTexts: [...document.querySelectorAll('[data-testid=argument-text]')].map((e) => e.textContent),
      hrefs: [...document.querySelectorAll('[href], [src], [action], [formaction], [xlink\\:href]')]
        .map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action') ?? e.getAttribute('formaction') ?? ''),
    }));
    for (const [name, page] of [['audience', phonePage], ['moderator', moderator], ['stage', stage], ['admin', admin]]) {
      const seen = await inspect(page);
      assert.equal(seen.flag, undefined, `${name}: window.__xss was set`);
      assert.equal(seen.markers, 0, `${name}: injected elements`);
      assert.ok(seen.scripts.every((src) => new URL(src).origin === server.base), `${name}: foreign script ${seen.scripts}`);
      for (const link of seen.hrefs) {
        const url = new URL(link, server.base);
        assert.ok(['http:', 'https:', 'data:'].includes(url.protocol) || link === '', `${name}: link ${link}`);
        assert.doesNotMatch(link, /^\s*(javascript|vbscript):/i, `${name}: link ${link}`);
      }
      for (const text of expected[name].texts) assert.ok(seen.text.includes(text), `${name} does not show literally: ${text}`);
      if (expected[name].questions) {
        assert.deepEqual(seen.questions.slice().sort(), expected[name].questions.slice().sort(), `${name}: question texts`);
      }
      for (const text of seen.argumentTexts) assert.ok(payloads.includes(text), `${name}: argument text altered: ${text}`);
    }
    // Argument source links are the http(s) links given, nothing else.
    const sourceLinks = await phonePage.evaluate(() => [...document.querySelectorAll('[data-testid=argument] a')].map((a) => a.href));
    assert.ok(sourceLinks.length >= 3, `${sourceLinks.length} source links`);
    for (const href of sourceLinks) assert.ok(href.startsWith('https://example.com/') || href.startsWith('http://example.com/'), href);

    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors, []);
    console.log(`xss: ${payloads.length} payloads checked in ${Date.now() - started} ms`);
  } finally {
    for (const page of pages) await page.close().catch(() => {});
    await browser.close();
    await server.stop();
  }
});
