#pragma once
// The wake-up of several nodes (docs/adr/0014): a thread with its own connection that LISTENs on
// the channel appends notify, and calls `changed(stream_id)` for each stream another backend
// appended to, and `changed("")` about once a second and after each reconnection, so that a
// notification lost with a connection is caught up by the readers' own reads. Notifications from
// `own_backend` (this node's writer, whose commits its rooms already hold) are skipped.
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace tribune::storage::postgres {

class listener {
 public:
  using handler = std::function<void(const std::string& stream_id)>;

  listener(std::string url, const std::atomic<int>& own_backend, handler changed);
  listener(const listener&) = delete;
  listener& operator=(const listener&) = delete;
  ~listener();  // stops and joins the thread; `changed` is not called after it returns

 private:
  void run();
  bool pause(std::chrono::milliseconds d);  // false once stopping

  std::string url_;
  const std::atomic<int>& own_backend_;
  handler changed_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// The channel appends notify, with the stream id as payload.
inline constexpr const char* events_channel = "tribune_events";

}  // namespace tribune::storage::postgres
