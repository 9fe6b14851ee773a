#include "shared/json/json_path.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

namespace gofast::json {
namespace {

constexpr size_t kMaxNameInPath = 64;

}  // namespace

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

}  // namespace gofast::json
