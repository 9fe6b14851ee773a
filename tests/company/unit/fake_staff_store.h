#ifndef GOFAST_TESTS_COMPANY_UNIT_FAKE_STAFF_STORE_H_
#define GOFAST_TESTS_COMPANY_UNIT_FAKE_STAFF_STORE_H_

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "company_service/domain/staff.h"
#include "company_service/domain/staff_store.h"

namespace gofast::company::fakes {

// StaffStore in memory, for the rules alone: rows by id, and counts of the
// writes so a test can tell that a rule wrote nothing.
class FakeStaffStore : public StaffStore {
 public:
  Result<std::optional<Staff>> FindById(const std::string& id) override {
    const auto it = staff.find(id);
    return it == staff.end() ? std::optional<Staff>() : std::optional<Staff>(it->second);
  }

  Result<std::optional<Staff>> FindByFirebaseId(const std::string& firebase_id) override {
    for (const auto& [id, row] : staff) {
      if (row.firebase_id == firebase_id) return std::optional<Staff>(row);
    }
    return std::optional<Staff>();
  }

  Result<std::optional<Staff>> FindInvitedByEmail(const std::string& email) override {
    std::optional<Staff> oldest;
    for (const auto& [id, row] : staff) {
      if (row.email != email || !IsInvited(row)) continue;
      if (!oldest || std::tie(row.created_at, row.id) < std::tie(oldest->created_at, oldest->id))
        oldest = row;
    }
    return oldest;
  }

  Result<std::optional<Staff>> LinkInvited(const std::string& staff_id,
                                           const std::string& firebase_id,
                                           const std::string& now) override {
    ++writes;
    const auto it = staff.find(staff_id);
    if (it == staff.end() || !IsInvited(it->second)) return std::optional<Staff>();
    it->second.firebase_id = firebase_id;
    it->second.updated_at = now;
    return std::optional<Staff>(it->second);
  }

  Result<InsertOutcome> InsertIfAbsent(const Staff& row) override {
    ++writes;
    Result<std::optional<Staff>> existing = FindByFirebaseId(row.firebase_id);
    if (existing.value()) return InsertOutcome{*existing.value(), false};
    staff[row.id] = row;
    return InsertOutcome{row, true};
  }

  Result<Staff> InsertIfEmailFree(const Staff& row) override {
    ++writes;
    for (const auto& [id, other] : staff) {
      if (other.email == row.email) return MakeError(ErrorCode::kConflict, "email taken");
    }
    staff[row.id] = row;
    return row;
  }

  Result<StaffPage> List(size_t limit, const std::optional<StaffCursor>& after) override {
    std::vector<Staff> rows;
    for (const auto& [id, row] : staff) {
      if (!after || std::tie(row.updated_at, row.id) > std::tie(after->updated_at, after->id))
        rows.push_back(row);
    }
    std::sort(rows.begin(), rows.end(), [](const Staff& a, const Staff& b) {
      return std::tie(a.updated_at, a.id) < std::tie(b.updated_at, b.id);
    });
    StaffPage page;
    page.has_more = rows.size() > limit;
    rows.resize(std::min(rows.size(), limit));
    page.staff = std::move(rows);
    return page;
  }

  Result<std::optional<Company>> FindCompany() override { return company; }

  Status InsertCompany(const Company& row) override {
    ++writes;
    company = row;
    return Ok{};
  }

  // By id here, not in the order stored.
  Result<std::vector<Staff>> AllStaff() override {
    std::vector<Staff> rows;
    for (const auto& [id, row] : staff) rows.push_back(row);
    return rows;
  }

  Status ResetTenant(const Company& row) override {
    ++writes;
    staff.clear();
    company = row;
    return Ok{};
  }

  Status Seed(const std::optional<Company>& seed_company,
              const std::vector<Staff>& seed_staff) override {
    ++writes;
    ++seed_calls;
    for (const Staff& row : seed_staff) {
      if (staff.count(row.id) != 0 || FindByFirebaseId(row.firebase_id).value())
        return MakeError(ErrorCode::kConflict, "constraint violated");
    }
    if (seed_company) company = seed_company;
    for (const Staff& row : seed_staff) staff[row.id] = row;
    return Ok{};
  }

  Status DeleteStaff(const std::vector<std::string>& ids) override {
    ++writes;
    for (const std::string& id : ids) staff.erase(id);
    return Ok{};
  }

  static bool IsInvited(const Staff& row) { return IsInvitedFirebaseId(row.firebase_id); }

  std::map<std::string, Staff> staff;  // by id
  std::optional<Company> company;
  int writes = 0;
  int seed_calls = 0;
};

// A row with the members every row needs; the rest stay empty.
inline Staff MakeStaff(const std::string& id, const std::string& firebase_id,
                       const std::string& email, const std::string& role = "Founder",
                       const std::string& created_at = "2026-01-01T00:00:00.000Z") {
  Staff row;
  row.id = id;
  row.firebase_id = firebase_id;
  row.email = email;
  row.role = role;
  row.company_id = "company-1";
  row.created_at = created_at;
  row.updated_at = created_at;
  return row;
}

}  // namespace gofast::company::fakes

#endif  // GOFAST_TESTS_COMPANY_UNIT_FAKE_STAFF_STORE_H_
