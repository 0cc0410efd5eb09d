// Who may do what, cell by cell: every client command against every role that must not send it.
// A denied cell answers a stable error code and changes nothing: the room's seq stays put and a
// moderator watching the room receives no event, tally or reaction. A few allowed cells prove the
// permissions are not simply too strict.
//
// The denied cells share one server and one debate (built once per process, lazily), since none of
// them may change it; each allowed cell gets a debate of its own on that server.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harness.hpp"

namespace tribune::testing {
namespace {

// Who may send a command: moderators; audience members; whoever is on stage (a panelist or a
// seated audience member); whoever may author an argument (panelists and audience members).
enum class may { moderator, audience, on_stage, author };

struct command_spec {
  std::string name;
  may who;
  json body;
};

// Every client command of docs/protocol.md, with fields that make it valid in the world below, so a
// missing permission check would show as an ack (or a state error), never as `forbidden`.
const std::vector<command_spec>& commands() {
  static const std::vector<command_spec> all = {
      {"approve", may::moderator, {{"type", "approve"}, {"question", "q1"}}},
      {"dismiss", may::moderator, {{"type", "dismiss"}, {"question", "q1"}, {"reason", "Off topic"}}},
      {"moderate_questions",
       may::moderator,
       {{"type", "moderate_questions"}, {"questions", {"q1"}}, {"action", "dismiss"}, {"reason", "Off topic"}}},
      {"merge_questions", may::moderator, {{"type", "merge_questions"}, {"into", "q2"}, {"questions", {"q1"}}}},
      {"mark_answered", may::moderator, {{"type", "mark_answered"}, {"question", "q2"}}},
      {"pin", may::moderator, {{"type", "pin"}, {"question", "q2"}, {"pinned", true}}},
      {"put_on_air", may::moderator, {{"type", "put_on_air"}, {"question", "q2"}}},
      {"clear_on_air", may::moderator, {{"type", "put_on_air"}, {"question", nullptr}}},
      {"mute", may::moderator, {{"type", "mute"}, {"participant", "p1"}, {"muted", true}}},
      {"ban", may::moderator, {{"type", "ban"}, {"participant", "p1"}, {"reason", "Spam"}}},
      {"start_show", may::moderator, {{"type", "start_show"}}},
      {"advance", may::moderator, {{"type", "advance"}}},
      {"pause", may::moderator, {{"type", "pause"}}},
      {"resume", may::moderator, {{"type", "resume"}}},
      {"end_show", may::moderator, {{"type", "end_show"}}},
      {"set_on_stage", may::moderator, {{"type", "set_on_stage"}, {"panelist", "g2"}, {"on", true}}},
      {"grant_floor", may::moderator, {{"type", "grant_floor"}, {"speaker", "g1"}, {"seconds", 60}}},
      {"extend_floor", may::moderator, {{"type", "extend_floor"}, {"seconds", 30}}},
      {"end_floor", may::moderator, {{"type", "end_floor"}}},
      {"seat", may::moderator, {{"type", "seat"}, {"participant", "p2"}}},
      {"unseat", may::moderator, {{"type", "unseat"}, {"participant", "p3"}}},
      {"approve_argument", may::moderator, {{"type", "approve_argument"}, {"argument", "a2"}}},
      {"dismiss_argument", may::moderator, {{"type", "dismiss_argument"}, {"argument", "a2"}, {"reason", "Off topic"}}},
      {"feature_argument", may::moderator, {{"type", "feature_argument"}, {"argument", "a1"}}},
      {"mark_addressed", may::moderator, {{"type", "mark_addressed"}, {"argument", "a1"}}},
      {"create_poll",
       may::moderator,
       {{"type", "create_poll"}, {"kind", "single"}, {"question", "Which?"}, {"options", {"A", "B"}}}},
      {"create_oxford_poll", may::moderator, {{"type", "create_oxford_poll"}, {"phase", "before"}}},
      {"open_poll", may::moderator, {{"type", "open_poll"}, {"poll", "v1"}}},
      {"close_poll", may::moderator, {{"type", "close_poll"}, {"poll", "v2"}}},
      {"reveal_poll", may::moderator, {{"type", "reveal_poll"}, {"poll", "v2"}}},
      {"send_cue", may::moderator, {{"type", "send_cue"}, {"panelist", "g1"}, {"cue", "wrap_up"}}},
      {"post_staff_message", may::moderator, {{"type", "post_staff_message"}, {"text", "Take Ann next"}}},
      {"create_prediction",
       may::moderator,
       {{"type", "create_prediction"}, {"title", "Who wins?"}, {"outcomes", {"For", "Against"}}}},
      {"lock_prediction", may::moderator, {{"type", "lock_prediction"}, {"prediction", "r1"}}},
      {"resolve_prediction", may::moderator, {{"type", "resolve_prediction"}, {"prediction", "r1"}, {"outcome", 0}}},
      {"cancel_prediction", may::moderator, {{"type", "cancel_prediction"}, {"prediction", "r1"}}},
      {"start_quiz_question",
       may::moderator,
       {{"type", "start_quiz_question"}, {"text", "2 + 2?"}, {"choices", {"4", "5"}}, {"correct", 0}, {"seconds", 30}}},
      {"close_quiz_question", may::moderator, {{"type", "close_quiz_question"}, {"quiz_question", "z1"}}},
      {"extend_segment", may::moderator, {{"type", "extend_segment"}, {"minutes", 5}}},
      {"move_segment", may::moderator, {{"type", "move_segment"}, {"segment", "s3"}, {"to", "s2"}}},
      {"ask", may::audience, {{"type", "ask"}, {"text", "Who pays for the buses?"}}},
      {"upvote", may::audience, {{"type", "upvote"}, {"question", "q2"}, {"on", true}}},
      {"react", may::audience, {{"type", "react"}, {"kind", "applause"}}},
      {"leave_contact", may::audience, {{"type", "leave_contact"}, {"contact", "ana@exemple.fr"}, {"brand", true}}},
      {"erase_me", may::audience, {{"type", "erase_me"}}},
      {"request_seat", may::audience, {{"type", "request_seat"}}},
      {"cancel_seat_request", may::audience, {{"type", "cancel_seat_request"}}},
      {"rate_argument", may::audience, {{"type", "rate_argument"}, {"argument", "a1"}, {"rating", "agree"}}},
      {"vote", may::audience, {{"type", "vote"}, {"poll", "v2"}, {"choice", 0}}},
      {"predict", may::audience, {{"type", "predict"}, {"prediction", "r1"}, {"outcome", 1}}},
      {"answer_quiz", may::audience, {{"type", "answer_quiz"}, {"quiz_question", "z1"}, {"choice", 1}}},
      {"raise_hand", may::on_stage, {{"type", "raise_hand"}, {"lane", "new_point"}}},
      {"lower_hand", may::on_stage, {{"type", "lower_hand"}}},
      {"post_argument", may::author, {{"type", "post_argument"}, {"text", "Buses are cheaper"}, {"stance", "for"}}},
  };
  return all;
}

enum class role {
  // Authenticated in the debate:
  audience,
  seated_audience,
  panelist,
  stage,
  moderator,
  // Refused at hello:
  foreign_moderator,
  foreign_panelist,
  revoked_moderator,
  revoked_stage,
  empty_token,
  malformed_token,
  // Never sent hello:
  no_hello,
};

constexpr role all_roles[] = {
    role::audience,      role::seated_audience,   role::panelist,         role::stage,
    role::moderator,     role::foreign_moderator, role::foreign_panelist, role::revoked_moderator,
    role::revoked_stage, role::empty_token,       role::malformed_token,  role::no_hello};

std::string role_name(role r) {
  switch (r) {
    case role::audience: return "audience";
    case role::seated_audience: return "seated_audience";
    case role::panelist: return "panelist";
    case role::stage: return "stage";
    case role::moderator: return "moderator";
    case role::foreign_moderator: return "foreign_moderator";
    case role::foreign_panelist: return "foreign_panelist";
    case role::revoked_moderator: return "revoked_moderator";
    case role::revoked_stage: return "revoked_stage";
    case role::empty_token: return "empty_token";
    case role::malformed_token: return "malformed_token";
    case role::no_hello: return "no_hello";
  }
  return "?";
}

bool authenticated(role r) { return r <= role::moderator; }

// The role word a welcome carries for an authenticated role.
std::string welcome_role(role r) {
  switch (r) {
    case role::audience:
    case role::seated_audience: return "audience";
    case role::panelist: return "panelist";
    case role::stage: return "stage";
    default: return "moderator";
  }
}

bool allowed(role r, may m) {
  switch (r) {
    case role::audience: return m == may::audience || m == may::author;
    case role::seated_audience: return m != may::moderator;
    case role::panelist: return m == may::on_stage || m == may::author;
    case role::moderator: return m == may::moderator;
    default: return false;
  }
}

// One debate, set up so that every command in the table would be valid for its role:
// q1 pending and q2 approved; p1 Ann and p2 Bob in the audience, p3 Cleo seated; g1 Green on stage
// with the floor, g2 Blue off stage; a1 published (by Green), a2 pending (by Ann); v1 a draft poll,
// v2 an open one; r1 an open prediction; z1 an open quiz question. The links were rotated once, so the first moderator
// and stage tokens are revoked.
struct world {
  std::string id;
  std::string moderator_token, stage_token;
  std::string revoked_moderator_token, revoked_stage_token;
  std::string ann_token, cleo_token, green_token;
  std::string foreign_moderator_token, foreign_panelist_token;
};

json expect_ack(ws_client& ws, json command) {
  auto reply = ws.command(command);
  EXPECT_EQ(reply["type"], "ack") << command << " -> " << reply;
  return reply;
}

void build_world(const server_process& server, world& w) {
  const auto created =
      http_request(server.port(), "POST", "/api/debates",
                   json{{"title", "Who may do what"}, {"motion", "This house would ban cars"}, {"format", "fishbowl"}},
                   server.admin_token());
  ASSERT_EQ(created.status, 201) << created.raw;
  w.id = created.body["id"];
  w.revoked_moderator_token = created.body["tokens"]["moderator"];
  w.revoked_stage_token = created.body["tokens"]["stage"];
  const auto rotated =
      http_request(server.port(), "POST", "/api/debates/" + w.id + "/links", std::nullopt, server.admin_token());
  ASSERT_EQ(rotated.status, 200) << rotated.raw;
  w.moderator_token = rotated.body["tokens"]["moderator"];
  w.stage_token = rotated.body["tokens"]["stage"];

  const auto ann = join(server, w.id, "Ann");
  const auto bob = join(server, w.id, "Bob");
  const auto cleo = join(server, w.id, "Cleo");
  ASSERT_EQ(ann.id, "p1");
  ASSERT_EQ(bob.id, "p2");
  ASSERT_EQ(cleo.id, "p3");
  w.ann_token = ann.token;
  w.cleo_token = cleo.token;
  const auto green = add_panelist(server, w.id, "Green", "for");
  const auto blue = add_panelist(server, w.id, "Blue", "against");
  ASSERT_EQ(green.id, "g1");
  ASSERT_EQ(blue.id, "g2");
  w.green_token = green.token;

  ws_client moderator(server.port()), ann_ws(server.port()), bob_ws(server.port()), cleo_ws(server.port()),
      green_ws(server.port());
  ASSERT_EQ(moderator.hello(w.id, w.moderator_token)["role"], "moderator");
  ASSERT_EQ(ann_ws.hello(w.id, ann.token)["role"], "audience");
  ASSERT_EQ(bob_ws.hello(w.id, bob.token)["role"], "audience");
  ASSERT_EQ(cleo_ws.hello(w.id, cleo.token)["role"], "audience");
  ASSERT_EQ(green_ws.hello(w.id, w.green_token)["role"], "panelist");

  ASSERT_EQ(expect_ack(ann_ws, {{"type", "ask"}, {"text", "A pending question"}})["result"]["question"], "q1");
  ASSERT_EQ(expect_ack(bob_ws, {{"type", "ask"}, {"text", "An approved question"}})["result"]["question"], "q2");
  expect_ack(moderator, {{"type", "approve"}, {"question", "q2"}});
  expect_ack(moderator, {{"type", "set_on_stage"}, {"panelist", "g1"}, {"on", true}});
  ASSERT_EQ(expect_ack(green_ws, {{"type", "post_argument"}, {"text", "Published"}, {"stance", "for"}})["result"],
            json({{"argument", "a1"}, {"published", true}}));
  ASSERT_EQ(expect_ack(ann_ws, {{"type", "post_argument"}, {"text", "Pending"}, {"stance", "against"}})["result"],
            json({{"argument", "a2"}, {"published", false}}));
  const json options = {"A", "B"};
  ASSERT_EQ(
      expect_ack(
          moderator,
          {{"type", "create_poll"}, {"kind", "single"}, {"question", "Draft"}, {"options", options}})["result"]["poll"],
      "v1");
  ASSERT_EQ(
      expect_ack(
          moderator,
          {{"type", "create_poll"}, {"kind", "single"}, {"question", "Open"}, {"options", options}})["result"]["poll"],
      "v2");
  expect_ack(moderator, {{"type", "open_poll"}, {"poll", "v2"}});
  ASSERT_EQ(expect_ack(
                moderator,
                {{"type", "create_prediction"}, {"title", "Who wins?"}, {"outcomes", options}})["result"]["prediction"],
            "r1");
  ASSERT_EQ(expect_ack(moderator, {{"type", "start_quiz_question"},
                                   {"text", "Capital of Australia?"},
                                   {"choices", {"Sydney", "Canberra"}},
                                   {"correct", 1},
                                   {"seconds", 120}})["result"]["quiz_question"],
            "z1");
  expect_ack(cleo_ws, {{"type", "request_seat"}});
  expect_ack(moderator, {{"type", "seat"}, {"participant", "p3"}});
  expect_ack(moderator, {{"type", "grant_floor"}, {"speaker", "g1"}, {"seconds", 600}});

  const auto other = create_debate(server, "Another debate");
  w.foreign_moderator_token = other.moderator_token;
  w.foreign_panelist_token = add_panelist(server, other.id, "Elsewhere").token;
  ASSERT_FALSE(w.foreign_panelist_token.empty());
}

std::string token_for(const world& w, role r) {
  switch (r) {
    case role::audience: return w.ann_token;
    case role::seated_audience: return w.cleo_token;
    case role::panelist: return w.green_token;
    case role::stage: return w.stage_token;
    case role::moderator: return w.moderator_token;
    case role::foreign_moderator: return w.foreign_moderator_token;
    case role::foreign_panelist: return w.foreign_panelist_token;
    case role::revoked_moderator: return w.revoked_moderator_token;
    case role::revoked_stage: return w.revoked_stage_token;
    case role::empty_token: return "";
    case role::malformed_token: return "not a token <at all>";
    case role::no_hello: return {};
  }
  return {};
}

// One server for the whole process. Members are destroyed in reverse order: clients, then the
// server, then its directory.
struct shared_server {
  temp_dir dir;
  server_process server{dir.path() / "tribune.db"};
  bool started = false;
};

shared_server& server_once() {
  static shared_server s;
  if (!s.started) {
    s.server.start();
    s.started = s.server.port() != 0;
  }
  return s;
}

// The room's last committed seq, as a fresh stage connection is welcomed with.
std::uint64_t room_seq(const server_process& server, const world& w) {
  ws_client probe(server.port());
  const auto welcome = probe.hello(w.id, w.stage_token);
  EXPECT_EQ(welcome["type"], "welcome") << welcome;
  return welcome.value("seq", std::uint64_t{0});
}

// A moderator connection watching the room, opened for one cell (a connection's own rate limit
// would not let one observer keep up with hundreds of cells). barrier() returns once every message
// the server sent it before now has arrived: the server answers `time` after anything already
// queued for this client.
class observer {
 public:
  observer(const server_process& server, const world& w) : ws_(server.port()) {
    const auto welcome = ws_.hello(w.id, w.moderator_token);
    EXPECT_EQ(welcome["role"], "moderator") << welcome;
    seq_ = welcome.value("seq", std::uint64_t{0});
    ws_.wait_for([](const json& m) { return m.value("type", "") == "snapshot"; });
    barrier();
    mark();
  }

