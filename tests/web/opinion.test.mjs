// The opinion map as the pages read it (web/js/opinion.js), without a browser: the messages kept
// in the room, the rows the stage and the report draw, a question's bridging, the phone's count of
// ratings still missing, and the report's `opinion` (a fixture as docs/protocol.md describes it)
// made into its final map and its groups' sizes minute by minute.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyOpinion, hasGroups, argumentRows, groupsAt, representatives, bridgingOf, myGroup, ratingsMissing, reportOpinion, groupSlot,
} from '../../web/js/opinion.js';

const body = {
  counted: 30, min_ratings: 7,
  groups: [
    { group: 'A', size: 10, x: -0.6, y: 0.1, representatives: [{ argument: 'a1', p_in: 0.92, p_out: 0.25, z: 4.1 }, { argument: 'a9', p_in: 0.9, p_out: 0.3, z: 3 }] },
    { group: 'B', size: 10, x: 0.6, y: 0.1, representatives: [] },
    { group: 'C', size: 10, x: 0, y: -0.7, representatives: [{ argument: 'a5', p_in: 0.83, p_out: 0.42, z: 2.2 }] },
  ],
  unites: [{ argument: 'a9', consensus: 0.6, agree: [0.9, 0.8, 0.85] }, { argument: 'a7', consensus: 0.3, agree: [0.6, 0.7, 0.75] }],
  divides: [{ argument: 'a3', divisiveness: 0.8, agree: [0.9, 0.1, 0.2] }],
  questions: [{ question: 'q1', upvotes: 9, bridging: 0.3, shares: [0.3, 0.3, 0.3] }, { question: 'q2', upvotes: 10, bridging: 0, shares: [1, 0, 0] }],
  dots: [[-0.6, 0.1, 0], [0.6, 0.1, 1], [0, -0.7, 2]],
};
const texts = { a1: 'Buses at night', a3: 'Close the centre to cars', a5: 'More bike lanes', a7: 'Safer crossings' };
const textOf = (id) => texts[id];

test('an opinion and an opinion_you are kept in the room; other messages are not theirs', () => {
  const room = { opinion: null, opinionYou: null };
  assert.equal(applyOpinion(room, { type: 'event', event: 'argument_rated' }), false);
  assert.equal(applyOpinion(room, { type: 'opinion', seq: 4, ...body }), true);
  assert.equal(room.opinion.counted, 30);
  assert.equal(room.opinion.groups.length, 3);
  assert.ok(hasGroups(room.opinion));
  assert.equal(applyOpinion(room, { type: 'opinion_you', seq: 4, group: 'C', x: 0.1, y: -0.6 }), true);
  assert.deepEqual(room.opinionYou, { group: 'C', x: 0.1, y: -0.6 });
  assert.equal(myGroup(room.opinion, room.opinionYou).size, 10);
  // No longer placed: null fields.
  applyOpinion(room, { type: 'opinion_you', seq: 5, group: null, x: null, y: null });
  assert.equal(room.opinionYou, null);
  assert.equal(myGroup(room.opinion, room.opinionYou), null);
  // The groups shown disappear: one opinion with empty lists.
  applyOpinion(room, { type: 'opinion', seq: 6, counted: 3, min_ratings: 7, groups: [], unites: [], divides: [], questions: [] });
  assert.equal(hasGroups(room.opinion), false);
  assert.deepEqual(room.opinion.dots, []);
});

test('unites and divides rows carry each group\'s agreement and skip arguments the page cannot name', () => {
  const room = {};
  applyOpinion(room, { type: 'opinion', ...body });
  // a9 has no text here.
  const unites = argumentRows(room.opinion, 'unites', textOf);
  assert.deepEqual(unites, [{ id: 'a7', text: 'Safer crossings', agree: [{ letter: 'A', share: 0.6 }, { letter: 'B', share: 0.7 }, { letter: 'C', share: 0.75 }] }]);
  const divides = argumentRows(room.opinion, 'divides', textOf);
  assert.deepEqual(divides.map((r) => r.id), ['a3']);
  assert.equal(divides[0].agree[1].share, 0.1);
  assert.equal(argumentRows(room.opinion, 'divides', textOf, 1).length, 1);
  assert.deepEqual(argumentRows(null, 'unites', textOf), []);
  assert.deepEqual(representatives(room.opinion.groups[0], textOf), [{ id: 'a1', text: 'Buses at night', inside: 0.92, outside: 0.25 }]);
});

test('bridging is read per question, 0 for one not listed', () => {
  const room = {};
  applyOpinion(room, { type: 'opinion', ...body });
  const bridging = bridgingOf(room.opinion);
  assert.equal(bridging.get('q1'), 0.3);
  assert.equal(bridging.get('q2'), 0);
  assert.equal(bridging.get('q3') ?? 0, 0);
  assert.equal(bridgingOf(room.opinion), bridging, 'remembered per body');
  assert.equal(bridgingOf(null).size, 0);
});

