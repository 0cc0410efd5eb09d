#include "protocol/advance.hpp"

#include "protocol/body.hpp"
#include "protocol/fields.hpp"

namespace tribune::protocol::channels {

std::variant<send_advance, error> decode_send_advance(std::string_view body, topic_id topic) {
  return read_body<send_advance>(body, [topic](const fields& f) {
    send_advance a{topic, f.word<advance_kind>("kind", advance_kind::question),
                   f.text("text", {max_advance_chars, false, true}), f.word<side>("side", side::none)};
    if (a.kind == advance_kind::question && a.stance != side::none) {
      throw field_error{invalid("side", "only an argument takes a side")};
    }
    return a;
  });
}

nlohmann::json advance_json(const advance_view& v) {
  nlohmann::json j{{"id", v.id}, {"by", v.by}, {"at", v.at}, {"kind", v.kind}, {"text", v.text}};
  if (v.stance != side::none) j["side"] = v.stance;
  return j;
}

}  // namespace tribune::protocol::channels
