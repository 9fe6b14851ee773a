#ifndef GOFAST_APP_SERVICE_DOMAIN_CITY_SLUG_H_
#define GOFAST_APP_SERVICE_DOMAIN_CITY_SLUG_H_

#include <string>
#include <string_view>

namespace gofast::app {

// The slug rule: lower-case, every run of characters outside [a-z0-9]
// becomes one '-', no '-' at either end. "  St. Louis!! " -> "st-louis".
std::string Slugify(std::string_view text);

// The city part of a one-line address: the second comma-separated part,
// trimmed ("1200 Wilson Blvd, Arlington, VA" -> "Arlington"), or the whole
// trimmed string when it has no comma.
std::string CityNameFromAddress(std::string_view address);

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_DOMAIN_CITY_SLUG_H_
