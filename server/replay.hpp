#pragma once
// A debate's report and replay, made by the engine from the log (engine/report/report.hpp):
// GET /api/debates/{id}/report and GET /api/debates/{id}/replay?seq=N (docs/protocol.md, "Report
// and replay").
//
// One pass over the log per debate is kept and extended as the log grows: the state at its end,
// the history the report needs, the chain's head, and checkpoints — copies of the state every
// `interval` events (at first `first_interval`), at most `max_checkpoints` of them (when there
// would be more, every other one goes and the interval doubles) — so that seeking to any moment
// folds fewer than `interval` events read from storage. Passes of the least recently used
// debates are dropped beyond `kept_passes`. Names and contacts come from the texts kept beside the
// log, read again whenever a record names a newer one; a pass that meets an erasure its texts
// predate starts over, so no moment of the replay shows an erased name.
#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/report/report.hpp"
#include "server/archive.hpp"
#include "server/http_message.hpp"
#include "server/net.hpp"
#include "storage/event_log.hpp"

namespace tribune::server {

struct app;

class replay_store {
 public:
  explicit replay_store(protocol::seq_t first_interval = 1000, std::size_t max_checkpoints = 32,
                        std::size_t kept_passes = 2)
      : first_interval_(first_interval), max_checkpoints_(max_checkpoints), kept_passes_(kept_passes) {}

  // The report as of the debate's last stored event; nullopt when there is no such debate.
  // Blocking (storage threads).
  std::optional<std::string> report(storage::event_log& log, const std::string& debate, engine::view v);
  // How a debate's kept pass stands: its checkpoint interval and count (nullopt: none kept).
  struct pass_shape {
    protocol::seq_t seq = 0;
    protocol::seq_t interval = 0;
    std::size_t checkpoints = 0;
  };
  std::optional<pass_shape> shape(const std::string& debate);
  // The room at `seq` (clamped to the log's last event); nullopt when there is no such debate.
  std::optional<std::string> frame(storage::event_log& log, const std::string& debate, protocol::seq_t seq,
                                   engine::view v);
  // Drops the debate's pass (no such debate, or deleted).
  void forget(const std::string& debate);

 private:
  struct checkpoint {
    protocol::seq_t seq = 0;
    std::int64_t at = 0;  // the time of its last event
    std::shared_ptr<const engine::state> state;
  };
  struct pass {
    std::mutex mutex;  // guards the rest; one debate's pass extends once at a time
    std::shared_ptr<const engine::kept_rows> kept;
    engine::state end;
    engine::history history;
    chain_head head;
    std::int64_t last_at = 0;
    protocol::seq_t interval = 0;
    std::vector<checkpoint> checkpoints;
    std::chrono::steady_clock::time_point used;
  };
  std::shared_ptr<pass> pass_of(const std::string& debate);
  void extend(storage::event_log& log, const std::string& debate, pass& p) const;
  void keep_checkpoint(pass& p) const;
  void restart(pass& p) const;

  const protocol::seq_t first_interval_;
  const std::size_t max_checkpoints_;
  const std::size_t kept_passes_;
  std::mutex mutex_;  // guards passes_
  std::unordered_map<std::string, std::shared_ptr<pass>> passes_;
};

// GET /api/debates/{id}/report and GET /api/debates/{id}/replay.
asio::awaitable<http_response> report_api(app& a, const http_request& req, const std::string& debate);
asio::awaitable<http_response> replay_api(app& a, const http_request& req, const std::string& debate);

// Folds the debate's pass ahead of the first reader (when its show ends), so the first report does
// not pay for the whole log.
asio::awaitable<void> prepare_report(app& a, const std::string& debate);

}  // namespace tribune::server
