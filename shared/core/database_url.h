#ifndef GOFAST_SHARED_CORE_DATABASE_URL_H_
#define GOFAST_SHARED_CORE_DATABASE_URL_H_

#include <string>
#include <string_view>

namespace gofast {

// A --db value that names a PostgreSQL database (a libpq connection URI:
// postgresql://... or postgres://...) rather than a SQLite file.
bool IsPostgresUrl(std::string_view location);

// The URI with its password, if any, replaced by "***": what logs, start
// lines and error messages show. Anything else is answered as it is.
std::string RedactPassword(std::string_view url);

}  // namespace gofast

#endif  // GOFAST_SHARED_CORE_DATABASE_URL_H_
