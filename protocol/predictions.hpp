#pragma once
// Predictions, in the manner of live streams: a moderator asks the room to predict an outcome
// ("who wins the vote?") among 2 to 10, locks the predictions, then resolves the prediction with the
// outcome that came true (or cancels it); each audience member predicts once, and sees afterwards
// whether they were right. The commands, their bounds, and what is written of them.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "protocol/ids.hpp"

namespace tribune::protocol {

class fields;

enum class prediction_status : std::uint8_t { open, locked, resolved, cancelled };
NLOHMANN_JSON_SERIALIZE_ENUM(prediction_status, {{prediction_status::open, "open"},
                                                 {prediction_status::locked, "locked"},
                                                 {prediction_status::resolved, "resolved"},
                                                 {prediction_status::cancelled, "cancelled"}})

constexpr std::size_t max_prediction_title_chars = 200;
constexpr std::size_t max_outcome_chars = 80;
constexpr std::size_t min_outcomes = 2;
constexpr std::size_t max_outcomes = 10;

// A moderator opens a prediction: predictions are taken at once.
struct create_prediction {
  static constexpr std::string_view type = "create_prediction";
  std::string title;
  std::vector<std::string> outcomes;
  static create_prediction read(const fields& f);
};
// No more predictions.
struct lock_prediction {
  static constexpr std::string_view type = "lock_prediction";
  prediction_id prediction = 0;
  static lock_prediction read(const fields& f);
};
// The outcome that came true (by its index).
struct resolve_prediction {
  static constexpr std::string_view type = "resolve_prediction";
  prediction_id prediction = 0;
  std::uint32_t outcome = 0;
  static resolve_prediction read(const fields& f);
};
struct cancel_prediction {
  static constexpr std::string_view type = "cancel_prediction";
  prediction_id prediction = 0;
  static cancel_prediction read(const fields& f);
};
// An audience member's prediction, once per prediction, while it is open.
struct predict {
  static constexpr std::string_view type = "predict";
  prediction_id prediction = 0;
  std::uint32_t outcome = 0;
  static predict read(const fields& f);
};

namespace wire {
struct prediction {
  prediction_id id = 0;
  std::string title;
  std::vector<std::string> outcomes;
  std::vector<std::uint64_t> counts;  // per outcome
  prediction_status status = prediction_status::open;
  std::optional<std::uint32_t> winner;  // resolved
};
void to_json(nlohmann::json& j, const prediction& v);
}  // namespace wire

namespace data {
// prediction_created, prediction_locked, prediction_resolved, prediction_cancelled: to everyone.
struct prediction_changed {
  wire::prediction prediction;
};
void to_json(nlohmann::json& j, const prediction_changed& v);
}  // namespace data

// The counts of the predictions that changed, in `tallies` (predictions made are coalesced).
using prediction_counts = std::map<prediction_id, std::vector<std::uint64_t>>;
nlohmann::json prediction_counts_json(const prediction_counts& counts);

}  // namespace tribune::protocol
