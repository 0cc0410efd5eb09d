#pragma once
// What a channel's visitors leave of themselves, and take back: a contact left with a proposal, an
// application or a sponsor offer, each with the consents it was given with (the brand's, and the
// topic's sponsor's, separately); a visitor's own data as they read it; and its erasure, after
// which their name reads "Visiteur N" and every contact they left is gone. Names and contacts are
// kept beside the log by ref (ADR 0010): the erasure deletes those rows and leaves the log whole.
#include <cstdint>
#include <optional>

#include "engine/channel/channel.hpp"
#include "engine/questions/export.hpp"
#include "protocol/channel_privacy.hpp"

namespace tribune::engine::channel::contacts {

// The ref the next text kept beside the log takes.
std::uint32_t next_ref(const state& s);

decision on(const state& s, const context& c, const pc::apply_to_speak& x);
decision on(const state& s, const context& c, const pc::offer_sponsorship& x);
decision on(const state& s, const context& c, const erase_identity& x);
void apply(state& s, const event& e, const ev::application_sent& x);
void apply(state& s, const event& e, const ev::sponsorship_offered& x);
void apply(state& s, const event& e, const ev::proposer_contact_left& x);
void apply(state& s, const event& e, const ev::identity_erased& x);

// Keeps a text beside the log under its ref (growing the ref space to it).
void keep(state& s, std::uint32_t ref, const std::string& text);

// An application and an offer as their author and the organizer read them.
pc::application_view application_of(const state& s, const topic& t, identity_id by, const application& a);
pc::offer_view offer_of(const state& s, identity_id by, const offer& o);
// The contact a topic's proposer left, while it is kept.
std::optional<pc::contact_consents> proposer_contact_of(const state& s, const topic& t);

}  // namespace tribune::engine::channel::contacts

namespace tribune::engine::channel {

// Everything visitor `id` left in the channel, as they read it; nullopt for an unknown visitor.
std::optional<pc::my_channel_data> my_data(const state& s, identity_id id);

// The organizer's contacts export: every contact kept (there is none without a consent), with its
// topic, what it came with (proposal, application, sponsor offer) and its consents, by topic.
table contacts_table(const state& s);

}  // namespace tribune::engine::channel
