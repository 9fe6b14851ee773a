#include "app_service/http/routes.h"

#include <algorithm>
#include <string>

#include "app_service/http/body_readers.h"
#include "app_service/http/json_views.h"
#include "shared/auth/crypto.h"
#include "shared/core/text.h"
#include "shared/http/connection_loop.h"
#include "shared/http/pagination.h"

namespace gofast::app {
namespace {

using nlohmann::json;

constexpr size_t kDefaultRunsPerPage = 50;
// About the JSON of a run with every field set.
constexpr size_t kAnswerBytesPerRun = 1536;

// A list filter from the query string: trimmed, and empty means absent.
std::optional<std::string> FilterParam(const httplib::Request& raw, const char* name) {
  if (!raw.has_param(name)) return std::nullopt;
  const std::string raw_value = raw.get_param_value(name);
  const std::string_view value = TrimWhitespace(raw_value);
  if (value.empty()) return std::nullopt;
  return std::string(value);
}

// The contract's word for a resolution.
const char* ResolutionWord(AuditResolution resolution) {
  switch (resolution) {
    case AuditResolution::kFound:
      return "found";
    case AuditResolution::kMismatch:
      return "mismatch";
    case AuditResolution::kNotFound:
      return "not_found";
    case AuditResolution::kCompanyDenied:
      return "company_denied";
    case AuditResolution::kCompanyUnavailable:
      return "company_unavailable";
    case AuditResolution::kAthlete:
      return "athlete";
  }
  return "company_unavailable";
}

// 200 {"success": true, "run": {...}}.
void WriteRunAnswer(httplib::Response& res, const Run& run) {
  std::string text;
  http::JsonWriter out(text);
  out.BeginObject().Key("success").Bool(true).Key("run");
  WriteRun(out, run);
  out.EndObject();
  http::WriteJsonText(res, 200, std::move(text));
}

// The Idempotency-Key header, when sent: once, 1-255 printable ASCII
// characters, with the SHA-256 of the body it came with.
Result<std::optional<IdempotencyKey>> ReadIdempotencyKey(const http::Request& request) {
  constexpr char kHeader[] = "Idempotency-Key";
  const size_t count = request.raw.get_header_value_count(kHeader) +
                       (http::ConnectionLoop::SentEmptyHeader(kHeader) ? 1 : 0);
  if (count == 0) return std::optional<IdempotencyKey>();
  const std::string key = request.raw.get_header_value(kHeader);
  const bool printable =
      std::all_of(key.begin(), key.end(), [](char c) { return c >= 0x20 && c <= 0x7e; });
  if (count > 1 || key.empty() || key.size() > 255 || !printable) {
    return FieldValidationError(
        kHeader, "Idempotency-Key must be sent once, as 1 to 255 printable ASCII characters");
  }
  return std::optional<IdempotencyKey>(IdempotencyKey{key, auth::Sha256Hex(request.body)});
}

// 409 in the real route's words, naming the run this one repeats.
void WriteDuplicateAnswer(httplib::Response& res, const Run& existing) {
  std::string text;
  http::JsonWriter out(text);
  out.BeginObject()
      .Key("success")
      .Bool(false)
      .Key("duplicate")
      .Bool(true)
      .Key("code")
      .String(WireCode(ErrorCode::kDuplicateRun))
      .Key("error")
      .String(
          "A run for this club with the same title and date (or same source URL) already "
          "exists.")
      .Key("existingRunId")
      .String(existing.id)
      .Key("existingRun")
      .BeginObject()
      .Key("id")
      .String(existing.id)
      .Key("title")
      .String(existing.title)
      .Key("date")
      .String(existing.date)
      .EndObject()
      .EndObject();
  http::WriteJsonText(res, http::HttpStatus(ErrorCode::kDuplicateRun), std::move(text));
}

void CreateRun(const auth::TokenVerifier& verifier, RunService& runs, const http::Request& request,
               httplib::Response& res) {
  const Result<Caller> caller = http::Authenticate(verifier, request);
  if (!caller) return http::WriteError(res, caller.error());
  const Result<std::optional<IdempotencyKey>> key = ReadIdempotencyKey(request);
  if (!key) return http::WriteError(res, key.error());
  const auto create = [&]() -> Result<CreateOutcome> {
    const Result<json> body = http::ParseJsonObject(request, /*allow_empty=*/false);
    if (!body) return body.error();
    const Result<RunInput> input = ParseRunInput(body.value());  // step 0
    if (!input) return input.error();
    return runs.Create(input.value(), caller.value(), key.value());
  };
  const Result<CreateOutcome> outcome =
      key.value() ? runs.CreateOnce(caller.value(), *key.value(), create) : create();
  if (!outcome) return http::WriteError(res, outcome.error());
  switch (outcome->kind) {
    case CreateOutcome::Kind::kDuplicate:
      return WriteDuplicateAnswer(res, outcome->run);
    case CreateOutcome::Kind::kReplayed:
      res.set_header("Idempotent-Replayed", "true");
      break;
    case CreateOutcome::Kind::kCreated:
      break;
  }
  // 200, not 201: the company dialog was written against the real route's 200.
  WriteRunAnswer(res, outcome->run);
}

void ListRuns(const auth::TokenVerifier& verifier, RunService& runs, const http::Request& request,
              httplib::Response& res) {
  const Result<Caller> caller = http::Authenticate(verifier, request);
  if (!caller) return http::WriteError(res, caller.error());
  const Result<http::PageRequest> page = http::ParsePageRequest(request.raw, kDefaultRunsPerPage);
  if (!page) return http::WriteError(res, page.error());
  RunFilter filter;
  filter.staff_generated_id = FilterParam(request.raw, "staffGeneratedId");
  filter.city_slug = FilterParam(request.raw, "citySlug");
  filter.run_club_slug = FilterParam(request.raw, "runClubSlug");
  filter.athlete_generated_id = FilterParam(request.raw, "athleteGeneratedId");
  std::optional<RunCursor> after;
  if (page->after) after = RunCursor{page->after->sort_key, page->after->id};

  const Result<RunPage> listed = runs.List(filter, page->limit, after);
  if (!listed) return http::WriteError(res, listed.error());
  std::string text;
  text.reserve(kAnswerBytesPerRun * (listed->runs.size() + 1));  // grows once at most
  http::JsonWriter out(text);
  out.BeginObject().Key("success").Bool(true).Key("runs").BeginArray();
  for (const Run& run : listed->runs) WriteRun(out, run);
  out.EndArray().Key("nextCursor");
  if (listed->has_more) {
    const Run& last = listed->runs.back();
    out.String(http::EncodeCursor({last.created_at, last.id}));
  } else {
    out.Null();
  }
  out.EndObject();
  http::WriteJsonText(res, 200, std::move(text));
}

void GetRun(const auth::TokenVerifier& verifier, RunService& runs, const http::Request& request,
            httplib::Response& res) {
  const Result<Caller> caller = http::Authenticate(verifier, request);
  if (!caller) return http::WriteError(res, caller.error());
  const Result<Run> run = runs.Get(request.params.at(0));
  if (!run) return http::WriteError(res, run.error());
  WriteRunAnswer(res, run.value());
}

void FindOrCreateAthlete(const auth::TokenVerifier& verifier, AthleteService& athletes,
                         const http::Request& request, httplib::Response& res) {
  const Result<Caller> caller = http::Authenticate(verifier, request);
  if (!caller) return http::WriteError(res, caller.error());
  // Identity comes from the token alone; a body, if any, must still be JSON.
  const Result<json> body = http::ParseJsonObject(request, /*allow_empty=*/true);
  if (!body) return http::WriteError(res, body.error());
  const Result<AthleteService::Outcome> outcome = athletes.FindOrCreate(caller.value());
  if (!outcome) return http::WriteError(res, outcome.error());
  http::WriteJson(res, outcome->created ? 201 : 200,
                  {{"success", true},
                   {"created", outcome->created},
                   {"athlete", AthleteToJson(outcome->athlete)}});
}

void AuditCreator(const auth::TokenVerifier& verifier, AuditService& audits,
                  const http::Request& request, httplib::Response& res) {
  const Result<Caller> caller = http::Authenticate(verifier, request);
  if (!caller) return http::WriteError(res, caller.error());
  // The company decides for itself whether this caller may see its staff.
  const ForwardedCredentials credentials{std::string(http::BearerToken(request)),
                                         request.request_id};
  const Result<CreatorAudit> audit = audits.WhoCreated(request.params.at(0), credentials);
  if (!audit) return http::WriteError(res, audit.error());
  std::string text;
  http::JsonWriter out(text);
  out.BeginObject().Key("success").Bool(true).Key("run");
  WriteRun(out, audit->run);
  out.Key("resolution").String(ResolutionWord(audit->resolution)).Key("staff");
  if (audit->staff) {
    out.Raw(audit->staff->as_sent);
  } else {
    out.Null();
  }
  out.Key("companyStatus");
  if (audit->company_status) {
    out.Int(*audit->company_status);
  } else {
    out.Null();
  }
  if (audit->reason) out.Key("reason").String(*audit->reason);
  out.EndObject();
  http::WriteJsonText(res, 200, std::move(text));
}

}  // namespace

void AddRoutes(http::Server& server, const auth::TokenVerifier& verifier, RunService& runs,
               AthleteService& athletes, AuditService& audits) {
  server.Route("POST", "/api/runs/create",
               [&](const http::Request& request, httplib::Response& res) {
                 CreateRun(verifier, runs, request, res);
               });
  server.Route("GET", "/api/runs", [&](const http::Request& request, httplib::Response& res) {
    ListRuns(verifier, runs, request, res);
  });
  server.Route("GET", "/api/runs/:id", [&](const http::Request& request, httplib::Response& res) {
    GetRun(verifier, runs, request, res);
  });
  server.Route("GET", "/api/runs/:id/creator",
               [&](const http::Request& request, httplib::Response& res) {
                 AuditCreator(verifier, audits, request, res);
               });
  server.Route("POST", "/api/athlete/create",
               [&](const http::Request& request, httplib::Response& res) {
                 FindOrCreateAthlete(verifier, athletes, request, res);
               });
}

}  // namespace gofast::app
