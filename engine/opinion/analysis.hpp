#pragma once
// The opinion map's state behind opinion::map: the store of ratings, what an update carries over
// to the next, and one update before it is published (its buffers kept from one update to the
// next, so that an update allocates little in proportion to the room).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/opinion/clusters.hpp"
#include "engine/opinion/opinion.hpp"
#include "engine/opinion/pca.hpp"
#include "engine/opinion/ratings.hpp"

namespace tribune::engine::opinion {

// What an update carries over to the next; indexed by argument or participant index.
struct memory {
  bool warm = false;                   // an update had columns: start from its components
  std::vector<double> first;           // the first component's loadings, 0 outside its columns
  std::vector<double> second;          // the second's
  std::size_t k = 0;                   // 0 until the first clustering
  std::size_t candidate = 0;           // a k that beat the current one ...
  std::size_t streak = 0;              // ... this many updates in a row
  std::vector<group_label> labels;     // each counted participant's group, no_label for others
  std::vector<weighted_point> base;    // the base clusters' centres (empty: none)
  std::vector<std::uint32_t> base_of;  // each counted participant's base cluster in it
};

// One update: who is counted (rows in participant id order), the matrix, places and groups.
struct analysis {
  std::vector<std::uint32_t> rows;    // participant index per row
  std::vector<std::uint32_t> row_of;  // per participant index: its row, or UINT32_MAX
  centred_matrix matrix;
  std::vector<point2> points;  // per row
  base_clustering base;
  std::vector<group_label> labels;         // per row
  std::vector<std::uint32_t> row_cluster;  // per row: its cluster, numbered without the empty ones
  std::vector<group_label> previous;       // per row: its label in the previous update, or no_label
  std::size_t k = 0;                       // groups computed
};

// Lloyd rounds a warm-started base clustering may take (a cold one takes up to 100).
constexpr std::size_t warm_base_rounds = 10;

struct map::impl {
  ratings store;
  memory kept;
  analysis now;
};

// Fills `a` from the store: rows, column counts and means, the centred matrix.
void gather(const ratings& store, std::size_t min_ratings, analysis& a);

// Clusters the plane into labelled groups, from and into `kept`.
void form_groups(analysis& a, memory& kept, const parameters& params);

// The published form of an update: statistics per group, argument and question, with the groups
// smaller than the minimum left out.
result assemble(const analysis& a, const ratings& store, const parameters& params);

}  // namespace tribune::engine::opinion
