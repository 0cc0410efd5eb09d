// A debate's six exports saved from the admin page (docs/protocol.md, "Exports"). A short Oxford
// show is played over the real WebSocket (support.mjs installDriver): two panelists and three
// audience members with accented names, the vote before, a panelist's argument rated by the
// audience and a rebuttal, a question approved, put on air and answered, one dismissed with a
// reason holding a comma and quotes, an anonymous one starting with `=`, a mute and an unmute, two
// turns at the floor (the second ended by end_floor), the vote after with one ballot naming the
// argument that changed the voter's mind. While the show runs, the organizer saves the questions
// and the whole debate from the admin page; once it has ended, every one of the six files. Each
// CSV is read by a real parser (csv-parse, strict RFC 4180, CRLF records): its exact header, its
// rows and key cells, accents intact, formulas neutralised, the polls as counts without a name;
// debate.json is the versioned report.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { startServer, launchBrowser, installDriver, watchErrors, callApi } from './support.mjs';

const second = 1000;
const wait = { timeout: 30 * second };
const words = {
  title: 'Voitures en ville',
  motion: 'Cette assemblée interdirait les voitures en centre-ville',
  argument: 'Moins de voitures, c’est un air plus pur pour chaque enfant.',
  rebuttal: 'Les artisans, eux, ont besoin de leur camionnette.',
  question: 'Qui paiera les parkings relais ?',
  spam: 'Promo : achetez maintenant',
  reason: 'Hors sujet, "publicité" déguisée',
  formula: '=HYPERLINK("https://exemple.fr", "clic") ?',
};
const panel = { pro: 'Élodie Marchand', con: 'Jürgen Weiß' };
const audience = { zoe: 'Zoé Lefèvre', anais: 'Anaïs Dupré', noel: 'Noël Brûlé' };

// The headers docs/protocol.md gives, in order.
const headers = {
  'questions.csv': ['id', 'asked_at', 'author', 'anonymous', 'sent_before_by', 'sent_before_as', 'status', 'votes', 'pinned', 'text', 'dismiss_reason'],
  'moderation.csv': ['seq', 'at', 'action', 'question', 'argument', 'participant', 'reason'],
  'arguments.csv': ['id', 'posted_at', 'author', 'stance', 'parent', 'relation', 'status', 'segment', 'agree', 'disagree',
    'pass', 'agreement', 'divisiveness', 'changed_minds', 'addressed', 'source', 'text', 'dismiss_reason'],
  'polls.csv': ['poll', 'question', 'kind', 'oxford_phase', 'status', 'revealed', 'ballots', 'option', 'count'],
  'talk_time.csv': ['speaker', 'name', 'side', 'seconds'],
  'contacts.csv': ['participant', 'name', 'contact', 'brand', 'sponsor', 'left_at'],
};
// Zoé consents to the brand, Anaïs to the sponsor; Noël's contact is refused without a consent.
const contacts = { zoe: 'zoe.lefevre@exemple.fr', anais: '+33 6 12 34 56 78', noel: 'noel@exemple.fr' };
const isoSecond = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

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

// A driver page connected as everyone `tokens` names; `run(name, commands)` asserts every reply is
// an ack and resolves with the replies (`run.raw` resolves with them as they are).
async function driverFor(id, tokens, errors) {
  const driver = await (await browser.newContext()).newPage();
  watchErrors(driver, errors);
  await driver.goto(`${server.base}/`);
  await installDriver(driver);
  for (const [name, token] of Object.entries(tokens)) {
    await driver.evaluate(([n, d, t]) => window.connect(n, d, t), [name, id, token]);
  }
  const raw = (name, commands) => driver.evaluate(([n, c]) => window.run(n, c), [name, commands]);
  const run = async (name, commands) => {
    const replies = await raw(name, commands);
    replies.forEach((r, i) => assert.equal(r.type, 'ack', `${name} ${JSON.stringify(commands[i])} -> ${JSON.stringify(r)}`));
    return replies;
  };
  run.raw = raw;  // the replies as they are, errors included
  return run;
}

