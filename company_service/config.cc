#include "company_service/config.h"

#include <string_view>

#include "shared/core/text.h"

namespace gofast::company {
namespace {

// host[:port] naming this machine: the console's page talks to nothing else.
bool IsLoopbackHost(std::string_view host_port) {
  for (const std::string_view host : {"127.0.0.1", "localhost", "[::1]"}) {
    if (!StartsWith(host_port, host)) continue;
    const std::string_view port = host_port.substr(host.size());
    if (port.empty()) return true;
    if (port.size() < 2 || port.size() > 6 || port[0] != ':') return false;
    return port.find_first_not_of("0123456789", 1) == std::string_view::npos;
  }
  return false;
}

}  // namespace

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
  CLI::Option* console = app.add_flag("--console", config.console,
                                      "Serve the admin console (the \"Create run\" dialog and its "
                                      "walkthrough) at /; needs --console-app-url")
                             ->envname("COMPANY_CONSOLE");
  app.add_option("--console-app-url", config.console_app_url,
                 "The app service the console's dialog posts runs to, an http origin on this "
                 "machine (e.g. http://127.0.0.1:4200); start the app with this service's URL "
                 "as its --cors-origin; required with --console")
      ->envname("COMPANY_CONSOLE_APP_URL")
      ->needs(console);
  return config::ParseCommandLine(app, args, [&] {
    common.Finish();
    if (config.company_id.empty()) throw CLI::ValidationError("--company-id", "must not be empty");
    config.signup = signup == "invite-only" ? SignupPolicy::kInviteOnly : SignupPolicy::kOpen;
    if (config.console) {
      // An origin: the page appends paths, and the browser compares origins.
      while (!config.console_app_url.empty() && config.console_app_url.back() == '/') {
        config.console_app_url.pop_back();
      }
      if (!StartsWith(config.console_app_url, "http://") ||
          !IsLoopbackHost(std::string_view(config.console_app_url).substr(7))) {
        throw CLI::ValidationError(
            "--console-app-url",
            "the console needs the app's origin on this machine, such as http://127.0.0.1:4200");
      }
      config.console_emulator_host =
          config::NonEmptyEnv("FIREBASE_AUTH_EMULATOR_HOST").value_or("");
      if (!config.console_emulator_host.empty() && !IsLoopbackHost(config.console_emulator_host)) {
        throw CLI::ValidationError("--console",
                                   "FIREBASE_AUTH_EMULATOR_HOST must be host:port on "
                                   "this machine for the console to use it");
      }
    }
  });
}

}  // namespace gofast::company
