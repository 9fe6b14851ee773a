// ParseIso8601 (shared/core/time.h) with the input as the text. An instant it
// accepts, written by FormatIso8601 as runs store their dates, must read back
// as the same instant to the millisecond.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "shared/core/time.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gofast;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const std::optional<ParsedDate> parsed = ParseIso8601(text);
  if (!parsed) return 0;
  fuzz::Check(parsed->date_only == (text.size() == 10), "a date alone is exactly YYYY-MM-DD");
  const std::string written = FormatIso8601(parsed->time);
  const std::optional<ParsedDate> reread = ParseIso8601(written);
  fuzz::Check(reread && !reread->date_only && reread->time == parsed->time,
              "FormatIso8601 writes an instant that ParseIso8601 reads back the same");
  return 0;
}
