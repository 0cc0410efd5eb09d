#include "postgres_db.hpp"

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <cstdlib>
#include <fstream>
#include <memory>

namespace tribune::testing {

std::optional<std::string> test_postgres_url() {
  // Read once per process, before any thread of the test starts.
  // NOLINTNEXTLINE(concurrency-mt-unsafe)
  const char* dir = std::getenv("TRIBUNE_TEST_POSTGRES");
  if (dir == nullptr || *dir == '\0') return std::nullopt;
  std::ifstream in(std::string(dir) + "/url");
  std::string url;
  std::getline(in, url);
  if (url.empty()) return std::nullopt;
  return url;
}

std::string postgres_schema_url(const std::string& key) {
  const auto url = test_postgres_url();
  if (!url) {
    ADD_FAILURE() << "TRIBUNE_TEST_POSTGRES names no running test cluster";
    return {};
  }
  // FNV-1a of the key: a valid, short identifier, the same for the same key.
  std::uint64_t h = 14695981039346656037ULL;
  for (const unsigned char c : key) h = (h ^ c) * 1099511628211ULL;
  const std::string schema = "t_" + std::to_string(h);

  const std::unique_ptr<PGconn, decltype(&PQfinish)> c(PQconnectdb(url->c_str()), &PQfinish);
  if (PQstatus(c.get()) != CONNECTION_OK) {
    ADD_FAILURE() << "cannot reach the test cluster: " << PQerrorMessage(c.get());
    return {};
  }
  PQsetNoticeProcessor(
      c.get(), [](void*, const char*) {}, nullptr);  // "already exists, skipping"
  const std::unique_ptr<PGresult, decltype(&PQclear)> r(
      PQexec(c.get(), ("CREATE SCHEMA IF NOT EXISTS " + schema).c_str()), &PQclear);
  if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) {
    ADD_FAILURE() << "cannot create schema " << schema << ": " << PQresultErrorMessage(r.get());
    return {};
  }
  return *url + "?options=-csearch_path%3D" + schema;
}

std::vector<std::vector<std::string>> postgres_rows(const std::string& key, const std::string& sql,
                                                    const std::vector<std::string>& params) {
  const auto url = postgres_schema_url(key);
  if (url.empty()) return {};
  const std::unique_ptr<PGconn, decltype(&PQfinish)> c(PQconnectdb(url.c_str()), &PQfinish);
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p.c_str());
  const std::unique_ptr<PGresult, decltype(&PQclear)> r(
      PQexecParams(c.get(), sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0),
      &PQclear);
  if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) {
    ADD_FAILURE() << sql << ": " << PQresultErrorMessage(r.get());
    return {};
  }
  std::vector<std::vector<std::string>> rows(static_cast<std::size_t>(PQntuples(r.get())));
  for (int i = 0; i < PQntuples(r.get()); ++i) {
    for (int j = 0; j < PQnfields(r.get()); ++j) {
      rows[static_cast<std::size_t>(i)].emplace_back(PQgetvalue(r.get(), i, j), PQgetlength(r.get(), i, j));
    }
  }
  return rows;
}

bool postgres_reachable() {
  const auto url = test_postgres_url();
  return url && PQping(url->c_str()) == PQPING_OK;
}

std::vector<std::string> storage_backends() {
  std::vector<std::string> out{"sqlite"};
  if (test_postgres_url()) out.emplace_back("postgresql");
  return out;
}

std::string backend_name(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

}  // namespace tribune::testing
