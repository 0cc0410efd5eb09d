#pragma once
// What every event_log implementation does with its writes: queue them, and have one writer
// thread take them in batches (one transaction each, group commit), then report each job's
// outcome through its callback. The database-specific part is the function that commits a batch.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include "storage/event_log.hpp"

namespace tribune::storage {

// Bounds one group commit: large enough to absorb a burst, small enough to keep a transaction short.
inline constexpr std::size_t max_jobs_per_commit = 1024;

struct append_job {
  std::string stream_id;
  seq_t expected_seq = 0;
  std::vector<record> records;
  std::optional<new_stream> create;
  event_log::append_handler done;
};
struct snapshot_job {
  std::string debate_id;
  snapshot snap;
  event_log::saved_handler saved;
};
struct delete_job {
  std::string stream_id;
  event_log::delete_handler done;
};
using write_job = std::variant<append_job, snapshot_job, delete_job>;

// The outcome of each job of a batch, by index; what a commit function fills in.
struct batch_outcome {
  std::vector<append_result> appends;
  std::vector<delete_result> deletions;
  explicit batch_outcome(std::size_t n) : appends(n), deletions(n) {}
  // Every job failed (the transaction did not commit).
  void fail_all(const std::string& detail) {
    appends.assign(appends.size(), append_result{append_result::kind::failed, 0, detail});
    deletions.assign(deletions.size(), delete_result{delete_result::kind::failed, detail});
  }
};

// Runs each job's callback with its outcome. A failed append that does not know the stream's seq
// reports the one it expected.
inline void report(std::deque<write_job>& batch, batch_outcome& out) {
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (auto* d = std::get_if<delete_job>(&batch[i])) {
      d->done(std::move(out.deletions[i]));
    } else if (auto* s = std::get_if<snapshot_job>(&batch[i])) {
      if (s->saved) s->saved();  // best effort: stored or not, the write is over
    } else {
      auto& a = std::get<append_job>(batch[i]);
      auto& r = out.appends[i];
      if (r.outcome == append_result::kind::failed && r.current_seq == 0) r.current_seq = a.expected_seq;
      a.done(std::move(r));
    }
  }
}

// Runs each job of a batch inside the open transaction, in a savepoint of its own, so that one
// refused job (a conflict, a constraint) is undone alone and its neighbours commit. `run` executes
// one SQL statement; `lost` tells whether a failure ended the whole transaction (the batch then
// fails: the error is thrown on); `apply` does a job and returns its outcome.
template <class Run, class Lost, class Apply>
void apply_each(std::deque<write_job>& batch, batch_outcome& out, Run run, Lost lost, Apply apply) {
  for (std::size_t i = 0; i < batch.size(); ++i) {
    run("SAVEPOINT job");
    bool keep = true;
    try {
      if (const auto* a = std::get_if<append_job>(&batch[i])) {
        out.appends[i] = apply(*a);
        keep = out.appends[i].outcome == append_result::kind::appended;
      } else if (const auto* d = std::get_if<delete_job>(&batch[i])) {
        out.deletions[i] = apply(*d);
      } else {
        apply(std::get<snapshot_job>(batch[i]));
      }
    } catch (const storage_error& e) {
      if (lost()) throw;
      out.appends[i] = append_result{append_result::kind::failed, 0, e.what()};
      out.deletions[i] = delete_result{delete_result::kind::failed, e.what()};
      keep = false;
    }
    if (!keep) run("ROLLBACK TO job");
    run("RELEASE job");
  }
}

// One writer thread over a queue of jobs. `commit` runs on that thread with up to `max_batch`
// jobs and fills in their outcomes; the callbacks then run, still on that thread.
class write_queue {
 public:
  using commit_fn = std::function<void(std::deque<write_job>&, batch_outcome&)>;

  write_queue(std::size_t max_batch, commit_fn commit) : max_batch_(max_batch), commit_(std::move(commit)) {}
  write_queue(const write_queue&) = delete;
  write_queue& operator=(const write_queue&) = delete;
  ~write_queue() { stop(); }

  // Starts the writer; call once the commit function's state is ready.
  void start() {
    writer_ = std::thread([this] { loop(); });
  }

  // Queues a job; once stopping, fails it at once instead.
  void push(write_job j) {
    {
      const std::lock_guard lock(mutex_);
      if (!stopping_) {
        queue_.push_back(std::move(j));
        cv_.notify_one();
        return;
      }
    }
    std::deque<write_job> one;
    one.push_back(std::move(j));
    batch_outcome out(1);
    out.fail_all("storage is shutting down");
    report(one, out);
  }

  // Writes everything queued, then ends the writer.
  void stop() {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    cv_.notify_all();
    if (writer_.joinable()) writer_.join();
  }

 private:
  void loop() {
    for (;;) {
      std::deque<write_job> batch;
      {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping, and everything queued is written
        while (!queue_.empty() && batch.size() < max_batch_) {
          batch.push_back(std::move(queue_.front()));
          queue_.pop_front();
        }
      }
      batch_outcome out(batch.size());
      commit_(batch, out);
      report(batch, out);
    }
  }

  const std::size_t max_batch_;
  commit_fn commit_;
  std::mutex mutex_;  // guards queue_ and stopping_
  std::condition_variable cv_;
  std::deque<write_job> queue_;
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace tribune::storage
