#ifndef GOFAST_TESTS_APP_UNIT_FAKE_APP_STORE_H_
#define GOFAST_TESTS_APP_UNIT_FAKE_APP_STORE_H_

#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app_service/domain/athlete_store.h"
#include "app_service/domain/run_store.h"

namespace gofast::app::fakes {

// The app's stores in memory, for the rules alone: rows in maps, and counts
// of the calls so a test can tell that a rule wrote or looked up nothing.
class FakeStore : public RunStore, public AthleteStore {
 public:
  Result<InsertedRun> InsertRun(const NewRun& new_run) override {
    ++insert_calls;
    const Run& run = new_run.run;
    std::optional<std::string> duplicate_key = new_run.duplicate_key;
    if (duplicate_key && key_holders.count(*duplicate_key) != 0) {
      if (new_run.refuse_duplicates) {
        return InsertedRun{runs.at(key_holders[*duplicate_key]), true, std::nullopt};
      }
      duplicate_key.reset();
    }
    if (new_run.idempotency) {
      const auto held =
          idempotency.find({new_run.idempotency->caller_uid, new_run.idempotency->key});
      if (held != idempotency.end() &&
          held->second.created_at >= new_run.idempotency_expired_before) {
        return InsertedRun{Run{}, false, held->second};
      }
    }
    runs[run.id] = run;
    if (duplicate_key) key_holders[*duplicate_key] = run.id;
    if (new_run.club) clubs[new_run.club->slug] = *new_run.club;
    if (new_run.idempotency) {
      idempotency[{new_run.idempotency->caller_uid, new_run.idempotency->key}] =
          *new_run.idempotency;
    }
    return InsertedRun{run, false, std::nullopt};
  }
  Result<std::optional<Run>> FindRun(const std::string& id) override {
    const auto it = runs.find(id);
    return it == runs.end() ? std::optional<Run>() : std::optional<Run>(it->second);
  }
  Result<std::vector<Run>> FindRuns(const std::vector<std::string>& ids) override {
    runs_read += ids.size();
    std::vector<Run> found;
    for (const std::string& id : ids) {
      const auto it = runs.find(id);
      if (it != runs.end()) found.push_back(it->second);
    }
    return found;
  }
  Result<RunKeyPage> ListRunKeys(const RunFilter&, size_t,
                                 const std::optional<RunCursor>&) override {
    return RunKeyPage{};
  }
  Result<bool> AthleteExists(const std::string& athlete_id) override {
    ++athlete_lookups;
    for (const auto& [uid, athlete] : athletes) {
      if (athlete.id == athlete_id) return true;
    }
    return false;
  }
  Result<std::optional<IdempotencyRecord>> FindIdempotencyRecord(const std::string& caller_uid,
                                                                 const std::string& key) override {
    const auto it = idempotency.find({caller_uid, key});
    return it == idempotency.end() ? std::optional<IdempotencyRecord>()
                                   : std::optional<IdempotencyRecord>(it->second);
  }
  Status ForgetIdempotencyRecords(const std::string& created_before) override {
    ++forget_calls;
    for (auto it = idempotency.begin(); it != idempotency.end();) {
      it = it->second.created_at < created_before ? idempotency.erase(it) : std::next(it);
    }
    return Ok{};
  }
  Result<std::optional<Athlete>> FindAthleteByFirebaseId(const std::string& firebase_id) override {
    const auto it = athletes.find(firebase_id);
    return it == athletes.end() ? std::optional<Athlete>() : std::optional<Athlete>(it->second);
  }
  Result<InsertOutcome> InsertAthleteIfAbsent(const Athlete& athlete) override {
    const auto [it, inserted] = athletes.emplace(athlete.firebase_id, athlete);
    return InsertOutcome{it->second, inserted};
  }

  std::map<std::string, Run> runs;
  std::map<std::string, RunClubUpdate> clubs;
  std::map<std::string, Athlete> athletes;         // by firebaseId
  std::map<std::string, std::string> key_holders;  // duplicate key to run id
  std::map<std::pair<std::string, std::string>, IdempotencyRecord> idempotency;
  int insert_calls = 0;
  int forget_calls = 0;
  int athlete_lookups = 0;
  size_t runs_read = 0;  // ids asked of FindRuns
};

}  // namespace gofast::app::fakes

#endif  // GOFAST_TESTS_APP_UNIT_FAKE_APP_STORE_H_
