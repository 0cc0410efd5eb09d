#include "protocol/backstage.hpp"

#include "protocol/fields.hpp"

namespace tribune::protocol {

send_cue send_cue::read(const fields& f) {
  send_cue c{f.id<panelist_id>("panelist", parse_panelist), f.word<cue_kind>("cue"), {}};
  c.text = c.cue == cue_kind::note ? f.text("text", {max_cue_chars, false, false})
                                   : f.optional_text("text", {max_cue_chars, true, false});
  return c;
}

acknowledge_cue acknowledge_cue::read(const fields& f) { return {f.id<cue_id>("cue", parse_cue)}; }

post_staff_message post_staff_message::read(const fields& f) {
  return {f.text("text", {max_staff_message_chars, false, true})};
}

namespace wire {

void to_json(nlohmann::json& j, const cue& v) {
  j = nlohmann::json{
      {"id", format_cue(v.id)},
      {"panelist", format_panelist(v.panelist)},
      {"cue", v.kind},
      {"text", v.text.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.text)},
      {"at", v.at},
      {"acknowledged_at", v.acknowledged_at ? nlohmann::json(*v.acknowledged_at) : nlohmann::json(nullptr)}};
}

void to_json(nlohmann::json& j, const staff_message& v) {
  j = nlohmann::json{{"id", format_staff_message(v.id)}, {"text", v.text}, {"at", v.at}};
  if (!v.by.empty()) j["by"] = v.by;
}

void to_json(nlohmann::json& j, const backstage& v) { j = nlohmann::json{{"cues", v.cues}, {"messages", v.messages}}; }

}  // namespace wire

namespace data {

void to_json(nlohmann::json& j, const cue_changed& v) { j = nlohmann::json{{"cue", v.cue}}; }
void to_json(nlohmann::json& j, const staff_message_posted& v) { j = nlohmann::json{{"message", v.message}}; }

}  // namespace data

}  // namespace tribune::protocol
