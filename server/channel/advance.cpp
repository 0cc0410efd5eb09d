// When a debate made from a channel topic opens its show (or is found open on loading, after a
// restart), the questions and arguments sent before it reach the moderator's queue: the room
// takes them as one import (its idempotency key names the topic and the count, so a retry after a
// crash between the two steps is applied once), then the channel records how many it took and
// takes no more.
#include "server/channel/advance.hpp"

#include "engine/channel/advance.hpp"
#include "engine/engine.hpp"
#include "server/channel/api.hpp"
#include "server/debates.hpp"
#include "server/log.hpp"
#include "server/replay.hpp"
#include "server/webhooks/wiring.hpp"

namespace tribune::server {
namespace {

namespace pc = protocol::channels;

struct to_bring {
  bool found = false;
  bool opened = false;
  std::uint32_t upto = 0;
  std::vector<engine::cmd::import_advance::item> items;
};

asio::awaitable<to_bring> pending_items(channel& c, pc::topic_id topic) {
  auto start = [&c, topic](auto done) {
    c.inspect({}, [done = std::move(done), topic](const ch::state& s, const ch::who&) mutable {
      to_bring out;
      const auto* t = s.find_topic(topic);
      if (t == nullptr) return done(std::move(out));
      out.found = true;
      out.opened = t->show_opened;
      out.upto = static_cast<std::uint32_t>(t->advance.size());
      for (const auto* a : ch::advance::not_taken(*t)) {
        const auto* who = s.find_identity(a->by);
        engine::sent_before before{who != nullptr ? who->name : std::string("?"),
                                   a->what.kind == pc::advance_kind::argument, a->what.stance};
        out.items.push_back(engine::cmd::import_advance::item{a->what.text, std::move(before)});
      }
      done(std::move(out));
    });
  };
  co_return co_await await_callback<to_bring>(std::move(start));
}

asio::awaitable<command_outcome> import_into(room& r, engine::command cmd, std::string key) {
  auto start = [&r, cmd = std::move(cmd), key = std::move(key)](auto done) mutable {
    r.command(organizer, std::move(cmd), std::move(key), std::move(done));
  };
  co_return co_await await_callback<command_outcome>(std::move(start));
}

}  // namespace

asio::awaitable<void> bring_advance(app& a, std::string debate) {
  const auto settings = co_await settings_of(a, debate);
  if (settings.from_channel.empty()) co_return;
  auto c = co_await find_channel(a, settings.from_channel);
  if (!c) co_return;
  auto pending = co_await pending_items(*c, settings.from_topic);
  if (!pending.found || (pending.opened && pending.items.empty())) co_return;
  const auto count = pending.items.size();
  if (!pending.items.empty()) {
    protocol::error err{protocol::error_code::not_found, {}};
    auto r = co_await find_room(a, debate, err);
    if (!r) co_return;
    engine::command import{engine::cmd::import_advance{std::move(pending.items)}};
    auto key = "before-show." + protocol::format_topic(settings.from_topic) + "." + std::to_string(pending.upto);
    const auto imported = co_await import_into(*r, std::move(import), std::move(key));
    if (!imported.ok) {
      log::warn("advance_not_imported", {{"debate", debate}, {"code", protocol::to_string(imported.err.code)}});
      co_return;
    }
  }
  const channel_caller server{true, {}, {}, {}};
  ch::command take{ch::take_advance{settings.from_topic, pending.upto}};
  const auto taken = co_await run(*c, server, std::move(take));
  if (!taken.ok) {
    log::warn("advance_not_recorded", {{"debate", debate}, {"code", protocol::to_string(taken.err.code)}});
    co_return;
  }
  log::info("advance_brought", {{"debate", debate}, {"items", count}});
}

asio::awaitable<void> record_show_end(app& a, std::string debate) {
  const auto settings = co_await settings_of(a, debate);
  if (settings.from_channel.empty()) co_return;
  auto c = co_await find_channel(a, settings.from_channel);
  if (!c) co_return;
  const channel_caller server{true, {}, {}, {}};
  ch::command end{ch::end_show{settings.from_topic}};
  const auto ended = co_await run(*c, server, std::move(end));
  if (!ended.ok) {
    log::warn("show_end_not_recorded", {{"debate", debate}, {"code", protocol::to_string(ended.err.code)}});
  }
}

namespace {

asio::awaitable<void> follow_show(app& a, std::string debate, bool ended) {
  co_await bring_advance(a, debate);
  if (ended) {
    co_await record_show_end(a, debate);
  }
  co_await announce_show(a, debate, ended);
  if (ended) {
    co_await prepare_report(a, debate);
  }
}

}  // namespace

void watch_shows(const std::shared_ptr<app>& a, const asio::any_io_executor& io) {
  a->rooms.on_show([weak = std::weak_ptr<app>(a), io](const std::string& debate, bool ended) {
    auto held = weak.lock();
    if (!held) return;
    asio::co_spawn(io, follow_show(*held, debate, ended), [held, debate](const std::exception_ptr& e) {
      if (!e) return;
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& x) {
        log::error("advance_failed", {{"debate", debate}, {"detail", x.what()}});
      }
    });
  });
}

}  // namespace tribune::server
