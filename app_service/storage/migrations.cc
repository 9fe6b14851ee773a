#include "app_service/storage/migrations.h"

namespace gofast::app {
namespace {

// The same names and statement on both databases.
const char kDropUnusedRunIndexes[] = R"sql(
DROP INDEX IF EXISTS city_runs_start_date;
DROP INDEX IF EXISTS city_runs_day_of_week;
DROP INDEX IF EXISTS city_runs_recurring;
)sql";

// One row: a count every transaction that deletes runs raises. A run's id read
// under one count names the same run while the count holds, so an answer kept
// for that id is still the run's (runs never change after creation); the row
// is read in the list's own statement, so every instance sharing the database
// sees a change.
const char kRunGeneration[] = R"sql(
CREATE TABLE run_generation (generation BIGINT NOT NULL);
INSERT INTO run_generation (generation) VALUES (0);
)sql";

}  // namespace

const char kRaiseRunGeneration[] = "UPDATE run_generation SET generation = generation + 1";

const std::vector<std::string>& SchemaMigrations() {
  static const std::vector<std::string> kMigrations = {
      // 1: athletes, run clubs and city runs. staffGeneratedId is an opaque
      // string from the company's database: no staff table, no foreign key.
      // Each list filter has an index that leads with it and then serves the
      // list order (createdAt, id).
      R"sql(
CREATE TABLE athletes (
  id TEXT PRIMARY KEY NOT NULL,
  firebaseId TEXT NOT NULL UNIQUE,
  email TEXT,
  firstName TEXT,
  lastName TEXT,
  createdAt TEXT NOT NULL,
  updatedAt TEXT NOT NULL
);

CREATE TABLE run_clubs (
  slug TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  logoUrl TEXT,
  city TEXT,
  syncedAt TEXT,
  createdAt TEXT NOT NULL,
  updatedAt TEXT NOT NULL
);

CREATE TABLE city_runs (
  id TEXT PRIMARY KEY NOT NULL,
  citySlug TEXT NOT NULL,
  runClubSlug TEXT,
  staffGeneratedId TEXT,
  athleteGeneratedId TEXT REFERENCES athletes (id),
  createdByFirebaseId TEXT NOT NULL,
  title TEXT NOT NULL,
  isRecurring INTEGER NOT NULL DEFAULT 0 CHECK (isRecurring IN (0, 1)),
  dayOfWeek TEXT,
  startDate TEXT NOT NULL,
  endDate TEXT,
  date TEXT NOT NULL,
  startTimeHour INTEGER,
  startTimeMinute INTEGER,
  startTimePeriod TEXT,
  timezone TEXT,
  meetUpPoint TEXT NOT NULL,
  meetUpAddress TEXT,
  meetUpStreetAddress TEXT,
  meetUpCity TEXT,
  meetUpState TEXT,
  meetUpZip TEXT,
  meetUpPlaceId TEXT,
  meetUpLat REAL,
  meetUpLng REAL,
  endPoint TEXT,
  endStreetAddress TEXT,
  endCity TEXT,
  endState TEXT,
  recurrenceRule TEXT,
  recurrenceEndsOn TEXT,
  recurrenceNote TEXT,
  totalMiles REAL,
  pace TEXT,
  stravaMapUrl TEXT,
  description TEXT,
  createdAt TEXT NOT NULL,
  updatedAt TEXT NOT NULL
);

CREATE INDEX city_runs_created ON city_runs (createdAt, id);
CREATE INDEX city_runs_city ON city_runs (citySlug, createdAt, id);
CREATE INDEX city_runs_run_club ON city_runs (runClubSlug, createdAt, id);
CREATE INDEX city_runs_staff ON city_runs (staffGeneratedId, createdAt, id);
CREATE INDEX city_runs_athlete ON city_runs (athleteGeneratedId, createdAt, id);
CREATE INDEX city_runs_start_date ON city_runs (startDate);
CREATE INDEX city_runs_day_of_week ON city_runs (dayOfWeek);
CREATE INDEX city_runs_recurring ON city_runs (isRecurring);
)sql",
      // 2: the duplicate rule's key (domain/duplicate_rule.h), unique so two
      // racing duplicates cannot both hold it, and the idempotency keys of
      // creates. Runs stored before have no key: they are never found as
      // duplicates.
      R"sql(
ALTER TABLE city_runs ADD COLUMN duplicateKey TEXT;
CREATE UNIQUE INDEX city_runs_duplicate ON city_runs (duplicateKey)
  WHERE duplicateKey IS NOT NULL;

CREATE TABLE idempotency_keys (
  callerUid TEXT NOT NULL,
  key TEXT NOT NULL,
  bodySha256 TEXT NOT NULL,
  runId TEXT NOT NULL,
  createdAt TEXT NOT NULL,
  PRIMARY KEY (callerUid, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (createdAt);
)sql",
      // 3: the indexes on startDate, dayOfWeek and isRecurring go. No list
      // filter or order reads them (a query-plan test shows each filter served
      // by its own index), and each cost every create a page written.
      kDropUnusedRunIndexes,
      // 4: the count of run deletions, which tells when a kept run answer
      // may no longer be its run's.
      kRunGeneration,
  };
  return kMigrations;
}

