// tribune-opinion-bench: how long one update of the opinion map (engine/opinion) takes in a big
// room, in process, without a server. A synthetic audience of planted camps (each camp its own
// stance on every argument, plus passes and dissent, from a fixed seed) rates the arguments; then
// a cold publish(), a few warm ones, and N times: one more rating, then publish(), timed together.
// Prints one JSON line per size and a readable line; bench/README.md says how to run it.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <time.h>

#include "engine/opinion/opinion.hpp"

namespace {

using tribune::engine::opinion::map;
using tribune::engine::opinion::result;
using tribune::protocol::rating;

struct size_spec {
  const char* name;
  std::size_t participants;
  std::size_t arguments;
  std::size_t per_participant;  // ratings each
  double bar_ms;                // the warm update must take at most this long
};

constexpr size_spec small_room{"small", 10'000, 300, 30, 50.0};
constexpr size_spec large_room{"large", 100'000, 1'000, 30, 250.0};

struct options {
  std::vector<size_spec> sizes{small_room, large_room};
  std::size_t repeats = 20;
  std::size_t warm = 3;
  std::size_t camps = 3;
  std::uint64_t seed = 1;
};

struct lcg {
  std::uint64_t state;
  std::uint64_t next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 11U;
  }
  double unit() { return static_cast<double>(next()) * 0x1.0p-53; }  // in [0, 1)
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(unit() * static_cast<double>(n)); }
};

// Who rates what: participant i's r-th argument is (offset + r * stride) mod arguments, a stride
// prime to the count so that the first `arguments` steps never repeat; a camp's stance on each
// argument is drawn once. Everything follows from the seed.
struct audience {
  size_spec size;
  std::size_t camps;
  std::vector<int> stance;  // [camp * arguments + argument], +1 or -1
  std::vector<std::uint32_t> offset;
  std::vector<std::uint32_t> stride;
  lcg noise;

  audience(const size_spec& s, std::size_t camp_count, std::uint64_t seed) : size(s), camps(camp_count), noise{seed} {
    lcg g{seed * 7919 + 17};
    for (std::size_t i = 0; i < camps * size.arguments; ++i) stance.push_back(g.unit() < 0.5 ? 1 : -1);
    std::vector<std::uint32_t> primes;  // strides prime to the argument count
    for (std::uint32_t p = 7; primes.size() < 50; p += 2) {
      bool prime = true;
      for (std::uint32_t d = 3; d * d <= p; d += 2) prime = prime && p % d != 0;
      if (prime && size.arguments % p != 0) primes.push_back(p);
    }
    for (std::size_t i = 0; i < size.participants; ++i) {
      offset.push_back(static_cast<std::uint32_t>(g.below(size.arguments)));
      stride.push_back(primes[g.below(primes.size())]);
    }
  }
  std::size_t camp_of(std::size_t i) const { return i % camps; }
  tribune::protocol::argument_id argument(std::size_t i, std::size_t r) const {
    return static_cast<tribune::protocol::argument_id>((offset[i] + r * stride[i]) % size.arguments + 1);
  }
  // Passes 15%, against the camp 10%, with the camp otherwise.
  rating rating_of(std::size_t i, tribune::protocol::argument_id a) {
    const double roll = noise.unit();
    if (roll > 0.85) return rating::pass;
    const int v = stance[camp_of(i) * size.arguments + (a - 1)] * (roll < 0.1 ? -1 : 1);
    return v > 0 ? rating::agree : rating::disagree;
  }
};

// A field of /proc/self/status in KiB: VmRSS (resident now) or VmHWM (the peak so far).
std::size_t status_kib(std::string_view field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field, 0) == 0) return std::strtoull(line.c_str() + field.size(), nullptr, 10);
  }
  return 0;
}
std::size_t rss_kib() { return status_kib("VmRSS:"); }

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// This thread's CPU time: on a shared machine the wall time also counts the waits for a core.
double cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one;
  in >> one;
  return one.empty() ? "0" : one;
}

struct spread {
  double median = 0;
  double worst = 0;
};

spread spread_of(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? spread{} : spread{v[v.size() / 2], v.back()};
}

double pairs(double n) { return n * (n - 1) / 2; }

// Adjusted Rand index of the groups found (published positions) against the planted camps.
double adjusted_rand(const audience& a, const result& r) {
  std::map<std::size_t, double> rows;
  std::map<std::size_t, double> cols;
  std::map<std::pair<std::size_t, std::size_t>, double> cells;
  for (const auto& p : r.positions) {
    const std::size_t camp = a.camp_of(p.participant - 1);
    ++rows[camp];
    ++cols[p.group];
    ++cells[{camp, p.group}];
  }
  double index = 0;
  double x = 0;
  double y = 0;
  for (const auto& c : cells) index += pairs(c.second);
  for (const auto& c : rows) x += pairs(c.second);
  for (const auto& c : cols) y += pairs(c.second);
  const double expected = x * y / pairs(static_cast<double>(r.positions.size()));
  const double most = (x + y) / 2;
  return most == expected ? 1.0 : (index - expected) / (most - expected);
}

