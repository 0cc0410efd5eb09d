#pragma once
// What a channel's visitor left there, as they read it (GET /api/channels/{id}/me) and after they
// erase it (DELETE …/me): the name they go by, their proposals with the contact left with each,
// their opinions, comments, applications, sponsor offers and items sent before the show. Only the
// visitor themself reads this view.
#include <optional>
#include <string>
#include <vector>

#include "protocol/advance.hpp"
#include "protocol/channels.hpp"

namespace tribune::protocol::channels {

struct my_proposal {
  topic_id topic = 0;
  std::string title;
  std::optional<contact_consents> contact;
};
struct my_opinion {
  topic_id topic = 0;
  std::string title;
  opinion value = opinion::interesting;
  std::string feedback;
};
struct my_comment {
  topic_id topic = 0;
  comment_id comment = 0;
  std::string text;
  bool hidden = false;
};
struct my_application {
  topic_id topic = 0;
  std::string title;
  application_view application;
};
struct my_offer {
  topic_id topic = 0;
  std::string title;
  offer_view offer;
};
struct my_advance {
  topic_id topic = 0;
  advance_view item;
};
struct my_channel_data {
  visitor_id visitor = 0;
  std::string name;
  std::vector<my_proposal> proposals;
  std::vector<my_opinion> opinions;
  std::vector<my_comment> comments;
  std::vector<my_application> applications;
  std::vector<my_offer> offers;
  std::vector<my_advance> advance;
};

std::string encode_my_data(const my_channel_data& d);

}  // namespace tribune::protocol::channels
