#ifndef GOFAST_COMPANY_SERVICE_DOMAIN_STAFF_STORE_H_
#define GOFAST_COMPANY_SERVICE_DOMAIN_STAFF_STORE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "company_service/domain/staff.h"
#include "shared/core/result.h"

namespace gofast::company {

// Storage of staff and the tenant, implemented per database. Every method
// is atomic on its own; failures of the database are kInternal.
//
// Every write to a staff row records its change for the feed in the same
// transaction (created, linked, updated, removed), numbered in commit order:
// a reader of ChangesAfter never sees a later position before an earlier one
// has committed, also with several instances on one database.
class StaffStore {
 public:
  virtual ~StaffStore() = default;

  virtual Result<std::optional<Staff>> FindById(const std::string& id) = 0;
  virtual Result<std::optional<Staff>> FindByFirebaseId(const std::string& firebase_id) = 0;
  // The oldest invited (temp-) row with this lower-case email.
  virtual Result<std::optional<Staff>> FindInvitedByEmail(const std::string& email) = 0;
  // Sets firebaseId on the invited row `staff_id` if it is still invited;
  // nullopt when another call linked it first.
  virtual Result<std::optional<Staff>> LinkInvited(const std::string& staff_id,
                                                   const std::string& firebase_id,
                                                   const std::string& now) = 0;

  struct InsertOutcome {
    Staff staff;  // the new row, or the one that held the firebaseId already
    bool created;
  };
  // Inserts unless a row has this firebaseId; safe under concurrency.
  virtual Result<InsertOutcome> InsertIfAbsent(const Staff& staff) = 0;
  // kConflict when any row has this email (emails are stored lower-case,
  // so the caller lower-cases first); check and insert are one transaction.
  virtual Result<Staff> InsertIfEmailFree(const Staff& staff) = 0;
  // Ordered by (updatedAt, id), after `after` when given.
  virtual Result<StaffPage> List(size_t limit, const std::optional<StaffCursor>& after) = 0;

  virtual Result<std::optional<Company>> FindCompany() = 0;
  virtual Status InsertCompany(const Company& company) = 0;

  // Every staff row, in the order they were stored.
  virtual Result<std::vector<Staff>> AllStaff() = 0;
  // No staff left, and `company` the only tenant row, in one transaction.
  virtual Status ResetTenant(const Company& company) = 0;
  // In one transaction: the tenant row `company` (replacing the stored one, same id) when
  // given, and the new staff rows; kConflict, writing nothing, when an id or firebaseId is
  // taken.
  virtual Status Seed(const std::optional<Company>& company, const std::vector<Staff>& staff) = 0;
  // Deletes the staff rows with these ids, in one transaction; ids not stored are skipped.
  virtual Status DeleteStaff(const std::vector<std::string>& ids, const std::string& now) = 0;

  // Why an edit or a removal was refused.
  enum class Refusal { kNotFound, kLastFounder };
  struct ChangeOutcome {
    std::optional<Staff> staff;  // the row after the edit, or as it was before its removal
    std::optional<Refusal> refused;
  };
  // Applies `edit` to the row `id`, and sets updatedAt; refused, changing nothing, when
  // there is no such row or the edit would leave the company without a Founder.
  virtual Result<ChangeOutcome> Update(const std::string& id, const StaffEdit& edit,
                                       const std::string& now) = 0;
  // Removes the row `id`; refused as Update is.
  virtual Result<ChangeOutcome> Remove(const std::string& id, const std::string& now) = 0;
  // The changes after `position` (0: from the first), oldest first, at most `limit`.
  virtual Result<std::vector<StaffChange>> ChangesAfter(int64_t position, size_t limit) = 0;
};

}  // namespace gofast::company

#endif  // GOFAST_COMPANY_SERVICE_DOMAIN_STAFF_STORE_H_
