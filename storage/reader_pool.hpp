#pragma once
// A small pool of read connections shared by the threads that read: a reader borrows one, waiting
// while all are in use, and gives it back however its read ends. Both event logs keep their
// readers here; the pool only lends them and never opens nor closes one.
#include <condition_variable>
#include <mutex>
#include <utility>
#include <vector>

namespace tribune::storage {

template <class Connection>
class reader_pool {
 public:
  explicit reader_pool(std::vector<Connection*> all) : free_(std::move(all)) {}
  reader_pool(const reader_pool&) = delete;
  reader_pool& operator=(const reader_pool&) = delete;
  ~reader_pool() = default;

  // Runs `fn` with a borrowed connection and returns what it returns.
  template <class F>
  auto with(F&& fn) {
    Connection* c = nullptr;
    {
      std::unique_lock lock(mutex_);
      free_cv_.wait(lock, [this] { return !free_.empty(); });
      c = free_.back();
      free_.pop_back();
    }
    const give_back guard(this, c);
    return std::forward<F>(fn)(c);
  }

 private:
  struct give_back {
    reader_pool* pool;
    Connection* c;
    give_back(reader_pool* p, Connection* lent) : pool(p), c(lent) {}
    give_back(const give_back&) = delete;
    give_back& operator=(const give_back&) = delete;
    give_back(give_back&&) = delete;
    give_back& operator=(give_back&&) = delete;
    ~give_back() {
      {
        const std::lock_guard lock(pool->mutex_);
        pool->free_.push_back(c);
      }
      pool->free_cv_.notify_one();
    }
  };

  std::mutex mutex_;  // guards free_
  std::condition_variable free_cv_;
  std::vector<Connection*> free_;  // those not in use
};

}  // namespace tribune::storage