// The show up to (not including) its end. Resolves with the debate, what was made, and `run`.
async function playOxfordShow(errors) {
  const created = await callApi(server, 'POST', '/api/debates', { title: words.title, motion: words.motion, format: 'oxford' });
  assert.equal(created.status, 201, JSON.stringify(created.data));
  const { id, tokens } = created.data;
  const panelist = async (name, side) => (await callApi(server, 'POST', `/api/debates/${id}/panelists`, { name, role: 'panelist', side })).data;
  const pro = await panelist(panel.pro, 'for');
  const con = await panelist(panel.con, 'against');
  const people = { mod: tokens.moderator, pro: pro.token, con: con.token };
  const ids = {};
  for (const [key, name] of Object.entries(audience)) {
    const joined = await callApi(server, 'POST', `/api/debates/${id}/participants`, { name });
    assert.equal(joined.status, 201, JSON.stringify(joined.data));
    people[key] = joined.data.token;
    ids[key] = joined.data.participant;
  }
  const run = await driverFor(id, people, errors);
  const oxford = async (phase, ballots) => {
    const [made] = await run('mod', [{ type: 'create_oxford_poll', phase }]);
    const poll = made.result.poll;
    await run('mod', [{ type: 'open_poll', poll }]);
    for (const [name, ballot] of Object.entries(ballots)) await run(name, [{ type: 'vote', poll, ...ballot }]);
    await run('mod', [{ type: 'close_poll', poll }, { type: 'reveal_poll', poll }]);
    return poll;
  };

  await run('mod', [{ type: 'start_show' }]);
  await run('zoe', [{ type: 'leave_contact', contact: contacts.zoe, brand: true }]);
  await run('anais', [{ type: 'leave_contact', contact: contacts.anais, brand: false, sponsor: true }]);
  const [refused] = await run.raw('noel', [{ type: 'leave_contact', contact: contacts.noel, brand: false, sponsor: false }]);
  assert.deepEqual([refused.type, refused.code], ['error', 'invalid_field'], 'a contact without consent is refused');
  const before = await oxford('before', { zoe: { choice: 0 }, anais: { choice: 1 }, noel: { choice: 2 } });
  await run('mod', [{ type: 'advance' }, { type: 'grant_floor', speaker: pro.panelist, seconds: 300 }]);
  const [posted] = await run('pro', [{ type: 'post_argument', text: words.argument, stance: 'for' }]);
  const argument = posted.result.argument;
  await run('zoe', [{ type: 'rate_argument', argument, rating: 'agree' }]);
  await run('anais', [{ type: 'rate_argument', argument, rating: 'agree' }]);
  await run('noel', [{ type: 'rate_argument', argument, rating: 'disagree' }]);

  const [asked] = await run('zoe', [{ type: 'ask', text: words.question, anonymous: false }]);
  const question = asked.result.question;
  const [formula] = await run('noel', [{ type: 'ask', text: words.formula, anonymous: true }]);
  await run('mod', [{ type: 'approve', question }, { type: 'put_on_air', question }]);
  await run('noel', [{ type: 'upvote', question, on: true }]);
  const [spam] = await run('anais', [{ type: 'ask', text: words.spam, anonymous: false }]);
  await run('mod', [{ type: 'dismiss', question: spam.result.question, reason: words.reason }, { type: 'mark_answered', question }]);
  await run('mod', [{ type: 'mute', participant: ids.anais, muted: true }, { type: 'mute', participant: ids.anais, muted: false }]);

  // The second turn at the floor, ended by the moderator: its panelist answers the argument.
  await run('mod', [{ type: 'grant_floor', speaker: con.panelist, seconds: 120 }]);
  const [answered] = await run('con', [{ type: 'post_argument', text: words.rebuttal, stance: 'against', parent: argument, relation: 'rebuts' }]);
  await run('mod', [{ type: 'end_floor' }]);

  // The vote after: For 2 (one of them says the argument changed their mind), Undecided 1.
  const afterPoll = await oxford('after', { zoe: { choice: 0 }, anais: { choice: 0, changed_by: argument }, noel: { choice: 2 } });
  return {
    id, run, argument, rebuttal: answered.result.argument, question, formula: formula.result.question,
    spam: spam.result.question, voters: ids, polls: { before, after: afterPoll }, panelists: { pro: pro.panelist, con: con.panelist },
  };
}

// The admin page as the organizer, with the debate open.
async function adminPage(errors) {
  const page = await (await browser.newContext({ locale: 'fr-FR', acceptDownloads: true })).newPage();
  watchErrors(page, errors);
  await page.goto(`${server.base}/admin#token=${server.adminToken}`);
  await page.getByTestId('debate').filter({ hasText: words.title }).getByTestId('open-debate').click(wait);
  await page.getByTestId('debate-title').filter({ hasText: words.title }).waitFor(wait);
  return page;
}

