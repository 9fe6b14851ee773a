// The text kit both services use: JavaScript-style trimming, character
// counting, ASCII case, display-name splitting, and the nearest name for a hint.
#include "shared/core/text.h"

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

namespace gofast {
namespace {

TEST_CASE("trimming removes what JavaScript trim removes and nothing else", "[unit]") {
  CHECK(TrimWhitespace("  a b \t\r\n") == "a b");
  CHECK(TrimWhitespace("\xC2\xA0"
                       "Arlington"
                       "\xE2\x80\xA8\xEF\xBB\xBF") == "Arlington");
  CHECK(TrimWhitespace("\xE3\x80\x80x\xE2\x80\x8A") == "x");
  CHECK(TrimWhitespace(" \n ").empty());
  CHECK(TrimWhitespace("\x01x\x01") == "\x01x\x01");  // control characters are text, not space
}

TEST_CASE("length limits count characters, not bytes", "[unit]") {
  CHECK(CountCharacters("abc") == 3);
  CHECK(CountCharacters("S\xC3\xA3o") == 3);
  CHECK(CountCharacters("\xF0\x9F\x8F\x83") == 1);  // one emoji, four bytes
}

TEST_CASE("display names split into the first word and the rest", "[unit]") {
  using Names = std::pair<std::optional<std::string>, std::optional<std::string>>;
  CHECK(SplitDisplayName("Ada Admin") == Names{"Ada", "Admin"});
  CHECK(SplitDisplayName("  Ada  King   Lovelace ") == Names{"Ada", "King   Lovelace"});
  CHECK(SplitDisplayName("Ada") == Names{"Ada", std::nullopt});
  CHECK(SplitDisplayName("   ") == Names{std::nullopt, std::nullopt});
}

TEST_CASE("ASCII case helpers change ASCII letters only", "[unit]") {
  CHECK(ToLowerAscii("Ada@GoFast.TEST") == "ada@gofast.test");
  CHECK(ToUpperAscii("post") == "POST");
  CHECK(ToLowerAscii("\xC3\x84") == "\xC3\x84");  // non-ASCII bytes are left alone
  CHECK(EqualsIgnoreAsciiCase("Bearer", "bEARER"));
  CHECK_FALSE(EqualsIgnoreAsciiCase("Bearer", "Bearer "));
}

TEST_CASE("display names split at any white space, and trim as JavaScript does", "[unit]") {
  using Names = std::pair<std::optional<std::string>, std::optional<std::string>>;
  CHECK(SplitDisplayName("Ada\tKing") == Names{"Ada", "King"});
  CHECK(SplitDisplayName("\xC2\xA0"
                         "Ada King\n") == Names{"Ada", "King"});
  CHECK(SplitDisplayName("") == Names{std::nullopt, std::nullopt});
}

TEST_CASE("the nearest name is one a few edits away, else the one the word begins", "[unit]") {
  const std::vector<std::string> names = {
      "host", "port", "db", "project-id", "max-body-bytes", "max-headers", "exit-with-parent"};
  using Near = std::optional<std::string>;
  CHECK(NearestName("dbb", names) == Near("db"));                // one insertion
  CHECK(NearestName("prot", names) == Near("port"));             // two neighbours swapped
  CHECK(NearestName("projectid", names) == Near("project-id"));  // one deletion
  CHECK(NearestName("max-body-byte", names) == Near("max-body-bytes"));
  CHECK(NearestName("exit-with", names) == Near("exit-with-parent"));  // the one it begins
  CHECK(NearestName("max", names) == std::nullopt);                    // begins two: no guess
  CHECK(NearestName("x", names) == std::nullopt);  // too far from "db" for one letter
  CHECK(NearestName("zebra", names) == std::nullopt);
  CHECK(NearestName("", names) == std::nullopt);
  CHECK(NearestName("up", {}) == std::nullopt);
  CHECK(NearestName("upp", {"up", "exec", "token", "demo", "load"}) == Near("up"));
  CHECK(NearestName("mnt", {"keygen", "mint"}) == Near("mint"));
}

}  // namespace

TEST_CASE("JoinedName joins first and last, or gives the one there", "[unit]") {
  CHECK(JoinedName("Ada", "Lovelace") == std::optional<std::string>("Ada Lovelace"));
  CHECK(JoinedName("Ada", std::nullopt) == std::optional<std::string>("Ada"));
  CHECK(JoinedName(std::nullopt, "Lovelace") == std::optional<std::string>("Lovelace"));
  CHECK(JoinedName(std::nullopt, std::nullopt) == std::nullopt);
  // The reverse of SplitDisplayName for a name it split.
  const auto [first, last] = SplitDisplayName("Ada King Lovelace");
  CHECK(JoinedName(first, last) == std::optional<std::string>("Ada King Lovelace"));
}

}  // namespace gofast
