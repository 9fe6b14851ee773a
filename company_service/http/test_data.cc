#include "company_service/http/test_data.h"

#include "company_service/seed_file.h"
#include "shared/core/ids.h"
#include "shared/core/text.h"
#include "shared/json/seed_document.h"

namespace gofast::company {
namespace {

constexpr char kStaffMemberState[] = "a staff member exists";
constexpr char kInvitationState[] = "an invitation exists";
constexpr char kNoStaffMemberState[] = "no staff member with this id";
// The path of a state's one row in the seed it merges, which ParamsError turns into params.
constexpr char kRow[] = "staff[0]";
constexpr char kStaffTable[] = "staff";
constexpr char kDefaultRole[] = "Founder";

// The seed row that equals a stored row: a state that finds its row again keeps what its
// params leave out.
SeedStaffRow SeedRowOf(const Staff& staff) {
  SeedStaffRow row;
  row.id = staff.id;
  row.firebase_id = staff.firebase_id;
  row.email = staff.email;
  row.role = staff.role;
  row.first_name = staff.first_name;
  row.last_name = staff.last_name;
  row.photo_url = staff.photo_url;
  row.start_date = staff.start_date;
  row.company_id = staff.company_id;
  row.created_at = staff.created_at;
  row.updated_at = staff.updated_at;
  return row;
}

void TakeGiven(std::optional<std::string>& member, const std::optional<std::string>& given) {
  if (given) member = given;
}

// Unique, so states set up one after another never share a row by chance.
std::string NewEmail(const char* local_prefix) { return local_prefix + NewCuid() + "@gofast.test"; }

Error NotAParam(const std::string& message) {
  return http::ParamsError(ValidationError(message), kRow);
}

}  // namespace

Status CompanyTestData::Clear() { return data_.Reset(); }

Result<MergeOutcome> CompanyTestData::Seed(const nlohmann::json& document) {
  const Result<SeedRows> rows = ReadSeedRows(document);
  if (!rows) return rows.error();
  return data_.Merge(rows.value());
}

Status CompanyTestData::Import(const nlohmann::json& document) {
  const Result<SeedRows> rows = ReadSeedRows(document);
  if (!rows) return rows.error();
  return data_.Import(rows.value());
}

Result<nlohmann::json> CompanyTestData::Export() {
  const Result<TenantSnapshot> snapshot = data_.Export();
  if (!snapshot) return snapshot.error();
  return SeedDocument(snapshot.value());
}

std::vector<std::string> CompanyTestData::StateNames() const {
  return {kStaffMemberState, kInvitationState, kNoStaffMemberState};
}

Result<http::StateSetup> CompanyTestData::SetUpState(const std::string& state,
                                                     const nlohmann::json& params) {
  if (state == kStaffMemberState) return SetUpStaffMember(params);
  if (state == kInvitationState) return SetUpInvitation(params);
  return SetUpNoStaffMember(params);
}

Status CompanyTestData::DeleteRows(const http::StoredRows& rows) {
  const auto staff = rows.find(kStaffTable);
  if (staff == rows.end()) return Ok{};
  return data_.DeleteStaff(staff->second);
}

// Found again by its id, else its firebaseId; a new row is a Founder with made-up ids and
// email.
Result<http::StateSetup> CompanyTestData::SetUpStaffMember(const nlohmann::json& params) {
  SeedStaffRow given;
  if (Status read = gofast::json::ReadStringMembers(params, kRow,
                                                    {{"id", &given.id},
                                                     {"firebaseId", &given.firebase_id},
                                                     {"email", &given.email},
                                                     {"role", &given.role},
                                                     {"firstName", &given.first_name},
                                                     {"lastName", &given.last_name}});
      !read) {
    return http::ParamsError(read.error(), kRow);
  }
  if (given.firebase_id && IsInvitedFirebaseId(*given.firebase_id)) {
    return NotAParam(std::string(kRow) + ".firebaseId must not start with " + kInvitedPrefix +
                     ", which marks an invitation");
  }
  if (given.id) given.id = ToLowerAscii(*given.id);  // as the seed stores ids

  Result<std::optional<Staff>> stored = std::optional<Staff>();
  if (given.id) {
    stored = data_.FindStaff(*given.id);
  } else if (given.firebase_id) {
    stored = data_.FindStaffByFirebaseId(*given.firebase_id);
  }
  if (!stored) return stored.error();
  SeedStaffRow row;
  if (stored.value()) {
    if (IsInvitedFirebaseId(stored.value()->firebase_id)) {
      return MakeError(ErrorCode::kConflict,
                       "params.id names an invitation, not a staff member who signed in");
    }
    row = SeedRowOf(*stored.value());
  } else {
    row.id = NewUuidV4();
    row.firebase_id = NewCuid();
    row.email = NewEmail("staff-");
    row.role = kDefaultRole;
  }
  for (auto member : {&SeedStaffRow::id, &SeedStaffRow::firebase_id, &SeedStaffRow::email,
                      &SeedStaffRow::role, &SeedStaffRow::first_name, &SeedStaffRow::last_name}) {
    TakeGiven(row.*member, given.*member);
  }

  Result<std::pair<Staff, bool>> merged = MergeRow(row);
  if (!merged) return merged.error();
  const auto& [staff, made] = merged.value();
  http::StateSetup setup;
  setup.values = {{"id", staff.id},
                  {"firebaseId", staff.firebase_id},
                  {"email", staff.email},
                  {"role", staff.role}};
  setup.token_for = http::TokenSubject{staff.firebase_id, staff.email};
  if (made) setup.stored[kStaffTable] = {staff.id};
  return setup;
}

// Found again by its email; a new one is for a made-up email, as a Founder.
Result<http::StateSetup> CompanyTestData::SetUpInvitation(const nlohmann::json& params) {
  SeedStaffRow given;
  if (Status read = gofast::json::ReadStringMembers(
          params, kRow, {{"email", &given.email}, {"role", &given.role}});
      !read) {
    return http::ParamsError(read.error(), kRow);
  }
  if (given.email) given.email = ToLowerAscii(*given.email);  // as the seed stores emails

  Result<std::optional<Staff>> stored = std::optional<Staff>();
  if (given.email) stored = data_.FindInvitation(*given.email);
  if (!stored) return stored.error();
  SeedStaffRow row;
  if (stored.value()) {
    row = SeedRowOf(*stored.value());
  } else {
    row.id = NewUuidV4();  // firebaseId left out: the merge makes the invitation's temp- id
    row.email = NewEmail("invited-");
    row.role = kDefaultRole;
  }
  TakeGiven(row.email, given.email);
  TakeGiven(row.role, given.role);

  Result<std::pair<Staff, bool>> merged = MergeRow(row);
  if (!merged) return merged.error();
  const auto& [staff, made] = merged.value();
  http::StateSetup setup;
  setup.values = {{"id", staff.id}, {"email", staff.email}, {"role", staff.role}};
  if (made) setup.stored[kStaffTable] = {staff.id};
  return setup;
}

// Without an id, a new UUID: no row has it.
Result<http::StateSetup> CompanyTestData::SetUpNoStaffMember(const nlohmann::json& params) {
  std::optional<std::string> id;
  if (Status read = gofast::json::ReadStringMembers(params, kRow, {{"id", &id}}); !read)
    return http::ParamsError(read.error(), kRow);
  if (id && !LooksLikeUuid(*id)) return NotAParam(std::string(kRow) + ".id must be a UUID");
  const std::string absent = id ? ToLowerAscii(*id) : NewUuidV4();
  if (Status deleted = data_.DeleteStaff({absent}); !deleted) return deleted.error();
  http::StateSetup setup;
  setup.values = {{"id", absent}};
  return setup;
}

Result<std::pair<Staff, bool>> CompanyTestData::MergeRow(const SeedStaffRow& row) {
  const Result<MergeOutcome> merged = data_.Merge(SeedRows{std::nullopt, {row}});
  if (!merged) return http::ParamsError(merged.error(), kRow);
  Result<std::optional<Staff>> stored = data_.FindStaff(*row.id);
  if (!stored) return stored.error();
  if (!stored.value()) return MakeError(ErrorCode::kInternal, "The state's row was not stored");
  return std::pair<Staff, bool>(std::move(*stored.value()), merged->stored > 0);
}

}  // namespace gofast::company
