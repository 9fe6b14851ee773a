// The text rules of the app service: trimming, the slug rule, the city part
// of an address, and display-name splitting.
#include "app_service/domain/text.h"

#include <catch2/catch.hpp>

#include "app_service/domain/athlete.h"

namespace gofast::app {
namespace {

TEST_CASE("slug rule turns the spec's examples into their slugs", "[unit]") {
  CHECK(Slugify("Arlington") == "arlington");
  CHECK(Slugify("New York") == "new-york");
  CHECK(Slugify("  St. Louis!! ") == "st-louis");
  CHECK(Slugify(CityNameFromAddress("1200 Wilson Blvd, Arlington, VA 22209, USA")) == "arlington");
}

TEST_CASE("slug rule collapses runs of other characters and keeps digits", "[unit]") {
  CHECK(Slugify("Winston--Salem") == "winston-salem");
  CHECK(Slugify("District 9") == "district-9");
  CHECK(Slugify("new-york") == "new-york");
  CHECK(Slugify("S\xC3\xA3o Paulo") == "s-o-paulo");  // non-ASCII letters are outside [a-z0-9]
  CHECK(Slugify("!!!").empty());
  CHECK(Slugify("").empty());
}

TEST_CASE("the city of an address is its second comma-separated part", "[unit]") {
  CHECK(CityNameFromAddress("1200 Wilson Blvd, Arlington, VA 22209, USA") == "Arlington");
  CHECK(CityNameFromAddress("Rosslyn,Arlington") == "Arlington");
  CHECK(CityNameFromAddress("  Boston  ") == "Boston");
  CHECK(CityNameFromAddress("1 Main St, , VA").empty());
  CHECK(CityNameFromAddress("1 Main St,").empty());
}

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

}  // namespace
}  // namespace gofast::app
