#include "company_service/app.h"

#include <fstream>

#include "company_service/domain/tenant.h"
#include "company_service/http/staff_handlers.h"

namespace gofast::company {
namespace {

Result<std::optional<Seed>> LoadSeed(const CompanyConfig& config) {
  if (config.seed_path.empty()) return std::optional<Seed>();
  std::ifstream file(config.seed_path);
  if (!file) return MakeError(ErrorCode::kValidationFailed, "cannot read seed file " + config.seed_path);
  const nlohmann::json document = nlohmann::json::parse(file, nullptr, false);
  if (document.is_discarded()) {
    return MakeError(ErrorCode::kValidationFailed, config.seed_path + " is not valid JSON");
  }
  Result<Seed> seed = ParseSeed(document, config.company_id);
  if (!seed) return seed.error();
  return std::optional<Seed>(std::move(seed).value());
}

}  // namespace

Result<std::unique_ptr<CompanyApp>> CompanyApp::Create(const CompanyConfig& config) {
  Result<std::shared_ptr<auth::TokenVerifier>> verifier = config::MakeTokenVerifier(config.common);
  if (!verifier) return verifier.error();
  Result<std::optional<Seed>> seed = LoadSeed(config);
  if (!seed) return seed.error();
  Result<std::unique_ptr<SqliteStaffStore>> store = SqliteStaffStore::Open(config.common.db_path);
  if (!store) return store.error();
  Status tenant = PrepareTenant(*store.value(), config.company_id, seed.value());
  if (!tenant) return tenant.error();
  return std::unique_ptr<CompanyApp>(
      new CompanyApp(config, std::move(store).value(), std::move(verifier).value()));
}

CompanyApp::CompanyApp(const CompanyConfig& config, std::unique_ptr<SqliteStaffStore> store,
                       std::shared_ptr<auth::TokenVerifier> verifier)
    : store_(std::move(store)),
      verifier_(std::move(verifier)),
      staff_(*store_, StaffPolicy{config.company_id, config.signup, config.default_role,
                                  config.common.auth_mode == auth::AuthMode::kProduction}),
      server_(http::ServerOptions{config.common.max_body_bytes, config.common.access_log, ""}) {
  RegisterStaffRoutes(server_, staff_, *verifier_);
}

}  // namespace gofast::company
