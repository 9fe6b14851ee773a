#include "app_service/gateway/company_staff_feed.h"

#include <charconv>

namespace gofast::app {
namespace {

using nlohmann::json;

Error Unusable(const std::string& why) {
  return MakeError(ErrorCode::kUnavailable, "the company's change feed " + why);
}

// A cursor is decimal text ("0", "12").
std::optional<int64_t> ReadCursor(const json& value) {
  if (!value.is_string()) return std::nullopt;
  const std::string& text = value.get_ref<const std::string&>();
  int64_t cursor = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), cursor);
  if (error != std::errc() || end != text.data() + text.size() || cursor < 0) return std::nullopt;
  return cursor;
}

bool ReadText(const json& object, const char* key, std::string& out) {
  const auto found = object.find(key);
  if (found == object.end() || !found->is_string()) return false;
  out = found->get<std::string>();
  return true;
}

bool ReadOptionalText(const json& object, const char* key, std::optional<std::string>& out) {
  const auto found = object.find(key);
  if (found == object.end() || found->is_null()) {
    out.reset();
    return true;
  }
  if (!found->is_string()) return false;
  out = found->get<std::string>();
  return true;
}

Result<FeedChange> ReadChange(const json& entry) {
  if (!entry.is_object()) return Unusable("answered a change that is not an object");
  FeedChange change;
  const std::optional<int64_t> cursor = ReadCursor(entry.value("cursor", json()));
  if (!cursor) return Unusable("answered a change without a decimal cursor");
  change.cursor = *cursor;
  if (!ReadText(entry, "kind", change.kind) ||
      (change.kind != "created" && change.kind != "linked" && change.kind != "updated" &&
       change.kind != "removed")) {
    return Unusable("answered a change of no known kind");
  }
  if (!ReadText(entry, "at", change.at)) return Unusable("answered a change without `at`");
  const auto staff = entry.find("staff");
  if (staff == entry.end() || !staff->is_object()) {
    return Unusable("answered a change without a staff object");
  }
  ReplicaStaff& row = change.staff;
  if (!ReadText(*staff, "id", row.id) || !ReadText(*staff, "firebaseId", row.firebase_id) ||
      !ReadText(*staff, "email", row.email) || !ReadText(*staff, "role", row.role) ||
      !ReadText(*staff, "updatedAt", row.company_updated_at) ||
      !ReadOptionalText(*staff, "firstName", row.first_name) ||
      !ReadOptionalText(*staff, "lastName", row.last_name) ||
      !ReadOptionalText(*staff, "companyId", row.company_id)) {
    return Unusable(
        "answered a staff object without its id, firebaseId, email, role or "
        "updatedAt as text");
  }
  row.removed = change.kind == "removed";
  return change;
}

}  // namespace

Result<FeedPage> FeedPageFromAnswer(const client::CallResult& answer) {
  if (!answer.answered()) return Unusable("did not answer: " + answer.transport_error);
  if (answer.status != 200) return Unusable("answered " + answer.Summary());
  const json& body = answer.body;
  if (!answer.unreadable_body.empty()) {
    return Unusable("answer could not be read: " + answer.unreadable_body);
  }
  if (!body.is_object() || !body.contains("changes") || !body["changes"].is_array()) {
    return Unusable("answered no changes array");
  }
  FeedPage page;
  const std::optional<int64_t> next = ReadCursor(body.value("nextCursor", json()));
  if (!next) return Unusable("answered no decimal nextCursor");
  page.next_cursor = *next;
  page.changes.reserve(body["changes"].size());
  for (const json& entry : body["changes"]) {
    Result<FeedChange> change = ReadChange(entry);
    if (!change) return change.error();
    page.changes.push_back(std::move(change).value());
  }
  return page;
}

CompanyStaffFeed::CompanyStaffFeed(const std::string& company_url, std::string internal_api_key,
                                   std::chrono::milliseconds timeout)
    : client_(company_url, timeout), internal_api_key_(std::move(internal_api_key)) {}

Result<FeedPage> CompanyStaffFeed::ChangesAfter(int64_t cursor, size_t limit) {
  return FeedPageFromAnswer(client_.Get(
      "/api/staff/changes?cursor=" + std::to_string(cursor) + "&limit=" + std::to_string(limit),
      internal_api_key_));
}

}  // namespace gofast::app
