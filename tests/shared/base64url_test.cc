#include "shared/core/base64url.h"

#include <catch2/catch.hpp>
#include <random>
#include <string>

namespace gofast {
namespace {

std::string RandomBytes(std::mt19937& random, size_t size) {
  std::uniform_int_distribution<int> byte(0, 255);
  std::string out(size, '\0');
  for (char& c : out) c = static_cast<char>(byte(random));
  return out;
}

}  // namespace

TEST_CASE("base64url encodes the RFC 4648 vectors without padding", "[unit][base64url]") {
  CHECK(Base64UrlEncode("") == "");
  CHECK(Base64UrlEncode("f") == "Zg");
  CHECK(Base64UrlEncode("fo") == "Zm8");
  CHECK(Base64UrlEncode("foo") == "Zm9v");
  CHECK(Base64UrlEncode("foob") == "Zm9vYg");
  CHECK(Base64UrlEncode("fooba") == "Zm9vYmE");
  CHECK(Base64UrlEncode("foobar") == "Zm9vYmFy");
}

TEST_CASE("base64url uses minus and underscore instead of plus and slash", "[unit][base64url]") {
  CHECK(Base64UrlEncode("\xfb\xff\xbf") == "-_-_");
  CHECK(Base64UrlEncode(std::string("\x3e\xff", 2)) == "Pv8");
  CHECK(Base64UrlDecode("-_-_") == std::optional<std::string>("\xfb\xff\xbf"));
}

TEST_CASE("base64url round trips every byte and every length", "[unit][base64url]") {
  std::string all_bytes;
  for (int i = 0; i < 256; ++i) all_bytes.push_back(static_cast<char>(i));
  CHECK(Base64UrlDecode(Base64UrlEncode(all_bytes)) == std::optional<std::string>(all_bytes));

  std::mt19937 random(20260124);
  for (size_t size = 0; size < 200; ++size) {
    const std::string bytes = RandomBytes(random, size);
    const std::string text = Base64UrlEncode(bytes);
    INFO("size " << size);
    CHECK(text.size() == (size * 4 + 2) / 3);
    CHECK(text.find_first_of("+/=") == std::string::npos);
    CHECK(Base64UrlDecode(text) == std::optional<std::string>(bytes));
  }
}

TEST_CASE("base64url decoding refuses plus, slash and padding", "[unit][base64url]") {
  CHECK_FALSE(Base64UrlDecode("Zm9v+A").has_value());
  CHECK_FALSE(Base64UrlDecode("Zm9v/A").has_value());
  CHECK_FALSE(Base64UrlDecode("Zg==").has_value());
  CHECK_FALSE(Base64UrlDecode("Zm8=").has_value());
  CHECK_FALSE(Base64UrlDecode("=").has_value());
}

TEST_CASE("base64url decoding refuses bytes outside the alphabet", "[unit][base64url]") {
  for (const char* text : {"Zm 9v", "Zm9v\n", "Zm.9v", "Zm*9", "Z\xc3\xa9", "Zm9v!"}) {
    INFO(text);
    CHECK_FALSE(Base64UrlDecode(text).has_value());
  }
  CHECK_FALSE(Base64UrlDecode(std::string("Zm\0v", 4)).has_value());
}

TEST_CASE("base64url decoding refuses an impossible length", "[unit][base64url]") {
  CHECK_FALSE(Base64UrlDecode("Z").has_value());
  CHECK_FALSE(Base64UrlDecode("Zm9vY").has_value());
  CHECK(Base64UrlDecode("") == std::optional<std::string>(""));
}

TEST_CASE("base64url decoding refuses non-zero leftover bits", "[unit][base64url]") {
  CHECK(Base64UrlDecode("Zg") == std::optional<std::string>("f"));
  CHECK_FALSE(Base64UrlDecode("Zh").has_value());   // 'h' leaves 0001
  CHECK_FALSE(Base64UrlDecode("Zm9").has_value());  // '9' leaves 01
  CHECK(Base64UrlDecode("Zm8") == std::optional<std::string>("fo"));
}

}  // namespace gofast
