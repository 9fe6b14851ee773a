#include "shared/json/strict_json.h"

#include <string>
#include <unordered_set>
#include <vector>

namespace gofast::json {
namespace {

// Thrown from the parser's callback to stop at the first refused rule.
struct Refused {
  const char* why;
};

}  // namespace

Result<nlohmann::json> ParseStrictJson(std::string_view text, std::string_view what,
                                       size_t max_depth) {
  const auto refuse = [what](std::string_view why) {
    return MakeError(ErrorCode::kBadJson, std::string(what).append(" ").append(why));
  };
  if (text.find('\0') != std::string_view::npos) return refuse("holds a NUL byte");
  // The keys of each object (and an unused set for each array) open at this point.
  std::vector<std::unordered_set<std::string>> open;
  const auto check = [&open, max_depth](int /*depth*/, nlohmann::json::parse_event_t event,
                                        nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    switch (event) {
      case Event::object_start:
      case Event::array_start:
        if (open.size() >= max_depth) throw Refused{"nests objects and arrays too deeply"};
        open.emplace_back();
        break;
      case Event::key:
        if (!open.back().insert(parsed.get<std::string>()).second) {
          throw Refused{"gives a key twice in one object"};
        }
        break;
      case Event::object_end:
      case Event::array_end:
        open.pop_back();
        break;
      case Event::value:
        break;
    }
    return true;
  };
  try {
    return nlohmann::json::parse(text.begin(), text.end(), check);
  } catch (const Refused& refused) {
    return refuse(refused.why);
  } catch (const nlohmann::json::exception&) {  // never echo its message: it quotes the input
    return refuse("is not valid JSON");
  }
}

}  // namespace gofast::json
