#include "company_service/config.h"

namespace gofast::company {

config::ParseOutcome ParseCompanyConfig(const std::vector<std::string>& args,
                                        CompanyConfig& config) {
  CLI::App app{"GoFastCompany staff service: company_staff in its own SQLite database",
               "company_service"};
  config::CommonOptions common(app, config.common, {"COMPANY_", 4100, "data/company.db"});
  std::string signup = "open";
  app.add_option("--company-id", config.company_id, "The tenant row's id")
      ->envname("COMPANY_ID")
      ->capture_default_str();
  app.add_option("--signup", signup, "Sign-up policy for unknown accounts: open or invite-only")
      ->envname("STAFF_SIGNUP")
      ->check(CLI::IsMember({"open", "invite-only"}))
      ->capture_default_str();
  app.add_option("--default-role", config.default_role, "Role of a staff row created by sign-up")
      ->envname("STAFF_DEFAULT_ROLE")
      ->check(CLI::IsMember(std::vector<std::string>(kRoles.begin(), kRoles.end())))
      ->capture_default_str();
  app.add_option("--seed", config.seed_path,
                 "JSON seed merged at start: identical rows are skipped, conflicting ones refused "
                 "(default: none)")
      ->envname("COMPANY_SEED");
  return config::ParseCommandLine(app, args, [&] {
    common.Finish();
    if (config.company_id.empty()) throw CLI::ValidationError("--company-id", "must not be empty");
    config.signup = signup == "invite-only" ? SignupPolicy::kInviteOnly : SignupPolicy::kOpen;
  });
}

}  // namespace gofast::company
