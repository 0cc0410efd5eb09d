#include "protocol/webhooks.hpp"

#include <algorithm>

#include "protocol/body.hpp"
#include "protocol/settings.hpp"

namespace tribune::protocol::webhooks {
namespace {

bool loopback(std::string_view origin) {
  constexpr std::string_view scheme = "http://";
  auto host = origin.substr(scheme.size());
  host = host.substr(0, host.find(':'));
  return host == "localhost" || host.starts_with("127.");
}

std::string read_url(const nlohmann::json& obj) {
  const auto it = obj.find("url");
  if (it == obj.end() || !it->is_string()) throw field_error{invalid("url", "required: an https address")};
  const auto& url = it->get_ref<const std::string&>();
  if (url.size() > max_url_chars) throw field_error{invalid("url", "at most 500 characters")};
  const auto origin = url_origin(url, false);
  if (!origin || (origin->starts_with("http://") && !loopback(*origin))) {
    throw field_error{invalid("url", "an https address, or http to this machine (127.0.0.1, localhost)")};
  }
  return url;
}

std::vector<std::string> read_events(const nlohmann::json& obj) {
  const auto it = obj.find("events");
  if (it == obj.end() || it->is_null()) return {event_types.begin(), event_types.end()};
  if (!it->is_array() || it->empty() || it->size() > event_types.size()) {
    throw field_error{invalid("events", "a list of event types")};
  }
  std::vector<std::string> out;
  for (const auto& e : *it) {
    if (!e.is_string() || !known_type(e.get_ref<const std::string&>())) {
      throw field_error{invalid("events",
                                "each one of topic.proposed, topic.answered, debate.scheduled, "
                                "show.started, show.ended, archive.ready")};
    }
    if (std::find(out.begin(), out.end(), e.get<std::string>()) != out.end()) {
      throw field_error{invalid("events", "each type once")};
    }
    out.push_back(e.get<std::string>());
  }
  return out;
}

nlohmann::json view_json(const webhook_view& w) {
  auto deliveries = nlohmann::json::array();
  for (const auto& d : w.deliveries) {
    deliveries.push_back({{"id", d.id},
                          {"type", d.type},
                          {"status", d.status},
                          {"attempts", d.attempts},
                          {"last_code", d.last_code == 0 ? nlohmann::json(nullptr) : nlohmann::json(d.last_code)},
                          {"last_error", d.last_error},
                          {"created_at", d.created_at},
                          {"next_at", d.status == "pending" ? nlohmann::json(d.next_at) : nlohmann::json(nullptr)},
                          {"done_at", d.done_at == 0 ? nlohmann::json(nullptr) : nlohmann::json(d.done_at)}});
  }
  return {{"id", w.id},
          {"url", w.url},
          {"events", w.events},
          {"secret", w.secret},
          {"created_at", w.created_at},
          {"deliveries", std::move(deliveries)}};
}

}  // namespace

std::string encode_webhook(const webhook_view& w) { return nlohmann::json{{"webhook", view_json(w)}}.dump(); }

std::string encode_webhooks(const std::vector<webhook_view>& all) {
  auto list = nlohmann::json::array();
  for (const auto& w : all) list.push_back(view_json(w));
  return nlohmann::json{{"webhooks", std::move(list)}}.dump();
}

bool known_type(std::string_view type) {
  return std::find(event_types.begin(), event_types.end(), type) != event_types.end();
}

std::variant<webhook_request, error> decode_webhook_request(std::string_view body) {
  return read_body<webhook_request>(body, [](const nlohmann::json& obj) {
    return webhook_request{read_url(obj), read_events(obj)};
  });
}

}  // namespace tribune::protocol::webhooks