// Clicks the button of `file`, catches the download and resolves with the saved file's text
// (checked to be valid UTF-8); waits for the page to say it was saved.
async function save(page, id, file) {
  const button = page.getByTestId(`export-${file.replace(/\.(csv|json)$/, '').replace('_', '')}`);
  const [download] = await Promise.all([page.waitForEvent('download', wait), button.click(wait)]);
  assert.equal(download.suggestedFilename(), `${id}-${file}`);
  assert.equal(await download.failure(), null);
  const bytes = await readFile(await download.path());
  await page.getByTestId('announce').filter({ hasText: `${id}-${file}` }).waitFor(wait);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

// A CSV file read strictly: CRLF records, the documented header, every row as wide as it; resolves
// with the rows as objects keyed by the header.
function readCsv(text, file) {
  assert.ok(text.endsWith('\r\n'), `${file}: the last record ends with CRLF`);
  assert.doesNotMatch(text, /(?<!\r)\n/, `${file}: every line ends with CRLF`);
  assert.ok(!text.startsWith('\uFEFF'), `${file}: no byte order mark before the header`);
  const records = parse(text, { relax_column_count: false, record_delimiter: '\r\n', bom: false });
  assert.deepEqual(records[0], headers[file], `${file}: header`);
  return records.slice(1).map((cells) => Object.fromEntries(headers[file].map((name, i) => [name, cells[i]])));
}

const byId = (rows, key) => Object.fromEntries(rows.map((r) => [r[key], r]));

test('the organizer saves all seven exports from the admin page, during the show and after it', { timeout: 300 * second }, async () => {
  const errors = [];
  const show = await playOxfordShow(errors);
  const { id } = show;
  const page = await adminPage(errors);

  // While the show runs: the questions as they stand, and the report with no end yet.
  const live = readCsv(await save(page, id, 'questions.csv'), 'questions.csv');
  assert.deepEqual(live.map((q) => [q.id, q.status]), [[show.question, 'answered'], [show.formula, 'pending'], [show.spam, 'dismissed']]);
  const liveDebate = JSON.parse(await save(page, id, 'debate.json'));
  assert.equal(liveDebate.export, 'tribune-debate');
  assert.equal(liveDebate.report.ended_at, null, 'the show has not ended yet');
  assert.equal(typeof liveDebate.report.started_at, 'number');

  await show.run('mod', [{ type: 'end_show' }]);
  const files = {};
  for (const file of Object.keys(headers)) files[file] = await save(page, id, file);
  const whole = await save(page, id, 'debate.json');

  // questions.csv: every question oldest first whatever its status.
  const questions = readCsv(files['questions.csv'], 'questions.csv');
  assert.deepEqual(questions.map((q) => q.id), [show.question, show.formula, show.spam]);
  const q = byId(questions, 'id');
  for (const row of questions) assert.match(row.asked_at, isoSecond, `${row.id} asked_at`);
  assert.deepEqual(
    [q[show.question].author, q[show.question].anonymous, q[show.question].status, q[show.question].votes, q[show.question].pinned, q[show.question].text, q[show.question].dismiss_reason],
    [audience.zoe, 'no', 'answered', '1', 'no', words.question, ''],
  );
  assert.equal(q[show.formula].author, '', 'an anonymous question names nobody');
  assert.equal(q[show.formula].anonymous, 'yes');
  assert.equal(q[show.formula].text, `'${words.formula}`, 'a formula starts with a quote');
  assert.deepEqual([q[show.spam].author, q[show.spam].status, q[show.spam].text, q[show.spam].dismiss_reason],
    [audience.anais, 'dismissed', words.spam, words.reason]);
  for (const row of questions) assert.deepEqual([row.sent_before_by, row.sent_before_as], ['', '']);
  assert.ok(files['questions.csv'].includes(`"${words.reason.replaceAll('"', '""')}"`), 'the reason is quoted, its quotes doubled');

  // moderation.csv: the dismissal with its reason, the mute and the unmute, oldest first.
  const log = readCsv(files['moderation.csv'], 'moderation.csv');
  assert.deepEqual(log.map((e) => e.action), ['dismissed', 'muted', 'unmuted']);
  assert.deepEqual([log[0].question, log[0].argument, log[0].reason], [show.spam, '', words.reason]);
  assert.deepEqual(log.slice(1).map((e) => e.participant), [audience.anais, audience.anais]);
  const seqs = log.map((e) => Number(e.seq));
  assert.ok(seqs.every((n, i) => Number.isInteger(n) && n > 0 && (i === 0 || n > seqs[i - 1])), `seq ascending: ${seqs}`);
  for (const e of log) assert.match(e.at, isoSecond);

  // arguments.csv: the argument rated 2 agree, 1 disagree, that changed one mind; its rebuttal.
  const args = readCsv(files['arguments.csv'], 'arguments.csv');
  assert.deepEqual(args.map((a) => a.id), [show.argument, show.rebuttal]);
  const [first, reply] = args;
  assert.match(first.posted_at, isoSecond);
  assert.deepEqual(
    [first.author, first.stance, first.parent, first.relation, first.status, first.agree, first.disagree, first.pass,
      first.agreement, first.divisiveness, first.changed_minds, first.addressed, first.source, first.text, first.dismiss_reason],
    [panel.pro, 'for', '', '', 'published', '2', '1', '0', '0.667', '0.667', '1', 'no', '', words.argument, ''],
  );
  assert.notEqual(first.segment, '', 'the segment it was posted in');
  assert.deepEqual(
    [reply.author, reply.stance, reply.parent, reply.relation, reply.status, reply.agree, reply.disagree, reply.changed_minds, reply.text],
    [panel.con, 'against', show.argument, 'rebuts', 'published', '0', '0', '0', words.rebuttal],
  );

  // polls.csv: one row per poll and option, counts only.
  const polls = readCsv(files['polls.csv'], 'polls.csv');
  assert.deepEqual(polls.map((p) => [p.poll, p.oxford_phase, p.ballots, p.option, p.count]), [
    [show.polls.before, 'before', '3', 'For', '1'],
    [show.polls.before, 'before', '3', 'Against', '1'],
    [show.polls.before, 'before', '3', 'Undecided', '1'],
    [show.polls.after, 'after', '3', 'For', '2'],
    [show.polls.after, 'after', '3', 'Against', '0'],
    [show.polls.after, 'after', '3', 'Undecided', '1'],
  ]);
  for (const p of polls) assert.deepEqual([p.question, p.kind, p.status, p.revealed], [words.motion, 'single', 'closed', 'yes']);
  for (const name of Object.values(audience)) assert.ok(!files['polls.csv'].includes(name), `polls.csv never names a voter (${name})`);
  for (const voter of Object.values(show.voters)) assert.doesNotMatch(files['polls.csv'], new RegExp(`\\b${voter}\\b`), `polls.csv never names a voter (${voter})`);

  // talk_time.csv: both panelists, longest first, as many milliseconds as the report says.
  const debate = JSON.parse(whole);
  const spoken = debate.report.talk_time.speakers;
  const talk = readCsv(files['talk_time.csv'], 'talk_time.csv');
  assert.deepEqual(talk.map((t) => t.speaker).sort(), [show.panelists.pro, show.panelists.con].sort());
  const t = byId(talk, 'speaker');
  assert.deepEqual([t[show.panelists.pro].name, t[show.panelists.pro].side], [panel.pro, 'for']);
  assert.deepEqual([t[show.panelists.con].name, t[show.panelists.con].side], [panel.con, 'against']);
  for (const row of talk) {
    assert.match(row.seconds, /^\d+\.\d{3}$/, `${row.speaker} seconds with three decimals`);
    assert.equal(Math.round(Number(row.seconds) * 1000), spoken[row.speaker], `${row.speaker}: the report's talk time`);
  }
  assert.ok(Number(t[show.panelists.pro].seconds) > 0, 'the first panelist held the floor');
  const seconds = talk.map((r) => Number(r.seconds));
  assert.deepEqual(seconds, [...seconds].sort((a, b) => b - a), 'longest first');

  // contacts.csv: the consenting contacts alone, each with whom it consented to; no other file
  // holds a contact.
  const kept = readCsv(files['contacts.csv'], 'contacts.csv');
  assert.deepEqual(kept.map((c) => [c.participant, c.name, c.contact, c.brand, c.sponsor]), [
    [show.voters.zoe, audience.zoe, contacts.zoe, 'yes', 'no'],
    [show.voters.anais, audience.anais, `'${contacts.anais}`, 'no', 'yes'],  // a leading + is never a formula
  ]);
  for (const row of kept) assert.match(row.left_at, isoSecond);
  for (const [file, text] of Object.entries({ ...files, 'debate.json': whole })) {
    assert.ok(!text.includes(contacts.noel), `${file}: a refused contact is nowhere`);
    if (file === 'contacts.csv') continue;
    for (const c of [contacts.zoe, contacts.anais]) assert.ok(!text.includes(c), `${file} holds no contact`);
  }

  // debate.json: the organizer's report, versioned, ended.
  assert.equal(debate.export, 'tribune-debate');
  assert.equal(debate.version, 1);
  assert.equal(typeof debate.report.ended_at, 'number');
  assert.ok(debate.report.ended_at >= debate.report.started_at);
  assert.deepEqual(debate.report.state.participants.map((p) => p.name), Object.values(audience));
  assert.equal(debate.report.state.debate.motion, words.motion);
  assert.equal(debate.report.state.questions.find((x) => x.id === show.formula).text, words.formula, 'the JSON keeps the text as it was asked');
  assert.deepEqual(debate.report.state.log.map((e) => e.action), ['dismissed', 'muted', 'unmuted']);
  assert.equal(debate.report.state.log[0].reason, words.reason);
  assert.deepEqual(debate.report.state.polls.find((p) => p.id === show.polls.after).tally.changed_by, { [show.argument]: 1 });
  assert.deepEqual(errors, []);
});
