// tribune: the executable. Parses the configuration, opens storage, settles the organizer
// credential and serves.
#include <csignal>
#include <iostream>

#include "server/backup.hpp"
#include "server/config.hpp"
#include "server/log.hpp"
#include "server/migrate.hpp"
#include "server/server.hpp"
#include "server/tokens.hpp"
#include "server/verify.hpp"
#include "storage/open.hpp"

int main(int argc, char** argv) {
  using namespace tribune;
  std::optional<server::config> cfg;
  try {
    cfg = server::parse_command_line(argc, argv);
  } catch (const std::invalid_argument& e) {
    std::cerr << "tribune: " << e.what() << "\n";
    return 2;
  }
  if (!cfg) return 0;
  if (!cfg->verify_archive.empty()) return server::verify_archive(cfg->verify_archive, std::cout, std::cerr);
  if (!cfg->backup_to.empty()) return server::backup_database(cfg->db, cfg->backup_to, std::cout, std::cerr);
  if (!cfg->migrate_from.empty()) {
    return server::migrate_database(cfg->migrate_from, cfg->migrate_to, std::cout, std::cerr);
  }
  // A write past a file-size limit is a storage failure the database reports (the room refuses
  // changes until a write succeeds again), not a reason to kill the process and every show with it.
  std::signal(SIGXFSZ, SIG_IGN);

  try {
    server::log::init(cfg->log_level);
    server::init_crypto();
    auto storage = storage::open_storage(cfg->db);
    auto& log = *storage.log;
    server::log::info("database_open", {{"path", storage::redacted(cfg->db)}});

    // The organizer token: from the environment if given, else created once and shown once.
    constexpr auto key = "admin_token_hash";
    std::optional<std::string> shown_once;
    std::string hash;
    if (cfg->admin_token) {
      hash = server::hash_secret(*cfg->admin_token);
      log.put_setting(key, hash);
    } else if (auto stored = log.get_setting(key)) {
      hash = *stored;
      server::log::info("organizer_token_kept", {{"hint", "set TRIBUNE_ADMIN_TOKEN to choose a new one"}});
    } else {
      shown_once = server::random_token_string(32);
      hash = server::hash_secret(*shown_once);
      log.put_setting(key, hash);
    }
    // The key under which staff links are issued, so the organizer can read them again (tokens.hpp).
    // Made once; replacing it makes every link issued so far unrecoverable, not invalid.
    auto link_key = log.get_setting("link_key");
    if (!link_key) {
      link_key = server::random_token_string(32);
      log.put_setting("link_key", *link_key);
    }
    return server::serve(*cfg, log, *storage.hooks, {hash, *link_key}, shown_once);
  } catch (const std::exception& e) {
    server::log::error("fatal", {{"error", e.what()}});
    std::cerr << "tribune: " << e.what() << "\n";
    return 1;
  }
}
