#pragma once
// The tests' side of the `postgres` CTest fixture (tests/support/postgres): the test cluster's URL,
// and a schema of its own for each database a test would otherwise keep in an SQLite file.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace tribune::testing {

// The cluster's URL when the test runs under the fixture (TRIBUNE_TEST_POSTGRES names its folder),
// nullopt otherwise.
std::optional<std::string> test_postgres_url();

// The URL of a schema named after `key` in the test cluster, created if missing: the same key
// gives the same data (a server restarted on it), another key a database of its own. Fails the
// test (and returns "") when the cluster cannot be reached.
std::string postgres_schema_url(const std::string& key);

// Runs `sql` with text parameters on the schema named after `key`; every row, each column as
// text. Fails the test (and returns nothing) on an error.
std::vector<std::vector<std::string>> postgres_rows(const std::string& key, const std::string& sql,
                                                    const std::vector<std::string>& params = {});

// Whether the test cluster accepts connections now (libpq's PQping).
bool postgres_reachable();

// The databases a storage contract test runs on: "sqlite", and "postgresql" under the fixture.
std::vector<std::string> storage_backends();
// Names a parameterised test after its database.
std::string backend_name(const ::testing::TestParamInfo<std::string>& info);

}  // namespace tribune::testing