const std::vector<std::string>& PostgresSchemaMigrations() {
  static const std::vector<std::string> kMigrations = {
      // 1: SQLite's migrations 1 and 2 together. Ids compare byte by byte
      // (COLLATE "C"), as SQLite's do, so pages follow the same order.
      R"sql(
CREATE TABLE athletes (
  id text COLLATE "C" PRIMARY KEY,
  "firebaseId" text NOT NULL UNIQUE,
  email text,
  "firstName" text,
  "lastName" text,
  "createdAt" timestamptz NOT NULL,
  "updatedAt" timestamptz NOT NULL
);

CREATE TABLE run_clubs (
  slug text COLLATE "C" PRIMARY KEY,
  name text NOT NULL,
  "logoUrl" text,
  city text,
  "syncedAt" timestamptz,
  "createdAt" timestamptz NOT NULL,
  "updatedAt" timestamptz NOT NULL
);

CREATE TABLE city_runs (
  id text COLLATE "C" PRIMARY KEY,
  "citySlug" text NOT NULL,
  "runClubSlug" text,
  "staffGeneratedId" text,
  "athleteGeneratedId" text REFERENCES athletes (id),
  "createdByFirebaseId" text NOT NULL,
  title text NOT NULL,
  "isRecurring" boolean NOT NULL DEFAULT false,
  "dayOfWeek" text,
  "startDate" timestamptz NOT NULL,
  "endDate" timestamptz,
  date timestamptz NOT NULL,
  "startTimeHour" bigint,
  "startTimeMinute" bigint,
  "startTimePeriod" text,
  timezone text,
  "meetUpPoint" text NOT NULL,
  "meetUpAddress" text,
  "meetUpStreetAddress" text,
  "meetUpCity" text,
  "meetUpState" text,
  "meetUpZip" text,
  "meetUpPlaceId" text,
  "meetUpLat" double precision,
  "meetUpLng" double precision,
  "endPoint" text,
  "endStreetAddress" text,
  "endCity" text,
  "endState" text,
  "recurrenceRule" text,
  "recurrenceEndsOn" timestamptz,
  "recurrenceNote" text,
  "totalMiles" double precision,
  pace text,
  "stravaMapUrl" text,
  description text,
  "createdAt" timestamptz NOT NULL,
  "updatedAt" timestamptz NOT NULL,
  "duplicateKey" text
);

CREATE INDEX city_runs_created ON city_runs ("createdAt", id);
CREATE INDEX city_runs_city ON city_runs ("citySlug", "createdAt", id);
CREATE INDEX city_runs_run_club ON city_runs ("runClubSlug", "createdAt", id);
CREATE INDEX city_runs_staff ON city_runs ("staffGeneratedId", "createdAt", id);
CREATE INDEX city_runs_athlete ON city_runs ("athleteGeneratedId", "createdAt", id);
CREATE INDEX city_runs_start_date ON city_runs ("startDate");
CREATE INDEX city_runs_day_of_week ON city_runs ("dayOfWeek");
CREATE INDEX city_runs_recurring ON city_runs ("isRecurring");
CREATE UNIQUE INDEX city_runs_duplicate ON city_runs ("duplicateKey")
  WHERE "duplicateKey" IS NOT NULL;

CREATE TABLE idempotency_keys (
  "callerUid" text NOT NULL,
  key text NOT NULL,
  "bodySha256" text NOT NULL,
  "runId" text NOT NULL,
  "createdAt" timestamptz NOT NULL,
  PRIMARY KEY ("callerUid", key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys ("createdAt");
)sql",
      // 2: SQLite's migration 3.
      kDropUnusedRunIndexes,
      // 3: SQLite's migration 4.
      kRunGeneration,
  };
  return kMigrations;
}

const char kStaffReplicaTables[] = R"sql(
CREATE TABLE IF NOT EXISTS staff (
  id TEXT PRIMARY KEY NOT NULL,
  firebaseId TEXT NOT NULL,
  email TEXT NOT NULL,
  firstName TEXT,
  lastName TEXT,
  role TEXT NOT NULL,
  companyId TEXT,
  removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
  companyUpdatedAt TEXT NOT NULL,
  syncedAt TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS staff_firebase ON staff (firebaseId);
CREATE TABLE IF NOT EXISTS staff_sync (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  cursor INTEGER NOT NULL,
  appliedChanges INTEGER NOT NULL,
  lastSyncAt TEXT
);
INSERT INTO staff_sync (id, cursor, appliedChanges) VALUES (1, 0, 0) ON CONFLICT (id) DO NOTHING;
)sql";

// A removed member's firebaseId may sign up again as a new row: not unique here.
const char kPostgresStaffReplicaTables[] = R"sql(
CREATE TABLE IF NOT EXISTS staff (
  id text PRIMARY KEY,
  "firebaseId" text NOT NULL,
  email text NOT NULL,
  "firstName" text,
  "lastName" text,
  role text NOT NULL,
  "companyId" text,
  removed boolean NOT NULL DEFAULT false,
  "companyUpdatedAt" timestamptz NOT NULL,
  "syncedAt" timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS staff_firebase ON staff ("firebaseId");
CREATE TABLE IF NOT EXISTS staff_sync (
  id integer PRIMARY KEY CHECK (id = 1),
  cursor bigint NOT NULL,
  "appliedChanges" bigint NOT NULL,
  "lastSyncAt" timestamptz
);
INSERT INTO staff_sync (id, cursor, "appliedChanges") VALUES (1, 0, 0) ON CONFLICT (id) DO NOTHING;
)sql";

const char kStaffForeignKey[] =
    ",\n  CONSTRAINT city_runs_staff_replica FOREIGN KEY (staffGeneratedId) REFERENCES staff (id)";

}  // namespace gofast::app
