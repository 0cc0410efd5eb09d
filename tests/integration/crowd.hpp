#pragma once
// Many audience WebSocket clients on one io_context thread: a thousand listeners cost a thousand
// sockets, not a thousand threads. Each member checks, as it applies events, that the `prev` chain
// has no gap and no duplicate, and can reconnect with hello{last_seq}.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace tribune::testing {

class crowd {
 public:
  struct member_state {
    bool open = false;
    bool welcomed = false;
    std::string resume;                 // of the last welcome
    std::uint64_t welcome_seq = 0;      // of the last welcome
    std::uint64_t applied = 0;          // seq of the state this member holds
    std::vector<std::uint64_t> seqs;    // every event applied, across connections, in order
    std::vector<std::string> problems;  // gaps, duplicates, errors, unexpected closes
  };

  crowd(std::string debate, std::vector<std::string> tokens);
  ~crowd();
  crowd(const crowd&) = delete;
  crowd& operator=(const crowd&) = delete;

  // (Re)connects every member to `port` and sends hello, with last_seq = its applied seq when
  // `resume`. Returns when every member is welcomed, or false at `timeout`.
  bool connect(std::uint16_t port, bool resume, std::chrono::milliseconds timeout);
  // Waits until every member has applied `seq`.
  bool wait_applied(std::uint64_t seq, std::chrono::milliseconds timeout);
  // Waits until no member is open (after the server went away).
  bool wait_all_closed(std::chrono::milliseconds timeout);
  std::vector<member_state> states() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace tribune::testing
