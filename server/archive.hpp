#pragma once
// A debate's public archive (docs/protocol.md, "Archive"): GET /api/debates/{id}/archive, every
// event of its log with the hash chain (protocol/archive.hpp), those the public could not read in
// the room sealed (engine/archive.hpp); and GET /api/debates/{id}/archive/head, the chain's head.
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "protocol/archive.hpp"
#include "protocol/ids.hpp"
#include "server/http_message.hpp"
#include "server/net.hpp"
#include "storage/event_log.hpp"

namespace tribune::server {

struct app;

struct chain_head {
  protocol::seq_t seq = 0;
  protocol::archive::digest hash = protocol::archive::genesis();
};

// Heads of the debates' chains, each extended from where it was last computed, so that showing a
// head reads only the events since; and the newest archives built, so that a download repeated
// before the next event reads nothing. Thread-safe; its calls block on storage (storage threads).
class archive_store {
 public:
  // The chain's head at the debate's last stored event.
  chain_head head(storage::event_log& log, const std::string& debate);
  // The archive as of `upto`, built by `build` when it is not kept.
  template <class Build>
  std::shared_ptr<const std::string> archive(const std::string& debate, protocol::seq_t upto, Build build) {
    if (auto known = find(debate, upto)) return known;
    auto made = std::make_shared<const std::string>(build());
    keep(debate, upto, made);
    return made;
  }
  // Drops what is kept of a deleted debate.
  void forget(const std::string& debate);

 private:
  std::shared_ptr<const std::string> find(const std::string& debate, protocol::seq_t upto);
  void keep(const std::string& debate, protocol::seq_t upto, std::shared_ptr<const std::string> text);

  static constexpr std::size_t kept_archives = 8;
  struct kept_archive {
    std::string debate;
    protocol::seq_t upto = 0;
    std::shared_ptr<const std::string> text;
  };
  std::mutex mutex_;  // guards heads_ and archives_
  std::unordered_map<std::string, chain_head> heads_;
  std::list<kept_archive> archives_;  // newest first
};

// GET /api/debates/{id}/archive and GET /api/debates/{id}/archive/head.
asio::awaitable<http_response> archive_api(app& a, const http_request& req, const std::string& debate, bool head);

}  // namespace tribune::server
