#include "company_service/http/routes.h"

#include "company_service/http/body_readers.h"
#include "company_service/http/json_views.h"
#include "shared/http/pagination.h"

namespace gofast::company {
namespace {

using nlohmann::json;

constexpr size_t kDefaultStaffPerPage = 100;

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
  http::WriteJson(res, outcome->created ? 201 : 200,
                  {{"success", true},
                   {"created", outcome->created},
                   {"linked", outcome->linked},
                   {"staff", StaffToJson(outcome->staff)}});
}

void GetStaff(const auth::TokenVerifier& verifier, StaffService& staff,
              const http::Request& request, httplib::Response& res) {
  const Result<Caller> caller = http::Authenticate(verifier, request);
  if (!caller) return http::WriteError(res, caller.error());
  const Result<Staff> found = staff.Get(caller.value(), request.params.at(0));
  if (!found) return http::WriteError(res, found.error());
  http::WriteJson(res, 200, {{"success", true}, {"staff", StaffToJson(found.value())}});
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
  json rows = json::array();
  for (const Staff& member : listed->staff) rows.push_back(StaffToJson(member));
  json next = nullptr;
  if (listed->has_more) {
    next = http::EncodeCursor({listed->staff.back().updated_at, listed->staff.back().id});
  }
  http::WriteJson(res, 200, {{"success", true}, {"staff", std::move(rows)}, {"nextCursor", next}});
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
  http::WriteJson(res, 201, {{"success", true}, {"staff", StaffToJson(invited.value())}});
}

}  // namespace

void AddRoutes(http::Server& server, const auth::TokenVerifier& verifier, StaffService& staff) {
  server.Route("POST", "/api/staff/find-or-create",
               [&](const http::Request& request, httplib::Response& res) {
                 FindOrCreateStaff(verifier, staff, request, res);
               });
  server.Route("GET", "/api/staff/:id", [&](const http::Request& request, httplib::Response& res) {
    GetStaff(verifier, staff, request, res);
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
