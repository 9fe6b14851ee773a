#include "shared/json/strict_json.h"

#include <string>
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
  // How many keys each object (and, unused, each array) open at this point has
  // given: an object ending with fewer members than that got a key twice.
  // Counting, rather than keeping each key, copies no key.
  std::vector<size_t> keys_given;
  const auto check = [&keys_given, max_depth](int /*depth*/, nlohmann::json::parse_event_t event,
                                              nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    switch (event) {
      case Event::object_start:
      case Event::array_start:
        if (keys_given.size() >= max_depth) throw Refused{"nests objects and arrays too deeply"};
        keys_given.push_back(0);
        break;
      case Event::key:
        ++keys_given.back();
        break;
      case Event::object_end:
        if (parsed.size() != keys_given.back()) throw Refused{"gives a key twice in one object"};
        keys_given.pop_back();
        break;
      case Event::array_end:
        keys_given.pop_back();
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
