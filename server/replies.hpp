#pragma once
// Server messages that are not events: acks, errors and the aggregated reaction counts.
#include <string>

#include <nlohmann/json.hpp>

#include "protocol/errors.hpp"
#include "protocol/ids.hpp"

namespace tribune::server {

std::string ack_message(const nlohmann::json& id, protocol::seq_t seq, const nlohmann::json& result);
std::string error_message(const nlohmann::json& id, protocol::seq_t seq, const protocol::error& err);
std::string reactions_message(protocol::seq_t seq, const protocol::reaction_counts& totals,
                              const protocol::reaction_counts& recent);
nlohmann::json reaction_counts_json(const protocol::reaction_counts& counts);

}  // namespace tribune::server
