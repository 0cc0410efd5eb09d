#include "protocol/predictions.hpp"

#include "protocol/fields.hpp"

namespace tribune::protocol {

create_prediction create_prediction::read(const fields& f) {
  create_prediction p;
  p.title = f.text("title", {max_prediction_title_chars});
  const auto* v = f.find("outcomes");
  if (v == nullptr || !v->is_array() || v->size() < min_outcomes || v->size() > max_outcomes) {
    throw field_error{invalid("outcomes", "a list of 2 to 10 outcomes")};
  }
  for (const auto& outcome : *v) {
    if (!outcome.is_string()) throw field_error{invalid("outcome", "must be a string")};
    p.outcomes.push_back(checked_text("outcome", outcome.get_ref<const std::string&>(), {max_outcome_chars}));
  }
  return p;
}

namespace {
prediction_id prediction_of(const fields& f) { return f.id<prediction_id>("prediction", parse_prediction); }
std::uint32_t outcome_of(const fields& f) {
  return f.number("outcome", 0, static_cast<std::uint32_t>(max_outcomes - 1));
}
}  // namespace

lock_prediction lock_prediction::read(const fields& f) { return {prediction_of(f)}; }
resolve_prediction resolve_prediction::read(const fields& f) { return {prediction_of(f), outcome_of(f)}; }
cancel_prediction cancel_prediction::read(const fields& f) { return {prediction_of(f)}; }
predict predict::read(const fields& f) { return {prediction_of(f), outcome_of(f)}; }

namespace wire {
void to_json(nlohmann::json& j, const prediction& v) {
  j = nlohmann::json{{"id", format_prediction(v.id)},
                     {"title", v.title},
                     {"outcomes", v.outcomes},
                     {"counts", v.counts},
                     {"status", v.status},
                     {"winner", nullptr}};
  if (v.winner) j["winner"] = *v.winner;
}
}  // namespace wire

namespace data {
void to_json(nlohmann::json& j, const prediction_changed& v) { j = nlohmann::json{{"prediction", v.prediction}}; }
}  // namespace data

nlohmann::json prediction_counts_json(const prediction_counts& counts) {
  auto out = nlohmann::json::object();
  for (const auto& [id, c] : counts) out[format_prediction(id)] = c;
  return out;
}

}  // namespace tribune::protocol
