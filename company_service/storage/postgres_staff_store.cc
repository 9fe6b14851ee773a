#include "company_service/storage/postgres_staff_store.h"

namespace gofast::company {
namespace {

// The columns ReadStaff reads, for the prepared statements; `id` names the id
// column (staff_changes calls it "staffId").
std::string StaffColumns(const std::string& id = "id") {
  return id +
         ", \"firebaseId\", email, \"firstName\", \"lastName\", \"photoURL\", \"companyId\", "
         "role, " +
         db::IsoTimeColumn("\"startDate\"") + ", " + db::IsoTimeColumn("\"createdAt\"") + ", " +
         db::IsoTimeColumn("\"updatedAt\"");
}

const std::string& CompanyColumns() {
  static const std::string columns =
      "id, \"companyName\", address, city, state, website, description, " +
      db::IsoTimeColumn("\"createdAt\"") + ", " + db::IsoTimeColumn("\"updatedAt\"");
  return columns;
}

constexpr char kInsertStaff[] =
    "INSERT INTO company_staff (id, \"firebaseId\", email, \"firstName\", \"lastName\", "
    "\"photoURL\", \"companyId\", role, \"startDate\", \"createdAt\", \"updatedAt\") "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz, $10::timestamptz, $11::timestamptz)";

constexpr char kInsertCompany[] =
    "INSERT INTO gofast_company (id, \"companyName\", address, city, state, website, description, "
    "\"createdAt\", \"updatedAt\") VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz, "
    "$9::timestamptz)";

// The StaffColumns of a row, from column `first` on.
Staff ReadStaff(const pqxx::row& row, int first = 0) {
  Staff staff;
  staff.id = row[first].c_str();
  staff.firebase_id = row[first + 1].c_str();
  staff.email = row[first + 2].c_str();
  staff.first_name = db::OptionalText(row[first + 3]);
  staff.last_name = db::OptionalText(row[first + 4]);
  staff.photo_url = db::OptionalText(row[first + 5]);
  staff.company_id = db::OptionalText(row[first + 6]);
  staff.role = row[first + 7].c_str();
  staff.start_date = db::OptionalText(row[first + 8]);
  staff.created_at = row[first + 9].c_str();
  staff.updated_at = row[first + 10].c_str();
  return staff;
}

// Any fixed number, other than the migrations' (shared/db/postgres.cc): the
// key of the lock every write to staff takes first and holds to its commit.
// Changes are numbered under it, so positions follow the commits and a reader
// of the feed never sees a later one before an earlier one; it also makes
// the rules that read before they write (an email free, a Founder left) hold
// across instances.
constexpr int64_t kStaffWriteLock = 7201;

// A write transaction on staff: the staff write lock taken.
void LockStaffWrites(pqxx::transaction_base& transaction) {
  transaction.exec_prepared("staff_write_lock");
}

// Appends the change of the row `staff_id` as it is now (before its deletion,
// for a removal), or of every row when `staff_id` is nullopt.
void RecordChanges(pqxx::transaction_base& transaction, StaffChangeKind kind, const std::string& at,
                   const std::optional<std::string>& staff_id) {
  if (staff_id) {
    transaction.exec_prepared("staff_change_record", StaffChangeKindName(kind), at, *staff_id);
  } else {
    transaction.exec_prepared("staff_change_record_all", StaffChangeKindName(kind), at);
  }
}

std::optional<Staff> FirstStaff(const pqxx::result& result) {
  if (result.empty()) return std::nullopt;
  return ReadStaff(result[0]);
}

pqxx::result InsertStaffRow(pqxx::transaction_base& transaction, const char* statement,
                            const Staff& staff) {
  return transaction.exec_prepared(statement, staff.id, staff.firebase_id, staff.email,
                                   staff.first_name, staff.last_name, staff.photo_url,
                                   staff.company_id, staff.role, staff.start_date, staff.created_at,
                                   staff.updated_at);
}

void InsertCompanyRow(pqxx::transaction_base& transaction, const char* statement,
                      const Company& company) {
  transaction.exec_prepared(statement, company.id, company.company_name, company.address,
                            company.city, company.state, company.website, company.description,
                            company.created_at, company.updated_at);
}

}  // namespace

