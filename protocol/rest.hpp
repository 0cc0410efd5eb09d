#pragma once
// The REST API's bodies, both ways: what an organizer or a phone sends (decoded with every bound
// checked) and what the server answers (encoded here and nowhere else). Routes and statuses are
// the server's; the words and shapes are this file's.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "protocol/errors.hpp"
#include "protocol/settings.hpp"
#include "protocol/wire.hpp"

namespace tribune::protocol::rest {

// ---- requests ----
struct create_debate {
  std::string title;
  std::string motion;
  std::string description;
  show_format format = show_format::talk_show;
  std::string template_id;  // a debate whose run of show and settings the new one copies; or empty
};
struct join {
  std::string name;  // empty: the engine names the participant
};
struct add_panelist {
  std::string name;
  panel_role role = panel_role::panelist;
  side stance = side::none;
};
struct segment_request {
  std::string name;
  segment_kind kind = segment_kind::conversation;
  std::uint32_t minutes = 10;
  std::uint32_t speaker_seconds = 120;
  std::uint8_t speakers = 0;  // speaker_class bits
  std::uint8_t audience = 0;  // audience_right bits
};
struct set_format {
  show_format format = show_format::custom;
  std::optional<std::vector<segment_request>> segments;  // absent: the template's own
  std::optional<std::uint32_t> seats;
  bool automatic = false;  // segments advance on time, votes and turns run themselves
};
// At least one of the two.
struct set_moderation {
  std::optional<bool> is_private;
  std::optional<bool> names_public;  // the public log and events name the moderator who acted
};
// PUT /flag_words: the debate's own list, or (`shipped`) the shipped one.
struct flag_words {
  std::vector<std::string> words;
  bool shipped = false;
};
// A moderator link's name (POST and PATCH /moderators).
struct moderator_name {
  std::string name;
};
// The staff links POST /links replaces: all three flags false is the default pair (moderator and
// stage).
struct rotate_links {
  bool moderator = false;
  bool stage = false;
  bool overlay = false;
};

template <class T>
using decoded = std::variant<T, error>;

// Each reads a request body (empty means `{}`).
decoded<create_debate> decode_create_debate(std::string_view body);
decoded<join> decode_join(std::string_view body);
decoded<add_panelist> decode_add_panelist(std::string_view body);
decoded<set_format> decode_set_format(std::string_view body);
decoded<set_moderation> decode_set_moderation(std::string_view body);
decoded<rotate_links> decode_rotate_links(std::string_view body);
decoded<moderator_name> decode_moderator_name(std::string_view body);
decoded<flag_words> decode_flag_words(std::string_view body);

// ---- responses ----
// Every link of a debate. A staff link is absent when it cannot be given again (issued before
// links were recoverable): only a new one can replace it.
struct staff_link {
  std::string url;
  std::string token;
};
struct panelist_link {
  panelist_id panelist = 0;
  std::string name;
  panel_role role = panel_role::panelist;
  side stance = side::none;
  std::optional<staff_link> link;
};
// A moderator link with its name; `link` as for panelists.
struct team_link {
  moderator_id moderator = 0;
  std::string name;
  std::optional<staff_link> link;
};
struct links {
  std::string audience;
  std::optional<staff_link> moderator;
  std::optional<staff_link> stage;
  std::optional<staff_link> overlay;
  std::vector<panelist_link> panelists;
  std::vector<team_link> moderators;  // every moderator link, the first one ("o1") included
};
// What anyone may read of a debate: its description, where the show stands, its run of show and
// its presentation.
struct debate_detail {
  wire::debate debate;
  show_status status = show_status::not_started;
  wire::run_of_show run_of_show;
  debate_settings settings;
};
struct debate_summary {
  std::string id;
  std::string code;
  std::string title;
  std::int64_t created_at = 0;
};
struct joined {
  participant_id participant = 0;
  std::string name;
  std::string token;
  std::string debate;
};
struct panelist_added {
  panelist_id panelist = 0;
  std::string name;
  panel_role role = panel_role::panelist;
  side stance = side::none;
  std::string token;
  std::string link;
};

std::string encode_debate_detail(const debate_detail& d);
std::string encode_settings(const debate_settings& s);
std::string encode_created_debate(const wire::debate& d, const links& l);
std::string encode_links(const links& l);
std::string encode_debates(const std::vector<debate_summary>& list);
std::string encode_joined(const joined& j);
std::string encode_panelist_added(const panelist_added& p);
std::string encode_seq(seq_t seq);
std::string encode_moderation(seq_t seq, const set_moderation& m);
// One moderator link as POST and PATCH /moderators answer it (with its token and link when known).
std::string encode_team_link(const team_link& t);
// GET and PUT /flag_words: the list in force, and whether it is the shipped one.
std::string encode_flag_words(const std::vector<std::string>& words, bool shipped);
std::string encode_formats(const std::vector<wire::run_of_show>& formats);
std::string encode_error(const error& err);
std::string encode_status(std::string_view status);  // health and readiness
// The bounds a page needs (text lengths, poll options, rates), as published by GET /api/limits.
const std::string& encoded_limits();

}  // namespace tribune::protocol::rest
