#include "app_service/domain/run_service.h"

#include "shared/core/ids.h"
#include "shared/core/log.h"

namespace gofast::app {

RunService::RunService(RunStore& store, IsoClock clock, DuplicateRule duplicates,
                       StaffReplica* replica)
    : store_(store),
      clock_(OrSystemClock(std::move(clock))),
      duplicates_(duplicates),
      replica_(replica) {}

Result<CreateOutcome> RunService::Create(const RunInput& input, const Caller& caller,
                                         const std::optional<IdempotencyKey>& key) {
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
  std::optional<RunCreator> created_by;
  if (replica_ != nullptr && draft->run.staff_generated_id) {
    const Result<ReplicaStaff> staff = replica_->StaffForNewRun(*draft->run.staff_generated_id);
    if (!staff) return staff.error();
    created_by = CreatorFrom(staff.value());
  }

  NewRun new_run{std::move(draft->run), std::move(draft->club),
                 std::nullopt,          duplicates_ == DuplicateRule::kRefuse,
                 std::nullopt,          ""};
  Run& run = new_run.run;
  run.id = NewCuid();
  run.created_by_firebase_id = caller.uid;
  run.created_at = clock_();
  run.updated_at = run.created_at;
  new_run.duplicate_key = DuplicateKey(run);
  if (key) {
    new_run.idempotency =
        IdempotencyRecord{caller.uid, key->key, key->body_sha256, run.id, run.created_at};
    new_run.idempotency_expired_before = ExpiryCutoff(run.created_at);
  }
  Result<InsertedRun> inserted = store_.InsertRun(new_run);
  if (!inserted) return inserted.error();
  if (inserted->key_holder) {
    // A request with the same key stored its run first.
    Result<std::optional<CreateOutcome>> replay = Replay(*inserted->key_holder, *key);
    if (!replay) return replay.error();
    // Its run removed in the instant since (test data reset deletes both).
    if (!replay.value()) return MakeError(ErrorCode::kInternal, "Internal error");
    return std::move(*replay.value());
  }
  if (inserted->duplicate) {
    return CreateOutcome{std::move(inserted->run), CreateOutcome::Kind::kDuplicate, std::nullopt};
  }
  return CreateOutcome{std::move(inserted->run), CreateOutcome::Kind::kCreated,
                       std::move(created_by)};
}

Result<CreateOutcome> RunService::CreateOnce(const Caller& caller, const IdempotencyKey& key,
                                             const std::function<Result<CreateOutcome>()>& create) {
  const std::string now = clock_();
  const std::string expiry_cutoff = ExpiryCutoff(now);
  if (const std::optional<ParsedDate> parsed = ParseIso8601(now)) {
    ForgetExpiredRecords(UnixSeconds(parsed->time) / 60, expiry_cutoff);
  }
  const Result<std::optional<IdempotencyRecord>> record =
      store_.FindIdempotencyRecord(caller.uid, key.key);
  if (!record) return record.error();
  if (record.value() && record.value()->created_at >= expiry_cutoff) {
    Result<std::optional<CreateOutcome>> replay = Replay(*record.value(), key);
    if (!replay) return replay.error();
    if (replay.value()) return std::move(*replay.value());
  }
  return create();
}

std::string RunService::ExpiryCutoff(const std::string& now) {
  // A clock always answers a parseable time; if one did not, nothing would expire.
  const std::optional<ParsedDate> parsed = ParseIso8601(now);
  return parsed ? FormatIso8601(parsed->time - kIdempotencyWindow) : "";
}

Result<std::optional<CreateOutcome>> RunService::Replay(const IdempotencyRecord& record,
                                                        const IdempotencyKey& key) {
  if (record.body_sha256 != key.body_sha256) {
    return MakeError(ErrorCode::kIdempotencyKeyReused,
                     "This Idempotency-Key was already used with a different request body");
  }
  Result<std::optional<Run>> run = store_.FindRun(record.run_id);
  if (!run) return run.error();
  if (!run.value()) return std::optional<CreateOutcome>();
  return std::optional<CreateOutcome>(
      CreateOutcome{std::move(*run.value()), CreateOutcome::Kind::kReplayed, std::nullopt});
}

Result<Run> RunService::Get(const std::string& id) {
  Result<std::optional<Run>> run = store_.FindRun(id);
  if (!run) return run.error();
  if (!run.value()) return MakeError(ErrorCode::kNotFound, "Run not found");
  return std::move(*run.value());
}

Result<RunKeyPage> RunService::ListKeys(const RunFilter& filter, size_t limit,
                                        const std::optional<RunCursor>& after) {
  return store_.ListRunKeys(filter, limit, after);
}

Result<std::vector<Run>> RunService::GetMany(const std::vector<std::string>& ids) {
  return store_.FindRuns(ids);
}

void RunService::ForgetExpiredRecords(int64_t minute, const std::string& created_before) {
  int64_t last = last_forget_minute_.load();
  if (minute == last || !last_forget_minute_.compare_exchange_strong(last, minute)) return;
  // Lookups already ignore expired records: this only keeps the table small,
  // so a failure is logged and left for the next minute.
  const Status forgotten = store_.ForgetIdempotencyRecords(created_before);
  if (!forgotten) LogError("expired idempotency keys not deleted: " + forgotten.error().message);
}

}  // namespace gofast::app