void PostgresStaffStore::PrepareStatements(pqxx::connection& connection) {
  const std::string select = "SELECT " + StaffColumns() + " FROM company_staff ";
  connection.prepare("staff_by_id", select + "WHERE id = $1");
  connection.prepare("staff_by_firebase_id", select + "WHERE \"firebaseId\" = $1");
  connection.prepare("staff_invited_by_email",
                     select +
                         "WHERE email = $1 AND \"firebaseId\" LIKE 'temp-%' "
                         "ORDER BY \"createdAt\", id LIMIT 1");
  connection.prepare(
      "staff_link",
      "UPDATE company_staff SET \"firebaseId\" = $1, \"updatedAt\" = $2::timestamptz "
      "WHERE id = $3 AND \"firebaseId\" LIKE 'temp-%' RETURNING " +
          StaffColumns());
  connection.prepare("staff_insert", kInsertStaff);
  connection.prepare("staff_insert_if_absent",
                     std::string(kInsertStaff) + " ON CONFLICT (\"firebaseId\") DO NOTHING");
  connection.prepare("staff_email_taken", "SELECT 1 FROM company_staff WHERE email = $1 LIMIT 1");
  connection.prepare("staff_write_lock",
                     "SELECT pg_advisory_xact_lock(" + std::to_string(kStaffWriteLock) + ")");
  const std::string record =
      "INSERT INTO staff_changes (position, kind, at, \"staffId\", \"firebaseId\", email, "
      "\"firstName\", \"lastName\", \"photoURL\", \"companyId\", role, \"startDate\", "
      "\"createdAt\", \"updatedAt\") SELECT (SELECT coalesce(max(position), 0) FROM "
      "staff_changes) + row_number() OVER (ORDER BY rowid), $1, $2::timestamptz, id, "
      "\"firebaseId\", email, \"firstName\", \"lastName\", \"photoURL\", \"companyId\", role, "
      "\"startDate\", \"createdAt\", \"updatedAt\" FROM company_staff";
  connection.prepare("staff_change_record", record + " WHERE id = $3");
  connection.prepare("staff_change_record_all", record);
  connection.prepare("staff_changes_after",
                     "SELECT position, kind, " + db::IsoTimeColumn("at") + ", " +
                         StaffColumns("\"staffId\"") +
                         " FROM staff_changes WHERE position > $1 ORDER BY position LIMIT $2");
  connection.prepare("staff_founder_other",
                     "SELECT 1 FROM company_staff WHERE role = 'Founder' AND id <> $1 LIMIT 1");
  connection.prepare("staff_update",
                     "UPDATE company_staff SET role = $1, \"firstName\" = $2, \"lastName\" = $3, "
                     "\"photoURL\" = $4, \"updatedAt\" = $5::timestamptz WHERE id = $6");
  connection.prepare("staff_page", select + "ORDER BY \"updatedAt\", id LIMIT $1");
  connection.prepare("staff_page_after", select +
                                             "WHERE (\"updatedAt\", id) > ($1::timestamptz, $2) "
                                             "ORDER BY \"updatedAt\", id LIMIT $3");
  connection.prepare("staff_all", select + "ORDER BY rowid");
  connection.prepare("staff_delete", "DELETE FROM company_staff WHERE id = $1");
  connection.prepare("company_first", "SELECT " + CompanyColumns() +
                                          " FROM gofast_company ORDER BY \"createdAt\" "
                                          "LIMIT 1");
  connection.prepare("company_insert", kInsertCompany);
  connection.prepare(
      "company_upsert",
      std::string(kInsertCompany) +
          " ON CONFLICT (id) DO UPDATE SET \"companyName\" = excluded.\"companyName\", "
          "address = excluded.address, city = excluded.city, "
          "state = excluded.state, website = excluded.website, "
          "description = excluded.description, "
          "\"createdAt\" = excluded.\"createdAt\", "
          "\"updatedAt\" = excluded.\"updatedAt\"");
}

Result<std::optional<Staff>> PostgresStaffStore::FindOne(const char* statement,
                                                         const std::string& value) {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::nontransaction read(*lease);
    return FirstStaff(read.exec_prepared(statement, value));
  } catch (const std::exception& e) {
    return db::PgFailure(statement, e);
  }
}

Result<std::optional<Staff>> PostgresStaffStore::FindById(const std::string& id) {
  return FindOne("staff_by_id", id);
}

Result<std::optional<Staff>> PostgresStaffStore::FindByFirebaseId(const std::string& firebase_id) {
  return FindOne("staff_by_firebase_id", firebase_id);
}

Result<std::optional<Staff>> PostgresStaffStore::FindInvitedByEmail(const std::string& email) {
  return FindOne("staff_invited_by_email", email);
}

