#include "shared/core/log.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <string>

#include "shared/core/text.h"
#include "shared/core/time.h"

namespace gofast {
namespace {

std::atomic<LogFormat> g_format{LogFormat::kText};

constexpr char kHex[] = "0123456789abcdef";

void AppendHex(std::string& out, unsigned char byte) {
  out.push_back(kHex[byte >> 4]);
  out.push_back(kHex[byte & 0xF]);
}

// Text: a backslash doubled, other escapes as "\xNN" per byte. JSON: a JSON
// string's content, controls as "\u00NN"; an ill-formed byte, which JSON
// cannot carry, reads "\xNN" once the string is decoded, as in text.
void AppendEscaped(std::string& out, std::string_view text, bool json) {
  size_t at = 0;
  while (at < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[at]);
    if (c >= 0x20 && c < 0x7F) {
      if (c == '\\' || (json && c == '"')) out.push_back('\\');
      out.push_back(static_cast<char>(c));
      ++at;
      continue;
    }
    size_t ill_formed = 0;
    const size_t length = c >= 0x80 ? Utf8SequenceLength(text, at, ill_formed) : 0;
    // U+0080..U+009F (C1 controls, "\xC2\x80".."\xC2\x9F") can steer a terminal too.
    const bool c1_control =
        length == 2 && c == 0xC2 && static_cast<unsigned char>(text[at + 1]) < 0xA0;
    if (length > 0 && !c1_control) {
      out.append(text.substr(at, length));
      at += length;
      continue;
    }
    if (json && (c < 0x80 || c1_control)) {
      out += "\\u00";
      AppendHex(out, c1_control ? static_cast<unsigned char>(text[at + 1]) : c);
      at += c1_control ? 2 : 1;
      continue;
    }
    const size_t escaped = length > 0 ? length : (c >= 0x80 ? ill_formed : 1);
    for (size_t i = 0; i < escaped; ++i) {
      out += json ? "\\\\x" : "\\x";
      AppendHex(out, static_cast<unsigned char>(text[at + i]));
    }
    at += escaped;
  }
}

bool NeedsQuotes(std::string_view value) {
  return value.empty() || value.find_first_of(" \"\\=") != std::string_view::npos;
}

void WriteLine(std::string& line) {
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stderr);
}

bool IsBase64UrlText(std::string_view text) {
  for (const char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

// A JWT: a header that decodes to a JSON object ("eyJ" is '{"'), a payload and
// a signature (empty in an unsigned token), base64url and joined by dots.
bool LooksLikeJwt(std::string_view text) {
  const size_t first = text.find('.');
  if (text.substr(0, 3) != "eyJ" || first == std::string_view::npos) return false;
  const size_t second = text.find('.', first + 1);
  if (second == std::string_view::npos || second == first + 1) return false;
  return IsBase64UrlText(text.substr(0, first)) &&
         IsBase64UrlText(text.substr(first + 1, second - first - 1)) &&
         IsBase64UrlText(text.substr(second + 1));
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  const char lower = static_cast<char>(c | 0x20);
  return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
}

// A query parameter's name as the server reads it: "to%6Ben" is "token".
std::string PercentDecoded(std::string_view text) {
  std::string decoded;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
        HexValue(text[i + 2]) >= 0) {
      decoded += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 2;
    } else {
      decoded += text[i] == '+' ? ' ' : text[i];
    }
  }
  return decoded;
}

bool IsSecretParameter(std::string_view name) {
  const std::string lower = ToLowerAscii(PercentDecoded(name));
  return lower == "token" || lower == "access_token" || lower == "id_token" || lower == "key" ||
         lower.rfind("auth", 0) == 0;
}

// Appends `part` (the text between separators) or "[redacted]" in its place.
void AppendRedacted(std::string& out, std::string_view part, bool secret) {
  out.append(secret || LooksLikeJwt(part) ? std::string_view("[redacted]") : part);
}

}  // namespace

