#pragma once
// The decisions of the structured debate (format, stage, arguments, polls). Internal to the
// engine: decide() dispatches here; callers use decide.hpp.
#include "engine/decide.hpp"

namespace tribune::engine::structured {

decision decide(const state& s, const actor& who, const cmd::add_panelist& c);
decision decide(const state& s, const actor& who, const cmd::set_format& c);
decision decide(const state& s, const actor& who, const protocol::start_show& c);
decision decide(const state& s, const actor& who, const protocol::advance& c);
decision decide(const state& s, const actor& who, const protocol::pause& c);
decision decide(const state& s, const actor& who, const protocol::resume& c);
decision decide(const state& s, const actor& who, const protocol::end_show& c);
decision decide(const state& s, const actor& who, const protocol::set_on_stage& c);
decision decide(const state& s, const actor& who, const protocol::grant_floor& c);
decision decide(const state& s, const actor& who, const protocol::extend_floor& c);
decision decide(const state& s, const actor& who, const protocol::end_floor& c);
decision decide(const state& s, const actor& who, const protocol::raise_hand& c);
decision decide(const state& s, const actor& who, const protocol::lower_hand& c);
decision decide(const state& s, const actor& who, const protocol::request_seat& c);
decision decide(const state& s, const actor& who, const protocol::cancel_seat_request& c);
decision decide(const state& s, const actor& who, const protocol::seat& c);
decision decide(const state& s, const actor& who, const protocol::unseat& c);
decision decide(const state& s, const actor& who, const protocol::post_argument& c);
decision decide(const state& s, const actor& who, const protocol::approve_argument& c);
decision decide(const state& s, const actor& who, const protocol::dismiss_argument& c);
decision decide(const state& s, const actor& who, const protocol::feature_argument& c);
decision decide(const state& s, const actor& who, const protocol::mark_addressed& c);
decision decide(const state& s, const actor& who, const protocol::rate_argument& c);
decision decide(const state& s, const actor& who, const protocol::create_poll& c);
decision decide(const state& s, const actor& who, const protocol::create_oxford_poll& c);
decision decide(const state& s, const actor& who, const protocol::open_poll& c);
decision decide(const state& s, const actor& who, const protocol::close_poll& c);
decision decide(const state& s, const actor& who, const protocol::reveal_poll& c);
decision decide(const state& s, const actor& who, const protocol::vote& c);

// Whether the audience may do `what` (protocol::audience_may bit) right now: always before the
// show starts and after it ends, else as the current segment says.
bool audience_may(const state& s, std::uint8_t what) noexcept;

}  // namespace tribune::engine::structured
