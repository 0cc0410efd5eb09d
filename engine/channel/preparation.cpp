// A topic's preparation: only the organizer writes it; only a panelist of the topic's debate
// answers its questionnaire; an answer always fits its question as it now stands.
#include "engine/channel/preparation.hpp"

#include <algorithm>

namespace tribune::engine::channel::prep {
namespace {

using protocol::error_code;
using events = std::vector<event_body>;

rejection reject(error_code code, std::string detail) { return rejection{code, std::move(detail)}; }

const pc::question* find_question(const std::vector<pc::question>& qs, std::uint32_t id) {
  const auto it = std::find_if(qs.begin(), qs.end(), [id](const pc::question& q) { return q.id == id; });
  return it == qs.end() ? nullptr : &*it;
}

// A text for a text question, a choice's index, a point of the scale.
bool fits(const pc::question& q, const pc::answer& a) {
  switch (q.kind) {
    case pc::question_kind::text: return a.is_text;
    case pc::question_kind::choice: return !a.is_text && a.value < q.choices.size();
    case pc::question_kind::scale: return !a.is_text && a.value >= 1 && a.value <= q.top;
  }
  return false;
}

std::string place(std::size_t i, const char* field) { return "answers[" + std::to_string(i) + "]." + field; }

bool same(const pc::question& a, const pc::question& b) {
  return a.id == b.id && a.kind == b.kind && a.prompt == b.prompt && a.choices == b.choices && a.top == b.top;
}

bool same(const std::vector<pc::answer>& a, const std::vector<pc::answer>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const pc::answer& x, const pc::answer& y) {
    return x.question == y.question && x.is_text == y.is_text && x.text == y.text && x.value == y.value;
  });
}

}  // namespace

decision on(const state& s, const context& c, const pc::set_preparation& x) {
  if (!c.by.organizer) return reject(error_code::forbidden, "only the organizer prepares the panel");
  const auto* t = s.find_topic(x.topic);
  if (t == nullptr) return reject(error_code::unknown_topic, "no such topic");
  if (t->status == pc::topic_status::declined || t->status == pc::topic_status::merged) {
    return reject(error_code::topic_closed, "this topic was declined or merged");
  }
  ev::preparation_set made{x.topic, x.notes, x.questions};
  auto next = t->prep.next_question;
  for (std::size_t i = 0; i < made.questions.size(); ++i) {
    auto& q = made.questions[i];
    if (q.id == 0) {
      q.id = next++;
    } else if (find_question(t->prep.questions, q.id) == nullptr) {
      return reject(error_code::invalid_field, "questions[" + std::to_string(i) + "].id: no such question");
    }
  }
  const auto& now = t->prep.questions;
  const bool unchanged = t->prep.updated_at != 0 && made.notes == t->prep.notes &&
                         std::equal(made.questions.begin(), made.questions.end(), now.begin(), now.end(),
                                    [](const pc::question& a, const pc::question& b) { return same(a, b); });
  if (unchanged) return events{};
  return events{std::move(made)};
}

decision on(const state& s, const context& c, const panel_answers& x) {
  const auto& m = c.by.member;
  if (m.panelist == 0 || m.topic != x.what.topic) {
    return reject(error_code::forbidden, "only a panelist of this topic's debate answers its questionnaire");
  }
  const auto* t = s.find_topic(x.what.topic);
  if (t == nullptr) return reject(error_code::unknown_topic, "no such topic");
  for (std::size_t i = 0; i < x.what.answers.size(); ++i) {
    const auto& a = x.what.answers[i];
    const auto* q = find_question(t->prep.questions, a.question);
    if (q == nullptr) return reject(error_code::invalid_field, place(i, "question") + ": no such question");
    if (!fits(*q, a)) {
      return reject(error_code::invalid_field, place(i, "value") +
                                                   ": a text for a text question, a choice's index "
                                                   "from 0, or a point of the scale from 1");
    }
  }
  if (const auto it = t->prep.answers.find(m.panelist);
      it != t->prep.answers.end() && it->second.name == x.name && same(it->second.answers, x.what.answers)) {
    return events{};
  }
  return events{ev::questionnaire_answered{x.what.topic, m.panelist, x.name, x.what.answers}};
}

void apply(state& s, const event& e, const ev::preparation_set& x) {
  auto& p = s.topics[x.topic - 1].prep;
  p.notes = x.notes;
  p.questions = x.questions;
  p.updated_at = e.at;
  for (const auto& q : x.questions) p.next_question = std::max(p.next_question, q.id + 1);
  // Answers to a question removed, or changed so that they no longer fit, are dropped.
  for (auto& [panelist, given] : p.answers) {
    std::erase_if(given.answers, [&p](const pc::answer& a) {
      const auto* q = find_question(p.questions, a.question);
      return q == nullptr || !fits(*q, a);
    });
  }
}

void apply(state& s, const event& e, const ev::questionnaire_answered& x) {
  s.topics[x.topic - 1].prep.answers[x.panelist] = pc::panel_answers{x.panelist, x.panelist_name, e.at, x.answers};
}

pc::preparation_view view_of(const topic& t) {
  pc::preparation_view v{t.proposal.topic, t.proposal.title, t.prep.notes, t.prep.questions, t.prep.updated_at, {}};
  v.answers.reserve(t.prep.answers.size());
  for (const auto& [panelist, given] : t.prep.answers) v.answers.push_back(given);
  return v;
}

}  // namespace tribune::engine::channel::prep

namespace tribune::engine::channel {

std::variant<pc::preparation_view, rejection> preparation_for(const state& s, topic_id id, const who& by) {
  const auto* t = s.find_topic(id);
  if (t == nullptr) return rejection{protocol::error_code::unknown_topic, "no such topic"};
  const auto& m = by.member;
  const bool panel = m.topic == id && (m.panelist != 0 || m.moderator);
  if (!by.organizer && !panel) {
    return rejection{protocol::error_code::forbidden, "the preparation is for the topic's panel and its organizers"};
  }
  auto v = prep::view_of(*t);
  if (!by.organizer && !m.moderator) {
    std::erase_if(v.answers, [&m](const pc::panel_answers& a) { return a.panelist != m.panelist; });
  }
  return v;
}

}  // namespace tribune::engine::channel
