#include "channel_seed.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <future>
#include <random>
#include <stdexcept>

#include "engine/channel/channel.hpp"
#include "french_text.hpp"
#include "protocol/channels.hpp"
#include "storage/sqlite/sqlite_event_log.hpp"

namespace bench {
namespace {

namespace ch = tribune::engine::channel;
namespace pc = tribune::protocol::channels;
namespace st = tribune::storage;
using tribune::protocol::comment_id;
using tribune::protocol::topic_id;

constexpr std::size_t batch_events = 5000;
constexpr std::int64_t day_ms = 86'400'000;
constexpr std::int64_t history_ms = 120 * day_ms;
constexpr std::size_t recent_topics = 300;  // "recent" for the visitors who follow the newest topics

enum class action : std::uint8_t { propose, opinion, comment, answer, schedule, hide };

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool open(const ch::topic& t) { return t.status != pc::topic_status::declined && t.status != pc::topic_status::merged; }

// Every action of the history in a random order, a proposal first (nothing else has a topic yet).
std::vector<action> shuffled_actions(const channel_plan& p, std::mt19937_64& rng) {
  std::vector<action> all;
  const auto add = [&all](action a, std::size_t n) { all.insert(all.end(), n, a); };
  add(action::propose, p.topics);
  add(action::opinion, p.opinions);
  add(action::comment, p.comments);
  add(action::answer, p.topics * 35 / 100);
  add(action::schedule, p.topics * 6 / 100);
  add(action::hide, p.comments / 200);
  std::shuffle(all.begin(), all.end(), rng);
  if (const auto first = std::find(all.begin(), all.end(), action::propose); first != all.end()) {
    std::iter_swap(all.begin(), first);
  }
  return all;
}

// Builds the history event by event, folding each into `state_` and writing them in batches.
class builder {
 public:
  builder(const channel_plan& p, st::event_log& log, std::string id)
      : plan_(p), log_(log), id_(std::move(id)), rng_(p.seed), text_(rng_) {}

  seeded_channel run();

 private:
  void create_channel();
  void emit(ch::event_body body);
  void flush();
  bool act(action a);
  ch::identity_id pick_identity();
  topic_id pick_topic(bool open_only);
  void propose();
  bool opinion();
  bool comment();
  bool answer();
  bool schedule();
  bool hide();
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(rng_() % n); }

