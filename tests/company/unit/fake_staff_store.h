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
    Record(StaffChangeKind::kLinked, it->second, now);
    return std::optional<Staff>(it->second);
  }

  Result<InsertOutcome> InsertIfAbsent(const Staff& row) override {
    ++writes;
    Result<std::optional<Staff>> existing = FindByFirebaseId(row.firebase_id);
    if (existing.value()) return InsertOutcome{*existing.value(), false};
    staff[row.id] = row;
    Record(StaffChangeKind::kCreated, row, row.created_at);
    return InsertOutcome{row, true};
  }

  Result<Staff> InsertIfEmailFree(const Staff& row) override {
    ++writes;
    for (const auto& [id, other] : staff) {
      if (other.email == row.email) return MakeError(ErrorCode::kConflict, "email taken");
    }
    staff[row.id] = row;
    Record(StaffChangeKind::kCreated, row, row.created_at);
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
    for (const auto& [id, member] : staff)
      Record(StaffChangeKind::kRemoved, member, row.created_at);
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
    for (const Staff& row : seed_staff) {
      staff[row.id] = row;
      Record(StaffChangeKind::kCreated, row, row.created_at);
    }
    return Ok{};
  }

  Status DeleteStaff(const std::vector<std::string>& ids, const std::string& now) override {
    ++writes;
    for (const std::string& id : ids) {
      const auto it = staff.find(id);
      if (it == staff.end()) continue;
      Record(StaffChangeKind::kRemoved, it->second, now);
      staff.erase(it);
    }
    return Ok{};
  }

  Result<ChangeOutcome> Update(const std::string& id, const StaffEdit& edit,
                               const std::string& now) override {
    ++writes;
    const auto it = staff.find(id);
    if (it == staff.end()) return ChangeOutcome{std::nullopt, Refusal::kNotFound};
    if (TakesFounderAway(it->second, &edit) && !OtherFounderExists(id)) {
      return ChangeOutcome{it->second, Refusal::kLastFounder};
    }
    it->second = Edited(it->second, edit, now);
    Record(StaffChangeKind::kUpdated, it->second, now);
    return ChangeOutcome{it->second, std::nullopt};
  }

  Result<ChangeOutcome> Remove(const std::string& id, const std::string& now) override {
    ++writes;
    const auto it = staff.find(id);
    if (it == staff.end()) return ChangeOutcome{std::nullopt, Refusal::kNotFound};
    const Staff row = it->second;
    if (TakesFounderAway(row, nullptr) && !OtherFounderExists(id)) {
      return ChangeOutcome{row, Refusal::kLastFounder};
    }
    Record(StaffChangeKind::kRemoved, row, now);
    staff.erase(it);
    return ChangeOutcome{row, std::nullopt};
  }

  Result<std::vector<StaffChange>> ChangesAfter(int64_t position, size_t limit) override {
    std::vector<StaffChange> after;
    for (const StaffChange& change : changes) {
      if (change.position > position && after.size() < limit) after.push_back(change);
    }
    return after;
  }

  static bool IsInvited(const Staff& row) { return IsInvitedFirebaseId(row.firebase_id); }

  void Record(StaffChangeKind kind, const Staff& row, const std::string& at) {
    changes.push_back({static_cast<int64_t>(changes.size()) + 1, kind, row, at});
  }

  bool OtherFounderExists(const std::string& id) const {
    return std::any_of(staff.begin(), staff.end(), [&](const auto& entry) {
      return entry.first != id && entry.second.role == "Founder";
    });
  }

  std::map<std::string, Staff> staff;  // by id
  std::optional<Company> company;
  std::vector<StaffChange> changes;  // in the order recorded
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
