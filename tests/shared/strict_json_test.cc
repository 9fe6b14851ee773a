// ParseStrictJson: one JSON value, nothing guessed.
#include "shared/json/strict_json.h"

#include <catch2/catch.hpp>
#include <string>

namespace gofast::testing {
namespace {

std::string Nested(size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

std::string Refusal(std::string_view text) {
  const Result<nlohmann::json> parsed = json::ParseStrictJson(text, "The body");
  return parsed ? "" : parsed.error().message;
}

}  // namespace

TEST_CASE("strict JSON reads what plain JSON reads", "[unit][json]") {
  const Result<nlohmann::json> parsed =
      json::ParseStrictJson(R"( {"a": [1, {"b": null}], "c": "\u0000"} )", "The body");
  REQUIRE(parsed.ok());
  CHECK(parsed->at("a").at(1).at("b").is_null());
  CHECK(parsed->at("c") == std::string(1, '\0'));  // an escaped NUL is text, not an end
  CHECK(json::ParseStrictJson(R"({"a":1,"b":{"a":2}})", "x").ok());  // one key per object
}

TEST_CASE("strict JSON refuses bytes after the value, a NUL included", "[unit][json]") {
  CHECK(Refusal(std::string("{}\0{\"admin\":true}", 16)) == "The body holds a NUL byte");
  CHECK(Refusal(std::string("{\"a\":\"b\0\"}", 10)) == "The body holds a NUL byte");
  CHECK(Refusal("{} {}") == "The body is not valid JSON");
  CHECK(Refusal("{}x") == "The body is not valid JSON");
}

TEST_CASE("strict JSON refuses a key given twice in one object, at any depth", "[unit][json]") {
  CHECK(Refusal(R"({"a":1,"a":2})") == "The body gives a key twice in one object");
  CHECK(Refusal(R"({"x":[{"a":1,"b":0,"a":1}]})") == "The body gives a key twice in one object");
}

TEST_CASE("strict JSON allows 64 levels of nesting and refuses a 65th", "[unit][json]") {
  CHECK(Refusal(Nested(json::kMaxJsonDepth)).empty());
  CHECK(Refusal(Nested(json::kMaxJsonDepth + 1)) == "The body nests objects and arrays too deeply");
  // Deep enough to overflow a recursive reader's stack: refused, not crashed.
  CHECK(Refusal(Nested(200000)) == "The body nests objects and arrays too deeply");
  CHECK(Refusal(std::string(100000, '[')) == "The body nests objects and arrays too deeply");
}

}  // namespace gofast::testing
