#include "company_service/http/routes.h"

#include "company_service/http/body_readers.h"
#include "company_service/http/json_views.h"
#include "shared/http/pagination.h"

namespace gofast::company {
namespace {

// {"success": true, "staff": {...}} and the fields `more` writes after them.
template <typename More>
void WriteStaffAnswer(httplib::Response& res, int status, const Staff& staff, More more) {
  std::string text;
  http::JsonWriter out(text);
  out.BeginObject().Key("success").Bool(true).Key("staff");
  WriteStaff(out, staff);
  more(out);
  out.EndObject();
  http::WriteJsonText(res, status, std::move(text));
}

void WriteStaffAnswer(httplib::Response& res, int status, const Staff& staff) {
  WriteStaffAnswer(res, status, staff, [](http::JsonWriter&) {});
}

using nlohmann::json;

constexpr size_t kDefaultStaffPerPage = 100;
constexpr size_t kDefaultChangesPerPage = 100;

void FindOrCreateStaff(const auth::TokenVerifier& verifier, StaffService& staff,
                       const http::Request& request, httplib::Response& res) {
  const Result<Caller> caller = http::Authenticate(verifier, request);
  if (!caller) return http::WriteError(res, caller.error());
  // Identity comes from the token alone; a body may only offer names.
  const Result<json> body = http::ParseJsonObject(request, /*allow_empty=*/true);
  if (!body) return http::WriteError(res, body.error());
  const Result<ProfileFields> profile = ReadProfile(body.value());
  if (!profile) return http::WriteError(res, profile.error());
  const Result<FindOrCreateOutcome> outcome = staff.FindOrCreate(caller.value(), profile.value());
  if (!outcome) return http::WriteError(res, outcome.error());
  WriteStaffAnswer(res, outcome->created ? 201 : 200, outcome->staff, [&](http::JsonWriter& out) {
    out.Key("created").Bool(outcome->created).Key("linked").Bool(outcome->linked);
  });
}

void GetStaff(const auth::TokenVerifier& verifier, StaffService& staff,
              const http::Request& request, httplib::Response& res) {
  const Result<Caller> caller = http::Authenticate(verifier, request);
  if (!caller) return http::WriteError(res, caller.error());
  const Result<Staff> found = staff.Get(caller.value(), request.params.at(0));
  if (!found) return http::WriteError(res, found.error());
  WriteStaffAnswer(res, 200, found.value());
}

void ListStaff(const auth::TokenVerifier& verifier, StaffService& staff,
               const http::Request& request, httplib::Response& res) {
  const Result<Caller> caller = http::Authenticate(verifier, request);
  if (!caller) return http::WriteError(res, caller.error());
  const Result<http::PageRequest> page = http::ParsePageRequest(request.raw, kDefaultStaffPerPage);
  if (!page) return http::WriteError(res, page.error());
  std::optional<StaffCursor> after;
  if (page->after) after = StaffCursor{page->after->sort_key, page->after->id};
  const Result<StaffPage> listed = staff.List(caller.value(), page->limit, after);
  if (!listed) return http::WriteError(res, listed.error());
  std::string text;
  http::JsonWriter out(text);
  out.BeginObject().Key("success").Bool(true).Key("staff").BeginArray();
  for (const Staff& member : listed->staff) WriteStaff(out, member);
  out.EndArray().Key("nextCursor");
  if (listed->has_more) {
    out.String(http::EncodeCursor({listed->staff.back().updated_at, listed->staff.back().id}));
  } else {
    out.Null();
  }
  out.EndObject();
  http::WriteJsonText(res, 200, std::move(text));
}

void InviteStaff(const auth::TokenVerifier& verifier, StaffService& staff,
                 const http::Request& request, httplib::Response& res) {
  const Result<Caller> caller = http::Authenticate(verifier, request);
  if (!caller) return http::WriteError(res, caller.error());
  const Result<json> body = http::ParseJsonObject(request, /*allow_empty=*/false);
  if (!body) return http::WriteError(res, body.error());
  const Result<InviteRequest> invite = ReadInvite(body.value());
  if (!invite) return http::WriteError(res, invite.error());
  const Result<Staff> invited = staff.Invite(caller.value(), invite.value());
  if (!invited) return http::WriteError(res, invited.error());
  WriteStaffAnswer(res, 201, invited.value());
}

void UpdateStaff(const auth::TokenVerifier& verifier, StaffService& staff,
                 const http::Request& request, httplib::Response& res) {
  const Result<Caller> caller = http::Authenticate(verifier, request);
  if (!caller) return http::WriteError(res, caller.error());
  const Result<json> body = http::ParseJsonObject(request, /*allow_empty=*/false);
  if (!body) return http::WriteError(res, body.error());
  const Result<StaffEdit> edit = ReadStaffEdit(body.value());
  if (!edit) return http::WriteError(res, edit.error());
  const Result<Staff> updated = staff.Update(caller.value(), request.params.at(0), edit.value());
  if (!updated) return http::WriteError(res, updated.error());
  WriteStaffAnswer(res, 200, updated.value());
}

void RemoveStaff(const auth::TokenVerifier& verifier, StaffService& staff,
                 const http::Request& request, httplib::Response& res) {
  const Result<Caller> caller = http::Authenticate(verifier, request);
  if (!caller) return http::WriteError(res, caller.error());
  const Result<Staff> removed = staff.Remove(caller.value(), request.params.at(0));
  if (!removed) return http::WriteError(res, removed.error());
  WriteStaffAnswer(res, 200, removed.value());
}

// A feed position: the decimal text of a change's position; "0", empty or
// absent for the start of the feed.
Result<int64_t> ParseFeedCursor(const httplib::Request& request) {
  const std::string text = request.get_param_value("cursor");
  if (text.empty()) return int64_t{0};
  if (text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) {
    return FieldValidationError("cursor",
                                "cursor is not valid: pass the nextCursor of the previous answer");
  }
  return std::stoll(text);
}

void StaffChanges(const std::string& internal_api_key, StaffService& staff,
                  const http::Request& request, httplib::Response& res) {
  if (internal_api_key.empty()) {
    return http::WriteError(
        res, MakeError(ErrorCode::kNotFound,
                       "No change feed: company_service was started without --internal-api-key"));
  }
  if (Status allowed = http::AuthenticateService(request, internal_api_key); !allowed) {
    return http::WriteError(res, allowed.error());
  }
  const Result<int64_t> after = ParseFeedCursor(request.raw);
  if (!after) return http::WriteError(res, after.error());
  const Result<size_t> limit = http::ParseLimit(request.raw, kDefaultChangesPerPage);
  if (!limit) return http::WriteError(res, limit.error());
  const Result<std::vector<StaffChange>> changes = staff.Changes(after.value(), limit.value());
  if (!changes) return http::WriteError(res, changes.error());
  std::string text;
  http::JsonWriter out(text);
  out.BeginObject().Key("success").Bool(true).Key("changes").BeginArray();
  for (const StaffChange& change : changes.value()) {
    out.BeginObject()
        .Key("cursor")
        .String(std::to_string(change.position))
        .Key("kind")
        .String(StaffChangeKindName(change.kind))
        .Key("staff");
    WriteStaff(out, change.staff);
    out.Key("at").String(change.at).EndObject();
  }
  // Never null: where the next read starts, this one's end or its start when nothing was new.
  const int64_t next = changes->empty() ? after.value() : changes->back().position;
  out.EndArray().Key("nextCursor").String(std::to_string(next)).EndObject();
  http::WriteJsonText(res, 200, std::move(text));
}

}  // namespace

void AddRoutes(http::Server& server, const auth::TokenVerifier& verifier, StaffService& staff,
               const std::string& internal_api_key) {
  server.Route("POST", "/api/staff/find-or-create",
               [&](const http::Request& request, httplib::Response& res) {
                 FindOrCreateStaff(verifier, staff, request, res);
               });
  server.Route("GET", "/api/staff/:id", [&](const http::Request& request, httplib::Response& res) {
    GetStaff(verifier, staff, request, res);
  });
  server.Route("PATCH", "/api/staff/:id",
               [&](const http::Request& request, httplib::Response& res) {
                 UpdateStaff(verifier, staff, request, res);
               });
  server.Route("DELETE", "/api/staff/:id",
               [&](const http::Request& request, httplib::Response& res) {
                 RemoveStaff(verifier, staff, request, res);
               });
  server.Route("GET", "/api/staff/changes",
               [&staff, internal_api_key](const http::Request& request, httplib::Response& res) {
                 StaffChanges(internal_api_key, staff, request, res);
               });
  server.Route("GET", "/api/staff", [&](const http::Request& request, httplib::Response& res) {
    ListStaff(verifier, staff, request, res);
  });
  server.Route("POST", "/api/staff/invite",
               [&](const http::Request& request, httplib::Response& res) {
                 InviteStaff(verifier, staff, request, res);
               });
}

}  // namespace gofast::company
