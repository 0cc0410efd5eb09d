#pragma once
// Test helpers for what the codec decodes: a refusal names its code in a failure message (not four
// raw bytes), and a test unpacks a decoded request or its refusal, failing when it got the other.
#include <ostream>
#include <string>
#include <variant>

#include <gtest/gtest.h>

#include "protocol/errors.hpp"

namespace tribune::protocol {

inline void PrintTo(error_code c, std::ostream* os) { *os << to_string(c); }

// The refusal `d` holds (a test failure when it holds a request).
template <class T>
error refusal(const std::variant<T, error>& d) {
  const auto* e = std::get_if<error>(&d);
  EXPECT_NE(e, nullptr) << "accepted";
  return e != nullptr ? *e : error{error_code::unknown_command, {}};
}

// Its code only.
template <class T>
error_code refused(const std::variant<T, error>& d) {
  return refusal(d).code;
}

// The request `d` holds (a test failure, with the refusal's detail, when it holds a refusal).
template <class T>
T accepted(const std::variant<T, error>& d) {
  const auto* e = std::get_if<error>(&d);
  EXPECT_EQ(e, nullptr) << (e != nullptr ? e->detail : std::string());
  return std::get<T>(d);
}

}  // namespace tribune::protocol
