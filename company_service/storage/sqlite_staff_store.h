#ifndef GOFAST_COMPANY_SERVICE_STORAGE_SQLITE_STAFF_STORE_H_
#define GOFAST_COMPANY_SERVICE_STORAGE_SQLITE_STAFF_STORE_H_

#include <string>

#include "company_service/domain/staff_store.h"
#include "shared/db/connection_pool.h"

namespace gofast::company {

// company.db on SQLite: gofast_company, company_staff and staff_changes.
class SqliteStaffStore : public StaffStore {
 public:
  // `database` is company.db, migrated (storage/migrations.h); it outlives the store.
  explicit SqliteStaffStore(db::Database& database);

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
  Result<std::optional<Staff>> FindOne(const char* where_sql, const std::string& value);

  db::Writer& writer_;
  db::ReaderPool& readers_;
};

}  // namespace gofast::company

#endif  // GOFAST_COMPANY_SERVICE_STORAGE_SQLITE_STAFF_STORE_H_
