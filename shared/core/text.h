#ifndef GOFAST_SHARED_CORE_TEXT_H_
#define GOFAST_SHARED_CORE_TEXT_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gofast {

// Strips what JavaScript's String.prototype.trim strips (the real routes
// trimmed in JavaScript): ASCII white space, line terminators, no-break and
// other Unicode space separators, and the byte order mark. Input is UTF-8.
std::string_view TrimWhitespace(std::string_view text);

// Characters (Unicode code points) of valid UTF-8 text: what length limits count.
size_t CountCharacters(std::string_view utf8);

// The length of the well-formed UTF-8 sequence (RFC 3629) starting at
// text[at], a byte of 0x80 or more; 0 when it is ill-formed, with `ill_formed`
// set to the length of its longest ill-formed prefix (at least 1), which
// counts as one U+FFFD as Unicode recommends.
size_t Utf8SequenceLength(std::string_view text, size_t at, size_t& ill_formed);

// U+0000-U+001F and U+007F, the control characters of ASCII.
bool IsAsciiControl(char c);
bool HasAsciiControl(std::string_view text);

// ASCII letters lower-cased; other bytes (UTF-8 included) kept as they are.
std::string ToLowerAscii(std::string_view text);
std::string ToUpperAscii(std::string_view text);

bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b);

inline bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Splits a display name as the real sign-in pages did: the first word, then
// the rest, each trimmed. "Ada King Lovelace" -> {"Ada", "King Lovelace"};
// an empty part is nullopt.
std::pair<std::optional<std::string>, std::optional<std::string>> SplitDisplayName(
    std::string_view name);

// The display name of first and last names: both joined by a space, either
// alone, or nullopt when neither is there (the reverse of SplitDisplayName).
std::optional<std::string> JoinedName(const std::optional<std::string>& first,
                                      const std::optional<std::string>& last);

// The name of `names` closest to `word`, for a "did you mean" hint: the
// fewest single-character edits (an insertion, a deletion, a substitution or
// two neighbours swapped), when they are at most a third of the longer of
// the two; else the one name `word` begins (3 characters or more). Nullopt
// when nothing is that close. Ties go to the earlier name.
std::optional<std::string> NearestName(std::string_view word,
                                       const std::vector<std::string>& names);

}  // namespace gofast

#endif  // GOFAST_SHARED_CORE_TEXT_H_
