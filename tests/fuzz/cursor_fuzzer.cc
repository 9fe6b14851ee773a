// The page request reader (ParsePageRequest, shared/http/pagination.h) with
// the input as the `cursor` query parameter, or, when it holds a newline, the
// bytes before it as `limit` and the rest as `cursor`. A cursor it accepts
// must come back unchanged through EncodeCursor, which writes every cursor.
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "shared/http/pagination.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

constexpr size_t kDefaultLimit = 20;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gofast;
  std::string_view cursor(reinterpret_cast<const char*>(data), size);
  httplib::Request request;
  if (const size_t newline = cursor.find('\n'); newline != std::string_view::npos) {
    request.params.emplace("limit", std::string(cursor.substr(0, newline)));
    cursor.remove_prefix(newline + 1);
  }
  request.params.emplace("cursor", std::string(cursor));

  const Result<http::PageRequest> page = http::ParsePageRequest(request, kDefaultLimit);
  if (!page) {
    fuzz::Check(page.error().code == ErrorCode::kValidationFailed,
                "a bad limit or cursor is VALIDATION_FAILED");
    return 0;
  }
  fuzz::Check(page->limit >= 1 && page->limit <= http::kMaxPageLimit, "the limit is 1 to 500");
  fuzz::Check(page->after.has_value(), "an accepted cursor names a position");

  httplib::Request next;
  next.params.emplace("cursor", http::EncodeCursor(*page->after));
  const Result<http::PageRequest> reread = http::ParsePageRequest(next, kDefaultLimit);
  fuzz::Check(reread && reread->after && reread->after->sort_key == page->after->sort_key &&
                  reread->after->id == page->after->id,
              "EncodeCursor writes a cursor that reads back as the same position");
  return 0;
}
