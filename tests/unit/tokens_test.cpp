#include "server/tokens.hpp"

#include <gtest/gtest.h>

#include <set>
#include <vector>

namespace tribune::server {
namespace {

class tokens : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { init_crypto(); }
};

TEST_F(tokens, an_issued_token_verifies_against_its_credential) {
  const auto issued = issue_token();
  EXPECT_TRUE(verify_token(issued.token, issued.credential));
  const auto dot = issued.token.find('.');
  ASSERT_NE(dot, std::string::npos);
  EXPECT_EQ(issued.token.substr(0, dot), issued.credential.selector);
  EXPECT_EQ(issued.token.size() - dot - 1, 43u) << "256 bits in unpadded base64url";
  EXPECT_EQ(issued.token.find(issued.credential.verifier_hash), std::string::npos) << "only a hash is stored";
}

TEST_F(tokens, a_wrong_verifier_or_selector_is_refused) {
  const auto issued = issue_token();
  const auto other = issue_token();
  EXPECT_FALSE(verify_token(other.token, issued.credential));
  const auto dot = issued.token.find('.');
  // The right selector with another token's verifier.
  EXPECT_FALSE(
      verify_token(issued.token.substr(0, dot) + other.token.substr(other.token.find('.')), issued.credential));
  auto flipped = issued.token;
  flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(verify_token(flipped, issued.credential));
  EXPECT_FALSE(verify_token(issued.token, engine::credential{}));
}

TEST_F(tokens, a_recoverable_token_is_given_again_only_under_its_key) {
  const auto key = random_token_string(32);
  const auto issued = issue_recoverable_token(key);
  EXPECT_TRUE(verify_token(issued.token, issued.credential));
  EXPECT_EQ(issued.token.size() - issued.token.find('.') - 1, 43u) << "256 bits in unpadded base64url";
  EXPECT_EQ(recover_token(key, issued.credential), issued.token);
  EXPECT_FALSE(recover_token(random_token_string(32), issued.credential)) << "another server's key";
  EXPECT_FALSE(recover_token(key, issue_token().credential)) << "a link made at random is not recoverable";
  EXPECT_FALSE(recover_token(key, engine::credential{}));
  const auto second = issue_recoverable_token(key);
  EXPECT_NE(second.token, issued.token);
  EXPECT_FALSE(verify_token(second.token, issued.credential));
  EXPECT_THROW(issue_recoverable_token("short"), std::invalid_argument);
}

TEST_F(tokens, malformed_tokens_are_refused_and_have_no_selector) {
  const auto issued = issue_token();
  const std::vector<std::string> malformed = {"",
                                              ".",
                                              "nodot",
                                              "abc.",
                                              ".abc",
                                              "a.b.c",
                                              "ab c.def",
                                              "abc.d+f",
                                              "abc.d/f",
                                              "abc.d=",
                                              std::string("abc.d\0f", 7),
                                              std::string(64, 'a') + "." + std::string(64, 'b')};
  for (const auto& bad : malformed) {
    EXPECT_FALSE(token_selector(bad)) << bad;
    EXPECT_FALSE(verify_token(bad, issued.credential)) << bad;
  }
}

TEST_F(tokens, the_selector_is_the_part_before_the_dot) {
  EXPECT_EQ(token_selector("abc-_9.DEF_-0"), "abc-_9");
  const auto issued = issue_token();
  EXPECT_EQ(token_selector(issued.token), issued.credential.selector);
}

TEST_F(tokens, issued_tokens_and_ids_do_not_repeat) {
  std::set<std::string> seen_tokens, seen_ids;
  for (int i = 0; i < 1000; ++i) {
    EXPECT_TRUE(seen_tokens.insert(issue_token().token).second);
    EXPECT_TRUE(seen_ids.insert(new_debate_id()).second);
  }
}

TEST_F(tokens, a_secret_verifies_against_its_hash_only) {
  const auto hash = hash_secret("organizer secret");
  EXPECT_TRUE(verify_secret("organizer secret", hash));
  EXPECT_FALSE(verify_secret("organizer secreT", hash));
  EXPECT_FALSE(verify_secret("organizer secret", hash.substr(1)));
  EXPECT_FALSE(verify_secret("organizer secret", std::string(hash.size(), 'z'))) << "not hex";
  EXPECT_FALSE(verify_secret("organizer secret", ""));
}

TEST_F(tokens, join_codes_avoid_look_alike_characters_and_are_already_normal) {
  for (int i = 0; i < 200; ++i) {
    const auto code = new_join_code();
    ASSERT_EQ(code.size(), 6u);
    EXPECT_EQ(code.find_first_of("01OIL"), std::string::npos) << code;
    EXPECT_EQ(code.find_first_not_of("ABCDEFGHJKMNPQRSTUVWXYZ23456789"), std::string::npos) << code;
    EXPECT_EQ(normalize_join_code(code), code);
  }
  const auto id = new_debate_id();
  EXPECT_EQ(id.size(), 12u);
  EXPECT_EQ(id.find_first_not_of("abcdefghijkmnpqrstuvwxyz23456789"), std::string::npos) << id;
}

TEST_F(tokens, typed_join_codes_are_normalised) {
  EXPECT_EQ(normalize_join_code("kx7p2m"), "KX7P2M");
  EXPECT_EQ(normalize_join_code("kx7 p2m"), "KX7P2M");
  EXPECT_EQ(normalize_join_code("KX-7P-2M"), "KX7P2M");
  EXPECT_EQ(normalize_join_code(" Kx7P2m "), "KX7P2M");
  EXPECT_EQ(normalize_join_code(""), "");
  EXPECT_LE(normalize_join_code(std::string(10000, 'a')).size(), 17u) << "bounded, whatever is typed";
}

}  // namespace
}  // namespace tribune::server
