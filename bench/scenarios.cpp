#include "scenarios.hpp"

#include <array>

#include "after_show.hpp"
#include "channel_pages.hpp"
#include "commands.hpp"
#include "fanout.hpp"
#include "flash.hpp"
#include "node_kill.hpp"
#include "questions.hpp"
#include "quiz.hpp"
#include "ratings.hpp"
#include "reactions.hpp"
#include "reconnect.hpp"

namespace bench {

std::span<const named_scenario> tribune_scenarios() {
  static constexpr std::array<named_scenario, 9> all = {{{"fanout", run_fanout},
                                                         {"flash", run_flash},
                                                         {"reactions", run_reactions},
                                                         {"questions", run_questions},
                                                         {"quiz", run_quiz},
                                                         {"reconnect", run_reconnect},
                                                         {"node_kill", run_node_kill},
                                                         {"commands", run_commands},
                                                         {"ratings", run_ratings}}};
  return all;
}

std::span<const standalone_scenario> standalone_scenarios() {
  static constexpr std::array<standalone_scenario, 2> all = {
      {{"channel", run_channel_pages}, {"after_show", run_after_show}}};
  return all;
}

}  // namespace bench
