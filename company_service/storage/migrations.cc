#include "company_service/storage/migrations.h"

namespace gofast::company {

const std::vector<std::string>& SchemaMigrations() {
  static const std::vector<std::string> kMigrations = {
      // 1: the tenant row and its staff.
      R"sql(
      CREATE TABLE gofast_company (
        id          TEXT PRIMARY KEY,
        companyName TEXT NOT NULL DEFAULT 'GoFast Inc',
        address     TEXT,
        city        TEXT,
        state       TEXT,
        website     TEXT,
        description TEXT,
        createdAt   TEXT NOT NULL,
        updatedAt   TEXT NOT NULL
      );
      CREATE TABLE company_staff (
        id         TEXT PRIMARY KEY,
        firebaseId TEXT NOT NULL UNIQUE,
        email      TEXT NOT NULL,
        firstName  TEXT,
        lastName   TEXT,
        photoURL   TEXT,
        companyId  TEXT REFERENCES gofast_company(id),
        role       TEXT NOT NULL CHECK (role IN ('Founder', 'CFO', 'Sales', 'Marketing', 'Community Manager')),
        startDate  TEXT,
        createdAt  TEXT NOT NULL,
        updatedAt  TEXT NOT NULL
      );
      CREATE INDEX company_staff_email ON company_staff (email);
      CREATE INDEX company_staff_updated ON company_staff (updatedAt, id);
      )sql",
      // 2: the change feed (GET /api/staff/changes): each change with the row as it left it;
      // the rows already stored enter it as created, in the order they were stored.
      R"sql(
      CREATE TABLE staff_changes (
        position   INTEGER PRIMARY KEY,
        kind       TEXT NOT NULL CHECK (kind IN ('created', 'linked', 'updated', 'removed')),
        at         TEXT NOT NULL,
        staffId    TEXT NOT NULL,
        firebaseId TEXT NOT NULL,
        email      TEXT NOT NULL,
        firstName  TEXT,
        lastName   TEXT,
        photoURL   TEXT,
        companyId  TEXT,
        role       TEXT NOT NULL,
        startDate  TEXT,
        createdAt  TEXT NOT NULL,
        updatedAt  TEXT NOT NULL
      );
      INSERT INTO staff_changes (kind, at, staffId, firebaseId, email, firstName, lastName,
                                 photoURL, companyId, role, startDate, createdAt, updatedAt)
        SELECT 'created', createdAt, id, firebaseId, email, firstName, lastName, photoURL,
               companyId, role, startDate, createdAt, updatedAt
        FROM company_staff ORDER BY rowid;
      )sql",
  };
  return kMigrations;
}

const std::vector<std::string>& PostgresSchemaMigrations() {
  static const std::vector<std::string> kMigrations = {
      // 1: the tenant row and its staff.
      R"sql(
      CREATE TABLE gofast_company (
        id            text PRIMARY KEY,
        "companyName" text NOT NULL DEFAULT 'GoFast Inc',
        address       text,
        city          text,
        state         text,
        website       text,
        description   text,
        "createdAt"   timestamptz NOT NULL,
        "updatedAt"   timestamptz NOT NULL
      );
      CREATE TABLE company_staff (
        -- SQLite's implicit rowid, made explicit: the order rows were stored in.
        rowid        bigint GENERATED ALWAYS AS IDENTITY,
        id           text COLLATE "C" PRIMARY KEY,  -- SQLite's order: the list pages by (updatedAt, id)
        "firebaseId" text NOT NULL UNIQUE,
        email        text NOT NULL,
        "firstName"  text,
        "lastName"   text,
        "photoURL"   text,
        "companyId"  text REFERENCES gofast_company(id),
        role         text NOT NULL CHECK (role IN ('Founder', 'CFO', 'Sales', 'Marketing', 'Community Manager')),
        "startDate"  timestamptz,
        "createdAt"  timestamptz NOT NULL,
        "updatedAt"  timestamptz NOT NULL
      );
      CREATE INDEX company_staff_email ON company_staff (email);
      CREATE INDEX company_staff_updated ON company_staff ("updatedAt", id);
      )sql",
      // 2: the change feed, as on SQLite. Positions are given under an advisory lock held
      // to the commit (PostgresStaffStore), so they follow the order of the commits.
      R"sql(
      CREATE TABLE staff_changes (
        position     bigint PRIMARY KEY,
        kind         text NOT NULL CHECK (kind IN ('created', 'linked', 'updated', 'removed')),
        at           timestamptz NOT NULL,
        "staffId"    text COLLATE "C" NOT NULL,
        "firebaseId" text NOT NULL,
        email        text NOT NULL,
        "firstName"  text,
        "lastName"   text,
        "photoURL"   text,
        "companyId"  text,
        role         text NOT NULL,
        "startDate"  timestamptz,
        "createdAt"  timestamptz NOT NULL,
        "updatedAt"  timestamptz NOT NULL
      );
      INSERT INTO staff_changes (position, kind, at, "staffId", "firebaseId", email, "firstName",
                                 "lastName", "photoURL", "companyId", role, "startDate",
                                 "createdAt", "updatedAt")
        SELECT row_number() OVER (ORDER BY rowid), 'created', "createdAt", id, "firebaseId",
               email, "firstName", "lastName", "photoURL", "companyId", role, "startDate",
               "createdAt", "updatedAt"
        FROM company_staff;
      )sql",
  };
  return kMigrations;
}

}  // namespace gofast::company
