#include "company_service/http/staff_handlers.h"

#include "shared/http/pagination.h"

namespace gofast::company {
namespace {

constexpr size_t kDefaultStaffPageLimit = 100;
constexpr size_t kMaxNameLength = 2000;

nlohmann::json OptionalJson(const std::optional<std::string>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

// An optional text field of a body: absent or null is nullopt; a string is
// trimmed and an empty one is nullopt; anything else is a 400 naming it.
Result<std::optional<std::string>> OptionalText(const nlohmann::json& body, const char* name) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) return MakeError(ErrorCode::kValidationFailed, std::string(name) + " must be a string");
  const std::string& text = it->get_ref<const std::string&>();
  if (text.find('\0') != std::string::npos) {
    return MakeError(ErrorCode::kValidationFailed, std::string(name) + " must not contain NUL");
  }
  if (text.size() > kMaxNameLength) {
    return MakeError(ErrorCode::kValidationFailed,
                     std::string(name) + " must be at most " + std::to_string(kMaxNameLength) + " characters");
  }
  const size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string::npos) return std::optional<std::string>();
  return std::optional<std::string>(text.substr(start, text.find_last_not_of(" \t\r\n") - start + 1));
}

Result<ProfileFields> ReadProfile(const nlohmann::json& body) {
  ProfileFields profile;
  struct Field {
    const char* name;
    std::optional<std::string>* target;
  };
  for (const Field& field : {Field{"firstName", &profile.first_name}, Field{"lastName", &profile.last_name},
                             Field{"photoURL", &profile.photo_url}}) {
    Result<std::optional<std::string>> value = OptionalText(body, field.name);
    if (!value) return value.error();
    *field.target = std::move(value).value();
  }
  return profile;
}

// The handlers' common start: 401 before 415/400, as the contract orders them.
struct AuthenticatedBody {
  auth::VerifiedToken caller;
  nlohmann::json body;
};

Result<AuthenticatedBody> AuthenticateWithBody(const auth::TokenVerifier& verifier,
                                               const http::Request& request, bool allow_empty) {
  Result<auth::VerifiedToken> caller = http::Authenticate(verifier, request);
  if (!caller) return caller.error();
  Result<nlohmann::json> body = http::ParseJsonObject(request, allow_empty);
  if (!body) return body.error();
  return AuthenticatedBody{std::move(caller).value(), std::move(body).value()};
}

}  // namespace

nlohmann::json StaffToJson(const Staff& staff) {
  nlohmann::json name = nullptr;
  if (staff.first_name || staff.last_name) {
    name = staff.first_name && staff.last_name ? *staff.first_name + " " + *staff.last_name
                                               : staff.first_name.value_or(staff.last_name.value_or(""));
  }
  return {{"id", staff.id},
          {"firebaseId", staff.firebase_id},
          {"email", staff.email},
          {"firstName", OptionalJson(staff.first_name)},
          {"lastName", OptionalJson(staff.last_name)},
          {"name", name},
          {"photoURL", OptionalJson(staff.photo_url)},
          {"role", staff.role},
          {"companyId", OptionalJson(staff.company_id)},
          {"startDate", OptionalJson(staff.start_date)},
          {"createdAt", staff.created_at},
          {"updatedAt", staff.updated_at}};
}

void RegisterStaffRoutes(http::Server& server, StaffService& staff, const auth::TokenVerifier& verifier) {
  server.Route("POST", "/api/staff/find-or-create",
               [&staff, &verifier](const http::Request& request, httplib::Response& res) {
                 Result<AuthenticatedBody> input = AuthenticateWithBody(verifier, request, true);
                 if (!input) return http::WriteError(res, input.error());
                 Result<ProfileFields> profile = ReadProfile(input->body);
                 if (!profile) return http::WriteError(res, profile.error());
                 Result<FindOrCreateOutcome> outcome = staff.FindOrCreate(input->caller, profile.value());
                 if (!outcome) return http::WriteError(res, outcome.error());
                 http::WriteJson(res, outcome->created ? 201 : 200,
                                 {{"success", true},
                                  {"created", outcome->created},
                                  {"linked", outcome->linked},
                                  {"staff", StaffToJson(outcome->staff)}});
               });

  server.Route("GET", "/api/staff/:id", [&staff, &verifier](const http::Request& request, httplib::Response& res) {
    Result<auth::VerifiedToken> caller = http::Authenticate(verifier, request);
    if (!caller) return http::WriteError(res, caller.error());
    Result<Staff> found = staff.Get(caller.value(), request.params[0]);
    if (!found) return http::WriteError(res, found.error());
    http::WriteJson(res, 200, {{"success", true}, {"staff", StaffToJson(found.value())}});
  });

  server.Route("GET", "/api/staff", [&staff, &verifier](const http::Request& request, httplib::Response& res) {
    Result<auth::VerifiedToken> caller = http::Authenticate(verifier, request);
    if (!caller) return http::WriteError(res, caller.error());
    Result<http::PageRequest> page = http::ParsePageRequest(request.raw, kDefaultStaffPageLimit);
    if (!page) return http::WriteError(res, page.error());
    std::optional<StaffCursor> after;
    if (page->after) after = StaffCursor{page->after->sort_key, page->after->id};
    Result<StaffPage> listed = staff.List(caller.value(), page->limit, after);
    if (!listed) return http::WriteError(res, listed.error());
    nlohmann::json rows = nlohmann::json::array();
    for (const Staff& member : listed->staff) rows.push_back(StaffToJson(member));
    nlohmann::json next = nullptr;
    if (listed->has_more) {
      next = http::EncodeCursor({listed->staff.back().updated_at, listed->staff.back().id});
    }
    http::WriteJson(res, 200, {{"success", true}, {"staff", std::move(rows)}, {"nextCursor", next}});
  });

  server.Route("POST", "/api/staff/invite", [&staff, &verifier](const http::Request& request, httplib::Response& res) {
    Result<AuthenticatedBody> input = AuthenticateWithBody(verifier, request, false);
    if (!input) return http::WriteError(res, input.error());
    InviteRequest invite;
    Result<ProfileFields> profile = ReadProfile(input->body);
    if (!profile) return http::WriteError(res, profile.error());
    invite.profile = std::move(profile).value();
    invite.profile.photo_url.reset();  // not part of an invitation
    for (const auto& [name, target] : {std::pair{"email", &invite.email}, std::pair{"role", &invite.role}}) {
      Result<std::optional<std::string>> value = OptionalText(input->body, name);
      if (!value) return http::WriteError(res, value.error());
      *target = std::move(value).value();
    }
    Result<Staff> invited = staff.Invite(input->caller, invite);
    if (!invited) return http::WriteError(res, invited.error());
    http::WriteJson(res, 201, {{"success", true}, {"staff", StaffToJson(invited.value())}});
  });
}

}  // namespace gofast::company
