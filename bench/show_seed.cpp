#include "show_seed.hpp"

#include <array>
#include <exception>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "figures.hpp"
#include "rest_client.hpp"
#include "show_driver.hpp"

namespace bench {
namespace {

using namespace std::chrono_literals;

constexpr std::size_t moderators = 12;     // 12 × 18 commands a second
constexpr std::size_t top_up_member = 30;  // ballot changes per member and wave, at the end
constexpr auto step_limit = std::chrono::seconds(300);

struct seeding {
  const show_plan& plan;
  const target& where;
  asio::io_context& io;
  rest_client rest;
  seeded_show out;
  std::string moderator_token;
  std::vector<std::string> panel_tokens;
  std::vector<panel_seat> panel;
  std::vector<segment_info> segments;
  std::vector<std::string> audience;  // tokens, by member
  std::optional<show_driver> driver;  // once the debate exists; goes before the io_context
  std::int64_t started = now_ns();
};

std::runtime_error refused(const std::string& what, const rest_client::reply& r) {
  return std::runtime_error(what + ": HTTP " + std::to_string(r.status) + " " + r.body.dump().substr(0, 200));
}

segment_info segment_of(const json& seg) {
  segment_info out;
  out.minutes = seg.value("minutes", 1U);
  for (const auto& a : seg.at("audience")) {
    out.questions = out.questions || a == "questions";
    out.arguments = out.arguments || a == "arguments";
  }
  for (const auto& w : seg.at("speakers")) out.speakers.push_back(w.get<std::string>());
  return out;
}

asio::awaitable<void> create_debate(seeding& s) {
  const json body{{"title", "Faut-il interdire la voiture en centre-ville ?"},
                  {"motion", "Cette assemblée interdirait la voiture dans les centres-villes"},
                  {"format", "oxford"}};
  const auto made = co_await s.rest.request(http::verb::post, "/api/debates", &body, true, std::nullopt);
  if (made.status != 201) throw refused("creating the debate", made);
  s.out.id = made.body.at("id").get<std::string>();
  s.out.code = made.body.at("code").get<std::string>();
  s.moderator_token = made.body.at("tokens").at("moderator").get<std::string>();
  const std::string path = "/api/debates/" + s.out.id;
  const auto got = co_await s.rest.request(http::verb::get, path, nullptr, false, std::nullopt);
  if (got.status != 200) throw refused("reading the debate", got);
  for (const auto& seg : got.body.at("segments")) s.segments.push_back(segment_of(seg));
}

asio::awaitable<void> add_panel(seeding& s) {
  static constexpr std::array<std::array<const char*, 3>, 3> seats = {{{"Claire Dubois", "host", "none"},
                                                                       {"Julien Moreau", "panelist", "for"},
                                                                       {"Nadia Benali", "panelist", "against"}}};
  const std::string path = "/api/debates/" + s.out.id + "/panelists";
  for (const auto& seat : seats) {
    const json body{{"name", seat[0]}, {"role", seat[1]}, {"side", seat[2]}};
    const auto added = co_await s.rest.request(http::verb::post, path, &body, true, std::nullopt);
    if (added.status != 201) throw refused("adding a panelist", added);
    const auto id = added.body.at("panelist").get<std::string>();
    s.panel.push_back(panel_seat{static_cast<std::uint32_t>(std::stoul(id.substr(1))), seat[1], seat[2], nullptr});
    s.panel_tokens.push_back(added.body.at("token").get<std::string>());
  }
}

asio::awaitable<void> join(seeding& s) {
  const auto t0 = now_ns();
  auto joined = co_await s.rest.join_all(s.out.id, s.plan.participants);
  if (!joined.complete || joined.failures > 0) {
    throw std::runtime_error("joins failed: " + std::to_string(joined.failures) + " (rate limited " +
                             std::to_string(joined.rate_limited) + ")");
  }
  s.audience = std::move(joined.tokens);
  s.out.figures["phases_s"]["join"] = round3(seconds_between(t0, now_ns()));
}

// The result is named before it is tested: GCC 12 miscompiles `if (!co_await …) throw …` here (the
// throw reaches a ud2).
asio::awaitable<void> settle(show_driver& d, const std::string& what) {
  const bool answered = co_await d.settle(step_limit);
  if (!answered) throw std::runtime_error(what + ": commands left unanswered");
}

// The moderators and the panelists, connected for the whole show.
asio::awaitable<void> open_staff(seeding& s) {
  auto& d = *s.driver;
  std::vector<conn*> staff;
  for (std::size_t i = 0; i < moderators; ++i) staff.push_back(&d.add(s.moderator_token, kind::moderator));
  const std::vector<conn*> pool = staff;
  for (std::size_t i = 0; i < s.panel.size(); ++i) {
    s.panel[i].c = &d.add(s.panel_tokens[i], kind::moderator);
    staff.push_back(s.panel[i].c);
  }
  if (!co_await d.open(staff)) throw std::runtime_error("the moderators and panelists were not welcomed");
  d.set_moderators(pool);
}

// Opens members [first, first + n), lets `each` queue their commands, waits for every answer, closes them.
template <class Each>
asio::awaitable<void> audience_wave(seeding& s, std::size_t first, std::size_t n, Each each) {
  auto& d = *s.driver;
  std::vector<conn*> wave;
  for (std::size_t i = 0; i < n; ++i)
    wave.push_back(&d.add(s.audience[(first + i) % s.audience.size()], kind::audience));
  if (!co_await d.open(wave)) throw std::runtime_error("a wave of the audience was not welcomed");
  for (std::size_t i = 0; i < n; ++i) each((first + i) % s.audience.size(), *wave[i]);
  co_await settle(d, "an audience wave");
  show_driver::close(wave);
}

void progress(const seeding& s, std::size_t w, std::size_t waves) {
  const auto secs = seconds_between(s.started, now_ns());
  std::cerr << "wave " << w + 1 << "/" << waves << ": seq " << s.driver->head() << " after " << round3(secs) << " s\n";
}

asio::awaitable<void> waves(seeding& s, show_script& script) {
  auto& d = *s.driver;
  const auto t0 = now_ns();
  for (std::size_t w = 0; w < script.waves(); ++w) {
    while (script.stage(w)) co_await settle(d, "the run of show");
    script.moderate(w);
    co_await settle(d, "moderation");
    const auto first = w * s.plan.wave;
    const auto n = std::min(s.plan.wave, s.plan.participants - first);
    co_await audience_wave(s, first, n, [&](std::size_t p, conn& c) { script.audience(w, p, c); });
    if ((w + 1) % 10 == 0 || w + 1 == script.waves()) progress(s, w, script.waves());
  }
  s.out.figures["phases_s"]["waves"] = round3(seconds_between(t0, now_ns()));
}

// Changes of the vote after until the log holds the planned events (a few more come with the end).
asio::awaitable<void> top_up(seeding& s, show_script& script) {
  auto& d = *s.driver;
  const auto t0 = now_ns();
  const auto target = static_cast<std::int64_t>(s.plan.events);
  std::size_t next = 0;
  while (d.head() < target) {
    const auto missing = static_cast<std::size_t>(target - d.head());
    const auto n = std::min(s.plan.wave, (missing + top_up_member - 1) / top_up_member);
    const auto before = d.head();
    std::size_t left = missing;
    co_await audience_wave(s, next, n, [&](std::size_t p, conn& c) {
      const auto k = std::min(left, top_up_member);
      script.change_after_vote(p, c, k);
      left -= k;
    });
    next += n;
    if (d.head() == before) throw std::runtime_error("changes of the vote after added no event");
  }
  s.out.figures["phases_s"]["top_up"] = round3(seconds_between(t0, now_ns()));
}

asio::awaitable<void> play(seeding& s) {
  if (!co_await s.rest.wait_healthy(20s, 50ms)) throw std::runtime_error("the server did not answer /healthz");
  co_await create_debate(s);
  co_await add_panel(s);
  co_await join(s);
  s.driver.emplace(s.io, s.where, s.out.id);
  auto& d = *s.driver;
  co_await open_staff(s);
  show_script script(s.plan, s.segments, s.panel, d);
  script.prepare();
  co_await settle(d, "preparing the show");
  co_await waves(s, script);
  co_await top_up(s, script);
  script.close_polls();
  co_await settle(d, "closing the polls");
  script.end();
  co_await settle(d, "ending the show");
  s.out.events = d.head();
  s.out.figures.update(script.counts());
  s.out.figures["commands"] = d.error_summary();
}

}  // namespace

seeded_show seed_show(const target& where, const std::string& admin_token, const show_plan& plan) {
  asio::io_context io{1};
  seeding s{plan, where, io, rest_client(io, where, admin_token), {}, {}, {}, {}, {}, {}, {}, now_ns()};
  std::exception_ptr failure;
  asio::co_spawn(io, play(s), [&](const std::exception_ptr& e) {
    failure = e;
    io.stop();
  });
  io.run();
  if (failure) std::rethrow_exception(failure);
  s.out.seconds = round3(seconds_between(s.started, now_ns()));
  return std::move(s.out);
}

}  // namespace bench
