#include "app_service/domain/run_service.h"

#include "shared/core/ids.h"

namespace gofast::app {

RunService::RunService(RunStore& store, IsoClock clock)
    : store_(store), clock_(OrSystemClock(std::move(clock))) {}

Result<Run> RunService::Create(const RunInput& input, const Caller& caller) {
  if (const Status required = CheckRequiredFields(input); !required) {  // steps 1-6
    return required.error();
  }
  if (const std::string* athlete_id = input.Text("athleteGeneratedId")) {  // step 7
    const Result<bool> exists = store_.AthleteExists(*athlete_id);
    if (!exists) return exists.error();
    if (!exists.value()) return MakeError(ErrorCode::kNotFound, "Athlete not found");
  }
  Result<RunDraft> draft = BuildRunDraft(input);  // steps 8 and 9
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

}  // namespace gofast::app
