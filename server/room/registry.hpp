#pragma once
// The live rooms of this process, by debate id. A room is loaded from storage on first use — on the
// storage threads, never on an I/O thread nor under the registry's lock; everyone asking for it
// meanwhile waits for that one load. Each user (a connection, a REST request) holds a `handle`
// that pins the room; a room nobody has pinned for `idle` is retired (its reaction counts recorded,
// a snapshot saved) and unloaded, then loaded again on demand.
// Thread-safe: mutex_ guards entries_; rooms themselves live on their own strands.
#include <chrono>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include "server/metrics.hpp"
#include "server/room/room.hpp"
#include "storage/event_log.hpp"

namespace tribune::server {

class room_registry {
 public:
  // A pinned room: while a handle holds it, the room stays loaded.
  class handle {
   public:
    handle() = default;
    handle(room_registry* registry, std::shared_ptr<room> r) : registry_(registry), room_(std::move(r)) {}
    handle(handle&& other) noexcept;
    handle& operator=(handle&& other) noexcept;
    handle(const handle&) = delete;
    handle& operator=(const handle&) = delete;
    ~handle() { release(); }

    explicit operator bool() const noexcept { return room_ != nullptr; }
    room* operator->() const noexcept { return room_.get(); }
    room& operator*() const noexcept { return *room_; }
    const std::shared_ptr<room>& get() const noexcept { return room_; }

   private:
    void release() noexcept;
    room_registry* registry_ = nullptr;
    std::shared_ptr<room> room_;
  };

  // An empty handle and no error: there is no such debate.
  struct found {
    handle room;
    std::exception_ptr error;
  };
  using found_handler = std::function<void(found)>;

  room_registry(boost::asio::any_io_executor io, boost::asio::any_io_executor storage_threads, storage::event_log& log,
                metrics& stats, std::chrono::seconds idle);
  ~room_registry();

  // Finds the room of an existing debate, loading it if needed. `done` may run on any thread.
  void find(const std::string& debate_id, found_handler done);

  // Deletes a debate with everything storage keeps for it. Its room (loaded if needed) refuses
  // everything and closes its connections, then storage deletes the stream; whoever asks for the
  // debate meanwhile waits, and from then on finds none. `done` may run on any thread.
  using deleted_handler = std::function<void(storage::delete_result)>;
  void erase(const std::string& debate_id, deleted_handler done);

  // A new room for a debate being created; the caller sends its create command.
  handle add(engine::debate_info info);
  void remove(const std::string& debate_id);  // after a failed creation

  // What every room calls when its show starts or ends, or is found so on loading
  // (room::watch_show). Set before start().
  void on_show(room::show_watcher moved) { show_moved_ = std::move(moved); }

  // The live opinion map every room feeds (none: the rooms run without it). Set before start().
  void use_opinion(opinion_live::analyst* analyst) { opinion_ = analyst; }

  // Starts retiring rooms left idle; stop() ends it (for a draining shutdown).
  void start();
  void stop();

  // Another node appended to the debate (every loaded one when `debate_id` is empty): its room, if
  // loaded, catches up. Any thread.
  void wake(const std::string& debate_id);
  std::vector<std::shared_ptr<room>> all() const;
  std::size_t size() const;

 private:
  enum class phase { loading, live, closing };
  struct entry {
    phase now = phase::loading;
    std::shared_ptr<room> live;
    std::size_t pins = 0;
    std::chrono::steady_clock::time_point idle_since;
    std::vector<found_handler> waiters;  // while loading or closing
  };

  void load(const std::string& debate_id);
  void loaded(const std::string& debate_id, const std::shared_ptr<room>& r, const std::exception_ptr& error);
  void unpin(const room* r);
  void sweep();
  void retired(const std::string& debate_id);
  // The room is gone (retired or deleted): whoever waits for it gets it loaded afresh from storage.
  void unloaded(const std::string& debate_id, const char* why);
  void arm_sweep();

  boost::asio::any_io_executor io_;
  boost::asio::any_io_executor storage_threads_;
  storage::event_log& log_;
  metrics& stats_;
  std::chrono::seconds idle_;
  boost::asio::steady_timer sweep_timer_;
  room::show_watcher show_moved_;
  opinion_live::analyst* opinion_ = nullptr;
  bool sweeping_ = false;  // guarded by mutex_

  mutable std::mutex mutex_;
  std::unordered_map<std::string, entry> entries_;
};

// Reads a debate from storage, ready to build its room: the newest readable snapshot, the events
// after it, and the keys of older recent commands. nullopt when there is no such debate. Blocking.
std::optional<stored_debate> read_debate(storage::event_log& log, const std::string& debate_id);

}  // namespace tribune::server
