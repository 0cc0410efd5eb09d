#include "server/replies.hpp"

namespace tribune::server {

using json = nlohmann::json;

std::string ack_message(const json& id, protocol::seq_t seq, const json& result) {
  json j{{"type", "ack"}, {"id", id}, {"seq", seq}};
  if (!result.is_null()) j["result"] = result;
  return j.dump();
}

std::string error_message(const json& id, protocol::seq_t seq, const protocol::error& err) {
  return json{
      {"type", "error"}, {"id", id}, {"seq", seq}, {"code", protocol::to_string(err.code)}, {"detail", err.detail}}
      .dump();
}

json reaction_counts_json(const protocol::reaction_counts& counts) {
  json j = json::object();
  for (std::size_t i = 0; i < counts.size(); ++i) {
    j[std::string(protocol::to_string(static_cast<protocol::reaction_kind>(i)))] = counts[i];
  }
  return j;
}

std::string reactions_message(protocol::seq_t seq, const protocol::reaction_counts& totals,
                              const protocol::reaction_counts& recent) {
  return json{{"type", "reactions"},
              {"seq", seq},
              {"totals", reaction_counts_json(totals)},
              {"recent", reaction_counts_json(recent)}}
      .dump();
}

}  // namespace tribune::server
