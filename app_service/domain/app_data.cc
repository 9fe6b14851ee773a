#include "app_service/domain/app_data.h"

#include <initializer_list>
#include <set>
#include <utility>

#include "app_service/domain/duplicate_rule.h"
#include "shared/core/ids.h"

namespace gofast::app {
namespace {

// The name of the first member whose equality is false, if any.
std::optional<std::string> FirstUnequal(
    std::initializer_list<std::pair<const char*, bool>> member_equalities) {
  for (const auto& [name, equal] : member_equalities) {
    if (!equal) return std::string(name);
  }
  return std::nullopt;
}

// The name of the first member in which the rows differ, if any.
std::optional<std::string> FirstDifference(const Athlete& a, const Athlete& b) {
  return FirstUnequal({{"id", a.id == b.id},
                       {"firebaseId", a.firebase_id == b.firebase_id},
                       {"email", a.email == b.email},
                       {"firstName", a.first_name == b.first_name},
                       {"lastName", a.last_name == b.last_name},
                       {"createdAt", a.created_at == b.created_at},
                       {"updatedAt", a.updated_at == b.updated_at}});
}

std::optional<std::string> FirstDifference(const RunClub& a, const RunClub& b) {
  return FirstUnequal({{"slug", a.slug == b.slug},
                       {"name", a.name == b.name},
                       {"logoUrl", a.logo_url == b.logo_url},
                       {"city", a.city == b.city},
                       {"syncedAt", a.synced_at == b.synced_at},
                       {"createdAt", a.created_at == b.created_at},
                       {"updatedAt", a.updated_at == b.updated_at}});
}

std::optional<std::string> FirstDifference(const Run& a, const Run& b) {
  for (const RunColumn& column : RunColumns()) {
    const bool equal = std::visit([&](auto field) { return a.*field == b.*field; }, column.field);
    if (!equal) return std::string(column.name);
  }
  return std::nullopt;
}

// Times are stored as the API answers them, so an exported document seeds
// back to the same rows.
Status CheckTimes(const std::string& where,
                  std::initializer_list<std::pair<const char*, const std::string*>> times) {
  for (const auto& [name, text] : times) {
    if (text == nullptr || text->empty()) continue;
    const std::optional<ParsedDate> parsed = ParseIso8601(*text);
    if (!parsed || FormatIso8601(parsed->time) != *text) {
      return ValidationError(where + "." + name +
                             " must be a UTC time with milliseconds, as 2026-01-28T12:00:00.000Z");
    }
  }
  return Ok{};
}

const std::string* Optional(const std::optional<std::string>& text) {
  return text ? &*text : nullptr;
}

Status Required(const std::string& where,
                std::initializer_list<std::pair<const char*, const std::string*>> members) {
  for (const auto& [name, text] : members) {
    if (text->empty()) return ValidationError(where + "." + name + " is required");
  }
  return Ok{};
}

// Fills what a row left out of id, createdAt and updatedAt from `stored`.
template <typename Row>
void TakeOmitted(Row& row, const Row& stored) {
  if (row.created_at.empty()) row.created_at = stored.created_at;
  if (row.updated_at.empty()) row.updated_at = stored.updated_at;
}

template <typename Row>
void StampNew(Row& row, const std::string& now) {
  if (row.created_at.empty()) row.created_at = now;
  if (row.updated_at.empty()) row.updated_at = row.created_at;
}

// Ids are what the API answers for them, so a seeded row is one the contract allows.
Error NotCuid(const std::string& where) {
  return ValidationError(where + ".id must be a cuid: c and 24 lowercase letters or digits");
}

std::string Index(const char* table, size_t index) {
  return std::string(table) + "[" + std::to_string(index) + "]";
}

}  // namespace

AppData::AppData(AppDataStore& store, IsoClock clock, StaffReplica* replica)
    : store_(store), clock_(OrSystemClock(std::move(clock))), replica_(replica) {}

Status AppData::Reset() {
  std::lock_guard<std::mutex> lock(mutex_);
  return store_.WriteRows(AppRows{}, {}, /*clear_first=*/true);
}

Result<MergeOutcome> AppData::Merge(const AppRows& rows) {
  return Write(rows, /*clear_first=*/false);
}

Status AppData::Import(const AppRows& rows) {
  const Result<MergeOutcome> written = Write(rows, /*clear_first=*/true);
  if (!written) return written.error();
  return Ok{};
}

Result<MergeOutcome> AppData::Write(const AppRows& rows, bool clear_first) {
  std::lock_guard<std::mutex> lock(mutex_);
  MergeOutcome outcome;
  // Rows about to be emptied are not compared with.
  const Result<AppRows> to_write = RowsToWrite(rows, /*against_store=*/!clear_first, outcome);
  if (!to_write) return to_write.error();
  std::vector<std::optional<std::string>> keys;
  for (const Run& run : to_write->runs) keys.push_back(DuplicateKey(run));
  const Status written = store_.WriteRows(to_write.value(), keys, clear_first);
  if (!written) return written.error();
  return outcome;
}

Result<AppRows> AppData::Export() { return store_.ReadAll(); }

Result<std::optional<Run>> AppData::FindRun(const std::string& id) { return store_.FindRun(id); }

Result<std::optional<Athlete>> AppData::FindAthlete(const std::string& id) {
  return store_.FindAthlete(id);
}

Result<std::optional<Athlete>> AppData::FindAthleteByFirebaseId(const std::string& firebase_id) {
  return store_.FindAthleteByFirebaseId(firebase_id);
}

Status AppData::Delete(const std::vector<std::string>& run_ids,
                       const std::vector<std::string>& athlete_ids) {
  std::lock_guard<std::mutex> lock(mutex_);
  return store_.DeleteRows(run_ids, athlete_ids);
}

Status AppData::DeleteAllRuns() {
  std::lock_guard<std::mutex> lock(mutex_);
  return store_.DeleteAllRuns();
}

Result<AppRows> AppData::RowsToWrite(const AppRows& rows, bool against_store,
                                     MergeOutcome& outcome) {
  const std::string now = clock_();
  AppRows out;
  std::set<std::string> athlete_ids;
  std::set<std::string> firebase_ids;
  for (size_t i = 0; i < rows.athletes.size(); ++i) {
    Athlete row = rows.athletes[i];
    const std::string where = Index("athletes", i);
    if (Status ok = Required(where, {{"firebaseId", &row.firebase_id}}); !ok) return ok.error();
    if (Status ok =
            CheckTimes(where, {{"createdAt", &row.created_at}, {"updatedAt", &row.updated_at}});
        !ok) {
      return ok.error();
    }
    if (!row.id.empty() && !LooksLikeCuid(row.id)) return NotCuid(where);
    if ((!row.id.empty() && athlete_ids.count(row.id) != 0) ||
        !firebase_ids.insert(row.firebase_id).second) {
      return ValidationError(where + " repeats an earlier athlete's id or firebaseId");
    }
    std::optional<Athlete> stored;
    if (against_store) {
      Result<std::optional<Athlete>> found = row.id.empty()
                                                 ? store_.FindAthleteByFirebaseId(row.firebase_id)
                                                 : store_.FindAthlete(row.id);
      if (!found) return found.error();
      stored = std::move(found).value();
    }
    if (stored) {
      if (row.id.empty()) row.id = stored->id;
      TakeOmitted(row, *stored);
      if (const std::optional<std::string> member = FirstDifference(row, *stored)) {
        return MakeError(ErrorCode::kConflict,
                         where + "." + *member + " differs from the stored athlete " + stored->id);
      }
      athlete_ids.insert(row.id);
      ++outcome.skipped;
      continue;
    }
    if (against_store) {
      const Result<std::optional<Athlete>> holder = store_.FindAthleteByFirebaseId(row.firebase_id);
      if (!holder) return holder.error();
      if (holder.value()) {
        return MakeError(ErrorCode::kConflict,
                         where + ".firebaseId is held by the stored athlete " + holder.value()->id);
      }
    }
    if (row.id.empty()) row.id = NewCuid();
    StampNew(row, now);
    athlete_ids.insert(row.id);
    out.athletes.push_back(std::move(row));
    ++outcome.stored;
  }

  std::set<std::string> slugs;
  for (size_t i = 0; i < rows.run_clubs.size(); ++i) {
    RunClub row = rows.run_clubs[i];
    const std::string where = Index("runClubs", i);
    if (Status ok = Required(where, {{"slug", &row.slug}, {"name", &row.name}}); !ok) {
      return ok.error();
    }
    if (Status ok = CheckTimes(where, {{"syncedAt", Optional(row.synced_at)},
                                       {"createdAt", &row.created_at},
                                       {"updatedAt", &row.updated_at}});
        !ok) {
      return ok.error();
    }
    if (!slugs.insert(row.slug).second) {
      return ValidationError(where + " repeats an earlier run club's slug");
    }
    if (against_store) {
      const Result<std::optional<RunClub>> stored = store_.FindRunClub(row.slug);
      if (!stored) return stored.error();
      if (stored.value()) {
        TakeOmitted(row, *stored.value());
        if (const std::optional<std::string> member = FirstDifference(row, *stored.value())) {
          return MakeError(ErrorCode::kConflict,
                           where + "." + *member + " differs from the stored run club " + row.slug);
        }
        ++outcome.skipped;
        continue;
      }
    }
    StampNew(row, now);
    out.run_clubs.push_back(std::move(row));
    ++outcome.stored;
  }

  std::set<std::string> run_ids;
  for (size_t i = 0; i < rows.runs.size(); ++i) {
    Run row = rows.runs[i];
    const std::string where = Index("runs", i);
    if (row.date.empty()) row.date = row.start_date;
    if (Status ok = Required(where, {{"citySlug", &row.city_slug},
                                     {"createdByFirebaseId", &row.created_by_firebase_id},
                                     {"title", &row.title},
                                     {"startDate", &row.start_date},
                                     {"meetUpPoint", &row.meet_up_point}});
        !ok) {
      return ok.error();
    }
    if (Status ok = CheckTimes(where, {{"startDate", &row.start_date},
                                       {"endDate", Optional(row.end_date)},
                                       {"date", &row.date},
                                       {"recurrenceEndsOn", Optional(row.recurrence_ends_on)},
                                       {"createdAt", &row.created_at},
                                       {"updatedAt", &row.updated_at}});
        !ok) {
      return ok.error();
    }
    if (!row.id.empty() && !LooksLikeCuid(row.id)) return NotCuid(where);
    if (!row.id.empty() && !run_ids.insert(row.id).second) {
      return ValidationError(where + " repeats an earlier run's id");
    }
    if (row.athlete_generated_id && athlete_ids.count(*row.athlete_generated_id) == 0) {
      bool stored_athlete = false;
      if (against_store) {
        const Result<std::optional<Athlete>> athlete =
            store_.FindAthlete(*row.athlete_generated_id);
        if (!athlete) return athlete.error();
        stored_athlete = athlete.value().has_value();
      }
      if (!stored_athlete) {
        return ValidationError(where + ".athleteGeneratedId names no athlete");
      }
    }
    if (against_store && !row.id.empty()) {
      const Result<std::optional<Run>> stored = store_.FindRun(row.id);
      if (!stored) return stored.error();
      if (stored.value()) {
        TakeOmitted(row, *stored.value());
        if (const std::optional<std::string> member = FirstDifference(row, *stored.value())) {
          return MakeError(ErrorCode::kConflict,
                           where + "." + *member + " differs from the stored run " + row.id);
        }
        ++outcome.skipped;
        continue;
      }
    }
    if (replica_ != nullptr && row.staff_generated_id) {  // the foreign key, said in words
      const Result<std::optional<ReplicaStaff>> staff = replica_->Find(*row.staff_generated_id);
      if (!staff) return staff.error();
      if (!staff.value()) {
        return ValidationError(where +
                               ".staffGeneratedId names staff the replica does not hold (replica "
                               "mode takes only staff the company knows)");
      }
    }
    if (row.id.empty()) row.id = NewCuid();
    StampNew(row, now);
    out.runs.push_back(std::move(row));
    ++outcome.stored;
  }
  return out;
}

}  // namespace gofast::app
