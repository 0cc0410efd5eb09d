// The channel's REST calls: every command runs through the channel's one path (channel.hpp) and
// answers with the view of what it changed, as the caller may see it.
#include "server/channel/api.hpp"

#include "protocol/decode.hpp"
#include "protocol/rest.hpp"
#include "server/api.hpp"
#include "server/channel/reads.hpp"
#include "server/clock.hpp"
#include "server/debates.hpp"
#include "server/log.hpp"
#include "server/tokens.hpp"

namespace tribune::server {
namespace {

namespace pc = protocol::channels;

constexpr std::string_view idempotency_key_field = "Idempotency-Key";
using protocol::error_code;

// The debate a topic would become, or why it cannot have one: the channel decides as it will when
// the debate is attached, so that no debate is made for a topic that cannot take it.
asio::awaitable<std::variant<new_debate, protocol::error>> debate_for(channel& c, const channel_caller& caller,
                                                                      const pc::open_debate& ask) {
  using answer = std::variant<new_debate, protocol::error>;
  auto start = [&c, caller, ask](auto done) mutable {
    c.inspect(caller, [done = std::move(done), ask](const ch::state& s, const ch::who& by) mutable {
      const ch::command probe{ch::attach_debate{ask.topic, {}, {}}};
      const auto decided = ch::decide(s, ch::context{by, now_ms()}, probe);
      if (const auto* r = std::get_if<engine::rejection>(&decided)) {
        done(answer{protocol::error{r->code, r->detail}});
        return;
      }
      const auto& p = s.topics[ask.topic - 1].proposal;
      new_debate spec;
      spec.title = p.title;
      spec.description = p.pitch;
      spec.format = ask.format.value_or(p.format);
      if (spec.format == protocol::show_format::oxford) spec.motion = p.title;
      spec.settings.accent = s.info.accent;
      spec.settings.logo = s.info.logo;
      spec.settings.sponsor = s.topics[ask.topic - 1].sponsor.organisation;
      spec.settings.from_channel = s.info.id;
      spec.settings.from_topic = ask.topic;
      if (s.flags.own_flag_words) spec.flag_words = s.flags.flag_words;  // the channel's words flag its debates
      done(answer{std::move(spec)});
    });
  };
  co_return co_await await_callback<answer>(std::move(start));
}

// Whom a casting adds to which debate, or why the channel would refuse it.
struct casting_plan {
  std::string debate;
  protocol::rest::add_panelist panelist;
};

asio::awaitable<std::variant<casting_plan, protocol::error>> casting_for(channel& c, const channel_caller& caller,
                                                                         const pc::cast_applicant& ask) {
  using answer = std::variant<casting_plan, protocol::error>;
  auto start = [&c, caller, ask](auto done) mutable {
    c.inspect(caller, [done = std::move(done), ask](const ch::state& s, const ch::who& by) mutable {
      const ch::command probe{ch::cast{ask, 0}};
      const auto decided = ch::decide(s, ch::context{by, now_ms()}, probe);
      if (const auto* r = std::get_if<engine::rejection>(&decided)) {
        done(answer{protocol::error{r->code, r->detail}});
        return;
      }
      const auto* who = s.find_identity(ask.applicant);
      done(answer{
          casting_plan{s.topics[ask.topic - 1].debate, protocol::rest::add_panelist{who->name, ask.role, ask.stance}}});
    });
  };
  co_return co_await await_callback<answer>(std::move(start));
}

// The id of the debate made from a topic; empty when there is none.
asio::awaitable<std::string> debate_of(channel& c, pc::topic_id topic) {
  auto start = [&c, topic](auto done) {
    c.inspect({}, [done = std::move(done), topic](const ch::state& s, const ch::who&) mutable {
      const auto* t = s.find_topic(topic);
      done(t != nullptr ? t->debate : std::string());
    });
  };
  co_return co_await await_callback<std::string>(std::move(start));
}

asio::awaitable<http_response> create_channel(app& a, const http_request& req) {
  const auto decoded = pc::decode_create_channel(req.body());
  const protocol::error* err = nullptr;
  const auto* body = decoded_or(decoded, err);
  if (body == nullptr) co_return json_error(req, *err);
  const auto id = new_debate_id();
  auto c = a.channels.make(id);
  ch::command create{ch::create{id, *body}};
  std::optional<storage::channel_row> row{storage::channel_row{id, body->name, now_ms()}};
  const auto caller = caller_of(a, req);
  const auto outcome = co_await run(*c, caller, std::move(create), std::move(row));
  if (!outcome.ok) co_return json_error(req, outcome.err);
  const pc::channel_query whole;
  auto view = co_await channel_json(*c, whole);
  co_return json_response(req, http::status::created, std::move(view));
}

asio::awaitable<http_response> new_identity(app& a, const http_request& req, channel& c, const std::string& remote) {
  if (!a.joins.try_take(remote)) {
    co_return json_error(req, error_code::rate_limited, "too many new visitors from this address; try again shortly");
  }
  const auto decoded = protocol::rest::decode_join(req.body());
  if (const auto* e = std::get_if<protocol::error>(&decoded)) co_return json_error(req, *e);
  const auto token = issue_token();
  ch::command create{ch::create_identity{std::get<protocol::rest::join>(decoded).name, token.credential}};
  const channel_caller anyone;
  const auto outcome = co_await run(c, anyone, std::move(create));
  if (!outcome.ok) co_return json_error(req, outcome.err);
  const auto& made = std::get<ch::ev::identity_created>(outcome.produced.front());
  co_return json_response(req, http::status::created, pc::encode_identity(made.display_name, token.token));
}

asio::awaitable<http_response> propose(app& a, const http_request& req, channel& c, const std::string& remote) {
  if (!a.proposals.try_take(remote)) {
    co_return json_error(req, error_code::rate_limited, "too many proposals from this address; try again later");
  }
  const auto decoded = pc::decode_propose_topic(req.body());
  const protocol::error* err = nullptr;
  const auto* body = decoded_or(decoded, err);
  if (body == nullptr) co_return json_error(req, *err);
  const auto caller = caller_of(a, req);
  ch::command cmd{*body};
  const auto outcome = co_await run(c, caller, std::move(cmd));
  if (!outcome.ok) co_return json_error(req, outcome.err);
  const auto topic = std::get<ch::ev::topic_proposed>(outcome.produced.front()).topic;
  auto view = co_await topic_json(c, caller, topic);
  co_return json_response(req, http::status::created, std::move(view));
}

// What a request does to one topic: …/opinion, …/application and …/sponsor-offer (PUT), …/answer,
// …/comments, …/comments/{c}/hide (POST).
enum class topic_action {
  opinion,
  apply,
  offer,
  answer,
  comment,
  hide,
  schedule,
  sponsor,
  prepare,
  advance,
  hide_topic
};

// The command a topic's sub-resource asks for, decoded from the body; or the error refusing it.
std::variant<ch::command, protocol::error> command_of(const http_request& req, topic_action action, pc::topic_id topic,
                                                      pc::comment_id comment) {
  auto pick = [](auto decoded) -> std::variant<ch::command, protocol::error> {
    if (auto* e = std::get_if<protocol::error>(&decoded)) return std::move(*e);
    return ch::command{std::get<0>(std::move(decoded))};
  };
  switch (action) {
    case topic_action::opinion: return pick(pc::decode_give_opinion(req.body(), topic));
    case topic_action::apply: return pick(pc::decode_apply_to_speak(req.body(), topic));
    case topic_action::offer: return pick(pc::decode_offer_sponsorship(req.body(), topic));
    case topic_action::answer: return pick(pc::decode_answer_topic(req.body(), topic));
    case topic_action::schedule: return pick(pc::decode_schedule_topic(req.body(), topic));
    case topic_action::sponsor: return pick(pc::decode_accept_sponsor(req.body(), topic));
    case topic_action::prepare: return pick(pc::decode_set_preparation(req.body(), topic));
    case topic_action::advance: return pick(pc::decode_send_advance(req.body(), topic));
    case topic_action::comment: return pick(pc::decode_post_comment(req.body(), topic));
    case topic_action::hide: return pick(pc::decode_hide_comment(req.body(), topic, comment));
    case topic_action::hide_topic: return pick(pc::decode_hide_topic(req.body(), topic));
  }
  return protocol::error{error_code::not_found, "no such endpoint"};
}

// A command on one topic, answered with the topic as the caller sees it.
asio::awaitable<http_response> topic_command(app& a, const http_request& req, const std::string& remote, channel& c,
                                             pc::topic_id topic, topic_action action, pc::comment_id comment = 0) {
  const auto caller = caller_of(a, req);
  const bool organizer_only = action == topic_action::answer || action == topic_action::hide ||
                              action == topic_action::hide_topic || action == topic_action::schedule ||
                              action == topic_action::sponsor || action == topic_action::prepare;
  if (organizer_only && !caller.organizer) {
    co_return json_error(req, error_code::unauthorized, "organizer token required");
  }
  // Texts for the organizers' eyes share the proposals' bucket per address.
  const bool submission =
      action == topic_action::apply || action == topic_action::offer || action == topic_action::advance;
  if (submission && !a.proposals.try_take(remote)) {
    co_return json_error(req, error_code::rate_limited, "too many applications and offers from this address");
  }
  auto decoded = command_of(req, action, topic, comment);
  if (const auto* e = std::get_if<protocol::error>(&decoded)) co_return json_error(req, *e);
  auto cmd = std::get<ch::command>(std::move(decoded));
  const auto outcome = co_await run(c, caller, std::move(cmd));
  if (!outcome.ok) co_return json_error(req, outcome.err);
  for (const auto& made : outcome.produced) {
    if (const auto* attached = std::get_if<ch::ev::sponsor_accepted>(&made)) {
      // The label follows the topic onto its debate's pages.
      const auto debate = co_await debate_of(c, topic);
      if (!debate.empty()) {
        co_await set_debate_sponsor(a, debate, attached->organisation);
      }
    }
  }
  auto view = co_await topic_json(c, caller, topic);
  const auto status =
      action == topic_action::comment || action == topic_action::advance ? http::status::created : http::status::ok;
  co_return json_response(req, status, std::move(view));
}

// The organizer turns an accepted topic into its debate, presented in the channel's colours, and the
// topic keeps the link to it. Answers as POST /api/debates does.
asio::awaitable<http_response> open_topic_debate(app& a, const http_request& req, channel& c, pc::topic_id topic) {
  const auto caller = caller_of(a, req);
  if (!caller.organizer) co_return json_error(req, error_code::unauthorized, "organizer token required");
  const auto decoded = pc::decode_open_debate(req.body(), topic);
  const protocol::error* err = nullptr;
  const auto* body = decoded_or(decoded, err);
  if (body == nullptr) co_return json_error(req, *err);
  auto planned = co_await debate_for(c, caller, *body);
  if (const auto* e = std::get_if<protocol::error>(&planned)) co_return json_error(req, *e);
  const auto& spec = std::get<new_debate>(planned);
  auto made = co_await make_debate(a, req, spec);
  if (const auto* e = std::get_if<protocol::error>(&made)) co_return json_error(req, *e);
  auto& debate = std::get<made_debate>(made);
  ch::command attach{ch::attach_debate{topic, debate.id, debate.code}};
  const auto outcome = co_await run(c, caller, std::move(attach));
  if (!outcome.ok) {
    // Only a second request for the same topic at the same moment gets here: its debate stays
    // listed for the organizer, unattached.
    log::warn("topic_debate_unattached", {{"channel", c.id()}, {"debate", debate.id}});
    co_return json_error(req, outcome.err);
  }
  co_return json_response(req, http::status::created, std::move(debate.body));
}

// The organizer casts an applicant: they become a panelist of the topic's debate (their panelist
// link comes back, as POST /api/debates/{id}/panelists answers) and their application says so.
asio::awaitable<http_response> cast_applicant(app& a, const http_request& req, channel& c, pc::topic_id topic) {
  const auto caller = caller_of(a, req);
  if (!caller.organizer) co_return json_error(req, error_code::unauthorized, "organizer token required");
  const auto decoded = pc::decode_cast_applicant(req.body(), topic);
  const protocol::error* err = nullptr;
  const auto* body = decoded_or(decoded, err);
  if (body == nullptr) co_return json_error(req, *err);
  auto planned = co_await casting_for(c, caller, *body);
  if (const auto* e = std::get_if<protocol::error>(&planned)) co_return json_error(req, *e);
  const auto& plan = std::get<casting_plan>(planned);
  auto added = co_await add_panelist_to(a, req, plan.debate, plan.panelist);
  if (const auto* e = std::get_if<protocol::error>(&added)) co_return json_error(req, *e);
  const auto& panelist = std::get<protocol::rest::panelist_added>(added);
  ch::command record{ch::cast{*body, panelist.panelist}};
  const auto outcome = co_await run(c, caller, std::move(record));
  if (!outcome.ok) {
    log::warn("applicant_cast_unrecorded", {{"channel", c.id()}, {"debate", plan.debate}});
    co_return json_error(req, outcome.err);
  }
  co_return json_response(req, http::status::created, protocol::rest::encode_panelist_added(panelist));
}

asio::awaitable<http_response> topic_resource(app& a, const http_request& req, const std::string& remote, channel& c,
                                              const std::vector<std::string>& seg) {
  const auto topic = protocol::parse_topic(seg[4]);
  if (!topic) co_return json_error(req, error_code::unknown_topic, "no such topic");
  const auto m = req.method();
  const auto n = seg.size();
  if (n == 5) {
    if (!reads(m)) co_return method_not_allowed(req, "GET, HEAD");
    const auto caller = caller_of(a, req);
    co_return co_await read_topic(req, c, caller, *topic);
  }
  if (n == 6 && (seg[5] == "opinion" || seg[5] == "application" || seg[5] == "sponsor-offer" || seg[5] == "sponsor" ||
                 seg[5] == "preparation")) {
    if (m != http::verb::put) co_return method_not_allowed(req, "PUT");
    const auto action = seg[5] == "opinion"         ? topic_action::opinion
                        : seg[5] == "application"   ? topic_action::apply
                        : seg[5] == "sponsor-offer" ? topic_action::offer
                        : seg[5] == "sponsor"       ? topic_action::sponsor
                                                    : topic_action::prepare;
    co_return co_await topic_command(a, req, remote, c, *topic, action);
  }
  if (n == 6 && seg[5] == "debate") {
    if (m != http::verb::post) co_return method_not_allowed(req, "POST");
    co_return co_await open_topic_debate(a, req, c, *topic);
  }
  if (n == 6 && seg[5] == "cast") {
    if (m != http::verb::post) co_return method_not_allowed(req, "POST");
    co_return co_await cast_applicant(a, req, c, *topic);
  }
  if (n == 6 && (seg[5] == "schedule" || seg[5] == "hide")) {
    if (m != http::verb::post) co_return method_not_allowed(req, "POST");
    const auto action = seg[5] == "schedule" ? topic_action::schedule : topic_action::hide_topic;
    co_return co_await topic_command(a, req, remote, c, *topic, action);
  }
  const bool answer = n == 6 && seg[5] == "answer";
  const bool comment = n == 6 && seg[5] == "comments";
  const bool advance = n == 6 && seg[5] == "advance";
  const bool hide = n == 8 && seg[5] == "comments" && seg[7] == "hide";
  if (!answer && !comment && !hide && !advance) co_return json_error(req, error_code::not_found, "no such endpoint");
  if (m != http::verb::post) co_return method_not_allowed(req, "POST");
  if (answer) {
    co_return co_await topic_command(a, req, remote, c, *topic, topic_action::answer);
  }
  if (comment || advance) {
    const auto action = comment ? topic_action::comment : topic_action::advance;
    co_return co_await topic_command(a, req, remote, c, *topic, action);
  }
  const auto id = protocol::parse_comment(seg[6]);
  if (!id) co_return json_error(req, error_code::unknown_comment, "no such comment");
  co_return co_await topic_command(a, req, remote, c, *topic, topic_action::hide, *id);
}

}  // namespace

// The caller, with the Idempotency-Key it sent (already checked by channel_api).
channel_caller caller_of(const app& a, const http_request& req) {
  return channel_caller{
      is_organizer(a, req), std::string(bearer_token(req)), std::string(req[idempotency_key_field]), {}};
}

asio::awaitable<std::shared_ptr<channel>> find_channel(app& a, const std::string& id) {
  if (id.empty() || id.size() > protocol::max_debate_id_chars) co_return nullptr;
  auto start = [&a, id](auto done) { a.channels.find(id, std::move(done)); };
  co_return co_await await_callback<std::shared_ptr<channel>>(std::move(start));
}

asio::awaitable<channel_outcome> run(channel& c, const channel_caller& caller, ch::command cmd,
                                     std::optional<storage::channel_row> row) {
  auto start = [&c, caller, cmd = std::move(cmd), row = std::move(row)](auto done) mutable {
    c.submit(caller, std::move(cmd), std::move(done), std::move(row));
  };
  co_return co_await await_callback<channel_outcome>(std::move(start));
}

std::optional<protocol::error> bad_idempotency_key(const http_request& req) {
  const auto it = req.find(idempotency_key_field);
  if (it == req.end() || protocol::valid_command_key(std::string_view(it->value().data(), it->value().size()))) {
    return std::nullopt;
  }
  return protocol::error{error_code::invalid_field,
                         "Idempotency-Key: 1 to 64 characters among letters, digits and - _ . :"};
}

asio::awaitable<http_response> channel_api(app& a, const http_request& req, const std::vector<std::string>& seg,
                                           const std::string& remote) {
  const auto n = seg.size();
  const auto m = req.method();
  if (const auto bad = bad_idempotency_key(req)) co_return json_error(req, *bad);
  if (n == 2) {
    if (m != http::verb::post) co_return method_not_allowed(req, "POST");
    if (!is_organizer(a, req)) co_return json_error(req, error_code::unauthorized, "organizer token required");
    co_return co_await create_channel(a, req);
  }
  const bool mine = n == 4 && seg[3] == "me";
  const bool contacts = n == 5 && seg[3] == "export" && seg[4] == "contacts.csv";
  const bool flags = n == 4 && (seg[3] == "flag_words" || seg[3] == "flagged");
  const bool known = n == 3 || mine || contacts || flags ||
                     (n == 4 && (seg[3] == "identities" || seg[3] == "topics")) ||
                     ((n == 5 || n == 6 || n == 8) && seg[3] == "topics");
  if (!known) co_return json_error(req, error_code::not_found, "no such endpoint");
  if (n == 3 && m == http::verb::delete_) {
    co_return co_await remove_channel(a, req, seg[2]);
  }
  auto c = co_await find_channel(a, seg[2]);
  if (!c) co_return json_error(req, error_code::not_found, "no such channel");
  if (n == 3) {
    if (!reads(m)) co_return method_not_allowed(req, "GET, HEAD, DELETE");
    co_return co_await read_channel(req, *c);
  }
  if (mine) {
    co_return co_await my_data_api(a, req, *c);
  }
  if (contacts) {
    co_return co_await export_channel_contacts(a, req, *c);
  }
  if (flags) {
    co_return co_await channel_flags_api(a, req, *c, seg[3] == "flagged");
  }
  if (n == 4) {
    if (m != http::verb::post) co_return method_not_allowed(req, "POST");
    if (seg[3] == "identities") {
      co_return co_await new_identity(a, req, *c, remote);
    }
    co_return co_await propose(a, req, *c, remote);
  }
  co_return co_await topic_resource(a, req, remote, *c, seg);
}

}  // namespace tribune::server
