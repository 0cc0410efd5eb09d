// How the opinion map is written (see opinion.hpp).
#include "protocol/opinion.hpp"

#include <cmath>

namespace tribune::protocol {
namespace {

using json = nlohmann::json;

// Three decimals are plenty for a screen, and keep a map of thousands of dots small.
double rounded(double v) { return std::isfinite(v) ? std::round(v * 1000.0) / 1000.0 : 0.0; }

json numbers(const std::vector<double>& values) {
  json out = json::array();
  for (double v : values) out.push_back(rounded(v));
  return out;
}

}  // namespace

std::string format_group(std::uint32_t label) {
  // At most five groups are ever computed; the letters run on past Z in pairs should that change.
  std::string out;
  std::uint32_t n = label;
  do {
    out.insert(out.begin(), static_cast<char>('A' + n % 26));
    n /= 26;
  } while (n-- > 0);
  return out;
}

namespace opinion_wire {

std::string encode_body(const map& m, audience a) { return body_json(m, a).dump(); }

json group_place_json(const group& g) {
  return json{{"group", format_group(g.label)}, {"size", g.size}, {"x", rounded(g.x)}, {"y", rounded(g.y)}};
}

json body_json(const map& m, audience a) {
  json groups = json::array();
  for (const auto& g : m.groups) {
    json reps = json::array();
    for (const auto& r : g.representatives) {
      reps.push_back({{"argument", format_argument(r.argument)},
                      {"p_in", rounded(r.p_in)},
                      {"p_out", rounded(r.p_out)},
                      {"z", rounded(r.z)}});
    }
    auto entry = group_place_json(g);
    entry["representatives"] = std::move(reps);
    groups.push_back(std::move(entry));
  }
  json out{{"counted", m.counted}, {"min_ratings", m.min_ratings}, {"groups", std::move(groups)}};
  if (a == audience::phones) return out;
  const auto lines = [](const std::vector<argument_line>& from, const char* score) {
    json list = json::array();
    for (const auto& x : from) {
      list.push_back(
          {{"argument", format_argument(x.argument)}, {score, rounded(x.score)}, {"agree", numbers(x.agree)}});
    }
    return list;
  };
  json questions = json::array();
  for (const auto& q : m.questions) {
    questions.push_back({{"question", format_question(q.question)},
                         {"upvotes", q.upvotes},
                         {"bridging", rounded(q.bridging)},
                         {"shares", numbers(q.shares)}});
  }
  json dots = json::array();
  for (const auto& d : m.dots) dots.push_back(json::array({rounded(d.x), rounded(d.y), d.group}));
  out["unites"] = lines(m.unites, "consensus");
  out["divides"] = lines(m.divides, "divisiveness");
  out["questions"] = std::move(questions);
  out["dots"] = std::move(dots);
  return out;
}

std::string encode_you_body(const you& y) {
  if (!y.group) return json{{"group", nullptr}, {"x", nullptr}, {"y", nullptr}}.dump();
  return json{{"group", format_group(*y.group)}, {"x", rounded(y.x)}, {"y", rounded(y.y)}}.dump();
}

std::string stamp(std::string_view type, seq_t seq, std::string_view body) {
  std::string out = R"({"type":")";
  out += type;
  out += R"(","seq":)";
  out += std::to_string(seq);
  // An empty object's body would leave a trailing comma: every body here has fields.
  if (body.size() > 2) {
    out += ',';
    out.append(body.substr(1));
  } else {
    out += '}';
  }
  return out;
}

}  // namespace opinion_wire
}  // namespace tribune::protocol
