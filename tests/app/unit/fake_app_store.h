#ifndef GOFAST_TESTS_APP_UNIT_FAKE_APP_STORE_H_
#define GOFAST_TESTS_APP_UNIT_FAKE_APP_STORE_H_

#include <map>
#include <optional>
#include <string>

#include "app_service/domain/athlete_store.h"
#include "app_service/domain/run_store.h"

namespace gofast::app::fakes {

// The app's stores in memory, for the rules alone: rows in maps, and counts
// of the calls so a test can tell that a rule wrote or looked up nothing.
class FakeStore : public RunStore, public AthleteStore {
 public:
  Result<Run> InsertRun(const Run& run, const std::optional<RunClubUpdate>& club) override {
    ++insert_calls;
    runs[run.id] = run;
    if (club) clubs[club->slug] = *club;
    return run;
  }
  Result<std::optional<Run>> FindRun(const std::string& id) override {
    const auto it = runs.find(id);
    return it == runs.end() ? std::optional<Run>() : std::optional<Run>(it->second);
  }
  Result<RunPage> ListRuns(const RunFilter&, size_t, const std::optional<RunCursor>&) override {
    return RunPage{};
  }
  Result<bool> AthleteExists(const std::string& athlete_id) override {
    ++athlete_lookups;
    for (const auto& [uid, athlete] : athletes) {
      if (athlete.id == athlete_id) return true;
    }
    return false;
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
  std::map<std::string, Athlete> athletes;  // by firebaseId
  int insert_calls = 0;
  int athlete_lookups = 0;
};

}  // namespace gofast::app::fakes

#endif  // GOFAST_TESTS_APP_UNIT_FAKE_APP_STORE_H_
