// Turns the JSON lines of one bench/run into markdown: every run, Tribune (its database on disk and
// on tmpfs) beside each peer, and the targets from the performance issue with met or missed.
import { readFileSync } from 'node:fs';

const [file, flag] = process.argv.slice(2);
const quick = flag === '--quick';
const runs = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const find = (system, label) => runs.find((r) => r.system === system && r.label === label);
const fmt = (v, digits = 1) => (v === undefined || v === null ? '–' : typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: digits }) : String(v));
const lat = (r, key = 'latency_ms') => r?.[key] ?? {};

const out = [];
out.push('| system | run | listeners | deliveries/s | p50 ms | p99 ms | max ms | lost | gaps | dups | closed | server CPU | KiB/conn |');
out.push('|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
const pages = (r) => r.scenario === 'channel';
for (const r of runs.filter((x) => !pages(x))) {
  const l = lat(r, r.latency_ms ? 'latency_ms' : r.ack_latency_ms ? 'ack_latency_ms' : 'latency_ms');
  out.push(`| ${r.system} | ${r.label}${r.error ? ' (failed: ' + r.error + ')' : ''} | ${fmt(r.connected ?? r.listeners, 0)} | ${fmt(r.deliveries_per_s, 0)} | ${fmt(l.p50, 2)} | ${fmt(l.p99, 2)} | ${fmt(l.max, 2)} | ${fmt(r.lost, 0)} | ${fmt(r.gaps, 0)} | ${fmt(r.dups, 0)} | ${fmt(r.closed_by_server, 0)} | ${fmt(r.server_cpu_util != null ? r.server_cpu_util * 100 : null, 0)}% | ${fmt(r.rss_per_conn_kib, 2)} |`);
}
out.push('');
out.push('Latency is ack latency for flash and questions. Server CPU is the share of one core over the run.');
out.push('');

// The channel pages: one table per run, a row per kind of request.
const kinds = [
  ['channel page', 'channel_page_ms', 'channel_bytes'], ['channel page, 304', 'channel_304_ms'],
  ['topic page, first read', 'topic_cold_ms', 'topic_bytes'], ['topic page, cached', 'topic_warm_ms'],
  ['search ?q=', 'search_ms', 'search_bytes'], ['?category=&status=', 'filtered_ms', 'filtered_bytes'],
  ['opinion PUT', 'opinion_put_ms'], ['channel page after a write', 'channel_after_write_ms'],
  ['topic page after a write', 'topic_after_write_ms'],
];
for (const r of runs.filter(pages)) {
  if (r.error) {
    out.push(`channel pages (${r.label}): failed: ${r.error}`, '');
    continue;
  }
  out.push(`Channel pages (${r.label}): ${fmt(r.topics, 0)} topics, ${fmt(r.opinions, 0)} opinions, ${fmt(r.comments, 0)} comments; first GET (load) ${fmt(r.load_ms, 1)} ms, server RSS ${fmt(r.server_rss_kib / 1024, 1)} MiB after it.`, '');
  out.push('| request | n | p50 ms | p99 ms | max ms | bytes |', '|---|--:|--:|--:|--:|--:|');
  for (const [name, key, bytes] of kinds) {
    const x = r[key];
    if (!x) continue;
    const b = bytes && (typeof r[bytes] === 'number' ? r[bytes] : r[bytes]?.mean);
    out.push(`| ${name} | ${fmt(x.n, 0)} | ${fmt(x.p50, 2)} | ${fmt(x.p99, 2)} | ${fmt(x.max, 2)} | ${fmt(b, 0)} |`);
  }
  out.push('');
}

const befores = runs.filter((r) => r.system === 'tribune' && r.label.startsWith('before/'));
if (befores.length > 0) {
  // bench/run --before: the same scenario against an older server binary, back to back.
  const figures = [
    ['deliveries/s', (r) => r.deliveries_per_s],
    ['p99 ms', (r) => lat(r, r.latency_ms ? 'latency_ms' : 'ack_latency_ms').p99],
    ['KiB/conn', (r) => r.rss_per_conn_kib],
    ['server CPU %', (r) => (r.server_cpu_util != null ? r.server_cpu_util * 100 : undefined)],
    ['tally after last ack ms', (r) => r.tally_after_last_ack_ms],
    ['kill to all caught up ms', (r) => r.kill_to_all_caught_up_ms],
    ['channel load ms', (r) => r.load_ms],
    ['channel page p50 ms', (r) => r.channel_page_ms?.p50],
    ['topic page first read p50 ms', (r) => r.topic_cold_ms?.p50],
    ['search p50 ms', (r) => r.search_ms?.p50],
  ];
  out.push('| run | figure | before | after | after/before |');
  out.push('|---|---|--:|--:|--:|');
  for (const b of befores) {
    const a = find('tribune', b.label.slice('before/'.length));
    for (const [name, get] of figures) {
      const x = get(b), y = a && get(a);
      if (x == null || y == null) continue;
      out.push(`| ${a.label} | ${name} | ${fmt(x, 2)} | ${fmt(y, 2)} | ${x !== 0 ? fmt(y / x, 2) : '–'} |`);
    }
  }
  out.push('');
  console.log(out.join('\n'));
  process.exit(0);
}

// The fan-out beside the peers: Tribune with its database on disk and on tmpfs, then each peer.
// Deliveries per server CPU-second is the run's deliveries over the server's CPU seconds (about
// deliveries/s ÷ the CPU share): what a core delivers, whether or not the run kept it busy.
const fanouts = ['fanout-unpaced', 'fanout-paced-mid', 'fanout-paced-big'];
const systems = [
  ['Tribune, database on disk', 'tribune', ''], ['Tribune, database on tmpfs', 'tribune', 'tmpfs/'],
  ['Node ws', 'ws', ''], ['nats-server', 'nats', ''], ['Beast broadcaster', 'beast', ''],
];
const peerSystems = systems.filter(([, system]) => system !== 'tribune');
const perCpuS = (r) => {
  if (!r || r.error) return undefined;
  if (r.deliveries > 0 && r.server_cpu_s > 0) return r.deliveries / r.server_cpu_s;
  return r.deliveries_per_s > 0 && r.server_cpu_util > 0 ? r.deliveries_per_s / r.server_cpu_util : undefined;
};
const bestPeer = (label) => {
  const values = peerSystems.map(([, system]) => perCpuS(find(system, label))).filter((v) => v !== undefined);
  return values.length > 0 ? Math.max(...values) : undefined;
};
out.push('| fan-out run | system | listeners | deliveries/s | server CPU | deliveries per server CPU-s | ÷ best peer\'s | p99 ms |');
out.push('|---|---|--:|--:|--:|--:|--:|--:|');
for (const label of fanouts) {
  const best = bestPeer(label);
  for (const [name, system, prefix] of systems) {
    const r = find(system, prefix + label);
    if (!r) continue;
    const d = perCpuS(r);
    const vsBest = system === 'tribune' && d !== undefined && best ? fmt(d / best, 2) + '×' : '–';
    out.push(`| ${label} | ${name}${r.error ? ' (failed)' : ''} | ${fmt(r.connected ?? r.listeners, 0)} | ${fmt(r.deliveries_per_s, 0)} | ${fmt(r.server_cpu_util != null ? r.server_cpu_util * 100 : null, 0)}% | ${fmt(d, 0)} | ${vsBest} | ${fmt(lat(r).p99, 2)} |`);
  }
}
out.push('');
out.push('Tribune\'s server also delivers each event to its moderator publishers (up to 48 unpaced), which the figures do not count.');
out.push('');

const targets = [];
const perCpuRatios = fanouts.map((label) => {
  const d = perCpuS(find('tribune', label)), best = bestPeer(label);
  return d !== undefined && best ? d / best : undefined;
});
targets.push(['fan-out: deliveries per server CPU-second ≥ 2× the best peer\'s in the same run (database on disk)',
  perCpuRatios.every((x) => x === undefined) ? undefined : fanouts.map((l, i) => `${l.slice('fanout-'.length)} ${perCpuRatios[i] === undefined ? '–' : fmt(perCpuRatios[i], 2) + '×'}`).join(', '),
  perCpuRatios.every((x) => x !== undefined && x >= 2)]);
const u = find('tribune', 'fanout-unpaced');
targets.push(['unpaced fan-out to 5,000 listeners ≥ 1,200,000 deliveries/s', u?.deliveries_per_s, u && u.deliveries_per_s >= 1.2e6]);
const pm = find('tribune', 'fanout-paced-mid');
targets.push(['paced 100k deliveries/s to 1,000 listeners: p99 ≤ 5 ms', pm && `${fmt(lat(pm).p99, 2)} ms at ${fmt(pm.deliveries_per_s, 0)}/s`, pm && lat(pm).p99 <= 5 && pm.deliveries_per_s >= 0.95 * pm.rate_target]);
const pb = find('tribune', 'fanout-paced-big');
targets.push(['paced 100k deliveries/s to 5,000 listeners: p99 ≤ 25 ms', pb && `${fmt(lat(pb).p99, 2)} ms at ${fmt(pb.deliveries_per_s, 0)}/s`, pb && lat(pb).p99 <= 25 && pb.deliveries_per_s >= 0.95 * pb.rate_target]);
const c = find('tribune', 'connections');
const mem = Math.max(...runs.filter((r) => r.system === 'tribune' && r.rss_per_conn_kib != null).map((r) => r.rss_per_conn_kib));
targets.push(['≤ 6 KiB server memory per idle audience connection', `${fmt(c?.rss_per_conn_kib ?? mem, 2)} KiB`, (c?.rss_per_conn_kib ?? mem) <= 6]);
const f = find('tribune', 'flash');
targets.push([`${fmt(f?.votes_sent, 0)}-vote flash poll: tally on every screen ≤ 250 ms after the last vote`, f && `${fmt(f.tally_after_last_ack_ms, 1)} ms after the last ack (${fmt(f.tally_after_last_vote_ms, 1)} ms after the last vote sent)`, f && f.tally_after_last_ack_ms >= 0 && f.tally_after_last_ack_ms <= 250 && f.screens_without_final_tally === 0]);
const qz = find('tribune', 'quiz');
targets.push([`quiz of 10 questions with ${fmt(qz?.players, 0)} players: leaderboard on every screen ≤ 500 ms after the close`, qz && `${fmt(qz.answers_ok, 0)} of ${fmt(qz.answers_sent, 0)} answers acknowledged; worst ${fmt(qz.leaderboard_after_close_worst_ms, 1)} ms`, qz && qz.answers_ok === qz.answers_sent && qz.leaderboard_after_close_worst_ms <= 500 && qz.screens_without_leaderboard === 0]);
const ch = runs.find((r) => pages(r) && r.label === 'channel' && !r.error);
const p50p99 = (x) => x && `${fmt(x.p50, 2)} / ${fmt(x.p99, 2)} ms`;
targets.push(['channel page of a 10,000-topic channel: p50 < 50 ms, p99 < 200 ms', ch && `${p50p99(ch.channel_page_ms)}, after a write ${p50p99(ch.channel_after_write_ms)}`, ch?.targets?.channel_page]);
targets.push(['topic page: p50 < 50 ms, p99 < 200 ms', ch && `first read ${p50p99(ch.topic_cold_ms)}, cached ${p50p99(ch.topic_warm_ms)}`, ch?.targets?.topic_page]);
targets.push(['search: p50 < 50 ms', ch && p50p99(ch.search_ms), ch?.targets?.search]);
targets.push(['10,000 concurrent connections in one room', c && `${fmt(c.connected, 0)} connected, ${fmt(c.closed_by_server, 0)} closed`, c && c.connected >= 10000 && c.closed_by_server === 0]);
out.push('| target | measured | verdict |');
out.push('|---|---|---|');
for (const [name, value, met] of targets) out.push(`| ${name} | ${fmt(value, 0)} | ${quick ? 'smoke run: not comparable' : met ? 'met' : 'missed'} |`);
console.log(out.join('\n'));
