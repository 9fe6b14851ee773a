#ifndef GOFAST_COMPANY_SERVICE_CONFIG_H_
#define GOFAST_COMPANY_SERVICE_CONFIG_H_

#include <string>
#include <vector>

#include "company_service/domain/staff.h"
#include "shared/config/common_config.h"

namespace gofast::company {

struct CompanyConfig {
  config::CommonConfig common;
  std::string company_id = "cmhpqe7kl0000nw1uvcfhf2hs";
  SignupPolicy signup = SignupPolicy::kOpen;
  std::string default_role = "Founder";
  std::string seed_path;  // empty: no seed
  // The admin console (--console): served at / when set, calling the app at
  // console_app_url, an http origin on this machine.
  bool console = false;
  std::string console_app_url;
  std::string console_emulator_host;  // FIREBASE_AUTH_EMULATOR_HOST; empty: none
};

// Options, then environment variables, then defaults (spec/conventions.md).
config::ParseOutcome ParseCompanyConfig(const std::vector<std::string>& args,
                                        CompanyConfig& config);

}  // namespace gofast::company

#endif  // GOFAST_COMPANY_SERVICE_CONFIG_H_
