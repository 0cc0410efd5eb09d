// The opinion map's updates: the sparse matrix from the store, the plane by warm-started power
// iteration, then the groups (groups.cpp) and the published form (publish.cpp).
#include <algorithm>

#include "engine/opinion/analysis.hpp"
#include "engine/opinion/opinion.hpp"

namespace tribune::engine::opinion {

map::map() : map(parameters{}) {}
map::map(parameters p) : params_(p), impl_(std::make_unique<impl>()) {}
map::map(const map& other) : params_(other.params_), impl_(std::make_unique<impl>(*other.impl_)) {}
map& map::operator=(const map& other) {
  if (this != &other) {
    params_ = other.params_;
    impl_ = std::make_unique<impl>(*other.impl_);
  }
  return *this;
}
map::map(map&& other) noexcept = default;
map& map::operator=(map&& other) noexcept = default;
map::~map() = default;

void map::rate(participant_id who, argument_id what, protocol::rating r) { impl_->store.rate(who, what, r); }
void map::exclude_argument(argument_id a) { impl_->store.exclude(a); }
void map::drop_participant(participant_id p) { impl_->store.drop(p); }
void map::upvote(participant_id who, question_id q) { impl_->store.upvote(who, q, true); }
void map::withdraw_upvote(participant_id who, question_id q) { impl_->store.upvote(who, q, false); }
std::size_t map::rated(participant_id who) const { return impl_->store.rated(who); }

bool map::settling() const { return impl_->kept.streak > 0; }

// The rows (participants who rated enough arguments still in, by id) copied into one array, so
// that each power iteration streams through memory; per cell value the count of counted rows
// holding it, which gives each column's mean (and later the totals per argument).
void gather(const ratings& store, std::size_t min_ratings, analysis& a) {
  const std::size_t need = std::max<std::size_t>(min_ratings, 1);
  const std::size_t arguments = store.argument_count();
  auto& m = a.matrix;
  a.rows.clear();
  a.row_of.assign(store.participant_count(), UINT32_MAX);
  m.count.assign(4 * arguments, 0);
  m.cols = arguments;
  m.cells.clear();
  m.row_start.assign(1, 0);
  for (const auto p : store.participants_by_id()) {
    const auto& row = store.row(p);
    if (row.size() < need) continue;
    a.row_of[p] = static_cast<std::uint32_t>(a.rows.size());
    a.rows.push_back(p);
    m.cells.insert(m.cells.end(), row.begin(), row.end());
    m.row_start.push_back(m.cells.size());
    for (const cell c : row) ++m.count[c];
  }
  m.columns.clear();
  m.centred.assign(4 * arguments, 0.0);
  for (const auto j : store.arguments_by_id()) {
    const std::uint32_t* n = &m.count[cell_of(j, 0)];
    const double count = static_cast<double>(n[code_pass]) + n[code_agree] + n[code_disagree];
    if (count == 0.0) continue;
    m.columns.push_back(j);
    const double mean = (static_cast<double>(n[code_agree]) - n[code_disagree]) / count;
    for (const auto code : {code_pass, code_agree, code_disagree}) {
      m.centred[cell_of(j, code)] = value_of_code(code) - mean;
    }
  }
}

result map::publish() {
  auto& s = *impl_;
  s.store.put_in_order();
  gather(s.store, params_.min_ratings, s.now);
  const auto& m = s.now.matrix;
  auto& kept = s.kept;
  const std::size_t iterations = kept.warm ? params_.warm_iterations : params_.cold_iterations;
  kept.first.resize(m.cols, 0.0);  // a new argument starts at 0
  kept.second.resize(m.cols, 0.0);
  auto first = power_component(m, kept.first, {}, iterations);
  fix_sign(first, kept.first, m.columns);
  auto second = power_component(m, kept.second, first, iterations);
  fix_sign(second, kept.second, m.columns);
  kept.first = std::move(first);
  kept.second = std::move(second);
  kept.warm = !m.columns.empty();
  project(m, kept.first, kept.second, s.now.points);
  form_groups(s.now, kept, params_);
  return assemble(s.now, s.store, params_);
}

}  // namespace tribune::engine::opinion