  // The room's seq when this observer was welcomed.
  std::uint64_t welcome_seq() const { return seq_; }

  // Messages received since the last barrier, the barrier's own reply left out.
  std::vector<json> since_last() {
    const auto all = ws_.received();
    std::vector<json> out;
    for (auto i = mark_; i < all.size(); ++i) {
      if (all[i].value("type", "") != "time") out.push_back(all[i]);
    }
    return out;
  }

  void barrier() {
    const auto id = "barrier" + std::to_string(++barriers_);
    ws_.send({{"type", "time"}, {"id", id}});
    ws_.wait_for([&](const json& m) { return m.value("type", "") == "time" && m.value("id", json()) == id; });
  }

  void mark() { mark_ = ws_.received().size(); }
  ws_client& client() { return ws_; }

 private:
  ws_client ws_;
  std::uint64_t seq_ = 0;
  std::size_t mark_ = 0;
  int barriers_ = 0;
};

struct denied_world {
  world w;
  bool ready = false;
};

// Built again once it is 45 s old: its room records an audience peak a minute after the first
// audience connection, and its quiz question closes itself after two minutes. Either is an event
// no cell made, and a sanitized run of the matrix lasts longer than that.
denied_world& denied_world_once() {
  static denied_world d;
  static std::optional<std::chrono::steady_clock::time_point> built;
  if (const auto now = std::chrono::steady_clock::now(); !built || now - *built > 45s) {
    built = now;
    auto& s = server_once();
    if (!s.started) return d;
    d = denied_world{};
    build_world(s.server, d.w);
    d.ready = !::testing::Test::HasFatalFailure();
  }
  return d;
}

// ---------------------------------------------------------------------------------------------
// Denied cells over the WebSocket.

struct cell {
  role who;
  std::size_t command;
};

std::vector<cell> denied_cells() {
  std::vector<cell> out;
  for (const auto r : all_roles) {
    for (std::size_t i = 0; i < commands().size(); ++i) {
      if (!allowed(r, commands()[i].who)) out.push_back(cell{r, i});
    }
  }
  return out;
}

// What gtest prints for a cell (`GetParam() = …` in listings and failures) instead of its bytes.
void PrintTo(const cell& c, std::ostream* os) { *os << role_name(c.who) << " sends " << commands()[c.command].name; }

class authorization_denied : public ::testing::TestWithParam<cell> {};

TEST_P(authorization_denied, answers_a_stable_error_and_changes_nothing) {
  auto& d = denied_world_once();
  ASSERT_TRUE(d.ready) << "the shared debate could not be set up";
  const auto& server = server_once().server;
  const auto r = GetParam().who;
  const auto& spec = commands()[GetParam().command];
  observer watch(server, d.w);
  const auto before = watch.welcome_seq();

  if (authenticated(r)) {
    ws_client actor(server.port());
    const auto welcome = actor.hello(d.w.id, token_for(d.w, r));
    ASSERT_EQ(welcome["type"], "welcome") << welcome;
    ASSERT_EQ(welcome["role"], welcome_role(r));
    const auto reply = actor.command(spec.body);
    EXPECT_EQ(reply["type"], "error") << reply;
    EXPECT_EQ(reply["code"], "forbidden") << reply;
  } else if (r == role::no_hello) {
    ws_client actor(server.port());
    const auto reply = actor.command(spec.body);
    EXPECT_EQ(reply["type"], "error") << reply;
    EXPECT_EQ(reply["code"], "hello_required") << reply;
    // The first message must be hello: anything else is refused, then the socket is closed.
    EXPECT_EQ(actor.wait_closed(), 1008);
  } else {
    // The command follows the hello at once, before the refusal can arrive.
    ws_client actor(server.port());
    actor.send({{"type", "hello"}, {"id", "hello"}, {"debate", d.w.id}, {"token", token_for(d.w, r)}});
    auto command = spec.body;
    command["id"] = "cell";
    actor.send(command);
    const auto refused = actor.wait_for([](const json& m) { return m.value("id", json()) == "hello"; });
    EXPECT_EQ(refused["type"], "error") << refused;
    EXPECT_EQ(refused["code"], "unauthorized") << refused;
    EXPECT_EQ(actor.wait_closed(), 1008);
    for (const auto& m : actor.received()) {
      const auto type = m.value("type", "");
      EXPECT_TRUE(type == "error") << "a refused client received " << m;
      if (m.value("id", json()) == "cell") {
        EXPECT_EQ(m["code"], "hello_required") << m;
      }
    }
  }

  // A reaction is counted at once but broadcast on the next 200 ms tick: give that tick time to
  // come before the barrier, so a counted reaction shows up below.
  if (spec.name == "react") (void)watch.client().next(std::chrono::milliseconds(450));
  watch.barrier();
  for (const auto& m : watch.since_last()) ADD_FAILURE() << "the watching moderator received " << m;
  EXPECT_EQ(room_seq(server, d.w), before);
}

INSTANTIATE_TEST_SUITE_P(matrix, authorization_denied, ::testing::ValuesIn(denied_cells()),
                         [](const ::testing::TestParamInfo<cell>& p) {
                           return role_name(p.param.who) + "_" + commands()[p.param.command].name;
                         });

// ---------------------------------------------------------------------------------------------
// Denied cells over REST: the organizer's endpoints (privacy switch, links, panelists, format,
// debates) with any other token, or none.

struct rest_call {
  std::string name;
  std::string method;
  std::string path;  // "{id}" stands for the debate id
  std::optional<json> body;
};

const std::vector<rest_call>& organizer_calls() {
  static const std::vector<rest_call> all = {
      {"moderation_private", "POST", "/api/debates/{id}/moderation", json{{"private", true}}},
      {"rotate_links", "POST", "/api/debates/{id}/links", std::nullopt},
      {"add_panelist", "POST", "/api/debates/{id}/panelists",
       json{{"name", "Intruder"}, {"role", "host"}, {"side", "for"}}},
      {"set_format", "PUT", "/api/debates/{id}/format", json{{"format", "oxford"}}},
      {"create_debate", "POST", "/api/debates", json{{"title", "Not yours"}}},
      {"list_debates", "GET", "/api/debates", std::nullopt},
      {"add_moderator", "POST", "/api/debates/{id}/moderators", json{{"name", "Intruder"}}},
      {"rename_moderator", "PATCH", "/api/debates/{id}/moderators/o1", json{{"name", "Intruder"}}},
      {"names_public", "POST", "/api/debates/{id}/moderation", json{{"names_public", true}}},
      {"flag_words", "PUT", "/api/debates/{id}/flag_words", json{{"words", {"intruder"}}}},
  };
  return all;
}

constexpr role rest_roles[] = {role::audience,    role::panelist,          role::stage,
                               role::moderator,   role::foreign_moderator, role::revoked_moderator,
                               role::empty_token, role::malformed_token};

struct rest_cell {
  role who;
  std::size_t call;
};

std::vector<rest_cell> rest_cells() {
  std::vector<rest_cell> out;
  for (const auto r : rest_roles) {
    for (std::size_t i = 0; i < organizer_calls().size(); ++i) out.push_back(rest_cell{r, i});
  }
  return out;
}

void PrintTo(const rest_cell& c, std::ostream* os) {
  const auto& call = organizer_calls()[c.call];
  *os << role_name(c.who) << " calls " << call.method << " " << call.path;
}

class authorization_rest_denied : public ::testing::TestWithParam<rest_cell> {};

TEST_P(authorization_rest_denied, answers_401_and_changes_nothing) {
  auto& d = denied_world_once();
  ASSERT_TRUE(d.ready) << "the shared debate could not be set up";
  const auto& server = server_once().server;
  const auto& call = organizer_calls()[GetParam().call];
  observer watch(server, d.w);
  const auto before = watch.welcome_seq();

  auto path = call.path;
  if (const auto at = path.find("{id}"); at != std::string::npos) path.replace(at, 4, d.w.id);
  const auto reply = http_request(server.port(), call.method, path, call.body, token_for(d.w, GetParam().who));
  EXPECT_EQ(reply.status, 401) << reply.raw;
  EXPECT_EQ(reply.body["error"]["code"], "unauthorized") << reply.raw;

  watch.barrier();
  for (const auto& m : watch.since_last()) ADD_FAILURE() << "the watching moderator received " << m;
  EXPECT_EQ(room_seq(server, d.w), before);
  // The revoked links stay revoked and the current ones keep working.
  ws_client moderator(server.port());
  EXPECT_EQ(moderator.hello(d.w.id, d.w.moderator_token)["role"], "moderator");
}

INSTANTIATE_TEST_SUITE_P(matrix, authorization_rest_denied, ::testing::ValuesIn(rest_cells()),
                         [](const ::testing::TestParamInfo<rest_cell>& p) {
                           return role_name(p.param.who) + "_" + organizer_calls()[p.param.call].name;
                         });

// ---------------------------------------------------------------------------------------------
// Allowed cells: each in a debate of its own, since it changes it.

struct allowed_cell {
  std::string name;
  role who;
  json command;
  std::string shows;  // the event the watching moderator receives, or "tallies" / "reactions"
};

std::vector<allowed_cell> allowed_cells() {
  return {
      {"moderator_approve", role::moderator, {{"type", "approve"}, {"question", "q1"}}, "question_approved"},
      {"moderator_mute",
       role::moderator,
       {{"type", "mute"}, {"participant", "p1"}, {"muted", true}},
       "participant_muted"},
      {"moderator_start_show", role::moderator, {{"type", "start_show"}}, "segment_started"},
      {"moderator_create_poll",
       role::moderator,
       {{"type", "create_poll"}, {"kind", "scale"}, {"question", "How sure are you?"}},
       "poll_created"},
      {"moderator_approve_argument",
       role::moderator,
       {{"type", "approve_argument"}, {"argument", "a2"}},
       "argument_approved"},
      {"moderator_seat", role::moderator, {{"type", "seat"}, {"participant", "p2"}}, "participant_seated"},
      {"audience_ask", role::audience, {{"type", "ask"}, {"text", "Who pays for the buses?"}}, "question_asked"},
      {"audience_upvote", role::audience, {{"type", "upvote"}, {"question", "q2"}, {"on", true}}, "upvote_changed"},
      {"audience_vote", role::audience, {{"type", "vote"}, {"poll", "v2"}, {"choice", 1}}, "tallies"},
      {"audience_predict", role::audience, {{"type", "predict"}, {"prediction", "r1"}, {"outcome", 1}}, "tallies"},
      {"audience_answer_quiz",
       role::audience,
       {{"type", "answer_quiz"}, {"quiz_question", "z1"}, {"choice", 1}},
       "tallies"},
      {"moderator_close_quiz_question",
       role::moderator,
       {{"type", "close_quiz_question"}, {"quiz_question", "z1"}},
       "quiz_question_closed"},
      {"moderator_move_segment",
       role::moderator,
       {{"type", "move_segment"}, {"segment", "s3"}, {"to", "s2"}},
       "segment_moved"},
      {"moderator_lock_prediction",
       role::moderator,
       {{"type", "lock_prediction"}, {"prediction", "r1"}},
       "prediction_locked"},
      {"audience_rate_argument",
       role::audience,
       {{"type", "rate_argument"}, {"argument", "a1"}, {"rating", "disagree"}},
       "tallies"},
      {"audience_react", role::audience, {{"type", "react"}, {"kind", "laugh"}}, "reactions"},
      {"audience_request_seat", role::audience, {{"type", "request_seat"}}, "seat_requested"},
      {"audience_post_argument",
       role::audience,
       {{"type", "post_argument"}, {"text", "Vans still deliver"}, {"stance", "against"}},
       "argument_posted"},
      {"seated_audience_raise_hand",
       role::seated_audience,
       {{"type", "raise_hand"}, {"lane", "direct_reply"}},
       "hand_raised"},
      {"panelist_raise_hand", role::panelist, {{"type", "raise_hand"}, {"lane", "new_point"}}, "hand_raised"},
      {"panelist_post_argument",
       role::panelist,
       {{"type", "post_argument"}, {"text", "Cities breathe"}, {"stance", "for"}},
       "argument_posted"},
  };
}

void PrintTo(const allowed_cell& c, std::ostream* os) {
  *os << role_name(c.who) << " sends " << c.command.value("type", "?") << ", shown as " << c.shows;
}

class authorization_allowed : public ::testing::TestWithParam<allowed_cell> {};

TEST_P(authorization_allowed, is_acknowledged_and_reaches_the_moderator) {
  auto& s = server_once();
  ASSERT_TRUE(s.started);
  world w;
  build_world(s.server, w);
  ASSERT_FALSE(HasFatalFailure());
  observer watch(s.server, w);
  const auto before = watch.welcome_seq();

  const auto& c = GetParam();
  ws_client actor(s.server.port());
  ASSERT_EQ(actor.hello(w.id, token_for(w, c.who))["role"], welcome_role(c.who));
  const auto reply = actor.command(c.command);
  ASSERT_EQ(reply["type"], "ack") << reply;

  const auto shown = watch.client().wait_for([&](const json& m) {
    if (c.shows == "tallies" || c.shows == "reactions") return m.value("type", "") == c.shows;
    return m.value("type", "") == "event" && m.value("event", "") == c.shows;
  });
  EXPECT_FALSE(shown.is_null());
  // Reactions are counted in memory and recorded later in bulk; everything else is in the log.
  if (c.shows != "reactions") {
    EXPECT_GT(room_seq(s.server, w), before);
  }
}

INSTANTIATE_TEST_SUITE_P(matrix, authorization_allowed, ::testing::ValuesIn(allowed_cells()),
                         [](const ::testing::TestParamInfo<allowed_cell>& p) { return p.param.name; });

TEST(authorization, the_organizer_switches_moderation_to_private_and_the_moderator_sees_it) {
  auto& s = server_once();
  ASSERT_TRUE(s.started);
  world w;
  build_world(s.server, w);
  ASSERT_FALSE(HasFatalFailure());
  observer watch(s.server, w);
  const auto before = room_seq(s.server, w);
  const auto reply = http_request(s.server.port(), "POST", "/api/debates/" + w.id + "/moderation",
                                  json{{"private", true}}, s.server.admin_token());
  ASSERT_EQ(reply.status, 200) << reply.raw;
  const auto changed = watch.client().wait_for([](const json& m) {
    return m.value("type", "") == "event" && m.value("event", "") == "moderation_visibility_changed";
  });
  EXPECT_EQ(changed["data"]["private"], true) << changed;
  EXPECT_EQ(room_seq(s.server, w), before + 1);
}

}  // namespace
}  // namespace tribune::testing
