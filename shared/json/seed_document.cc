#include "shared/json/seed_document.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "shared/json/strict_json.h"

namespace gofast::json {
namespace {

constexpr size_t kMaxNameInPath = 64;

}  // namespace

Error SeedError(const std::string& message) { return ValidationError("seed: " + message); }

std::string MemberPath(const std::string& where, const std::string& key) {
  const bool plain = !key.empty() && key.size() <= kMaxNameInPath &&
                     std::all_of(key.begin(), key.end(),
                                 [](unsigned char c) { return std::isalnum(c) != 0 || c == '_'; });
  if (plain) return where.empty() ? key : where + "." + key;
  return where + "[" +
         nlohmann::json(key.substr(0, kMaxNameInPath))
             .dump(-1, ' ', true, nlohmann::json::error_handler_t::replace) +
         "]";
}

Status ReadStringMembers(const nlohmann::json& object, const std::string& where,
                         std::initializer_list<StringMember> members) {
  if (!object.is_object()) return SeedError(where + " must be an object");
  for (const auto& [key, value] : object.items()) {
    const auto member = std::find_if(members.begin(), members.end(),
                                     [&key = key](const StringMember& m) { return key == m.name; });
    const std::string path = MemberPath(where, key);
    if (member == members.end()) return SeedError("unknown field " + path);
    if (value.is_null()) continue;
    if (!value.is_string()) return SeedError(path + " must be a string");
    const std::string& text = value.get_ref<const std::string&>();
    if (text.find('\0') != std::string::npos) return SeedError(path + " must not contain NUL");
    std::visit([&](auto* target) { *target = text; }, member->target);
  }
  return Ok{};
}

Result<nlohmann::json> ReadSeedDocument(const std::string& path) {
  std::ifstream file(path);
  if (!file) return ValidationError("cannot read seed file " + path);
  std::ostringstream text;
  text << file.rdbuf();
  Result<nlohmann::json> document = ParseStrictJson(text.str(), "the file");
  if (!document) return ValidationError(path + ": " + SeedError(document.error().message).message);
  return document;
}

}  // namespace gofast::json