Result<std::optional<Staff>> PostgresStaffStore::LinkInvited(const std::string& staff_id,
                                                             const std::string& firebase_id,
                                                             const std::string& now) {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::work transaction(*lease);
    LockStaffWrites(transaction);
    // A racing link, once it holds the lock, finds the row linked: no row.
    std::optional<Staff> linked =
        FirstStaff(transaction.exec_prepared("staff_link", firebase_id, now, staff_id));
    if (linked) RecordChanges(transaction, StaffChangeKind::kLinked, now, staff_id);
    transaction.commit();
    return linked;
  } catch (const std::exception& e) {
    return db::PgFailure("LinkInvited", e);
  }
}

Result<StaffStore::InsertOutcome> PostgresStaffStore::InsertIfAbsent(const Staff& staff) {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::work transaction(*lease);
    LockStaffWrites(transaction);
    const bool created =
        InsertStaffRow(transaction, "staff_insert_if_absent", staff).affected_rows() == 1;
    if (created) RecordChanges(transaction, StaffChangeKind::kCreated, staff.created_at, staff.id);
    // Read committed: this statement sees the row a racing insert committed.
    std::optional<Staff> stored =
        FirstStaff(transaction.exec_prepared("staff_by_firebase_id", staff.firebase_id));
    transaction.commit();
    if (!stored) return MakeError(ErrorCode::kInternal, "Internal error");
    return InsertOutcome{std::move(*stored), created};
  } catch (const std::exception& e) {
    return db::PgFailure("InsertIfAbsent", e);
  }
}

Result<Staff> PostgresStaffStore::InsertIfEmailFree(const Staff& staff) {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::work transaction(*lease);
    LockStaffWrites(transaction);  // two invitations of one email: the second sees the first
    if (!transaction.exec_prepared("staff_email_taken", staff.email).empty()) {
      return MakeError(ErrorCode::kConflict, "email taken");
    }
    InsertStaffRow(transaction, "staff_insert", staff);
    RecordChanges(transaction, StaffChangeKind::kCreated, staff.created_at, staff.id);
    transaction.commit();
    return staff;
  } catch (const std::exception& e) {
    return db::PgFailure("InsertIfEmailFree", e);
  }
}

Result<StaffPage> PostgresStaffStore::List(size_t limit, const std::optional<StaffCursor>& after) {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::nontransaction read(*lease);
    // One more than asked tells whether a page follows.
    const auto rows = static_cast<int64_t>(limit) + 1;
    const pqxx::result result =
        after ? read.exec_prepared("staff_page_after", after->updated_at, after->id, rows)
              : read.exec_prepared("staff_page", rows);
    StaffPage page;
    for (const pqxx::row& row : result) page.staff.push_back(ReadStaff(row));
    if (page.staff.size() > limit) {
      page.staff.pop_back();
      page.has_more = true;
    }
    return page;
  } catch (const std::exception& e) {
    return db::PgFailure("List", e);
  }
}

Result<std::optional<Company>> PostgresStaffStore::FindCompany() {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::nontransaction read(*lease);
    const pqxx::result result = read.exec_prepared("company_first");
    if (result.empty()) return std::optional<Company>();
    const pqxx::row row = result[0];
    Company company;
    company.id = row[0].c_str();
    company.company_name = row[1].c_str();
    company.address = db::OptionalText(row[2]);
    company.city = db::OptionalText(row[3]);
    company.state = db::OptionalText(row[4]);
    company.website = db::OptionalText(row[5]);
    company.description = db::OptionalText(row[6]);
    company.created_at = row[7].c_str();
    company.updated_at = row[8].c_str();
    return std::optional<Company>(std::move(company));
  } catch (const std::exception& e) {
    return db::PgFailure("FindCompany", e);
  }
}

Status PostgresStaffStore::InsertCompany(const Company& company) {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::work transaction(*lease);
    InsertCompanyRow(transaction, "company_insert", company);
    transaction.commit();
    return Ok{};
  } catch (const std::exception& e) {
    return db::PgFailure("InsertCompany", e);
  }
}

Result<std::vector<Staff>> PostgresStaffStore::AllStaff() {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::nontransaction read(*lease);
    std::vector<Staff> staff;
    for (const pqxx::row& row : read.exec_prepared("staff_all")) staff.push_back(ReadStaff(row));
    return staff;
  } catch (const std::exception& e) {
    return db::PgFailure("AllStaff", e);
  }
}

