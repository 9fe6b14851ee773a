// The input as the body of POST /api/runs/create: read strictly, then step 0
// (ParseRunInput, app_service/http/body_readers.h). What it accepts goes on to the rules
// the route runs next (CheckRequiredFields, BuildRunDraft), which read its
// dates and numbers; the dates a draft stores must read back as dates.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "app_service/http/body_readers.h"
#include "shared/core/text.h"
#include "shared/core/time.h"
#include "shared/json/strict_json.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gofast;
  // Read as the route reads it (ParseJsonObject): strictly.
  const Result<nlohmann::json> parsed = json::ParseStrictJson(
      std::string_view(reinterpret_cast<const char*>(data), size), "The request body");
  if (!parsed) return 0;
  const nlohmann::json& body = parsed.value();
  const Result<app::RunInput> input = app::ParseRunInput(body);
  if (!input) {
    const ErrorCode expected =
        body.is_object() ? ErrorCode::kValidationFailed : ErrorCode::kBadJson;
    fuzz::Check(input.error().code == expected,
                "step 0 refuses a non-object as BAD_JSON and a field as VALIDATION_FAILED");
    return 0;
  }
  for (const auto& [name, text] : input->text) {
    fuzz::Check(
        !text.empty() && TrimWhitespace(text) == text && text.find('\0') == std::string::npos,
        "step 0 keeps text fields trimmed, non-empty and without NUL");
  }
  if (!app::CheckRequiredFields(input.value())) return 0;
  const Result<app::RunDraft> draft = app::BuildRunDraft(input.value());
  if (!draft) {
    fuzz::Check(draft.error().code == ErrorCode::kValidationFailed,
                "the rules refuse a run as VALIDATION_FAILED");
    return 0;
  }
  const app::Run& run = draft->run;
  fuzz::Check(!run.city_slug.empty(), "a draft has a city slug");
  const std::optional<std::string> dates[] = {run.start_date, run.date, run.end_date,
                                              run.recurrence_ends_on};
  for (const std::optional<std::string>& date : dates) {
    fuzz::Check(!date || ParseIso8601(*date).has_value(), "a draft stores ISO-8601 dates");
  }
  return 0;
}
