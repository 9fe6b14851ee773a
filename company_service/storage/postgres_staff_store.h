#ifndef GOFAST_COMPANY_SERVICE_STORAGE_POSTGRES_STAFF_STORE_H_
#define GOFAST_COMPANY_SERVICE_STORAGE_POSTGRES_STAFF_STORE_H_

#include <pqxx/pqxx>
#include <string>

#include "company_service/domain/staff_store.h"
#include "shared/db/postgres.h"

namespace gofast::company {

// company_staff and gofast_company on PostgreSQL, with the rules of the
// SQLite store: races are settled by the database (ON CONFLICT, the unique
// firebaseId, row locks, an advisory lock per email), never by this process,
// so several company_service instances may share one database.
class PostgresStaffStore : public StaffStore {
 public:
  // Prepares the store's statements on a new connection: PgPool's Prepare.
  static void PrepareStatements(pqxx::connection& connection);

  // `pool` was opened with PostgresSchemaMigrations() and PrepareStatements;
  // it outlives the store.
  explicit PostgresStaffStore(db::PgPool& pool) : pool_(pool) {}

  Result<std::optional<Staff>> FindById(const std::string& id) override;
  Result<std::optional<Staff>> FindByFirebaseId(const std::string& firebase_id) override;
  Result<std::optional<Staff>> FindInvitedByEmail(const std::string& email) override;
  Result<std::optional<Staff>> LinkInvited(const std::string& staff_id,
                                           const std::string& firebase_id,
                                           const std::string& now) override;
  Result<InsertOutcome> InsertIfAbsent(const Staff& staff) override;
  Result<Staff> InsertIfEmailFree(const Staff& staff) override;
  Result<StaffPage> List(size_t limit, const std::optional<StaffCursor>& after) override;
  Result<std::optional<Company>> FindCompany() override;
  Status InsertCompany(const Company& company) override;
  Result<std::vector<Staff>> AllStaff() override;
  Status ResetTenant(const Company& company) override;
  Status Seed(const std::optional<Company>& company, const std::vector<Staff>& staff) override;
  Status DeleteStaff(const std::vector<std::string>& ids, const std::string& now) override;
  Result<ChangeOutcome> Update(const std::string& id, const StaffEdit& edit,
                               const std::string& now) override;
  Result<ChangeOutcome> Remove(const std::string& id, const std::string& now) override;
  Result<std::vector<StaffChange>> ChangesAfter(int64_t position, size_t limit) override;

 private:
  // Update (`edit`) or Remove (nullptr) in one transaction: the row, the
  // Founder rule and the change recorded.
  Result<ChangeOutcome> EditOrRemove(const std::string& id, const StaffEdit* edit,
                                     const std::string& now);
  Result<std::optional<Staff>> FindOne(const char* statement, const std::string& value);

  db::PgPool& pool_;
};

}  // namespace gofast::company

#endif  // GOFAST_COMPANY_SERVICE_STORAGE_POSTGRES_STAFF_STORE_H_