Status PostgresStaffStore::ResetTenant(const Company& company) {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::work transaction(*lease);
    LockStaffWrites(transaction);
    RecordChanges(transaction, StaffChangeKind::kRemoved, company.created_at, std::nullopt);
    transaction.exec0("DELETE FROM company_staff");
    // Storage order counts from 1 again, as SQLite's rowid does in an emptied
    // table: a reset and a seed give the same rows on either store.
    transaction.exec0("ALTER TABLE company_staff ALTER COLUMN rowid RESTART");
    transaction.exec0("DELETE FROM gofast_company");
    InsertCompanyRow(transaction, "company_insert", company);
    transaction.commit();
    return Ok{};
  } catch (const std::exception& e) {
    return db::PgFailure("ResetTenant", e);
  }
}

Status PostgresStaffStore::Seed(const std::optional<Company>& company,
                                const std::vector<Staff>& staff) {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::work transaction(*lease);
    LockStaffWrites(transaction);
    if (company) InsertCompanyRow(transaction, "company_upsert", *company);
    for (const Staff& member : staff) {
      InsertStaffRow(transaction, "staff_insert", member);
      RecordChanges(transaction, StaffChangeKind::kCreated, member.created_at, member.id);
    }
    transaction.commit();
    return Ok{};
  } catch (const std::exception& e) {
    return db::PgFailure("Seed", e);
  }
}

namespace {

void DeleteRow(pqxx::transaction_base& transaction, const std::string& id, const std::string& now) {
  RecordChanges(transaction, StaffChangeKind::kRemoved, now, id);
  transaction.exec_prepared("staff_delete", id);
}

bool OtherFounderExists(pqxx::transaction_base& transaction, const std::string& id) {
  return !transaction.exec_prepared("staff_founder_other", id).empty();
}

}  // namespace

Status PostgresStaffStore::DeleteStaff(const std::vector<std::string>& ids,
                                       const std::string& now) {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::work transaction(*lease);
    LockStaffWrites(transaction);
    for (const std::string& id : ids) DeleteRow(transaction, id, now);
    transaction.commit();
    return Ok{};
  } catch (const std::exception& e) {
    return db::PgFailure("DeleteStaff", e);
  }
}

Result<StaffStore::ChangeOutcome> PostgresStaffStore::Update(const std::string& id,
                                                             const StaffEdit& edit,
                                                             const std::string& now) {
  return EditOrRemove(id, &edit, now);
}

Result<StaffStore::ChangeOutcome> PostgresStaffStore::Remove(const std::string& id,
                                                             const std::string& now) {
  return EditOrRemove(id, nullptr, now);
}

Result<StaffStore::ChangeOutcome> PostgresStaffStore::EditOrRemove(const std::string& id,
                                                                   const StaffEdit* edit,
                                                                   const std::string& now) {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::work transaction(*lease);
    LockStaffWrites(transaction);
    const std::optional<Staff> row = FirstStaff(transaction.exec_prepared("staff_by_id", id));
    if (!row) return ChangeOutcome{std::nullopt, Refusal::kNotFound};
    if (TakesFounderAway(*row, edit) && !OtherFounderExists(transaction, id)) {
      return ChangeOutcome{row, Refusal::kLastFounder};
    }
    if (edit == nullptr) {
      DeleteRow(transaction, id, now);
      transaction.commit();
      return ChangeOutcome{row, std::nullopt};
    }
    const Staff edited = Edited(*row, *edit, now);
    transaction.exec_prepared("staff_update", edited.role, edited.first_name, edited.last_name,
                              edited.photo_url, edited.updated_at, id);
    RecordChanges(transaction, StaffChangeKind::kUpdated, now, id);
    transaction.commit();
    return ChangeOutcome{edited, std::nullopt};
  } catch (const std::exception& e) {
    return db::PgFailure(edit != nullptr ? "Update" : "Remove", e);
  }
}

Result<std::vector<StaffChange>> PostgresStaffStore::ChangesAfter(int64_t position, size_t limit) {
  try {
    db::PgPool::Lease lease = pool_.Acquire();
    pqxx::nontransaction read(*lease);
    std::vector<StaffChange> changes;
    for (const pqxx::row& row :
         read.exec_prepared("staff_changes_after", position, static_cast<int64_t>(limit))) {
      StaffChange& change = changes.emplace_back();
      change.position = row[0].as<int64_t>();
      change.kind = ParseStaffChangeKind(row[1].c_str()).value_or(StaffChangeKind::kUpdated);
      change.at = row[2].c_str();
      change.staff = ReadStaff(row, 3);
    }
    return changes;
  } catch (const std::exception& e) {
    return db::PgFailure("ChangesAfter", e);
  }
}

}  // namespace gofast::company
