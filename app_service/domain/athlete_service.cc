#include "app_service/domain/athlete_service.h"

#include "shared/core/ids.h"
#include "shared/core/text.h"

namespace gofast::app {

AthleteService::AthleteService(AthleteStore& store, IsoClock clock)
    : store_(store), clock_(OrSystemClock(std::move(clock))) {}

Result<AthleteService::Outcome> AthleteService::FindOrCreate(const Caller& caller) {
  Result<std::optional<Athlete>> found = store_.FindAthleteByFirebaseId(caller.uid);
  if (!found) return found.error();
  if (found.value()) return Outcome{std::move(*found.value()), false};

  Athlete athlete;
  athlete.id = NewCuid();
  athlete.firebase_id = caller.uid;
  if (caller.email && !caller.email->empty()) athlete.email = ToLowerAscii(*caller.email);
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
