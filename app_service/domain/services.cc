#include "app_service/domain/services.h"

#include <algorithm>
#include <cctype>

#include "app_service/domain/run_input.h"
#include "shared/core/ids.h"
#include "shared/core/time.h"

namespace gofast::app {
namespace {

IsoClock OrSystemClock(IsoClock clock) {
  if (clock) return clock;
  return [] { return NowIso8601(); };
}

}  // namespace

RunService::RunService(RunStore& store, IsoClock clock)
    : store_(store), clock_(OrSystemClock(std::move(clock))) {}

Result<Run> RunService::Create(const nlohmann::json& body, const Caller& caller) {
  const Result<RunInput> input = ParseRunInput(body);  // step 0
  if (!input) return input.error();
  if (const Status required = CheckRequiredFields(input.value()); !required) {  // steps 1-6
    return required.error();
  }
  if (const std::string* athlete_id = input->Text("athleteGeneratedId")) {  // step 7
    const Result<bool> exists = store_.AthleteExists(*athlete_id);
    if (!exists) return exists.error();
    if (!exists.value()) return MakeError(ErrorCode::kNotFound, "Athlete not found");
  }
  Result<RunDraft> draft = BuildRunDraft(input.value());  // steps 8 and 9
  if (!draft) return draft.error();

  Run& run = draft->run;
  run.id = NewCuid();
  run.created_by_firebase_id = caller.uid;
  run.created_at = clock_();
  run.updated_at = run.created_at;
  return store_.InsertRun(run, draft->club);
}

Result<Run> RunService::Get(const std::string& id) {
  Result<std::optional<Run>> run = store_.FindRun(id);
  if (!run) return run.error();
  if (!run.value()) return MakeError(ErrorCode::kNotFound, "Run not found");
  return std::move(*run.value());
}

Result<RunPage> RunService::List(const RunFilter& filter, size_t limit,
                                 const std::optional<RunCursor>& after) {
  return store_.ListRuns(filter, limit, after);
}

AthleteService::AthleteService(AthleteStore& store, IsoClock clock)
    : store_(store), clock_(OrSystemClock(std::move(clock))) {}

Result<AthleteService::Outcome> AthleteService::FindOrCreate(const Caller& caller) {
  Result<std::optional<Athlete>> found = store_.FindAthleteByFirebaseId(caller.uid);
  if (!found) return found.error();
  if (found.value()) return Outcome{std::move(*found.value()), false};

  Athlete athlete;
  athlete.id = NewCuid();
  athlete.firebase_id = caller.uid;
  if (caller.email && !caller.email->empty()) {
    std::string email = *caller.email;
    std::transform(email.begin(), email.end(), email.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    athlete.email = std::move(email);
  }
  if (caller.name) std::tie(athlete.first_name, athlete.last_name) = SplitDisplayName(*caller.name);
  athlete.created_at = clock_();
  athlete.updated_at = athlete.created_at;
  // Another call may have created the row since the look-up: the store
  // answers that row then.
  Result<AthleteStore::InsertOutcome> inserted = store_.InsertAthleteIfAbsent(athlete);
  if (!inserted) return inserted.error();
  return Outcome{std::move(inserted->athlete), inserted->created};
}

}  // namespace gofast::app
