#ifndef GOFAST_TESTS_SUPPORT_DB_INSPECT_H_
#define GOFAST_TESTS_SUPPORT_DB_INSPECT_H_

#include <cstdint>
#include <string>

namespace gofast::testing {

// Read-only looks into a service's SQLite file, to prove what a request
// wrote (or did not write).
int64_t CountRows(const std::string& db_path, const std::string& table);
// Every row of the table, in rowid order, as text: equal snapshots mean nothing changed.
std::string TableSnapshot(const std::string& db_path, const std::string& table);

}  // namespace gofast::testing

#endif  // GOFAST_TESTS_SUPPORT_DB_INSPECT_H_
