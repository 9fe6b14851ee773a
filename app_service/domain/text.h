#ifndef GOFAST_APP_SERVICE_DOMAIN_TEXT_H_
#define GOFAST_APP_SERVICE_DOMAIN_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace gofast::app {

// Strips what JavaScript's String.prototype.trim strips (the real route
// trimmed in JavaScript): ASCII white space, line terminators, no-break and
// other Unicode space separators, and the byte order mark. Input is UTF-8.
std::string_view TrimWhitespace(std::string_view text);

// Characters (Unicode code points) of valid UTF-8 text.
size_t CountCharacters(std::string_view utf8);

// The slug rule: lower-case, every run of characters outside [a-z0-9]
// becomes one '-', no '-' at either end. "  St. Louis!! " -> "st-louis".
std::string Slugify(std::string_view text);

// The city part of a one-line address: the second comma-separated part,
// trimmed ("1200 Wilson Blvd, Arlington, VA" -> "Arlington"), or the whole
// trimmed string when it has no comma.
std::string CityNameFromAddress(std::string_view address);

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_DOMAIN_TEXT_H_
