// The city rules of the app service: the slug rule and the city part of an address.
#include "app_service/domain/city_slug.h"

#include <catch2/catch.hpp>

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

}  // namespace
}  // namespace gofast::app
