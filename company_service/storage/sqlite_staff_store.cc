#include "company_service/storage/sqlite_staff_store.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include "shared/db/sqlite.h"

namespace gofast::company {
namespace {

constexpr char kStaffColumns[] =
    "id, firebaseId, email, firstName, lastName, photoURL, companyId, role, startDate, createdAt, "
    "updatedAt";

// The kStaffColumns of a row, from column `first` on.
Staff ReadStaff(SQLite::Statement& query, int first = 0) {
  Staff staff;
  staff.id = query.getColumn(first).getString();
  staff.firebase_id = query.getColumn(first + 1).getString();
  staff.email = query.getColumn(first + 2).getString();
  staff.first_name = db::OptionalText(query.getColumn(first + 3));
  staff.last_name = db::OptionalText(query.getColumn(first + 4));
  staff.photo_url = db::OptionalText(query.getColumn(first + 5));
  staff.company_id = db::OptionalText(query.getColumn(first + 6));
  staff.role = query.getColumn(first + 7).getString();
  staff.start_date = db::OptionalText(query.getColumn(first + 8));
  staff.created_at = query.getColumn(first + 9).getString();
  staff.updated_at = query.getColumn(first + 10).getString();
  return staff;
}

// Appends the change of the row `staff_id` as it is now (before its deletion,
// for a removal), or of every row when `staff_id` is nullopt, in the writer's
// transaction: positions follow the commits, since SQLite has one writer.
void RecordChanges(db::Writer::Lock& writer, StaffChangeKind kind, const std::string& at,
                   const std::optional<std::string>& staff_id) {
  static const std::string kRecord =
      std::string(
          "INSERT INTO staff_changes (kind, at, staffId, firebaseId, email, firstName, lastName, "
          "photoURL, companyId, role, startDate, createdAt, updatedAt) SELECT ?, ?, ") +
      kStaffColumns + " FROM company_staff";
  db::Connection::Use record =
      writer.Prepare(kRecord + (staff_id ? " WHERE id = ?" : " ORDER BY rowid"));
  record->bind(1, StaffChangeKindName(kind));
  record->bind(2, at);
  if (staff_id) record->bind(3, *staff_id);
  record->exec();
}

// The row `id`, read on the writer: under its lock it cannot change in between.
std::optional<Staff> FindOnWriter(db::Writer::Lock& writer, const std::string& id) {
  static const std::string kSelect =
      std::string("SELECT ") + kStaffColumns + " FROM company_staff WHERE id = ?";
  db::Connection::Use select = writer.Prepare(kSelect);
  select->bind(1, id);
  if (!select->executeStep()) return std::nullopt;
  return ReadStaff(*select);
}

// Whether a Founder other than `id` is stored.
bool OtherFounderExists(db::Writer::Lock& writer, const std::string& id) {
  db::Connection::Use founders =
      writer.Prepare("SELECT 1 FROM company_staff WHERE role = 'Founder' AND id <> ? LIMIT 1");
  founders->bind(1, id);
  return founders->executeStep();
}

// The rows changed; `on_conflict` is appended to the statement.
int InsertStaffRow(db::Writer::Lock& writer, const Staff& staff, const char* on_conflict = "") {
  static const std::string kInsert = std::string("INSERT INTO company_staff (") + kStaffColumns +
                                     ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  db::Connection::Use insert = writer.Prepare(kInsert + on_conflict);
  insert->bind(1, staff.id);
  insert->bind(2, staff.firebase_id);
  insert->bind(3, staff.email);
  db::BindOptional(*insert, 4, staff.first_name);
  db::BindOptional(*insert, 5, staff.last_name);
  db::BindOptional(*insert, 6, staff.photo_url);
  db::BindOptional(*insert, 7, staff.company_id);
  insert->bind(8, staff.role);
  db::BindOptional(*insert, 9, staff.start_date);
  insert->bind(10, staff.created_at);
  insert->bind(11, staff.updated_at);
  return insert->exec();
}

// `on_conflict` is appended to the statement.
void InsertCompanyRow(SQLite::Database& db, const Company& company, const char* on_conflict = "") {
  SQLite::Statement insert(
      db, std::string("INSERT INTO gofast_company (id, companyName, address, city, state, website, "
                      "description, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)") +
              on_conflict);
  insert.bind(1, company.id);
  insert.bind(2, company.company_name);
  db::BindOptional(insert, 3, company.address);
  db::BindOptional(insert, 4, company.city);
  db::BindOptional(insert, 5, company.state);
  db::BindOptional(insert, 6, company.website);
  db::BindOptional(insert, 7, company.description);
  insert.bind(8, company.created_at);
  insert.bind(9, company.updated_at);
  insert.exec();
}

// A broken UNIQUE rule is the caller's conflict; anything else is logged as a failure.
Error DatabaseError(const char* operation, const SQLite::Exception& e) {
  if (e.getErrorCode() == SQLITE_CONSTRAINT)
    return MakeError(ErrorCode::kConflict, "constraint violated");
  return db::DatabaseFailure(operation, e);
}

}  // namespace

SqliteStaffStore::SqliteStaffStore(db::Database& database)
    : writer_(database.writer()), readers_(database.readers()) {}

Result<std::optional<Staff>> SqliteStaffStore::FindOne(const char* where_sql,
                                                       const std::string& value) {
  try {
    db::ReaderPool::Lease reader = readers_.Acquire();
    db::Connection::Use query = reader.Prepare(std::string("SELECT ") + kStaffColumns +
                                               " FROM company_staff WHERE " + where_sql);
    query->bind(1, value);
    if (!query->executeStep()) return std::optional<Staff>();
    return std::optional<Staff>(ReadStaff(*query));
  } catch (const SQLite::Exception& e) {
    return DatabaseError("FindOne", e);
  }
}

Result<std::optional<Staff>> SqliteStaffStore::FindById(const std::string& id) {
  return FindOne("id = ?", id);
}

Result<std::optional<Staff>> SqliteStaffStore::FindByFirebaseId(const std::string& firebase_id) {
  return FindOne("firebaseId = ?", firebase_id);
}

Result<std::optional<Staff>> SqliteStaffStore::FindInvitedByEmail(const std::string& email) {
  return FindOne("email = ? AND firebaseId LIKE 'temp-%' ORDER BY createdAt, id LIMIT 1", email);
}

Result<std::optional<Staff>> SqliteStaffStore::LinkInvited(const std::string& staff_id,
                                                           const std::string& firebase_id,
                                                           const std::string& now) {
  try {
    db::Writer::Lock writer = writer_.Acquire();
    SQLite::Transaction transaction(writer.db());
    db::Connection::Use update = writer.Prepare(
        "UPDATE company_staff SET firebaseId = ?, updatedAt = ? "
        "WHERE id = ? AND firebaseId LIKE 'temp-%'");
    update->bind(1, firebase_id);
    update->bind(2, now);
    update->bind(3, staff_id);
    if (update->exec() == 0) return std::optional<Staff>();
    RecordChanges(writer, StaffChangeKind::kLinked, now, staff_id);
    std::optional<Staff> linked = FindOnWriter(writer, staff_id);
    transaction.commit();
    return linked;
  } catch (const SQLite::Exception& e) {
    return DatabaseError("LinkInvited", e);
  }
}

Result<StaffStore::InsertOutcome> SqliteStaffStore::InsertIfAbsent(const Staff& staff) {
  try {
    db::Writer::Lock writer = writer_.Acquire();
    SQLite::Transaction transaction(writer.db());
    const bool created = InsertStaffRow(writer, staff, " ON CONFLICT (firebaseId) DO NOTHING") == 1;
    if (created) RecordChanges(writer, StaffChangeKind::kCreated, staff.created_at, staff.id);
    // Read on the writer: under its lock the row cannot change in between.
    static const std::string kSelect =
        std::string("SELECT ") + kStaffColumns + " FROM company_staff WHERE firebaseId = ?";
    std::optional<Staff> stored;
    {
      db::Connection::Use select = writer.Prepare(kSelect);
      select->bind(1, staff.firebase_id);
      if (select->executeStep()) stored = ReadStaff(*select);
    }
    transaction.commit();
    if (!stored) return MakeError(ErrorCode::kInternal, "Internal error");
    return InsertOutcome{std::move(*stored), created};
  } catch (const SQLite::Exception& e) {
    return DatabaseError("InsertIfAbsent", e);
  }
}

Result<Staff> SqliteStaffStore::InsertIfEmailFree(const Staff& staff) {
  try {
    db::Writer::Lock writer = writer_.Acquire();
    SQLite::Transaction transaction(writer.db());
    db::Connection::Use taken =
        writer.Prepare("SELECT 1 FROM company_staff WHERE email = ? LIMIT 1");
    taken->bind(1, staff.email);
    if (taken->executeStep()) return MakeError(ErrorCode::kConflict, "email taken");
    InsertStaffRow(writer, staff);
    RecordChanges(writer, StaffChangeKind::kCreated, staff.created_at, staff.id);
    transaction.commit();
    return staff;
  } catch (const SQLite::Exception& e) {
    return DatabaseError("InsertIfEmailFree", e);
  }
}

Result<StaffPage> SqliteStaffStore::List(size_t limit, const std::optional<StaffCursor>& after) {
  try {
    db::ReaderPool::Lease reader = readers_.Acquire();
    db::Connection::Use query = reader.Prepare(
        std::string("SELECT ") + kStaffColumns + " FROM company_staff" +
        (after ? " WHERE (updatedAt, id) > (?, ?)" : "") + " ORDER BY updatedAt, id LIMIT ?");
    int index = 1;
    if (after) {
      query->bind(index++, after->updated_at);
      query->bind(index++, after->id);
    }
    query->bind(index, static_cast<int64_t>(limit) + 1);  // one more tells whether a page follows
    StaffPage page;
    while (query->executeStep()) page.staff.push_back(ReadStaff(*query));
    if (page.staff.size() > limit) {
      page.staff.pop_back();
      page.has_more = true;
    }
    return page;
  } catch (const SQLite::Exception& e) {
    return DatabaseError("List", e);
  }
}

Result<std::optional<Company>> SqliteStaffStore::FindCompany() {
  try {
    db::ReaderPool::Lease reader = readers_.Acquire();
    SQLite::Statement query(reader.db(),
                            "SELECT id, companyName, address, city, state, website, description, "
                            "createdAt, updatedAt FROM gofast_company ORDER BY createdAt LIMIT 1");
    if (!query.executeStep()) return std::optional<Company>();
    Company company;
    company.id = query.getColumn(0).getString();
    company.company_name = query.getColumn(1).getString();
    company.address = db::OptionalText(query.getColumn(2));
    company.city = db::OptionalText(query.getColumn(3));
    company.state = db::OptionalText(query.getColumn(4));
    company.website = db::OptionalText(query.getColumn(5));
    company.description = db::OptionalText(query.getColumn(6));
    company.created_at = query.getColumn(7).getString();
    company.updated_at = query.getColumn(8).getString();
    return std::optional<Company>(std::move(company));
  } catch (const SQLite::Exception& e) {
    return DatabaseError("FindCompany", e);
  }
}

Status SqliteStaffStore::InsertCompany(const Company& company) {
  try {
    db::Writer::Lock writer = writer_.Acquire();
    InsertCompanyRow(writer.db(), company);
    return Ok{};
  } catch (const SQLite::Exception& e) {
    return DatabaseError("InsertCompany", e);
  }
}

Result<std::vector<Staff>> SqliteStaffStore::AllStaff() {
  try {
    db::ReaderPool::Lease reader = readers_.Acquire();
    static const std::string kSelect =
        std::string("SELECT ") + kStaffColumns + " FROM company_staff ORDER BY rowid";
    db::Connection::Use query = reader.Prepare(kSelect);
    std::vector<Staff> staff;
    while (query->executeStep()) staff.push_back(ReadStaff(*query));
    return staff;
  } catch (const SQLite::Exception& e) {
    return DatabaseError("AllStaff", e);
  }
}

Status SqliteStaffStore::ResetTenant(const Company& company) {
  try {
    db::Writer::Lock writer = writer_.Acquire();
    SQLite::Transaction transaction(writer.db());
    RecordChanges(writer, StaffChangeKind::kRemoved, company.created_at, std::nullopt);
    writer.db().exec("DELETE FROM company_staff; DELETE FROM gofast_company;");
    InsertCompanyRow(writer.db(), company);
    transaction.commit();
    return Ok{};
  } catch (const SQLite::Exception& e) {
    return DatabaseError("ResetTenant", e);
  }
}

Status SqliteStaffStore::Seed(const std::optional<Company>& company,
                              const std::vector<Staff>& staff) {
  try {
    db::Writer::Lock writer = writer_.Acquire();
    SQLite::Transaction transaction(writer.db());
    if (company) {
      InsertCompanyRow(writer.db(), *company,
                       " ON CONFLICT (id) DO UPDATE SET companyName = excluded.companyName, "
                       "address = excluded.address, city = excluded.city, state = excluded.state, "
                       "website = excluded.website, description = excluded.description, "
                       "createdAt = excluded.createdAt, updatedAt = excluded.updatedAt");
    }
    for (const Staff& member : staff) {
      InsertStaffRow(writer, member);
      RecordChanges(writer, StaffChangeKind::kCreated, member.created_at, member.id);
    }
    transaction.commit();
    return Ok{};
  } catch (const SQLite::Exception& e) {
    return DatabaseError("Seed", e);
  }
}

namespace {

void DeleteRow(db::Writer::Lock& writer, const std::string& id, const std::string& now) {
  RecordChanges(writer, StaffChangeKind::kRemoved, now, id);
  db::Connection::Use remove = writer.Prepare("DELETE FROM company_staff WHERE id = ?");
  remove->bind(1, id);
  remove->exec();
}

}  // namespace

Status SqliteStaffStore::DeleteStaff(const std::vector<std::string>& ids, const std::string& now) {
  try {
    db::Writer::Lock writer = writer_.Acquire();
    SQLite::Transaction transaction(writer.db());
    for (const std::string& id : ids) DeleteRow(writer, id, now);
    transaction.commit();
    return Ok{};
  } catch (const SQLite::Exception& e) {
    return DatabaseError("DeleteStaff", e);
  }
}

Result<StaffStore::ChangeOutcome> SqliteStaffStore::Update(const std::string& id,
                                                           const StaffEdit& edit,
                                                           const std::string& now) {
  return EditOrRemove(id, &edit, now);
}

Result<StaffStore::ChangeOutcome> SqliteStaffStore::Remove(const std::string& id,
                                                           const std::string& now) {
  return EditOrRemove(id, nullptr, now);
}

Result<StaffStore::ChangeOutcome> SqliteStaffStore::EditOrRemove(const std::string& id,
                                                                 const StaffEdit* edit,
                                                                 const std::string& now) {
  try {
    db::Writer::Lock writer = writer_.Acquire();
    SQLite::Transaction transaction(writer.db());
    const std::optional<Staff> row = FindOnWriter(writer, id);
    if (!row) return ChangeOutcome{std::nullopt, Refusal::kNotFound};
    if (TakesFounderAway(*row, edit) && !OtherFounderExists(writer, id)) {
      return ChangeOutcome{row, Refusal::kLastFounder};
    }
    if (edit == nullptr) {
      DeleteRow(writer, id, now);
      transaction.commit();
      return ChangeOutcome{row, std::nullopt};
    }
    const Staff edited = Edited(*row, *edit, now);
    {
      db::Connection::Use update = writer.Prepare(
          "UPDATE company_staff SET role = ?, firstName = ?, lastName = ?, photoURL = ?, "
          "updatedAt = ? WHERE id = ?");
      update->bind(1, edited.role);
      db::BindOptional(*update, 2, edited.first_name);
      db::BindOptional(*update, 3, edited.last_name);
      db::BindOptional(*update, 4, edited.photo_url);
      update->bind(5, edited.updated_at);
      update->bind(6, id);
      update->exec();
    }
    RecordChanges(writer, StaffChangeKind::kUpdated, now, id);
    transaction.commit();
    return ChangeOutcome{edited, std::nullopt};
  } catch (const SQLite::Exception& e) {
    return DatabaseError(edit != nullptr ? "Update" : "Remove", e);
  }
}

Result<std::vector<StaffChange>> SqliteStaffStore::ChangesAfter(int64_t position, size_t limit) {
  try {
    db::ReaderPool::Lease reader = readers_.Acquire();
    db::Connection::Use query = reader.Prepare(
        "SELECT position, kind, at, staffId, firebaseId, email, firstName, lastName, photoURL, "
        "companyId, role, startDate, createdAt, updatedAt FROM staff_changes "
        "WHERE position > ? ORDER BY position LIMIT ?");
    query->bind(1, position);
    query->bind(2, static_cast<int64_t>(limit));
    std::vector<StaffChange> changes;
    while (query->executeStep()) {
      StaffChange& change = changes.emplace_back();
      change.position = query->getColumn(0).getInt64();
      change.kind =
          ParseStaffChangeKind(query->getColumn(1).getString()).value_or(StaffChangeKind::kUpdated);
      change.at = query->getColumn(2).getString();
      change.staff = ReadStaff(*query, 3);
    }
    return changes;
  } catch (const SQLite::Exception& e) {
    return DatabaseError("ChangesAfter", e);
  }
}

}  // namespace gofast::company
