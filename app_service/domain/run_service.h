#ifndef GOFAST_APP_SERVICE_DOMAIN_RUN_SERVICE_H_
#define GOFAST_APP_SERVICE_DOMAIN_RUN_SERVICE_H_

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app_service/domain/duplicate_rule.h"
#include "app_service/domain/run.h"
#include "app_service/domain/run_input.h"
#include "app_service/domain/run_store.h"
#include "app_service/domain/staff_replica.h"
#include "shared/core/caller.h"
#include "shared/core/result.h"
#include "shared/core/time.h"

namespace gofast::app {

// An Idempotency-Key as the HTTP layer read it, with the SHA-256 of the
// exact body bytes it came with.
struct IdempotencyKey {
  std::string key;
  std::string body_sha256;
};

// What a create answered.
struct CreateOutcome {
  enum class Kind {
    kCreated,
    kReplayed,   // an earlier request with the same key made `run`
    kDuplicate,  // nothing stored: `run` is the stored run the input repeats
  };
  Run run;
  Kind kind = Kind::kCreated;
  // Replica mode, a run created: its staff as the check read them, so the
  // answer's createdBy needs no second read.
  std::optional<RunCreator> created_by;
};

// The rules of city runs: creation (spec/app-service.md, steps 1-9 and the
// duplicate rule; step 0, reading the body, is the HTTP layer's), its
// idempotency keys, and reading.
class RunService {
 public:
  // How long a key replays its first answer.
  static constexpr std::chrono::hours kIdempotencyWindow{24};

  // `replica` is null in reference mode (Option 1): a staff id is then
  // stored as sent, never checked.
  explicit RunService(RunStore& store, IsoClock clock = {},
                      DuplicateRule duplicates = DuplicateRule::kRefuse,
                      StaffReplica* replica = nullptr);

  // Checks `input` step by step, then (replica mode) that its staff id names
  // a staff member who is still with the company, then the duplicate rule, and stores the run
  // and its club (and `key`, when given, for later replays); a failure at any
  // step writes nothing.
  Result<CreateOutcome> Create(const RunInput& input, const Caller& caller,
                               const std::optional<IdempotencyKey>& key = std::nullopt);

  // Runs `create` (which reads the body and calls Create with `key`) at most
  // once per caller and key within kIdempotencyWindow: a later request with
  // the same body replays the run the first one stored, with another body it
  // is IDEMPOTENCY_KEY_REUSED. Racing requests with one key store one run:
  // the store's unique (caller, key) settles it, also across instances, and
  // the later one answers as a repeat. Only a created run is remembered:
  // after a refusal the key is still free.
  Result<CreateOutcome> CreateOnce(const Caller& caller, const IdempotencyKey& key,
                                   const std::function<Result<CreateOutcome>()>& create);

  // kNotFound "Run not found".
  Result<Run> Get(const std::string& id);
  // A page of the list as its runs' keys, with the run generation they were
  // read at: a run answer kept from that generation is still the run's.
  Result<RunKeyPage> ListKeys(const RunFilter& filter, size_t limit,
                              const std::optional<RunCursor>& after);
  // The stored runs of these ids, in any order; an id no longer stored is
  // left out.
  Result<std::vector<Run>> GetMany(const std::vector<std::string>& ids);

 private:
  // Deletes the records created before `created_before`, at most once in
  // each `minute` (Unix minutes).
  void ForgetExpiredRecords(int64_t minute, const std::string& created_before);
  // Records created before this time, given the time now, have expired.
  static std::string ExpiryCutoff(const std::string& now);
  // What `record` answers a request with `key`: its run replayed, or
  // IDEMPOTENCY_KEY_REUSED for another body; nullopt when its run is gone
  // (test data reset): the key is free.
  Result<std::optional<CreateOutcome>> Replay(const IdempotencyRecord& record,
                                              const IdempotencyKey& key);

  RunStore& store_;
  IsoClock clock_;
  DuplicateRule duplicates_;
  StaffReplica* replica_;
  std::atomic<int64_t> last_forget_minute_{-1};
};

}  // namespace gofast::app

#endif  // GOFAST_APP_SERVICE_DOMAIN_RUN_SERVICE_H_