void SetLogFormat(LogFormat format) { g_format = format; }

LogRecord::LogRecord(std::string_view event, std::string_view level)
    : json_(g_format == LogFormat::kJson) {
  if (json_) {
    line_ = "{\"time\":\"" + NowIso8601() + "\"";
    AddPair("level", level);
    AddPair("event", event);
  } else {
    line_ = NowIso8601();
  }
}

void LogRecord::StartField(std::string_view key) {
  if (json_) {
    line_.append(",\"").append(key).append("\":");
  } else {
    line_ += ' ';
  }
}

LogRecord& LogRecord::Add(std::string_view key, std::string_view value) {
  if (!json_) {
    line_ += ' ';
    AppendEscaped(line_, value, false);
    return *this;
  }
  return AddPair(key, value);
}

LogRecord& LogRecord::AddPair(std::string_view key, std::string_view value) {
  StartField(key);
  if (json_) {
    line_ += '"';
    AppendEscaped(line_, value, true);
    line_ += '"';
    return *this;
  }
  line_.append(key).append("=");
  if (!NeedsQuotes(value)) {
    AppendEscaped(line_, value, false);
    return *this;
  }
  line_ += '"';
  size_t at = 0;
  for (size_t quote = value.find('"'); quote != std::string_view::npos;
       at = quote + 1, quote = value.find('"', at)) {
    AppendEscaped(line_, value.substr(at, quote - at), false);
    line_ += "\\\"";
  }
  AppendEscaped(line_, value.substr(at), false);
  line_ += '"';
  return *this;
}

LogRecord& LogRecord::AddNumber(std::string_view key, std::string_view digits,
                                std::string_view unit) {
  StartField(key);
  line_.append(digits);
  if (!json_) line_.append(unit);
  return *this;
}

LogRecord& LogRecord::AddDuration(std::string_view key,
                                  std::chrono::steady_clock::duration elapsed) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "%.3f",
                std::chrono::duration<double, std::milli>(elapsed).count());
  return AddNumber(key, digits, "ms");
}

LogRecord& LogRecord::AddWords(std::string_view words) {
  if (!json_) line_.append(" ").append(words);
  return *this;
}

std::string LogRecord::Line() const { return json_ ? line_ + '}' : line_; }

void LogRecord::Write() const {
  std::string line = Line();
  WriteLine(line);
}

std::string EscapeForLog(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  AppendEscaped(out, text, false);
  return out;
}

void LogLine(std::string_view text) { LogRecord("message").Add("message", text).Write(); }

void LogError(std::string_view message) {
  if (g_format == LogFormat::kJson) {
    LogRecord("error", "error").Add("message", message).Write();
  } else {
    LogLine(std::string("error: ").append(message));
  }
}

std::string RedactSecrets(std::string_view target) {
  const size_t query_start = std::min(target.find('?'), target.size());
  std::string out;
  out.reserve(target.size());
  // The path, segment by segment.
  size_t at = 0;
  while (at <= query_start) {
    const size_t end = std::min(target.find('/', at), query_start);
    AppendRedacted(out, target.substr(at, end - at), false);
    if (end == query_start) break;
    out += '/';
    at = end + 1;
  }
  if (query_start == target.size()) return out;
  out += '?';
  // The query, parameter by parameter: the name stays, the value may go.
  at = query_start + 1;
  while (at <= target.size()) {
    const size_t end = std::min(target.find('&', at), target.size());
    const std::string_view parameter = target.substr(at, end - at);
    const size_t equals = parameter.find('=');
    if (equals == std::string_view::npos) {
      AppendRedacted(out, parameter, false);
    } else {
      out.append(parameter.substr(0, equals + 1));
      AppendRedacted(out, parameter.substr(equals + 1),
                     IsSecretParameter(parameter.substr(0, equals)));
    }
    if (end == target.size()) break;
    out += '&';
    at = end + 1;
  }
  return out;
}

}  // namespace gofast
