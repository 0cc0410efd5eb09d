#pragma once
// The live rooms of this process, by debate id. Rooms are loaded from the log on first use and kept
// for the life of the process. Thread-safe: mutex_ guards rooms_.
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/asio/any_io_executor.hpp>

#include "server/metrics.hpp"
#include "server/room.hpp"
#include "storage/event_log.hpp"

namespace tribune::server {

class room_registry {
 public:
  room_registry(boost::asio::any_io_executor io, storage::event_log& log, metrics& stats)
      : io_(std::move(io)), log_(log), stats_(stats) {}

  // The room of an existing debate, loading it from storage; nullptr if there is no such debate.
  // Throws storage_error or std::runtime_error when the log cannot be read.
  std::shared_ptr<room> find(const std::string& debate_id);

  // A new room for a debate being created; the caller sends its create command.
  std::shared_ptr<room> add(engine::debate_info info);
  void remove(const std::string& debate_id);  // after a failed creation

  std::vector<std::shared_ptr<room>> all() const;
  std::size_t size() const;

 private:
  boost::asio::any_io_executor io_;
  storage::event_log& log_;
  metrics& stats_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<room>> rooms_;
};

}  // namespace tribune::server
