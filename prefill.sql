PRAGMA cache_size = -262144;
BEGIN;
DROP INDEX city_runs_created;
DROP INDEX city_runs_city;
DROP INDEX city_runs_run_club;
DROP INDEX city_runs_staff;
DROP INDEX city_runs_athlete;
DROP INDEX city_runs_duplicate;
INSERT INTO run_clubs (slug, name, city, createdAt, updatedAt)
  VALUES ('arlington-runners', 'Arlington Runners', 'Arlington', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')
  ON CONFLICT (slug) DO NOTHING;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < 1000000)
INSERT INTO city_runs (id, citySlug, runClubSlug, staffGeneratedId, createdByFirebaseId, title, isRecurring,
                       dayOfWeek, startDate, date, startTimeHour, startTimeMinute, startTimePeriod, timezone,
                       meetUpPoint, meetUpAddress, meetUpCity, meetUpState, totalMiles, pace, description,
                       createdAt, updatedAt)
SELECT printf('cbench%019d', i), 'arlington', 'arlington-runners',
       printf('00000000-0000-4000-8000-%012d', i % 1000), 'bench-admin', 'Bench run ' || i, i % 2,
       CASE WHEN i % 2 = 1 THEN 'Wednesday' END,
       strftime('%Y-%m-%dT12:00:00.000Z', 1767225600 + (i % 365) * 86400, 'unixepoch'),
       strftime('%Y-%m-%dT12:00:00.000Z', 1767225600 + (i % 365) * 86400, 'unixepoch'),
       6, 30, 'AM', 'America/New_York', 'Gateway Park', '1200 Wilson Blvd, Arlington, VA 22209, USA',
       'Arlington', 'VA', 3.1, '9:00/mi', 'An easy loop along the river, all paces welcome.',
       strftime('%Y-%m-%dT%H:%M:%fZ', 1735689600 + i, 'unixepoch'),
       strftime('%Y-%m-%dT%H:%M:%fZ', 1735689600 + i, 'unixepoch')
FROM n;
CREATE INDEX city_runs_created ON city_runs (createdAt, id);
CREATE INDEX city_runs_city ON city_runs (citySlug, createdAt, id);
CREATE INDEX city_runs_run_club ON city_runs (runClubSlug, createdAt, id);
CREATE INDEX city_runs_staff ON city_runs (staffGeneratedId, createdAt, id);
CREATE INDEX city_runs_athlete ON city_runs (athleteGeneratedId, createdAt, id);
CREATE UNIQUE INDEX city_runs_duplicate ON city_runs (duplicateKey)
  WHERE duplicateKey IS NOT NULL;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
