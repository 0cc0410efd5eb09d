// The REST API's bodies: requests read with the protocol's bounds, responses written once here.
#include "protocol/rest.hpp"

#include <algorithm>

#include "protocol/body.hpp"
#include "protocol/channels.hpp"
#include "protocol/decode.hpp"
#include "protocol/fields.hpp"
#include "protocol/limits.hpp"
#include "protocol/quiz.hpp"
#include "protocol/words.hpp"

namespace tribune::protocol::rest {
namespace {

using json = nlohmann::json;

template <class E>
std::uint8_t bit_set(const fields& f, const char* key) {
  std::uint8_t bits = 0;
  const auto* list = f.find(key);
  if (list == nullptr) return bits;
  if (!list->is_array()) throw field_error{invalid(key, "a list of words")};
  for (const auto& w : *list) {
    const auto value = w.is_string() ? parse_word<E>(w.get_ref<const std::string&>()) : std::nullopt;
    if (!value) throw field_error{invalid(key, "not one of the allowed words")};
    bits |= bit(*value);
  }
  return bits;
}

segment_request read_segment(const json& item) {
  if (!item.is_object()) throw field_error{invalid("segments", "each segment is an object")};
  const fields f(item);
  segment_request s;
  s.name = f.text("name", {max_segment_name_chars});
  s.kind = f.word<segment_kind>("kind", segment_kind::conversation);
  s.minutes = f.number("minutes", min_segment_minutes, max_segment_minutes, 10);
  s.speaker_seconds = f.number("speaker_seconds", min_turn_seconds, max_turn_seconds, 120);
  s.speakers = bit_set<speaker_class>(f, "speakers");
  s.audience = bit_set<audience_right>(f, "audience");
  return s;
}

set_format read_format(const fields& f) {
  set_format out;
  out.format = f.word<show_format>("format", show_format::custom);
  if (const auto* list = f.find("segments")) {
    if (!list->is_array() || list->size() < min_segments || list->size() > max_segments) {
      throw field_error{invalid("segments", "a list of 1 to 30 segments")};
    }
    out.segments.emplace();
    for (const auto& item : *list) out.segments->push_back(read_segment(item));
  } else if (out.format == show_format::custom) {
    throw field_error{invalid("format", "oxford, talk_show, round_table or fishbowl, or give segments")};
  }
  if (f.has("seats")) out.seats = f.number("seats", 0, max_seats);
  out.automatic = f.flag("automatic", false);
  return out;
}

json url_or_null(const std::optional<staff_link>& l) { return l ? json(l->url) : json(nullptr); }
json token_or_null(const std::optional<staff_link>& l) { return l ? json(l->token) : json(nullptr); }

json team_link_json(const team_link& t) {
  return json{{"moderator", format_moderator(t.moderator)}, {"name", t.name}, {"link", url_or_null(t.link)}};
}

std::string links_json_text(json j, const links& l) {
  j["links"] = json{{"audience", l.audience},
                    {"moderator", url_or_null(l.moderator)},
                    {"stage", url_or_null(l.stage)},
                    {"overlay", url_or_null(l.overlay)}};
  j["tokens"] = json{{"moderator", token_or_null(l.moderator)},
                     {"stage", token_or_null(l.stage)},
                     {"overlay", token_or_null(l.overlay)}};
  json panel = json::array();
  for (const auto& p : l.panelists) {
    panel.push_back(json{{"panelist", format_panelist(p.panelist)},
                         {"name", p.name},
                         {"role", word(p.role)},
                         {"side", word(p.stance)},
                         {"link", url_or_null(p.link)}});
  }
  j["panelists"] = std::move(panel);
  json team = json::array();
  for (const auto& t : l.moderators) team.push_back(team_link_json(t));
  j["moderators"] = std::move(team);
  return j.dump();
}

// Where the show stands, for an organizer's list: not started yet, on, or over.
std::string_view show_stage_word(show_status s) {
  switch (s) {
    case show_status::not_started: return "draft";
    case show_status::running:
    case show_status::paused: return "live";
    case show_status::ended: return "ended";
  }
  return "draft";
}

}  // namespace

decoded<create_debate> decode_create_debate(std::string_view body) {
  return read_body<create_debate>(body, [](const fields& f) {
    return create_debate{f.text("title", {max_title_chars}), f.optional_text("motion", {max_motion_chars}),
                         f.optional_text("description", {max_description_chars, true, true}),
                         f.word<show_format>("format", show_format::talk_show),
                         f.optional_text("template", {max_debate_id_chars})};
  });
}

decoded<join> decode_join(std::string_view body) {
  return read_body<join>(body, [](const fields& f) { return join{f.optional_text("name", {max_name_chars})}; });
}

decoded<add_panelist> decode_add_panelist(std::string_view body) {
  return read_body<add_panelist>(body, [](const fields& f) {
    return add_panelist{f.text("name", {max_name_chars}), f.word<panel_role>("role", panel_role::panelist),
                        f.word<side>("side", side::none)};
  });
}

decoded<set_format> decode_set_format(std::string_view body) { return read_body<set_format>(body, read_format); }

decoded<set_moderation> decode_set_moderation(std::string_view body) {
  return read_body<set_moderation>(body, [](const fields& f) {
    set_moderation m;
    if (f.given("private")) m.is_private = f.flag("private");
    if (f.given("names_public")) m.names_public = f.flag("names_public");
    if (!m.is_private && !m.names_public) throw field_error{invalid("private", "give private or names_public")};
    return m;
  });
}

decoded<flag_words> decode_flag_words(std::string_view body) {
  return read_body<flag_words>(body, [](const fields& f) {
    flag_words out;
    out.shipped = f.flag("shipped", false);
    const auto* list = f.find("words");
    if (out.shipped) {
      if (list != nullptr && !list->is_null()) throw field_error{invalid("words", "none with the shipped list")};
      return out;
    }
    if (list == nullptr || !list->is_array() || list->size() > max_flag_words) {
      throw field_error{invalid("words", "a list of at most 500 words")};
    }
    for (const auto& w : *list) {
      if (!w.is_string()) throw field_error{invalid("words", "each word is a string")};
      auto word = checked_text("words", w.get_ref<const std::string&>(), {max_flag_word_chars});
      if (std::find(out.words.begin(), out.words.end(), word) == out.words.end()) out.words.push_back(std::move(word));
    }
    return out;
  });
}

decoded<moderator_name> decode_moderator_name(std::string_view body) {
  return read_body<moderator_name>(body,
                                   [](const fields& f) { return moderator_name{f.text("name", {max_name_chars})}; });
}

decoded<rotate_links> decode_rotate_links(std::string_view body) {
  return read_body<rotate_links>(body, [](const fields& f) {
    if (!f.given("link")) return rotate_links{true, true, false};
    const auto which = f.string("link", max_word_bytes);
    if (which == "moderator") return rotate_links{true, false, false};
    if (which == "stage") return rotate_links{false, true, false};
    if (which == "overlay") return rotate_links{false, false, true};
    throw field_error{invalid("link", "moderator, stage or overlay")};
  });
}

std::string encode_created_debate(const wire::debate& d, const links& l) { return links_json_text(json(d), l); }

std::string encode_links(const links& l) { return links_json_text(json::object(), l); }

std::string encode_debate_detail(const debate_detail& d) {
  json j = d.debate;
  j["status"] = show_stage_word(d.status);
  j["format"] = word(d.run_of_show.format);
  j["segments"] = d.run_of_show.segments;
  j["seats"] = d.run_of_show.seats;
  j["automatic"] = d.run_of_show.automatic;
  const auto& s = d.settings;
  if (!s.accent.empty() || !s.logo.empty() || !s.sponsor.empty()) {
    json brand = json::object();
    if (!s.accent.empty()) brand["accent"] = s.accent;
    if (!s.logo.empty()) brand["logo"] = s.logo;
    if (!s.sponsor.empty()) brand["sponsor"] = s.sponsor;
    j["brand"] = std::move(brand);
  }
  if (s.stream) j["stream"] = json{{"kind", word(s.stream->kind)}, {"url", s.stream->url}};
  j["embed_origins"] = s.embed_origins;
  return j.dump();
}

std::string encode_settings(const debate_settings& s) {
  return json{{"settings", json::parse(settings_text(s))}}.dump();
}

std::string encode_debates(const std::vector<debate_summary>& list) {
  json out = json::array();
  for (const auto& d : list) {
    out.push_back(json{{"id", d.id}, {"code", d.code}, {"title", d.title}, {"created_at", d.created_at}});
  }
  return json{{"debates", std::move(out)}}.dump();
}

std::string encode_joined(const joined& j) {
  return json{
      {"participant", format_participant(j.participant)}, {"name", j.name}, {"token", j.token}, {"debate", j.debate}}
      .dump();
}

std::string encode_panelist_added(const panelist_added& p) {
  return json{{"panelist", format_panelist(p.panelist)},
              {"name", p.name},
              {"role", word(p.role)},
              {"side", word(p.stance)},
              {"token", p.token},
              {"link", p.link}}
      .dump();
}

std::string encode_seq(seq_t seq) { return json{{"seq", seq}}.dump(); }

std::string encode_moderation(seq_t seq, const set_moderation& m) {
  json j{{"seq", seq}};
  if (m.is_private) j["private"] = *m.is_private;
  if (m.names_public) j["names_public"] = *m.names_public;
  return j.dump();
}

std::string encode_flag_words(const std::vector<std::string>& words, bool shipped) {
  return json{{"words", words}, {"shipped", shipped}}.dump();
}

std::string encode_team_link(const team_link& t) {
  auto j = team_link_json(t);
  j["token"] = token_or_null(t.link);
  return j.dump();
}

std::string encode_formats(const std::vector<wire::run_of_show>& formats) {
  json out = json::object();
  for (const auto& f : formats) out[std::string(word(f.format))] = f;
  return json{{"formats", std::move(out)}}.dump();
}

std::string encode_error(const error& err) {
  return json{{"error", {{"code", word(err.code)}, {"detail", err.detail}}}}.dump();
}

std::string encode_status(std::string_view status) { return json{{"status", status}}.dump(); }

namespace {

// The bounds of the live room: what a command or an event may carry.
json room_limits() {
  return json{{"frame_bytes", max_frame_bytes},
              {"question_chars", max_question_chars},
              {"reason_chars", max_reason_chars},
              {"name_chars", max_name_chars},
              {"title_chars", max_title_chars},
              {"motion_chars", max_motion_chars},
              {"description_chars", max_description_chars},
              {"argument_chars", max_argument_chars},
              {"source_chars", max_source_chars},
              {"poll_question_chars", max_poll_question_chars},
              {"option_chars", max_option_chars},
              {"word_chars", max_word_chars},
              {"segment_name_chars", max_segment_name_chars},
              {"cue_chars", max_cue_chars},
              {"staff_message_chars", max_staff_message_chars},
              {"prediction_title_chars", max_prediction_title_chars},
              {"outcome_chars", max_outcome_chars},
              {"outcomes", {{"min", min_outcomes}, {"max", max_outcomes}}},
              {"quiz_text_chars", max_quiz_text_chars},
              {"quiz_choice_chars", max_quiz_choice_chars},
              {"quiz_choices", {{"min", min_quiz_choices}, {"max", max_quiz_choices}}},
              {"quiz_seconds", {{"min", min_quiz_seconds}, {"max", max_quiz_seconds}}},
              {"poll_options", {{"min", min_poll_options}, {"max", max_poll_options}}},
              {"segments", {{"min", min_segments}, {"max", max_segments}}},
              {"segment_minutes", {{"min", min_segment_minutes}, {"max", max_segment_minutes}}},
              {"turn_seconds", {{"min", min_turn_seconds}, {"max", max_turn_seconds}}},
              {"seats", {{"min", 0}, {"max", max_seats}}},
              {"floor_seconds", max_floor_seconds},
              {"extend_seconds", max_extend_seconds},
              {"questions_per_minute", questions_per_minute},
              {"reactions_per_second", reactions_per_second},
              {"commands_per_second", commands_per_second}};
}

// The bounds of a channel before the show.
json channel_limits() {
  return json{{"channel_name_chars", channels::max_channel_name_chars},
              {"channel_description_chars", channels::max_channel_description_chars},
              {"category_chars", channels::max_category_chars},
              {"topic_title_chars", channels::max_topic_title_chars},
              {"pitch_chars", channels::max_pitch_chars},
              {"location_chars", channels::max_location_chars},
              {"feedback_chars", channels::max_feedback_chars},
              {"answer_chars", channels::max_answer_chars},
              {"comment_chars", channels::max_comment_chars},
              {"hide_reason_chars", channels::max_hide_reason_chars},
              {"motivation_chars", channels::max_motivation_chars},
              {"contact_chars", channels::max_contact_chars},
              {"organisation_chars", channels::max_organisation_chars},
              {"offer_message_chars", channels::max_offer_message_chars},
              {"notes_chars", channels::max_notes_chars},
              {"questions", channels::max_questions},
              {"prompt_chars", channels::max_prompt_chars},
              {"choices", {{"min", channels::min_choices}, {"max", channels::max_choices}}},
              {"choice_chars", channels::max_choice_chars},
              {"scale_top", {{"min", channels::min_scale}, {"max", channels::max_scale}}},
              {"text_answer_chars", channels::max_text_answer_chars},
              {"advance_chars", channels::max_advance_chars},
              {"advance_per_ten_minutes", channels::advance_per_window},
              {"proposals_per_ten_minutes", channels::proposals_per_window},
              {"applications_and_offers_per_ten_minutes", channels::submissions_per_window},
              {"opinions_per_minute", channels::opinions_per_minute},
              {"comments_per_minute", channels::comments_per_minute}};
}

}  // namespace

const std::string& encoded_limits() {
  static const std::string text = [] {
    json limits = room_limits();
    limits.update(channel_limits());
    return json{{"limits", std::move(limits)}}.dump();
  }();
  return text;
}

}  // namespace tribune::protocol::rest
