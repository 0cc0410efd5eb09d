#pragma once
// The storage interface: one append-only log of events per debate (and per channel), numbered 1, 2, 3… without
// gaps, each stream appended to with the seq it is expected to end at (so two writers can never
// interleave), read by range, and cached by snapshots; plus the small registry of debates (id,
// join code) and server settings. Bodies are opaque here: storage never interprets an event.
// Implementations are thread-safe: any thread may call any member. Reads block the calling thread
// (the server runs them on its storage threads, never on an I/O thread); appends and snapshots are
// queued to a writer and report back through a callback.
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "protocol/ids.hpp"

namespace tribune::storage {

using protocol::seq_t;

// A contact (an e-mail address, a phone number) that an event names by `ref`, unique in its
// stream. Contacts are kept beside the log rather than in event bodies, so that erasing one on
// request deletes it without rewriting the log (ADR 0010).
struct contact_row {
  std::uint32_t ref = 0;
  std::string text;
};

// One stored event: its number in the debate's stream, its time, its type and its body, and the
// idempotency key of the command that produced it (empty for most events). `contacts` are written
// with it, in the same transaction, and the stream's contacts whose refs `erased` names are deleted
// in it; reads of the log never return contacts (read_contacts does).
struct record {
  seq_t seq = 0;
  std::int64_t at = 0;
  std::string type;
  std::string body;
  std::string key;
  std::vector<contact_row> contacts;
  std::vector<std::uint32_t> erased;
};

// The whole state of a debate as of `seq`, in a form only the engine reads. Only a cache: the log
// alone is the truth, and a debate without snapshots loads the same, only slower.
struct snapshot {
  seq_t seq = 0;
  std::string body;
};

// An idempotency key stored with an event, and that event's seq.
struct command_key {
  std::string key;
  seq_t seq = 0;
};

struct debate_row {
  std::string id;
  std::string code;
  std::string title;
  std::int64_t created_at = 0;
};

// A brand's channel (ADR 0009): its events are a stream of the same log as a debate's.
struct channel_row {
  std::string id;
  std::string title;
  std::int64_t created_at = 0;
};

// What an append may register in the same transaction as its first events.
using new_stream = std::variant<debate_row, channel_row>;

struct append_result {
  enum class kind { appended, conflict, failed };
  kind outcome = kind::appended;
  seq_t current_seq = 0;  // the stream's last seq after this call
  std::string detail;     // for `failed`: what the database said (no user data)
};

// What deleting a stream did: `absent` when there was no such stream; for `failed`, what the
// database said (no user data), and nothing was deleted.
struct delete_result {
  enum class kind { deleted, absent, failed };
  kind outcome = kind::deleted;
  std::string detail;
};

// Thrown by reads when the database itself fails (disk full, I/O error).
class storage_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class event_log {
 public:
  event_log() = default;
  event_log(const event_log&) = delete;
  event_log& operator=(const event_log&) = delete;
  virtual ~event_log() = default;

  using append_handler = std::function<void(append_result)>;

  // Appends `records` (seqs expected_seq+1, +2, …) to the stream (a debate's or a channel's) once
  // its last seq is `expected_seq`; with `create`, registers the debate or the channel in the same
  // transaction. `done` runs on a storage thread once the records are durable (or refused): hand
  // its result to your own executor rather than working there.
  virtual void append(std::string stream_id, seq_t expected_seq, std::vector<record> records,
                      std::optional<new_stream> create, append_handler done) = 0;

  // Deletes a stream with everything kept for it, in one transaction: its events, snapshot,
  // contacts and settings, its registration (a debate's join code is free again), and a channel's
  // webhooks with their outbox. Queued behind the writes before it, like an append; `done` runs on a
  // storage thread.
  using delete_handler = std::function<void(delete_result)>;
  virtual void delete_stream(std::string stream_id, delete_handler done) = 0;

  // Records with after_seq < seq, in order, at most `limit`.
  virtual std::vector<record> read(const std::string& debate_id, seq_t after_seq, std::size_t limit) = 0;
  // The stream's last seq (0 when it has no event).
  virtual seq_t last_seq(const std::string& stream_id) = 0;

  // Replaces the debate's snapshot, in order with its appends; best effort (a failure is logged,
  // never reported: a missing snapshot only makes the next load slower). `saved`, when given, runs
  // on a storage thread once the write is over, stored or not (a room being unloaded waits for it,
  // so that loading it again reads the snapshot).
  using saved_handler = std::function<void()>;
  void save_snapshot(std::string debate_id, snapshot s) { save_snapshot(std::move(debate_id), std::move(s), {}); }
  virtual void save_snapshot(std::string debate_id, snapshot s, saved_handler saved) = 0;
  virtual std::optional<snapshot> load_snapshot(const std::string& debate_id) = 0;

  // The idempotency keys of the debate's newest keyed events with seq <= up_to, newest first.
  virtual std::vector<command_key> recent_keys(const std::string& debate_id, seq_t up_to, std::size_t limit) = 0;

  virtual std::optional<debate_row> find_debate(const std::string& id) = 0;
  virtual std::optional<debate_row> find_debate_by_code(const std::string& code) = 0;
  virtual std::vector<debate_row> list_debates() = 0;
  virtual std::optional<channel_row> find_channel(const std::string& id) = 0;
  // The contacts the stream's events have named and that are not erased, by ref; with `after_ref`,
  // only those with a greater ref (the ones named by events a reader has not folded yet).
  std::vector<contact_row> read_contacts(const std::string& stream_id) { return read_contacts(stream_id, 0); }
  virtual std::vector<contact_row> read_contacts(const std::string& stream_id, std::uint32_t after_ref) = 0;

  // Several nodes sharing one database (docs/adr/0014): `changed(stream_id)` runs on a storage
  // thread after another writer appended to that stream, and `changed("")` when any stream may
  // have changed unseen (about once a second, and after the watch reconnects). A wake-up only:
  // the reader reads the log after its seq. A log that only this process writes never calls it.
  using change_handler = std::function<void(const std::string& stream_id)>;
  virtual void watch(const change_handler& changed) { (void)changed; }
  // True when other processes may append to this log (a reader's state may be behind it).
  virtual bool shared() const { return false; }

  virtual std::optional<std::string> get_setting(const std::string& key) = 0;
  virtual void put_setting(const std::string& key, const std::string& value) = 0;

  // A debate's presentation settings (brand, stream, embedding sites), opaque text; they change
  // outside the show, so they are kept beside the log rather than in it.
  virtual std::optional<std::string> get_debate_settings(const std::string& debate_id) = 0;
  // Throws storage_error if the debate is not registered.
  virtual void put_debate_settings(const std::string& debate_id, const std::string& body) = 0;
};

}  // namespace tribune::storage
