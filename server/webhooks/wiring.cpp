#include "server/webhooks/wiring.hpp"

#include "protocol/ids.hpp"
#include "protocol/words.hpp"
#include "server/app.hpp"
#include "server/clock.hpp"
#include "server/config.hpp"
#include "server/debates.hpp"
#include "server/log.hpp"
#include "server/webhooks/announce.hpp"
#include "server/webhooks/outbox.hpp"

namespace tribune::server {
namespace {

using nlohmann::json;

struct announcement {
  std::string type;
  json data;
  std::string key;
};

std::string public_base(const app& a) {
  if (!a.cfg.public_url.empty()) return a.cfg.public_url;
  return "http://" + url_authority(a.cfg.listen_host, a.port.load());
}

// Queues the announcements on the storage threads, then wakes the outbox.
void queue(app& a, const std::string& channel, std::vector<announcement> all) {
  if (all.empty()) return;
  asio::post(a.storage_threads, [&a, channel, all = std::move(all)] {
    try {
      std::size_t queued = 0;
      for (const auto& x : all) queued += webhooks::announce(a.hooks, channel, x.type, x.data, x.key, now_ms());
      if (queued > 0) a.outbox->poke();
    } catch (const storage::storage_error& e) {
      log::error("webhooks_not_queued", {{"channel", channel}, {"detail", e.what()}});
    }
  });
}

std::optional<announcement> of_event(const app& a, const std::string& channel, const ch::event& e, const ch::state& s) {
  const auto key = channel + "/" + std::to_string(e.seq);
  auto topic_json = [&](protocol::topic_id id) {
    const auto* t = s.find_topic(id);
    return json{{"channel", channel},
                {"topic", protocol::format_topic(id)},
                {"title", t != nullptr && t->hidden.empty() ? t->proposal.title : std::string()},
                {"url", public_base(a) + "/c/" + channel + "/" + protocol::format_topic(id)}};
  };
  if (const auto* x = std::get_if<ch::ev::topic_proposed>(&e.body)) {
    auto data = topic_json(x->topic);
    data["category"] = x->category;
    return announcement{"topic.proposed", std::move(data), key};
  }
  if (const auto* x = std::get_if<ch::ev::topic_answered>(&e.body)) {
    auto data = topic_json(x->topic);
    data["answer"] = protocol::word(x->kind);
    data["text"] = x->text;
    if (x->into != 0) data["into"] = protocol::format_topic(x->into);
    return announcement{"topic.answered", std::move(data), key};
  }
  if (const auto* x = std::get_if<ch::ev::topic_scheduled>(&e.body)) {
    auto data = topic_json(x->topic);
    data["starts_at"] = x->starts_at;
    data["time_zone"] = x->time_zone;
    data["place"] = x->place;
    return announcement{"debate.scheduled", std::move(data), key};
  }
  return std::nullopt;
}

}  // namespace

committed_hook channel_announcer(const std::weak_ptr<app>& weak) {
  return [weak](const std::string& channel, const std::vector<ch::event>& events, const ch::state& after) {
    auto a = weak.lock();
    if (!a) return;
    std::vector<announcement> all;
    for (const auto& e : events) {
      if (auto x = of_event(*a, channel, e, after)) all.push_back(std::move(*x));
    }
    queue(*a, channel, std::move(all));
  };
}

asio::awaitable<void> announce_show(app& a, const std::string& debate, bool ended) {
  const auto settings = co_await settings_of(a, debate);
  if (settings.from_channel.empty()) co_return;
  const asio::any_io_executor pool = a.storage_threads.get_executor();
  // Named, not a temporary inside the co_await expression (GCC 12, see net.hpp).
  auto read = [&a, debate] { return a.log.find_debate(debate); };
  const auto row = co_await offload(pool, std::move(read));
  if (!row) co_return;
  const auto base = public_base(a);
  json data{{"channel", settings.from_channel},
            {"topic", protocol::format_topic(settings.from_topic)},
            {"debate", debate},
            {"code", row->code},
            {"title", row->title},
            {"audience", base + "/a/" + row->code}};
  std::vector<announcement> all;
  if (!ended) {
    all.push_back(announcement{"show.started", data, debate});
  } else {
    data["report"] = base + "/r/" + row->code;
    all.push_back(announcement{"show.ended", data, debate});
    auto head_of = [&a, debate] { return a.archives.head(a.log, debate); };
    const auto head = co_await offload(pool, std::move(head_of));
    data["archive"] = base + "/api/debates/" + debate + "/archive";
    data["seq"] = head.seq;
    data["head"] = protocol::archive::hex(head.hash);
    all.push_back(announcement{"archive.ready", std::move(data), debate});
  }
  queue(a, settings.from_channel, std::move(all));
}

}  // namespace tribune::server
