#include "app_service/http/routes.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

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
// What a page's answer holds beside its runs' texts: the envelope and the
// cursor; each run's comma and closing brace; in replica mode, each run's
// createdBy (a usual one).
constexpr size_t kAnswerEnvelopeBytes = 256;
constexpr size_t kRunCloseBytes = 2;
constexpr size_t kCreatedByBytes = 256;

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

using Creators = std::optional<std::map<std::string, RunCreator>>;

// Who created runs with these staff ids, in replica mode (nullopt in
// reference mode).
Result<Creators> CreatorsOf(StaffReplica* replica, const std::set<std::string>& staff_ids) {
  if (replica == nullptr) return Creators();
  Result<std::map<std::string, RunCreator>> creators = replica->CreatorsOf(staff_ids);
  if (!creators) return creators.error();
  return Creators(std::move(creators).value());
}

// What WriteRun takes: the creators in replica mode, else null.
const std::map<std::string, RunCreator>* InReplicaMode(const Creators& creators) {
  return creators ? &*creators : nullptr;
}

// 200 {"success": true, "run": {...}}; in replica mode with its createdBy,
// `known` when the caller read it already.
void WriteRunAnswer(httplib::Response& res, const Run& run, StaffReplica* replica,
                    const std::optional<RunCreator>& known = std::nullopt) {
  std::set<std::string> staff_ids;
  if (run.staff_generated_id) staff_ids.insert(*run.staff_generated_id);
  Result<Creators> creators = known
                                  ? Creators(std::map<std::string, RunCreator>{{known->id, *known}})
                                  : CreatorsOf(replica, staff_ids);
  if (!creators) return http::WriteError(res, creators.error());
  std::string text;
  http::JsonWriter out(text);
  out.BeginObject().Key("success").Bool(true).Key("run");
  WriteRun(out, run, InReplicaMode(creators.value()));
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

void CreateRun(const auth::TokenVerifier& verifier, RunService& runs, StaffReplica* replica,
               const http::Request& request, httplib::Response& res) {
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
  WriteRunAnswer(res, outcome->run, replica, outcome->created_by);
}

void ListRuns(const auth::TokenVerifier& verifier, RunService& runs, RunTextCache& texts,
              StaffReplica* replica, const http::Request& request, httplib::Response& res) {
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

  const Result<RunKeyPage> keys = runs.ListKeys(filter, page->limit, after);
  if (!keys) return http::WriteError(res, keys.error());
  const Result<std::vector<std::shared_ptr<const RunTextCache::Entry>>> listed =
      texts.EntriesOf(keys.value(), runs);
  if (!listed) return http::WriteError(res, listed.error());
  std::set<std::string> staff_ids;
  if (replica != nullptr) {
    for (const auto& entry : listed.value()) {
      if (entry->staff_generated_id) staff_ids.insert(*entry->staff_generated_id);
    }
  }
  const Result<Creators> creators = CreatorsOf(replica, staff_ids);
  if (!creators) return http::WriteError(res, creators.error());
  // Reserved to fit: a buffer far larger than the answer costs the allocator
  // more than the copy it saves.
  size_t answer_bytes = kAnswerEnvelopeBytes;
  for (const auto& entry : listed.value()) {
    answer_bytes +=
        entry->OpenObjectSize() + kRunCloseBytes + (creators.value() ? kCreatedByBytes : 0);
  }
  std::string text;
  text.reserve(answer_bytes);
  http::JsonWriter out(text);
  out.BeginObject().Key("success").Bool(true).Key("runs").BeginArray();
  std::string scratch;
  for (const auto& entry : listed.value()) {
    const Result<std::string_view> run_text = texts.OpenObjectOf(*entry, scratch);
    if (!run_text) return http::WriteError(res, run_text.error());
    out.BeginObjectWith(run_text.value());
    if (creators.value()) WriteCreatedBy(out, entry->staff_generated_id, *creators.value());
    out.EndObject();
  }
  out.EndArray().Key("nextCursor");
  if (keys->has_more) {
    const RunCursor& last = keys->keys.back();
    out.String(http::EncodeCursor({last.created_at, last.id}));
  } else {
    out.Null();
  }
  out.EndObject();
  http::WriteJsonText(res, 200, std::move(text));
}

void GetRun(const auth::TokenVerifier& verifier, RunService& runs, StaffReplica* replica,
            const http::Request& request, httplib::Response& res) {
  const Result<Caller> caller = http::Authenticate(verifier, request);
  if (!caller) return http::WriteError(res, caller.error());
  const Result<Run> run = runs.Get(request.params.at(0));
  if (!run) return http::WriteError(res, run.error());
  WriteRunAnswer(res, run.value(), replica);
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
  std::map<std::string, RunCreator> creators;
  if (audit->replica_staff) {
    creators.emplace(audit->replica_staff->id, CreatorFrom(*audit->replica_staff));
  }
  std::string text;
  http::JsonWriter out(text);
  out.BeginObject().Key("success").Bool(true).Key("run");
  WriteRun(out, audit->run, audit->from_replica ? &creators : nullptr);
  out.Key("resolution")
      .String(ResolutionWord(audit->resolution))
      .Key("source")
      .String(audit->from_replica ? "replica" : "company")
      .Key("staff");
  if (audit->replica_staff) {
    WriteReplicaStaff(out, *audit->replica_staff);
  } else if (audit->staff) {
    out.Raw(audit->staff->as_sent);
  } else {
    out.Null();
  }
  if (audit->from_replica) {
    out.Key("syncedAt");
    if (audit->replica_staff) {
      out.String(audit->replica_staff->synced_at);
    } else {
      out.Null();
    }
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

// Dangling runs an answer lists at most; the counts are whole.
constexpr size_t kDanglingListed = 100;

void ReplicaStatus(const auth::TokenVerifier& verifier, StaffReplica& replica,
                   const http::Request& request, httplib::Response& res) {
  const Result<Caller> caller = http::Authenticate(verifier, request);
  if (!caller) return http::WriteError(res, caller.error());
  const Result<ReplicaState> state = replica.State();
  if (!state) return http::WriteError(res, state.error());
  std::string text;
  http::JsonWriter out(text);
  out.BeginObject()
      .Key("success")
      .Bool(true)
      .Key("staffMode")
      .String("replica")
      .Key("cursor")
      .String(std::to_string(state->cursor))
      .Key("appliedChanges")
      .Int(state->applied_changes)
      .Key("lastSyncAt")
      .StringOrNull(state->last_sync_at)
      .EndObject();
  http::WriteJsonText(res, 200, std::move(text));
}

// Reads every run: kept apart from the status, which tests and scripts poll.
void DanglingRunsReport(const auth::TokenVerifier& verifier, StaffReplica& replica,
                        const http::Request& request, httplib::Response& res) {
  const Result<Caller> caller = http::Authenticate(verifier, request);
  if (!caller) return http::WriteError(res, caller.error());
  const Result<DanglingRuns> dangling = replica.FindDanglingRuns(kDanglingListed);
  if (!dangling) return http::WriteError(res, dangling.error());
  std::string text;
  http::JsonWriter out(text);
  out.BeginObject()
      .Key("success")
      .Bool(true)
      .Key("runCount")
      .Int(dangling->run_count)
      .Key("staffIdCount")
      .Int(dangling->staff_id_count)
      .Key("staffIds")
      .BeginArray();
  for (const auto& [staff_id, runs] : dangling->staff_ids) {
    out.BeginObject().Key("staffGeneratedId").String(staff_id).Key("runs").Int(runs).EndObject();
  }
  out.EndArray().Key("runs").BeginArray();
  for (const auto& [run_id, staff_id] : dangling->runs) {
    out.BeginObject().Key("id").String(run_id).Key("staffGeneratedId").String(staff_id).EndObject();
  }
  out.EndArray().EndObject();
  http::WriteJsonText(res, 200, std::move(text));
}

void ListReplicaStaff(const auth::TokenVerifier& verifier, StaffReplica& replica,
                      const http::Request& request, httplib::Response& res) {
  const Result<Caller> caller = http::Authenticate(verifier, request);
  if (!caller) return http::WriteError(res, caller.error());
  const Result<size_t> limit = http::ParseLimit(request.raw, kDefaultRunsPerPage);
  if (!limit) return http::WriteError(res, limit.error());
  // The cursor is the last id a page served: staff ids are public in every run.
  const Result<std::vector<ReplicaStaff>> staff =
      replica.List(request.raw.get_param_value("cursor"), limit.value());
  if (!staff) return http::WriteError(res, staff.error());
  std::string text;
  http::JsonWriter out(text);
  out.BeginObject().Key("success").Bool(true).Key("staff").BeginArray();
  for (const ReplicaStaff& member : staff.value()) WriteReplicaStaff(out, member);
  out.EndArray().Key("nextCursor");
  if (staff->size() == limit.value()) {
    out.String(staff->back().id);
  } else {
    out.Null();
  }
  out.EndObject();
  http::WriteJsonText(res, 200, std::move(text));
}

}  // namespace

void AddStaffReplicaRoutes(http::Server& server, const auth::TokenVerifier& verifier,
                           StaffReplica& replica) {
  server.Route("GET", "/api/staff-replica",
               [&](const http::Request& request, httplib::Response& res) {
                 ReplicaStatus(verifier, replica, request, res);
               });
  server.Route("GET", "/api/staff-replica/dangling-runs",
               [&](const http::Request& request, httplib::Response& res) {
                 DanglingRunsReport(verifier, replica, request, res);
               });
  server.Route("GET", "/api/staff-replica/staff",
               [&](const http::Request& request, httplib::Response& res) {
                 ListReplicaStaff(verifier, replica, request, res);
               });
}

void AddRoutes(http::Server& server, const auth::TokenVerifier& verifier, RunService& runs,
               RunTextCache& run_texts, AthleteService& athletes, AuditService& audits,
               StaffReplica* replica) {
  server.Route("POST", "/api/runs/create",
               [&, replica](const http::Request& request, httplib::Response& res) {
                 CreateRun(verifier, runs, replica, request, res);
               });
  server.Route("GET", "/api/runs",
               [&, replica](const http::Request& request, httplib::Response& res) {
                 ListRuns(verifier, runs, run_texts, replica, request, res);
               });
  server.Route("GET", "/api/runs/:id",
               [&, replica](const http::Request& request, httplib::Response& res) {
                 GetRun(verifier, runs, replica, request, res);
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
