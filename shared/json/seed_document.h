#ifndef GOFAST_SHARED_JSON_SEED_DOCUMENT_H_
#define GOFAST_SHARED_JSON_SEED_DOCUMENT_H_

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>

#include "shared/core/result.h"

namespace gofast::json {

// What the two services' seed readers (--seed, --import, POST /_test/seed) share.

// VALIDATION_FAILED "seed: <message>", as every refusal of a seed reads.
Error SeedError(const std::string& message);

// `where` and one member's key as a path for an error message:
// staff[2].nickname. A key that is not a plain name is written as an escaped
// JSON string (runs[0]["n\u00e4me"]), so no byte of a document is echoed as it came.
std::string MemberPath(const std::string& where, const std::string& key);

// A member of a row that is read as text, and where it goes.
struct StringMember {
  const char* name;
  std::variant<std::string*, std::optional<std::string>*> target;
};

// `object` must be an object whose every member is one of `members`: a
// string without NUL, or null for left out. VALIDATION_FAILED names the
// member by its path (MemberPath): "seed: unknown field staff[2].nickname".
Status ReadStringMembers(const nlohmann::json& object, const std::string& where,
                         std::initializer_list<StringMember> members);

// The file at `path`, read strictly (shared/json/strict_json.h). Fails naming
// the file: "cannot read seed file PATH", or "PATH: seed: <why it is not JSON>".
Result<nlohmann::json> ReadSeedDocument(const std::string& path);

// The file at `path` (ReadSeedDocument) as a service's rows, `read_rows`
// being that service's reader; every refusal names the file.
template <typename Rows>
Result<Rows> ReadSeedFile(const std::string& path,
                          Result<Rows> (*read_rows)(const nlohmann::json& document)) {
  const Result<nlohmann::json> document = ReadSeedDocument(path);
  if (!document) return document.error();
  Result<Rows> rows = read_rows(document.value());
  if (!rows) return ValidationError(path + ": " + rows.error().message);
  return rows;
}

}  // namespace gofast::json

#endif  // GOFAST_SHARED_JSON_SEED_DOCUMENT_H_
