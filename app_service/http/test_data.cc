#include "app_service/http/test_data.h"

#include "app_service/seed_file.h"
#include "shared/core/ids.h"
#include "shared/http/json_fields.h"
#include "shared/json/seed_document.h"

namespace gofast::app {
namespace {

constexpr char kRunState[] = "a run exists";
constexpr char kNoRunsState[] = "no runs";
constexpr char kAthleteState[] = "an athlete exists";
// The paths of a state's one row in the seed it merges, which ParamsError turns into params.
constexpr char kRunRow[] = "runs[0]";
constexpr char kAthleteRow[] = "athletes[0]";
constexpr char kRunsTable[] = "runs";
constexpr char kAthletesTable[] = "athletes";

void TakeGiven(std::string& member, const std::optional<std::string>& given) {
  if (given) member = *given;
}

// The stored row `id` names after the merge that stored or found it.
template <typename Row>
Result<Row> StoredAfterMerge(Result<std::optional<Row>> stored) {
  if (!stored) return stored.error();
  if (!stored.value()) return MakeError(ErrorCode::kInternal, "The state's row was not stored");
  return std::move(*stored.value());
}

}  // namespace

Status AppTestData::Clear() { return data_.Reset(); }

Result<MergeOutcome> AppTestData::Seed(const nlohmann::json& document) {
  const Result<AppRows> rows = ReadSeedRows(document);
  if (!rows) return rows.error();
  return data_.Merge(rows.value());
}

Status AppTestData::Import(const nlohmann::json& document) {
  const Result<AppRows> rows = ReadSeedRows(document);
  if (!rows) return rows.error();
  return data_.Import(rows.value());
}

Result<nlohmann::json> AppTestData::Export() {
  const Result<AppRows> rows = data_.Export();
  if (!rows) return rows.error();
  return SeedDocument(rows.value());
}

std::vector<std::string> AppTestData::StateNames() const {
  return {kRunState, kNoRunsState, kAthleteState};
}

Result<http::StateSetup> AppTestData::SetUpState(const std::string& state,
                                                 const nlohmann::json& params) {
  if (state == kRunState) return SetUpRun(params);
  if (state == kNoRunsState) return SetUpNoRuns(params);
  return SetUpAthlete(params);
}

Status AppTestData::DeleteRows(const http::StoredRows& rows) {
  const auto ids = [&rows](const char* table) {
    const auto found = rows.find(table);
    return found == rows.end() ? std::vector<std::string>() : found->second;
  };
  return data_.Delete(ids(kRunsTable), ids(kAthletesTable));
}

// Found again by its id; a new run gets made-up ids and the fixed values below for what
// its params leave out.
Result<http::StateSetup> AppTestData::SetUpRun(const nlohmann::json& params) {
  std::optional<std::string> id, staff_generated_id, created_by_firebase_id, title, city_slug,
      start_date;
  if (Status read =
          gofast::json::ReadStringMembers(params, kRunRow,
                                          {{"id", &id},
                                           {"staffGeneratedId", &staff_generated_id},
                                           {"createdByFirebaseId", &created_by_firebase_id},
                                           {"title", &title},
                                           {"citySlug", &city_slug},
                                           {"startDate", &start_date}});
      !read) {
    return http::ParamsError(read.error(), kRunRow);
  }
  Result<std::optional<Run>> stored = std::optional<Run>();
  if (id) stored = data_.FindRun(*id);
  if (!stored) return stored.error();
  Run row;
  if (stored.value()) {
    row = *stored.value();
  } else {
    row.id = NewCuid();
    row.staff_generated_id = NewUuidV4();  // the shape of a company staff id
    row.created_by_firebase_id = NewCuid();
    row.title = "Morning run";
    row.city_slug = "arlington";
    row.start_date = "2026-01-28T12:00:00.000Z";
    row.meet_up_point = "Gateway Park";
  }
  TakeGiven(row.id, id);
  if (staff_generated_id) row.staff_generated_id = staff_generated_id;
  TakeGiven(row.created_by_firebase_id, created_by_firebase_id);
  TakeGiven(row.title, title);
  TakeGiven(row.city_slug, city_slug);
  TakeGiven(row.start_date, start_date);  // a new run's date follows it in the merge

  const Result<MergeOutcome> merged = data_.Merge(AppRows{{}, {}, {row}});
  if (!merged) return http::ParamsError(merged.error(), kRunRow);
  const Result<Run> run = StoredAfterMerge(data_.FindRun(row.id));
  if (!run) return run.error();
  http::StateSetup setup;
  setup.values = {{"id", run->id},
                  {"staffGeneratedId", http::OrNull(run->staff_generated_id)},
                  {"createdByFirebaseId", run->created_by_firebase_id}};
  setup.token_for = http::TokenSubject{run->created_by_firebase_id, std::nullopt};
  if (merged->stored > 0) setup.stored[kRunsTable] = {run->id};
  return setup;
}

Result<http::StateSetup> AppTestData::SetUpNoRuns(const nlohmann::json& params) {
  if (Status read = gofast::json::ReadStringMembers(params, kRunRow, {}); !read)
    return http::ParamsError(read.error(), kRunRow);
  if (Status deleted = data_.DeleteAllRuns(); !deleted) return deleted.error();
  return http::StateSetup{};
}

// Found again by its firebaseId; a new athlete gets a made-up firebaseId and email.
Result<http::StateSetup> AppTestData::SetUpAthlete(const nlohmann::json& params) {
  std::optional<std::string> firebase_id, email;
  if (Status read = gofast::json::ReadStringMembers(
          params, kAthleteRow, {{"firebaseId", &firebase_id}, {"email", &email}});
      !read) {
    return http::ParamsError(read.error(), kAthleteRow);
  }
  Result<std::optional<Athlete>> stored = std::optional<Athlete>();
  if (firebase_id) stored = data_.FindAthleteByFirebaseId(*firebase_id);
  if (!stored) return stored.error();
  Athlete row;
  if (stored.value()) {
    row = *stored.value();
  } else {
    row.id = NewCuid();
    row.firebase_id = NewCuid();
    row.email = "athlete-" + NewCuid() + "@gofast.test";
  }
  TakeGiven(row.firebase_id, firebase_id);
  if (email) row.email = email;

  const Result<MergeOutcome> merged = data_.Merge(AppRows{{row}, {}, {}});
  if (!merged) return http::ParamsError(merged.error(), kAthleteRow);
  const Result<Athlete> athlete = StoredAfterMerge(data_.FindAthlete(row.id));
  if (!athlete) return athlete.error();
  http::StateSetup setup;
  setup.values = {{"id", athlete->id}, {"firebaseId", athlete->firebase_id}};
  setup.token_for = http::TokenSubject{athlete->firebase_id, athlete->email};
  if (merged->stored > 0) setup.stored[kAthletesTable] = {athlete->id};
  return setup;
}

}  // namespace gofast::app
