#include "app_service/http/body_readers.h"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "shared/core/text.h"
#include "shared/http/json_fields.h"

namespace gofast::app {
namespace {

using nlohmann::json;

enum class InputKind { kText, kNumber, kBoolean, kObject };

struct InputField {
  std::string_view name;
  InputKind kind;
  size_t max_characters;
};

constexpr size_t kDefaultMaxCharacters = 2000;

// Every field POST /api/runs/create reads: the run's writable columns plus
// cityName and state (slug inputs only) and the runClub object.
constexpr std::array<InputField, 37> kInputFields = {{
    {"citySlug", InputKind::kText, kDefaultMaxCharacters},
    {"cityName", InputKind::kText, kDefaultMaxCharacters},
    {"state", InputKind::kText, kDefaultMaxCharacters},
    {"runClub", InputKind::kObject, kDefaultMaxCharacters},
    {"runClubSlug", InputKind::kText, kDefaultMaxCharacters},
    {"staffGeneratedId", InputKind::kText, kDefaultMaxCharacters},
    {"athleteGeneratedId", InputKind::kText, kDefaultMaxCharacters},
    {"title", InputKind::kText, 300},
    {"isRecurring", InputKind::kBoolean, kDefaultMaxCharacters},
    {"dayOfWeek", InputKind::kText, kDefaultMaxCharacters},
    {"startDate", InputKind::kText, kDefaultMaxCharacters},
    {"endDate", InputKind::kText, kDefaultMaxCharacters},
    {"date", InputKind::kText, kDefaultMaxCharacters},
    {"startTimeHour", InputKind::kNumber, kDefaultMaxCharacters},
    {"startTimeMinute", InputKind::kNumber, kDefaultMaxCharacters},
    {"startTimePeriod", InputKind::kText, kDefaultMaxCharacters},
    {"timezone", InputKind::kText, kDefaultMaxCharacters},
    {"meetUpPoint", InputKind::kText, kDefaultMaxCharacters},
    {"meetUpAddress", InputKind::kText, kDefaultMaxCharacters},
    {"meetUpStreetAddress", InputKind::kText, kDefaultMaxCharacters},
    {"meetUpCity", InputKind::kText, kDefaultMaxCharacters},
    {"meetUpState", InputKind::kText, kDefaultMaxCharacters},
    {"meetUpZip", InputKind::kText, kDefaultMaxCharacters},
    {"meetUpPlaceId", InputKind::kText, kDefaultMaxCharacters},
    {"meetUpLat", InputKind::kNumber, kDefaultMaxCharacters},
    {"meetUpLng", InputKind::kNumber, kDefaultMaxCharacters},
    {"endPoint", InputKind::kText, kDefaultMaxCharacters},
    {"endStreetAddress", InputKind::kText, kDefaultMaxCharacters},
    {"endCity", InputKind::kText, kDefaultMaxCharacters},
    {"endState", InputKind::kText, kDefaultMaxCharacters},
    {"recurrenceRule", InputKind::kText, kDefaultMaxCharacters},
    {"recurrenceEndsOn", InputKind::kText, kDefaultMaxCharacters},
    {"recurrenceNote", InputKind::kText, kDefaultMaxCharacters},
    {"totalMiles", InputKind::kNumber, kDefaultMaxCharacters},
    {"pace", InputKind::kText, kDefaultMaxCharacters},
    {"stravaMapUrl", InputKind::kText, kDefaultMaxCharacters},
    {"description", InputKind::kText, 20000},
}};

// A decimal number written the way JSON or JavaScript's Number() would
// read it: optional sign, digits with an optional fraction, optional exponent.
std::optional<double> ParseNumberText(std::string_view text) {
  size_t i = 0;
  const auto digits = [&] {
    const size_t start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    return i - start;
  };
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  size_t mantissa_digits = digits();
  if (i < text.size() && text[i] == '.') {
    ++i;
    mantissa_digits += digits();
  }
  if (mantissa_digits == 0) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (digits() == 0) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  const std::string copy(text);
  const double value = std::strtod(copy.c_str(), nullptr);
  if (!std::isfinite(value)) return std::nullopt;
  return value;
}

Result<std::optional<double>> ReadNumber(const std::string& name, const json& value) {
  if (value.is_number()) return std::optional<double>(value.get<double>());
  if (value.is_string()) {
    const std::string_view trimmed = TrimWhitespace(value.get_ref<const std::string&>());
    if (trimmed.empty()) return std::optional<double>();
    if (const std::optional<double> number = ParseNumberText(trimmed)) return number;
  }
  return FieldValidationError(name, name + " must be a number");
}

Result<std::optional<bool>> ReadBoolean(const std::string& name, const json& value) {
  if (value.is_boolean()) return std::optional<bool>(value.get<bool>());
  if (value.is_string()) {
    const std::string_view trimmed = TrimWhitespace(value.get_ref<const std::string&>());
    if (trimmed.empty()) return std::optional<bool>();
    if (trimmed == "true") return std::optional<bool>(true);
    if (trimmed == "false") return std::optional<bool>(false);
  }
  return FieldValidationError(name, name + " must be a boolean");
}

Result<RunClubInput> ReadRunClub(const std::string& name, const json& value) {
  if (!value.is_object()) return FieldValidationError(name, name + " must be an object");
  RunClubInput club;
  const std::pair<const char*, std::optional<std::string>*> fields[] = {{"slug", &club.slug},
                                                                        {"name", &club.name},
                                                                        {"logoUrl", &club.logo_url},
                                                                        {"logo", &club.logo},
                                                                        {"city", &club.city}};
  for (const auto& [field, target] : fields) {
    const auto it = value.find(field);
    if (it == value.end() || it->is_null()) continue;
    Result<std::optional<std::string>> text =
        http::ReadTextField(name + "." + field, *it, kDefaultMaxCharacters);
    if (!text) return text.error();
    *target = std::move(text).value();
  }
  return club;
}

}  // namespace

std::vector<std::string_view> RunInputFieldNames() {
  std::vector<std::string_view> names;
  for (const InputField& field : kInputFields) names.push_back(field.name);
  return names;
}

Result<RunInput> ParseRunInput(const json& body) {
  if (!body.is_object()) {
    return MakeError(ErrorCode::kBadJson, "The request body must be a JSON object");
  }
  RunInput input;
  for (const InputField& field : kInputFields) {
    const std::string name(field.name);
    const auto it = body.find(name);
    if (it == body.end() || it->is_null()) continue;
    // A blank string is null whatever the field's type: step 0 trims first.
    if (it->is_string() && TrimWhitespace(it->get_ref<const std::string&>()).empty()) continue;
    switch (field.kind) {
      case InputKind::kText: {
        Result<std::optional<std::string>> text =
            http::ReadTextField(name, *it, field.max_characters);
        if (!text) return text.error();
        if (text.value()) input.text.emplace(name, std::move(*text.value()));
        break;
      }
      case InputKind::kNumber: {
        const Result<std::optional<double>> number = ReadNumber(name, *it);
        if (!number) return number.error();
        if (number.value()) input.numbers.emplace(name, *number.value());
        break;
      }
      case InputKind::kBoolean: {
        const Result<std::optional<bool>> flag = ReadBoolean(name, *it);
        if (!flag) return flag.error();
        input.is_recurring = flag.value();
        break;
      }
      case InputKind::kObject: {
        Result<RunClubInput> club = ReadRunClub(name, *it);
        if (!club) return club.error();
        input.run_club = std::move(club).value();
        break;
      }
    }
  }
  return input;
}

}  // namespace gofast::app
