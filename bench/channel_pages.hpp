#pragma once
// The `channel` scenario: the pages of a big channel, read one request at a time over one
// keep-alive connection. The channel (--topics, --opinions, --comments, --identities) is written
// into the server's database before it starts (channel_seed); then: the first GET of the channel,
// which loads it from the log; the channel page, with and without If-None-Match; random topic
// pages, first (cold, encoded for this request) and again (cached); searches of one or two words;
// pages filtered by category and status; and, with --writes, opinions given over REST by new
// visitors, each followed by the channel page and its topic, encoded again after the change.
#include "options.hpp"

namespace bench {

// Prints the result line (or the error line); returns the exit status.
int run_channel_pages(const options& o);

}  // namespace bench
