#pragma once
// Predictions: a moderator puts an outcome to the room ("who wins the vote?"), locks it, then
// resolves it with the outcome that came true or cancels it; each audience member predicts once
// while it is open. Predictions made reach screens through coalesced tallies, as ballots do; who
// predicted what is theirs and the moderators' to know, never the public archive's.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/types.hpp"
#include "protocol/messages.hpp"
#include "protocol/predictions.hpp"

namespace tribune::engine {

namespace ev {
struct prediction_created {
  static constexpr std::string_view name = "prediction_created";
  prediction_id prediction = 0;
  std::string title;
  std::vector<std::string> outcomes;
};
// Reaches screens through `tallies`, not one message per prediction.
struct prediction_made {
  static constexpr std::string_view name = "prediction_made";
  static constexpr bool coalesced = true;
  prediction_id prediction = 0;
  participant_id participant = 0;
  std::uint32_t outcome = 0;
};
struct prediction_locked {
  static constexpr std::string_view name = "prediction_locked";
  prediction_id prediction = 0;
};
struct prediction_resolved {
  static constexpr std::string_view name = "prediction_resolved";
  prediction_id prediction = 0;
  std::uint32_t outcome = 0;
};
struct prediction_cancelled {
  static constexpr std::string_view name = "prediction_cancelled";
  prediction_id prediction = 0;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(prediction_created, prediction, title, outcomes)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(prediction_made, prediction, participant, outcome)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(prediction_locked, prediction)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(prediction_resolved, prediction, outcome)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(prediction_cancelled, prediction)
}  // namespace ev

struct prediction {
  prediction_id id = 0;
  std::string title;
  std::vector<std::string> outcomes;
  protocol::prediction_status status = protocol::prediction_status::open;
  std::optional<std::uint32_t> winner;
  std::map<participant_id, std::uint32_t> picks;
  std::vector<std::uint64_t> counts;  // per outcome
};

struct predictions_state {
  std::vector<prediction> predictions;  // predictions[id - 1]
};

namespace predictions {
using commands = type_list<protocol::create_prediction, protocol::lock_prediction, protocol::resolve_prediction,
                           protocol::cancel_prediction, protocol::predict>;
using events = type_list<ev::prediction_created, ev::prediction_made, ev::prediction_locked, ev::prediction_resolved,
                         ev::prediction_cancelled>;
}  // namespace predictions

// Moderators only; a resolved or cancelled prediction stays as it is.
decision decide(const state& s, const context& c, const protocol::create_prediction& x);
decision decide(const state& s, const context& c, const protocol::lock_prediction& x);
decision decide(const state& s, const context& c, const protocol::resolve_prediction& x);
decision decide(const state& s, const context& c, const protocol::cancel_prediction& x);
// An audience member, once per prediction while it is open: the same outcome again changes nothing.
decision decide(const state& s, const context& c, const protocol::predict& x);

void apply(state& s, const event& e, const ev::prediction_created& x);
void apply(state& s, const event& e, const ev::prediction_made& x);
void apply(state& s, const event& e, const ev::prediction_locked& x);
void apply(state& s, const event& e, const ev::prediction_resolved& x);
void apply(state& s, const event& e, const ev::prediction_cancelled& x);

protocol::data::prediction_changed view_of(const state& s, const ev::prediction_created& x, view v);
protocol::data::prediction_changed view_of(const state& s, const ev::prediction_locked& x, view v);
protocol::data::prediction_changed view_of(const state& s, const ev::prediction_resolved& x, view v);
protocol::data::prediction_changed view_of(const state& s, const ev::prediction_cancelled& x, view v);

protocol::ack_result result_of(const state& after, const protocol::create_prediction& x,
                               const std::vector<event>& produced);

void add_predictions(protocol::snapshot& out, const state& s, std::optional<participant_id> me);

}  // namespace tribune::engine
