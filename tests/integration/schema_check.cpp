#include "schema_check.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <locale>
#include <map>
#include <memory>
#include <mutex>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#ifndef TRIBUNE_SCHEMA
#error "TRIBUNE_SCHEMA must name protocol/schema/tribune.schema.json"
#endif

namespace tribune::testing::schema {
namespace {

using json = nlohmann::json;

// libstdc++'s ctype<char> fills its narrow() cache lazily, one char at a time, the first time a
// char is narrowed; std::regex (valijson compiles the schema's patterns while validating) narrows
// every char of a pattern. Filled once here, before any test thread validates, the cache is only
// read afterwards, and regexes compiled on several threads race on nothing.
void fill_narrow_cache() {
  const auto& ctype = std::use_facet<std::ctype<char>>(std::locale());
  for (int c = 0; c < 256; ++c) (void)ctype.narrow(static_cast<char>(c), '\0');
}

const json& document() {
  static const json doc = [] {
    fill_narrow_cache();
    std::ifstream in(TRIBUNE_SCHEMA);
    return json::parse(in);
  }();
  return doc;
}

// One compiled schema per definition, built on first use: the definition as the root, with every
// definition beside it so that its references resolve.
const valijson::Schema& compiled(std::string_view name) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<valijson::Schema>, std::less<>> cache;
  const std::lock_guard lock(mutex);
  if (const auto it = cache.find(name); it != cache.end()) return *it->second;
  const json root{{"$ref", "#/definitions/" + std::string(name)}, {"definitions", document().at("definitions")}};
  auto schema = std::make_unique<valijson::Schema>();
  valijson::SchemaParser parser;
  valijson::adapters::NlohmannJsonAdapter adapter(root);
  parser.populateSchema(adapter, *schema);
  return *cache.emplace(std::string(name), std::move(schema)).first->second;
}

}  // namespace

std::vector<std::string> problems(const json& doc, std::string_view name) {
  if (!document().at("definitions").contains(std::string(name))) return {"no definition named " + std::string(name)};
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(doc);
  std::vector<std::string> out;
  if (validator.validate(compiled(name), target, &results)) return out;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    std::string where;
    for (const auto& step : error.context) where += step;
    out.push_back(where + ": " + error.description);
  }
  if (out.empty()) out.push_back("does not match");
  return out;
}

void expect_valid(const json& doc, std::string_view name) {
  const auto found = problems(doc, name);
  if (found.empty()) return;
  std::string detail;
  for (const auto& p : found) detail += "\n  " + p;
  ADD_FAILURE() << "not a valid " << name << ": " << doc.dump() << detail;
}

void expect_server_message(const json& message) { expect_valid(message, "server_message"); }

void expect_rest_body(int status, const json& body) {
  expect_valid(body, status >= 400 ? "rest_error" : "rest_success");
}

}  // namespace tribune::testing::schema
