// The streaming JSON writer (shared/http/json_writer.h) against nlohmann, its
// reference. The input as a string must be escaped byte for byte as
// nlohmann's dump escapes it (invalid UTF-8 becoming U+FFFD). An input that
// nlohmann reads as a document, written value by value with the typed calls
// and whole with Value, must read back as the same document (numbers compared
// as values: 3 and 3.0 are equal).
#include <cstddef>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

#include "shared/http/json_writer.h"
#include "tests/fuzz/fuzz_check.h"

namespace gofast {
namespace {

using nlohmann::json;

void WriteTyped(http::JsonWriter& out, const json& value) {
  switch (value.type()) {
    case json::value_t::object:
      out.BeginObject();
      for (const auto& [key, member] : value.items()) {
        out.Key(key);
        WriteTyped(out, member);
      }
      out.EndObject();
      return;
    case json::value_t::array:
      out.BeginArray();
      for (const json& element : value) WriteTyped(out, element);
      out.EndArray();
      return;
    case json::value_t::string:
      out.String(value.get_ref<const std::string&>());
      return;
    case json::value_t::boolean:
      out.Bool(value.get<bool>());
      return;
    case json::value_t::number_integer:
      out.Int(value.get<int64_t>());
      return;
    case json::value_t::number_unsigned:
      // Int takes int64_t: larger unsigned values go through Value.
      if (value.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
        out.Int(value.get<int64_t>());
      } else {
        out.Value(value);
      }
      return;
    case json::value_t::number_float:
      out.Double(value.get<double>());
      return;
    default:  // null; a parsed document holds no binary or discarded value
      out.Null();
      return;
  }
}

}  // namespace
}  // namespace gofast

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gofast;
  const std::string bytes(reinterpret_cast<const char*>(data), size);

  std::string written;
  http::AppendJsonString(written, bytes);
  fuzz::Check(written == json(bytes).dump(-1, ' ', false, json::error_handler_t::replace),
              "a string is escaped as nlohmann's dump escapes it");
  fuzz::Check(json::parse(written, nullptr, false).is_string(), "an escaped string reads back");

  const json document = json::parse(bytes, nullptr, false);
  if (document.is_discarded()) return 0;
  std::string text;
  http::JsonWriter out(text);
  out.BeginArray();
  WriteTyped(out, document);
  out.Value(document).EndArray();
  const json read = json::parse(text, nullptr, false);
  fuzz::Check(read.is_array() && read.size() == 2, "the written document is valid JSON");
  fuzz::Check(read[0] == document, "the typed calls write the document's values");
  fuzz::Check(read[1] == document, "Value writes the document's values");
  return 0;
}
