// The streaming writer against nlohmann: the same strings must come out
// byte for byte as nlohmann's dump writes them, and every document must read
// back as the values written.
#include "shared/http/json_writer.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <iterator>
#include <limits>
#include <random>
#include <string>

namespace gofast {
namespace {

using nlohmann::json;

std::string Written(std::string_view text) {
  std::string out;
  http::AppendJsonString(out, text);
  return out;
}

std::string NlohmannDump(std::string_view text) {
  return json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string RandomBytes(std::mt19937& random, size_t size) {
  std::uniform_int_distribution<int> byte(0, 255);
  std::string out(size, '\0');
  for (char& c : out) c = static_cast<char>(byte(random));
  return out;
}

std::string EncodeUtf8(uint32_t cp) {
  const auto byte = [](uint32_t value) { return static_cast<char>(value); };
  if (cp < 0x80) return std::string(1, byte(cp));
  if (cp < 0x800) return {byte(0xC0 | (cp >> 6)), byte(0x80 | (cp & 0x3F))};
  if (cp < 0x10000)
    return {byte(0xE0 | (cp >> 12)), byte(0x80 | ((cp >> 6) & 0x3F)), byte(0x80 | (cp & 0x3F))};
  return {byte(0xF0 | (cp >> 18)), byte(0x80 | ((cp >> 12) & 0x3F)),
          byte(0x80 | ((cp >> 6) & 0x3F)), byte(0x80 | (cp & 0x3F))};
}

// Valid UTF-8 with code points of every encoded length (no surrogates).
std::string RandomUtf8(std::mt19937& random, size_t code_points) {
  static const std::pair<uint32_t, uint32_t> kRanges[] = {
      {0, 0x7F}, {0x80, 0x7FF}, {0x800, 0xD7FF}, {0xE000, 0xFFFF}, {0x10000, 0x10FFFF}};
  std::uniform_int_distribution<size_t> pick(0, std::size(kRanges) - 1);
  std::string out;
  for (size_t i = 0; i < code_points; ++i) {
    const auto [low, high] = kRanges[pick(random)];
    out += EncodeUtf8(std::uniform_int_distribution<uint32_t>(low, high)(random));
  }
  return out;
}

}  // namespace

TEST_CASE("JsonWriter escapes as nlohmann does: quotes, backslashes, control characters",
          "[unit][json_writer]") {
  CHECK(Written("") == "\"\"");
  CHECK(Written("plain text / slash") == "\"plain text / slash\"");
  CHECK(Written("say \"hi\" \\ bye") == R"("say \"hi\" \\ bye")");
  CHECK(Written("\b\f\n\r\t") == R"("\b\f\n\r\t")");
  CHECK(Written(std::string("\x00\x01\x1f\x7f", 4)) ==
        std::string("\"\\u0000\\u0001\\u001f\x7f\""));
  for (int c = 0; c < 0x80; ++c) {
    const std::string one(1, static_cast<char>(c));
    CHECK(Written(one) == NlohmannDump(one));
  }
}

TEST_CASE("JsonWriter keeps valid UTF-8 as it is", "[unit][json_writer]") {
  CHECK(Written("café ☕ 𝄞") == "\"café ☕ 𝄞\"");
  std::mt19937 random(20261124);
  for (int i = 0; i < 2000; ++i) {
    const std::string text = RandomUtf8(random, i % 40);
    REQUIRE(Written(text) == NlohmannDump(text));
  }
}

TEST_CASE("JsonWriter replaces invalid UTF-8 with U+FFFD, as nlohmann's replace mode does",
          "[unit][json_writer]") {
  const std::string fffd = "\xEF\xBF\xBD";
  CHECK(Written("a\xff"
                "b") == "\"a" + fffd + "b\"");
  CHECK(Written("\xc0\xaf") == "\"" + fffd + fffd + "\"");             // overlong '/'
  CHECK(Written("\xed\xa0\x80") == "\"" + fffd + fffd + fffd + "\"");  // a surrogate
  CHECK(Written("\xe2\x82"
                "A") == "\"" + fffd + "A\"");                              // truncated, then ASCII
  CHECK(Written("\xf4\x90\x80\x80") == NlohmannDump("\xf4\x90\x80\x80"));  // above U+10FFFF
  std::mt19937 random(7);
  for (int i = 0; i < 5000; ++i) {
    const std::string bytes = RandomBytes(random, i % 24);
    const std::string written = Written(bytes);
    REQUIRE(written == NlohmannDump(bytes));
    REQUIRE_NOTHROW(json::parse(written));
  }
}

TEST_CASE("JsonWriter writes numbers that read back as the same values", "[unit][json_writer]") {
  std::string text;
  http::JsonWriter out(text);
  out.BeginArray()
      .Int(0)
      .Int(-42)
      .Int(std::numeric_limits<int64_t>::max())
      .Int(std::numeric_limits<int64_t>::min());
  out.Double(3.1).Double(38.8951).Double(-77.0719).Double(6.0).Double(1e-7).Double(
      1.7976931348623157e308);
  out.Double(std::nan("")).Double(std::numeric_limits<double>::infinity()).EndArray();
  const json read = json::parse(text);
  REQUIRE(read.size() == 12);
  CHECK(read[0] == 0);
  CHECK(read[1] == -42);
  CHECK(read[2].get<int64_t>() == std::numeric_limits<int64_t>::max());
  CHECK(read[3].get<int64_t>() == std::numeric_limits<int64_t>::min());
  CHECK(read[4].get<double>() == 3.1);
  CHECK(read[5].get<double>() == 38.8951);
  CHECK(read[6].get<double>() == -77.0719);
  CHECK(read[7].is_number_float());  // a whole double stays a double
  CHECK(read[7].get<double>() == 6.0);
  CHECK(read[8].get<double>() == 1e-7);
  CHECK(read[9].get<double>() == 1.7976931348623157e308);
  CHECK(read[10].is_null());
  CHECK(read[11].is_null());
  CHECK(text.find("3.1,") != std::string::npos);  // shortest form, not 3.1000000000000001

  // Laid out as nlohmann lays them out: plain from 1e-4 to 1e15, an exponent beyond.
  for (const double value : {0.0, 6.0, 100000.0, 38.8951, -77.0719, 0.0001, 123456789012345.0, 1e15,
                             1.5e-7, 1e21, -2.5e-300}) {
    std::string one;
    http::JsonWriter(one).Double(value);
    CHECK(one == json(value).dump());
  }

  // Any finite double, from random bit patterns: every magnitude, subnormals included.
  std::mt19937_64 random(99);
  for (int i = 0; i < 20000; ++i) {
    const uint64_t bits = random();
    double value = 0;
    std::memcpy(&value, &bits, sizeof value);
    if (!std::isfinite(value)) continue;
    std::string one;
    http::JsonWriter(one).Double(value);
    REQUIRE(json::parse(one).get<double>() == value);
  }
}

TEST_CASE("JsonWriter separates members and elements, nested or empty", "[unit][json_writer]") {
  std::string text;
  http::JsonWriter out(text);
  out.BeginObject()
      .Key("success")
      .Bool(true)
      .Key("empty")
      .BeginObject()
      .EndObject()
      .Key("none")
      .BeginArray()
      .EndArray()
      .Key("rows")
      .BeginArray();
  for (int i = 0; i < 3; ++i)
    out.BeginObject().Key("i").Int(i).Key("off").Bool(false).Key("n").Null().EndObject();
  out.EndArray()
      .Key("kept")
      .Value(json{{"b", 1}, {"a", "\xff"}})
      .Key("last")
      .String("x")
      .EndObject();
  CHECK(
      text ==
      R"({"success":true,"empty":{},"none":[],"rows":[{"i":0,"off":false,"n":null},{"i":1,"off":false,"n":null},)"
      R"({"i":2,"off":false,"n":null}],"kept":{"a":"�","b":1},"last":"x"})");
  CHECK_NOTHROW(json::parse(text));
}

TEST_CASE("JsonWriter writes an optional text as the text or null", "[unit][json_writer]") {
  std::string text;
  http::JsonWriter out(text);
  out.BeginArray()
      .StringOrNull(std::optional<std::string>("a\"b"))
      .StringOrNull(std::nullopt)
      .StringOrNull(std::optional<std::string>(""))
      .EndArray();
  CHECK(text == R"(["a\"b",null,""])");
}

TEST_CASE("JsonWriter continues an object another writer began", "[unit][json_writer]") {
  std::string with_member;
  http::JsonWriter(with_member).BeginObject().Key("id").String("r1");
  std::string without_member;
  http::JsonWriter(without_member).BeginObject();
  std::string text;
  http::JsonWriter out(text);
  out.BeginArray()
      .BeginObjectWith(with_member)
      .EndObject()
      .BeginObjectWith(with_member)
      .Key("by")
      .Null()
      .EndObject()
      .BeginObjectWith(without_member)
      .Key("by")
      .Int(1)
      .EndObject()
      .EndArray();
  CHECK(text == R"([{"id":"r1"},{"id":"r1","by":null},{"by":1}])");
}

}  // namespace gofast