test('a phone counts the arguments it still has to rate, among those published', () => {
  const room = {};
  applyOpinion(room, { type: 'opinion', ...body });
  const published = (id) => id !== 'a8';
  assert.equal(ratingsMissing(room.opinion, { a1: 'agree', a2: 'pass', a8: 'agree' }, published), 5);
  assert.equal(ratingsMissing(room.opinion, Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`a${i}`, 'agree'])), () => true), 0);
  assert.equal(ratingsMissing(null, {}, published), null);
});

test('a group keeps its colour by its letter', () => {
  assert.deepEqual(['A', 'B', 'C', 'D', 'E', 'F'].map(groupSlot), [0, 1, 2, 3, 4, 0]);
});

test('the report\'s opinion gives the final map and each group\'s size minute by minute', () => {
  const report = {
    opinion: {
      final: body,
      minutes: [
        { minute: 2, counted: 30, groups: [{ group: 'A', size: 10, x: -0.5, y: 0.1 }, { group: 'B', size: 10, x: 0.5, y: 0.1 }, { group: 'C', size: 10, x: 0, y: -0.7 }] },
        { minute: 0, counted: 12, groups: [{ group: 'A', size: 7, x: -0.5, y: 0 }, { group: 'B', size: 5, x: 0.5, y: 0 }] },
        { minute: 1, counted: 20, groups: [{ group: 'A', size: 12, x: -0.5, y: 0 }, { group: 'B', size: 8, x: 0.5, y: 0 }] },
      ],
    },
  };
  const o = reportOpinion(report);
  assert.equal(o.final.groups.length, 3);
  assert.equal(o.final.dots.length, 3);
  assert.deepEqual(o.minutes, [{ minute: 0, counted: 12 }, { minute: 1, counted: 20 }, { minute: 2, counted: 30 }]);
  assert.deepEqual(o.series, [
    { letter: 'A', sizes: [7, 12, 10] },
    { letter: 'B', sizes: [5, 8, 10] },
    { letter: 'C', sizes: [0, 0, 10] },
  ]);
  // Only the minutes that changed the map are listed: one left out holds the minute before it.
  const sparse = reportOpinion({ opinion: { final: body, minutes: [
    { minute: 3, counted: 10, groups: [{ group: 'A', size: 5 }, { group: 'B', size: 5 }] },
    { minute: 6, counted: 4, groups: [] },
    { minute: 7, counted: 30, groups: [{ group: 'A', size: 10 }, { group: 'B', size: 20 }] },
  ] } });
  assert.deepEqual(sparse.minutes.map((m) => m.minute), [3, 4, 5, 6, 7]);
  assert.deepEqual(sparse.minutes.map((m) => m.counted), [10, 10, 10, 4, 30]);
  assert.deepEqual(sparse.series, [{ letter: 'A', sizes: [5, 5, 5, 0, 10] }, { letter: 'B', sizes: [5, 5, 5, 0, 20] }]);
  assert.equal(reportOpinion({}), null, 'a report without opinion');
  assert.equal(reportOpinion({ opinion: { final: null, minutes: [] } }), null, 'no final map');
  assert.equal(reportOpinion({ opinion: { final: { ...body, groups: [] }, minutes: [] } }), null, 'a final map without groups');
});

test('a replay\'s moment shows the groups of the last minute closed before it', () => {
  const started = 1764000000000;
  const report = { started_at: started, opinion: { final: body, minutes: [
    { minute: 0, counted: 12, groups: [{ group: 'A', size: 6, x: -0.5, y: 0 }, { group: 'B', size: 6, x: 0.5, y: 0 }] },
    { minute: 3, counted: 30, groups: [{ group: 'A', size: 10, x: -0.6, y: 0 }] },
  ] } };
  assert.equal(groupsAt(report, started - 1000), null, 'before the show');
  assert.equal(groupsAt(report, started + 30000), null, 'minute 0 is not over yet');
  assert.equal(groupsAt(report, started + 61000).counted, 12);
  assert.equal(groupsAt(report, started + 3 * 60000 + 5).counted, 12, 'minute 3 closes at its end');
  assert.equal(groupsAt(report, started + 4 * 60000).counted, 30);
  assert.equal(groupsAt({ started_at: null, opinion: report.opinion }, started), null);
  // From the show's end on, the last minute counts, closed or not when the moment was.
  assert.equal(groupsAt({ ...report, ended_at: started + 3 * 60000 + 5 }, started + 3 * 60000 + 5).counted, 30);
});
