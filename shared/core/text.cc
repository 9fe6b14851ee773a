#include "shared/core/text.h"

#include <algorithm>
#include <array>

namespace gofast {
namespace {

// UTF-8 forms of the non-ASCII characters JavaScript's trim removes.
constexpr std::array<std::string_view, 19> kUnicodeSpaces = {
    "\xC2\xA0",      // U+00A0 no-break space
    "\xE1\x9A\x80",  // U+1680 ogham space mark
    "\xE2\x80\x80", "\xE2\x80\x81", "\xE2\x80\x82", "\xE2\x80\x83", "\xE2\x80\x84",
    "\xE2\x80\x85", "\xE2\x80\x86", "\xE2\x80\x87", "\xE2\x80\x88", "\xE2\x80\x89",
    "\xE2\x80\x8A",  // U+2000..U+200A
    "\xE2\x80\xA8",  // U+2028 line separator
    "\xE2\x80\xA9",  // U+2029 paragraph separator
    "\xE2\x80\xAF",  // U+202F narrow no-break space
    "\xE2\x81\x9F",  // U+205F medium mathematical space
    "\xE3\x80\x80",  // U+3000 ideographic space
    "\xEF\xBB\xBF",  // U+FEFF byte order mark
};

char ToLowerAsciiChar(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Bytes of the white space character at the start of text, or 0.
size_t LeadingSpace(std::string_view text) {
  if (text.empty()) return 0;
  if (IsAsciiSpace(text.front())) return 1;
  for (const std::string_view space : kUnicodeSpaces) {
    if (text.substr(0, space.size()) == space) return space.size();
  }
  return 0;
}

// Bytes of the white space character at the end of text, or 0.
size_t TrailingSpace(std::string_view text) {
  if (text.empty()) return 0;
  if (IsAsciiSpace(text.back())) return 1;
  for (const std::string_view space : kUnicodeSpaces) {
    if (text.size() >= space.size() && text.substr(text.size() - space.size()) == space) {
      return space.size();
    }
  }
  return 0;
}

}  // namespace

std::string_view TrimWhitespace(std::string_view text) {
  while (const size_t bytes = LeadingSpace(text)) text.remove_prefix(bytes);
  while (const size_t bytes = TrailingSpace(text)) text.remove_suffix(bytes);
  return text;
}

size_t Utf8SequenceLength(std::string_view text, size_t at, size_t& ill_formed) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  size_t length = 0;
  unsigned char second_min = 0x80;
  unsigned char second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) second_min = 0xA0;  // overlong
    if (lead == 0xED) second_max = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) second_min = 0x90;  // overlong
    if (lead == 0xF4) second_max = 0x8F;  // above U+10FFFF
  } else {
    ill_formed = 1;
    return 0;
  }
  for (size_t i = 1; i < length; ++i) {
    const unsigned char min = i == 1 ? second_min : 0x80;
    const unsigned char max = i == 1 ? second_max : 0xBF;
    if (at + i >= text.size() || byte(at + i) < min || byte(at + i) > max) {
      ill_formed = i;
      return 0;
    }
  }
  return length;
}

bool IsAsciiControl(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte < 0x20 || byte == 0x7F;
}

bool HasAsciiControl(std::string_view text) {
  return std::any_of(text.begin(), text.end(), IsAsciiControl);
}

size_t CountCharacters(std::string_view utf8) {
  size_t count = 0;
  for (const char c : utf8) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;  // not a continuation byte
  }
  return count;
}

std::string ToLowerAscii(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), ToLowerAsciiChar);
  return lower;
}

std::string ToUpperAscii(std::string_view text) {
  std::string upper(text);
  std::transform(upper.begin(), upper.end(), upper.begin(), [](char c) {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
  });
  return upper;
}

bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ToLowerAsciiChar(x) == ToLowerAsciiChar(y);
         });
}

std::pair<std::optional<std::string>, std::optional<std::string>> SplitDisplayName(
    std::string_view name) {
  name = TrimWhitespace(name);
  if (name.empty()) return {std::nullopt, std::nullopt};
  const size_t end_of_first = name.find_first_of(" \t\r\n");
  if (end_of_first == std::string_view::npos) return {std::string(name), std::nullopt};
  const std::string_view rest = TrimWhitespace(name.substr(end_of_first));
  return {std::string(name.substr(0, end_of_first)),
          rest.empty() ? std::nullopt : std::optional<std::string>(rest)};
}

std::optional<std::string> JoinedName(const std::optional<std::string>& first,
                                      const std::optional<std::string>& last) {
  if (first && last) return *first + " " + *last;
  return first ? first : last;
}

namespace {

// Optimal string alignment distance: Levenshtein plus the swap of two
// neighbouring characters ("--prot" is one edit from "--port").
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::optional<std::string> NearestName(std::string_view word,
                                       const std::vector<std::string>& names) {
  std::optional<std::string> nearest;
  size_t nearest_distance = 0;
  for (const std::string& name : names) {
    const size_t distance = EditDistance(word, name);
    if (distance * 3 > std::max(word.size(), name.size())) continue;
    if (!nearest || distance < nearest_distance) {
      nearest = name;
      nearest_distance = distance;
    }
  }
  if (nearest || word.size() < 3) return nearest;
  for (const std::string& name : names) {
    if (name.compare(0, word.size(), word) != 0) continue;
    if (nearest) return std::nullopt;  // two names begin so: no guess
    nearest = name;
  }
  return nearest;
}

}  // namespace gofast
