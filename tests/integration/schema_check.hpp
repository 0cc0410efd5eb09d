#pragma once
// The wire schema (protocol/schema/tribune.schema.json) applied to what the server really sends:
// the test clients check every WebSocket message and every REST body they receive against it, so
// the whole integration suite holds the server to its contract. Thread-safe.
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace tribune::testing::schema {

// What in `doc` does not fit the schema's definition `name` (empty when it fits).
std::vector<std::string> problems(const nlohmann::json& doc, std::string_view name);

// Records a test failure, naming the message, when it does not fit.
void expect_valid(const nlohmann::json& doc, std::string_view name);

// A message received over the WebSocket; a REST body with its status (error bodies for 4xx/5xx).
void expect_server_message(const nlohmann::json& message);
void expect_rest_body(int status, const nlohmann::json& body);

}  // namespace tribune::testing::schema