  const channel_plan& plan_;
  st::event_log& log_;
  std::string id_;
  std::mt19937_64 rng_;
  french_text text_;
  ch::state state_;
  std::vector<st::record> pending_;
  tribune::protocol::seq_t written_ = 0;
  std::int64_t now_ = 0;
  std::size_t identity_uses_left_ = 0;  // proposals, opinions and comments still to come
  std::vector<topic_id> popular_;
  std::size_t opinions_ = 0;
};

seeded_channel builder::run() {
  const auto actions = shuffled_actions(plan_, rng_);
  identity_uses_left_ = plan_.topics + plan_.opinions + plan_.comments;
  const std::int64_t start = wall_ms() - history_ms - day_ms;
  now_ = start - day_ms;
  create_channel();
  std::vector<action> deferred;  // no candidate yet: tried again after each later action
  for (std::size_t i = 0; i < actions.size(); ++i) {
    now_ = start + static_cast<std::int64_t>(i) * history_ms / static_cast<std::int64_t>(actions.size());
    if (!act(actions[i])) deferred.push_back(actions[i]);
    if (!deferred.empty()) {
      const auto again = deferred.front();
      deferred.erase(deferred.begin());
      if (!act(again)) deferred.push_back(again);
    }
  }
  flush();
  seeded_channel out;
  out.id = id_;
  out.categories = state_.info.categories;
  out.events = written_;
  out.identities = state_.identities.size();
  out.topics = state_.topics.size();
  out.comments = state_.comments.size();
  out.opinions = opinions_;
  for (const auto& t : state_.topics) {
    out.answered += t.status != pc::topic_status::proposed ? 1 : 0;
    out.scheduled += t.status == pc::topic_status::scheduled ? 1 : 0;
    if (open(t)) out.open_topics.push_back(t.proposal.topic);
    if (t.comments.size() > out.busiest_comments) {
      out.busiest_topic = t.proposal.topic;
      out.busiest_comments = t.comments.size();
      out.busiest_opinions = t.opinions.size();
    }
  }
  return out;
}

void builder::create_channel() {
  ch::ev::channel_created made;
  made.id = id_;
  made.title = "Les débats de l'entreprise";
  made.description = text_.channel_description();
  made.accent = "#1f6feb";
  made.categories = pc::default_categories();
  made.languages = {pc::language::fr, pc::language::en};
  emit(std::move(made));
}

void builder::emit(ch::event_body body) {
  const ch::event e{state_.seq + 1, now_, std::move(body), {}};
  auto r = ch::to_record(e);
  ch::evolve(state_, e);
  std::vector<st::contact_row> contacts;
  for (auto& c : r.contacts) contacts.push_back(st::contact_row{c.ref, std::move(c.text)});
  pending_.push_back(st::record{r.seq, r.at, std::move(r.type), std::move(r.body), {}, std::move(contacts), {}});
  if (pending_.size() >= batch_events) flush();
}

// One append of everything pending, with the seq the stream is expected to end at; the first one
// registers the channel. Waits until it is durable.
void builder::flush() {
  if (pending_.empty()) return;
  std::optional<st::new_stream> create;
  if (written_ == 0) create = st::new_stream(st::channel_row{id_, state_.info.title, now_});
  std::promise<st::append_result> done;
  auto result = done.get_future();
  const auto n = pending_.size();
  log_.append(id_, written_, std::move(pending_), std::move(create),
              [&done](st::append_result r) { done.set_value(std::move(r)); });
  pending_.clear();
  const auto r = result.get();
  if (r.outcome != st::append_result::kind::appended) throw std::runtime_error("writing the channel: " + r.detail);
  written_ += n;
}

bool builder::act(action a) {
  switch (a) {
    case action::propose: propose(); return true;
    case action::opinion: return opinion();
    case action::comment: return comment();
    case action::answer: return answer();
    case action::schedule: return schedule();
    case action::hide: return hide();
  }
  return true;
}

// An identity that has acted before, or a new one (created here) often enough that the last of
// `plan_.identities` arrives with the last action.
ch::identity_id builder::pick_identity() {
  const auto have = state_.identities.size();
  const auto left = plan_.identities > have ? plan_.identities - have : 0;
  const bool fresh = have == 0 || (left > 0 && below(std::max<std::size_t>(identity_uses_left_, 1)) < left);
  if (identity_uses_left_ > 0) --identity_uses_left_;
  if (!fresh) return static_cast<ch::identity_id>(1 + below(have));
  const auto id = static_cast<ch::identity_id>(have + 1);
  tribune::engine::credential cred{"bench" + std::to_string(id), std::string(64, '0')};
  emit(ch::ev::identity_created{id, text_.person(), std::move(cred)});
  return id;
}

// A topic as visitors find them: one of the few popular ones, one of the newest, or any; 0 when
// none fits after a few tries.
topic_id builder::pick_topic(bool open_only) {
  const auto n = state_.topics.size();
  for (int tries = 0; tries < 20 && n > 0; ++tries) {
    const auto r = below(10);
    topic_id t = 0;
    if (r < 2 && !popular_.empty()) {
      t = popular_[below(popular_.size())];
    } else if (r < 6) {
      t = static_cast<topic_id>(n - below(std::min(n, recent_topics)));
    } else {
      t = static_cast<topic_id>(1 + below(n));
    }
    if (!open_only || open(state_.topics[t - 1])) return t;
  }
  return 0;
}

void builder::propose() {
  const auto by = pick_identity();
  static constexpr std::array formats = {tribune::protocol::show_format::talk_show,
                                         tribune::protocol::show_format::oxford,
                                         tribune::protocol::show_format::round_table};
  static constexpr std::array treatments = {pc::treatment::methodology, pc::treatment::controversy,
                                            pc::treatment::testimony, pc::treatment::investigation};
  const auto& cats = state_.info.categories;
  const auto id = static_cast<topic_id>(state_.topics.size() + 1);
  emit(ch::ev::topic_proposed{id,
                              by,
                              text_.title(),
                              text_.pitch(),
                              cats[below(cats.size())],
                              formats[below(formats.size())],
                              treatments[below(treatments.size())],
                              text_.location(),
                              {},
                              false});
  if (chance(0.01)) popular_.push_back(id);
}

bool builder::opinion() {
  const auto t = pick_topic(true);
  if (t == 0) return false;
  auto by = pick_identity();
  for (int tries = 0; tries < 4 && state_.topics[t - 1].opinions.contains(by); ++tries) by = pick_identity();
  const auto r = below(100);
  const auto value = r < 35 ? pc::opinion::essential : r < 80 ? pc::opinion::interesting : pc::opinion::not_for_me;
  emit(ch::ev::opinion_given{t, by, value, chance(0.08) ? text_.feedback() : std::string()});
  ++opinions_;
  return true;
}

// A comment, or one time in three a reply to a comment of the same topic that is not a reply.
bool builder::comment() {
  const auto t = pick_topic(true);
  if (t == 0) return false;
  const auto by = pick_identity();
  comment_id reply_to = 0;
  const auto& under = state_.topics[t - 1].comments;
  for (int tries = 0; tries < 3 && !under.empty() && chance(0.35); ++tries) {
    const auto c = under[below(under.size())];
    if (state_.comments[c - 1].posted.reply_to == 0) {
      reply_to = c;
      break;
    }
  }
  const auto id = static_cast<comment_id>(state_.comments.size() + 1);
  emit(ch::ev::comment_posted{id, t, by, reply_to != 0 ? text_.reply() : text_.comment(), reply_to, {}, false});
  return true;
}

// Accept six in ten, decline three, merge one into another open topic.
bool builder::answer() {
  const auto n = state_.topics.size();
  for (int tries = 0; tries < 30; ++tries) {
    const auto t = static_cast<topic_id>(1 + below(n));
    if (state_.topics[t - 1].status != pc::topic_status::proposed) continue;
    const auto r = below(10);
    if (r < 6) {
      emit(ch::ev::topic_answered{t, pc::answer_kind::accept, {}, 0});
    } else if (r < 9) {
      emit(ch::ev::topic_answered{t, pc::answer_kind::decline, text_.decline_reason(), 0});
    } else {
      const auto into = pick_topic(true);
      if (into == 0 || into == t) continue;
      emit(ch::ev::topic_answered{t, pc::answer_kind::merge, text_.merge_reason(), into});
    }
    return true;
  }
  return false;
}

bool builder::schedule() {
  const auto n = state_.topics.size();
  for (int tries = 0; tries < 50; ++tries) {
    const auto t = static_cast<topic_id>(1 + below(n));
    const auto& chosen = state_.topics[t - 1];
    if (chosen.status != pc::topic_status::accepted) continue;
    const auto starts = now_ + static_cast<std::int64_t>(7 + below(60)) * day_ms;
    emit(ch::ev::topic_scheduled{t, starts - starts % 3'600'000, "Europe/Paris", chosen.proposal.location});
    return true;
  }
  return false;
}

bool builder::hide() {
  const auto n = state_.comments.size();
  for (int tries = 0; tries < 10 && n > 0; ++tries) {
    const auto c = static_cast<comment_id>(1 + below(n));
    if (state_.comments[c - 1].hidden) continue;
    emit(ch::ev::comment_hidden{c, text_.hide_reason()});
    return true;
  }
  return false;
}

// A channel id as the server makes them (new_debate_id's alphabet).
std::string channel_id(std::uint64_t seed) {
  static constexpr std::string_view alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
  std::mt19937_64 rng(seed ^ 0x9e3779b97f4a7c15ULL);
  std::string id;
  for (int i = 0; i < 12; ++i) id.push_back(alphabet[rng() % alphabet.size()]);
  return id;
}

}  // namespace

seeded_channel seed_channel(const std::filesystem::path& db, const channel_plan& plan) {
  if (std::filesystem::exists(db)) throw std::runtime_error(db.string() + " exists already");
  const auto t0 = std::chrono::steady_clock::now();
  seeded_channel out;
  {
    st::sqlite_event_log log(db, 1);
    builder b(plan, log, channel_id(plan.seed));
    out = b.run();
  }  // the log's destructor finishes every write and closes the database
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

}  // namespace bench
