#include "shared/http/json_writer.h"

#include <array>
#include <charconv>
#include <cmath>

#include "shared/core/text.h"

namespace gofast::http {
namespace {

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

// Printable ASCII but the quote and the backslash: one look-up per byte on
// the common path.
constexpr std::array<bool, 256> kCopiedAsIs = [] {
  std::array<bool, 256> table{};
  for (int c = 0x20; c < 0x80; ++c) table[static_cast<size_t>(c)] = c != '"' && c != '\\';
  return table;
}();

}  // namespace

void AppendJsonString(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  size_t plain_from = 0;  // bytes from here to `at` are copied as they are
  size_t at = 0;
  while (at < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[at]);
    if (kCopiedAsIs[c]) {
      ++at;
      continue;
    }
    if (c >= 0x80) {
      size_t ill_formed = 0;
      if (const size_t length = Utf8SequenceLength(text, at, ill_formed)) {
        at += length;
        continue;
      }
      out.append(text.substr(plain_from, at - plain_from));
      out.append(kReplacementCharacter);
      at += ill_formed;
      plain_from = at;
      continue;
    }
    out.append(text.substr(plain_from, at - plain_from));
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\b':
        out.append("\\b");
        break;
      case '\f':
        out.append("\\f");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\t':
        out.append("\\t");
        break;
      default:
        out.append("\\u00");
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xF]);
    }
    ++at;
    plain_from = at;
  }
  out.append(text.substr(plain_from));
  out.push_back('"');
}

void JsonWriter::BeforeValue() {
  if (after_value_) out_.push_back(',');
  after_value_ = true;
}

JsonWriter& JsonWriter::BeginObject() {
  BeforeValue();
  out_.push_back('{');
  after_value_ = false;
  return *this;
}

JsonWriter& JsonWriter::BeginObjectWith(std::string_view open_object) {
  BeforeValue();
  out_.append(open_object);
  after_value_ = !open_object.empty() &&
                 open_object.back() != '{';  // a member written: the next needs a comma
  return *this;
}

JsonWriter& JsonWriter::EndObject() {
  out_.push_back('}');
  after_value_ = true;
  return *this;
}

JsonWriter& JsonWriter::BeginArray() {
  BeforeValue();
  out_.push_back('[');
  after_value_ = false;
  return *this;
}

JsonWriter& JsonWriter::EndArray() {
  out_.push_back(']');
  after_value_ = true;
  return *this;
}

JsonWriter& JsonWriter::Key(std::string_view key) {
  BeforeValue();
  AppendJsonString(out_, key);
  out_.push_back(':');
  after_value_ = false;
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view value) {
  BeforeValue();
  AppendJsonString(out_, value);
  return *this;
}

JsonWriter& JsonWriter::Int(int64_t value) {
  BeforeValue();
  char digits[24];
  const auto written = std::to_chars(digits, digits + sizeof digits, value);
  out_.append(digits, written.ptr);
  return *this;
}

JsonWriter& JsonWriter::Double(double value) {
  if (!std::isfinite(value))
    return Null();  // JSON has no NaN or infinity; nlohmann writes null too
  BeforeValue();
  // The shortest digits that read back as the same double, laid out as
  // nlohmann does: plain notation from 1e-4 up to 1e15 (100000.0, not 1e+05),
  // an exponent beyond.
  const double magnitude = std::fabs(value);
  const bool plain = magnitude == 0 || (magnitude >= 1e-4 && magnitude < 1e15);
  char digits[64];
  const auto written =
      std::to_chars(digits, digits + sizeof digits, value,
                    plain ? std::chars_format::fixed : std::chars_format::scientific);
  const std::string_view text(digits, static_cast<size_t>(written.ptr - digits));
  out_.append(text);
  // Keeps a whole double visibly a double (3.0, not 3), as nlohmann writes it.
  if (text.find_first_of(".e") == std::string_view::npos) out_.append(".0");
  return *this;
}

JsonWriter& JsonWriter::Bool(bool value) {
  BeforeValue();
  out_.append(value ? "true" : "false");
  return *this;
}

JsonWriter& JsonWriter::Null() {
  BeforeValue();
  out_.append("null");
  return *this;
}

JsonWriter& JsonWriter::StringOrNull(const std::optional<std::string>& value) {
  return value ? String(*value) : Null();
}

JsonWriter& JsonWriter::Value(const nlohmann::json& value) {
  BeforeValue();
  out_.append(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return *this;
}

JsonWriter& JsonWriter::Raw(std::string_view json_text) {
  BeforeValue();
  out_.append(json_text);
  return *this;
}

}  // namespace gofast::http
