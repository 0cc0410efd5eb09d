#pragma once
// The show the `after_show` scenario plays, wave after wave: an Oxford debate (the template's six
// segments, three panelists: a host, one for and one against) whose audience arrives
// `show_plan::wave` people at a time. Before each wave the moderators advance the run of show
// when its share of the waves is over, open and close polls (about eight open at once; the Oxford
// vote before in the first segment, the vote after in the last), reveal most closed ones, approve
// (75 %) or dismiss with a reason (10 %) the new questions, leave the rest pending, answer some,
// put one on air, approve or dismiss (15 %) the new arguments, feature and mark some, and give the
// floor to a panelist the segment allows. Then each member of the wave asks (2,000 of 10,000 by
// default, where the segment takes questions), posts an argument (240 of the 300; the panelists
// post the rest, published at once), rates published arguments, upvotes approved questions,
// reacts, and casts ballots on every open poll, then changes some (a different choice each time).
// Every command but a reaction adds one event, so each member's share of ballots, ratings and
// upvotes is what brings the log to `show_plan::events`; change_after_vote makes up the rest.
//
// The bench keeps its own picture of the room from its commands' acks, and only ever sends a
// command that its picture says is valid: a step's commands do not depend on each other (they
// leave on different connections), the next step waits for their answers.
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "conn.hpp"
#include "french_text.hpp"
#include "net.hpp"
#include "show_driver.hpp"

namespace bench {

struct show_plan {
  std::size_t participants = 10000;
  std::size_t questions = 2000;
  std::size_t arguments = 300;
  std::size_t polls = 50;  // the two Oxford votes included
  std::size_t events = 200000;
  std::size_t wave = 200;  // audience members connected at once
  std::uint64_t seed = 1;
};

// A segment of the run of show, as GET /api/debates/{id} gives it.
struct segment_info {
  std::uint32_t minutes = 1;
  bool questions = false;
  bool arguments = false;
  std::vector<std::string> speakers;  // host, guest, panelist, for, against, seat
};

struct panel_seat {
  std::uint32_t id = 0;  // g1, g2…
  std::string role;      // host, guest, panelist
  std::string side;      // none, for, against
  conn* c = nullptr;
};

class show_script {
 public:
  static constexpr std::size_t member_limit = 36;  // one member's commands in one wave: under the burst of 40

  show_script(const show_plan& plan, std::vector<segment_info> segments, std::vector<panel_seat> panel, show_driver& d);

  std::size_t waves() const { return waves_; }
  // Before the first wave: the panel on stage, every poll created, the vote before opened, the show started.
  void prepare();
  // The run of show's part of wave w: the show started, or the next segment, when wave w belongs to a
  // later one; false when there is nothing to do (call it again once its command is answered).
  bool stage(std::size_t w);
  // The moderators' other commands of wave w, and the panelists' arguments.
  void moderate(std::size_t w);
  // What audience member p sends in wave w, over c.
  void audience(std::size_t w, std::size_t p, conn& c);
  // n changes of member p's ballot in the vote after, each to another option.
  void change_after_vote(std::size_t p, conn& c, std::size_t n);
  // After the last wave: every open poll closed; then (end) the closed ones revealed, the show ended.
  void close_polls();
  void end();
  // What was done, from the acks.
  json counts() const;

 private:
  struct poll_plan {
    std::uint32_t id = 0;
    std::string kind;  // single, multiple, scale, word_cloud
    std::uint32_t options = 0;
    std::size_t opens = 0, closes = 0;  // waves; closes == waves_: at the end
    bool open = false, closed = false, revealed = false, oxford = false;
  };
  struct tally {
    std::size_t asked = 0, approved = 0, answered = 0, dismissed = 0, on_air = 0;
    std::size_t posted = 0, by_panel = 0, published = 0, args_dismissed = 0;
    std::size_t ballots = 0, ratings = 0, upvotes = 0, reactions = 0;
  };

  void plan_segments();
  void plan_polls();
  void plan_shares();
  std::size_t first_wave_of(std::size_t segment) const;
  std::size_t share(std::size_t total, const std::vector<bool>& where, std::size_t w) const;
  void moderate_polls(std::size_t w);
  void moderate_questions(std::size_t w);
  void moderate_arguments(std::size_t w);
  void give_floor();
  void panel_arguments(std::size_t w);
  json argument_command(const std::string& stance);
  json ballot(const poll_plan& p, int& last);
  std::size_t ballots(std::size_t p, conn& c, std::size_t n);
  template <class T>
  std::vector<T> pick(const std::vector<T>& from, std::size_t n);
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(rng_() % n); }

  const show_plan& plan_;
  std::vector<segment_info> segments_;
  std::vector<panel_seat> panel_;
  show_driver& d_;
  std::mt19937_64 rng_;
  french_text text_;
  std::size_t waves_ = 1;
  std::vector<std::size_t> segment_of_;  // per wave, 1-based
  std::size_t segment_ = 0;              // the running one, 1-based
  bool stage_refused_ = false;           // a start or an advance was refused: no more tried
  std::vector<bool> asks_, posts_;       // per wave: the segment takes questions, arguments
  std::size_t panel_arguments_ = 0;
  std::size_t quota_ = 0;  // ballots, ratings and upvotes per member
  std::vector<poll_plan> polls_;
  std::vector<std::uint32_t> fresh_questions_, open_questions_, fresh_arguments_, published_;
  std::vector<int> after_vote_;  // per member: the option chosen in the vote after, -1 none
  std::size_t turn_ = 0;         // the next panelist to get the floor
  std::size_t addressed_ = 0;    // published arguments marked as addressed, in order
  tally n_;
};

}  // namespace bench
