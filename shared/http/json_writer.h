#ifndef GOFAST_SHARED_HTTP_JSON_WRITER_H_
#define GOFAST_SHARED_HTTP_JSON_WRITER_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace gofast::http {

// Appends JSON text to a string as values are given, without building a tree
// first: for answers of many rows, where building and dumping nlohmann trees
// took most of the time (BENCHMARKS.md). Strings are escaped as nlohmann's
// dump escapes them, invalid UTF-8 becoming U+FFFD. The caller gives a
// well-formed sequence (a Key before each member's value); commas are added here.
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& BeginObject();
  // An object whose first members are already text: another writer's output
  // from its BeginObject up to, not including, its EndObject. More members
  // may follow; EndObject closes it.
  JsonWriter& BeginObjectWith(std::string_view open_object);
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  // Shortest text that reads back as the same double; null when not finite.
  JsonWriter& Double(double value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // The text, or null for nullopt.
  JsonWriter& StringOrNull(const std::optional<std::string>& value);
  // A value already held as nlohmann JSON.
  JsonWriter& Value(const nlohmann::json& value);
  // A value already written as JSON text, copied as it is.
  JsonWriter& Raw(std::string_view json_text);

 private:
  void BeforeValue();

  std::string& out_;
  bool after_value_ = false;  // the next value or key needs a comma first
};

// `text` as a JSON string literal, quotes included, appended to `out`.
void AppendJsonString(std::string& out, std::string_view text);

}  // namespace gofast::http

#endif  // GOFAST_SHARED_HTTP_JSON_WRITER_H_
