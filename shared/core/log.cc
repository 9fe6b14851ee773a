#include "shared/core/log.h"

#include <cstdio>
#include <string>

#include "shared/core/text.h"
#include "shared/core/time.h"

namespace gofast {
namespace {

void AppendHexEscape(std::string& out, unsigned char byte) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\x";
  out.push_back(kHex[byte >> 4]);
  out.push_back(kHex[byte & 0xF]);
}

void AppendEscapedForLog(std::string& out, std::string_view text) {
  size_t at = 0;
  while (at < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[at]);
    if (c >= 0x20 && c < 0x7F) {
      if (c == '\\') out.push_back('\\');
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
    const size_t escaped = length > 0 ? length : (c >= 0x80 ? ill_formed : 1);
    for (size_t i = 0; i < escaped; ++i)
      AppendHexEscape(out, static_cast<unsigned char>(text[at + i]));
    at += escaped;
  }
}

}  // namespace

std::string EscapeForLog(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  AppendEscapedForLog(out, text);
  return out;
}

void LogLine(std::string_view text) {
  std::string line = NowIso8601();
  line.reserve(line.size() + text.size() + 2);
  line += ' ';
  AppendEscapedForLog(line, text);
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stderr);
}

void LogError(std::string_view message) { LogLine(std::string("error: ").append(message)); }

}  // namespace gofast