void run(const size_spec& size, const options& opt) {
  audience a(size, opt.camps, opt.seed);
  const std::size_t rss_before = rss_kib();
  map m;
  auto start = std::chrono::steady_clock::now();
  // Round by round, as a room rates over time: everyone's first rating, then everyone's second...
  for (std::size_t r = 0; r < size.per_participant; ++r) {
    for (std::size_t i = 0; i < size.participants; ++i) {
      const auto arg = a.argument(i, r);
      m.rate(static_cast<tribune::protocol::participant_id>(i + 1), arg, a.rating_of(i, arg));
    }
  }
  const double load_ms = ms_since(start);
  const std::size_t rss_loaded = rss_kib();

  start = std::chrono::steady_clock::now();
  result r = m.publish();
  const double cold_ms = ms_since(start);
  for (std::size_t w = 0; w < opt.warm; ++w) r = m.publish();

  // One more rating each time: a participant rates an argument they had not seen.
  const std::string load = load_average();
  std::vector<double> times;
  std::vector<double> cpu_times;
  for (std::size_t n = 0; n < opt.repeats; ++n) {
    const std::size_t who = (n * 7919) % size.participants;
    const auto arg = a.argument(who, size.per_participant + n);
    const auto rating = a.rating_of(who, arg);
    const double cpu_start = cpu_ms();
    start = std::chrono::steady_clock::now();
    m.rate(static_cast<tribune::protocol::participant_id>(who + 1), arg, rating);
    r = m.publish();
    times.push_back(ms_since(start));
    cpu_times.push_back(cpu_ms() - cpu_start);
  }
  const std::size_t rss_after = rss_kib();
  const std::size_t rss_peak = status_kib("VmHWM:");
  const auto [median, worst] = spread_of(times);
  const auto cpu = spread_of(cpu_times);
  const std::size_t ratings = size.participants * size.per_participant + opt.repeats;
  const double ari = adjusted_rand(a, r);
  const double per_rating =
      static_cast<double>(rss_after > rss_before ? rss_after - rss_before : 0) * 1024.0 / static_cast<double>(ratings);
  const bool met = worst <= size.bar_ms;

  std::printf(
      "{\"bench\":\"opinion\",\"size\":\"%s\",\"participants\":%zu,\"arguments\":%zu,\"ratings\":%zu,"
      "\"camps\":%zu,\"seed\":%llu,\"load_ms\":%.1f,\"cold_ms\":%.1f,\"warm_ms\":{\"n\":%zu,\"median\":%.2f,"
      "\"worst\":%.2f},\"warm_cpu_ms\":{\"median\":%.2f,\"worst\":%.2f},\"load_average\":%s,\"bar_ms\":%.0f,\"met\":%s,"
      "\"k\":%zu,\"groups\":%zu,\"counted\":%zu,\"positions\":%zu,"
      "\"ari\":%.4f,\"rss_before_kib\":%zu,\"rss_loaded_kib\":%zu,\"rss_after_kib\":%zu,\"rss_peak_kib\":%zu,"
      "\"bytes_per_rating\":%.1f}\n",
      size.name, size.participants, size.arguments, ratings, opt.camps, static_cast<unsigned long long>(opt.seed),
      load_ms, cold_ms, times.size(), median, worst, cpu.median, cpu.worst, load.c_str(), size.bar_ms,
      met ? "true" : "false", r.k, r.groups.size(), r.counted, r.positions.size(), ari, rss_before, rss_loaded,
      rss_after, rss_peak, per_rating);
  std::printf(
      "# %s: %zu participants x %zu arguments, %zu ratings: cold %.1f ms; one more rating + publish: median "
      "%.2f ms, worst %.2f ms (CPU %.2f / %.2f ms; bar %.0f ms: %s); k %zu, ARI %.3f; RSS %zu -> %zu MiB, peak %zu "
      "MiB (%.0f bytes/rating); load average %s\n",
      size.name, size.participants, size.arguments, ratings, cold_ms, median, worst, cpu.median, cpu.worst, size.bar_ms,
      met ? "met" : "MISSED", r.k, ari, rss_before / 1024, rss_after / 1024, rss_peak / 1024, per_rating, load.c_str());
  std::fflush(stdout);
}

int usage(const char* self) {
  std::fprintf(stderr,
               "usage: %s [--size small|large|all] [--repeats 20] [--warm 3] [--camps 3] [--seed 1]\n"
               "  small: 10,000 participants x 300 arguments x 30 ratings each (bar 50 ms)\n"
               "  large: 100,000 participants x 1,000 arguments x 30 ratings each (bar 250 ms)\n",
               self);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  options opt;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (flag == "--help" || i + 1 >= argc) return usage(argv[0]);
    const std::string_view value = argv[++i];
    const auto number = [&] { return std::strtoull(value.data(), nullptr, 10); };
    if (flag == "--size" && value == "small") {
      opt.sizes = {small_room};
    } else if (flag == "--size" && value == "large") {
      opt.sizes = {large_room};
    } else if (flag == "--size" && value == "all") {
      opt.sizes = {small_room, large_room};
    } else if (flag == "--repeats") {
      opt.repeats = number();
    } else if (flag == "--warm") {
      opt.warm = number();
    } else if (flag == "--camps" && number() >= 1) {
      opt.camps = number();
    } else if (flag == "--seed") {
      opt.seed = number();
    } else {
      return usage(argv[0]);
    }
  }
  for (const auto& size : opt.sizes) run(size, opt);
  return 0;
}
