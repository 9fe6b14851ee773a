#include "company_service/app.h"

#include "company_service/domain/tenant.h"
#include "company_service/http/routes.h"
#include "company_service/seed_file.h"
#include "company_service/storage/migrations.h"
#include "shared/http/service_main.h"

namespace gofast::company {
namespace {

Result<std::optional<Seed>> LoadSeed(const CompanyConfig& config, const IsoClock& clock) {
  if (config.seed_path.empty()) return std::optional<Seed>();
  Result<SeedRows> rows = ReadSeedFile(config.seed_path);
  if (!rows) return rows.error();
  Result<Seed> seed = CheckSeed(rows.value(), config.company_id, clock);
  if (!seed) return seed.error();
  return std::optional<Seed>(std::move(seed).value());
}

}  // namespace

Result<std::unique_ptr<CompanyApp>> CompanyApp::Create(const CompanyConfig& config) {
  std::unique_ptr<CompanyApp> app(new CompanyApp());
  Result<std::shared_ptr<auth::TokenVerifier>> verifier = config::MakeTokenVerifier(config.common);
  if (!verifier) return verifier.error();
  app->verifier_ = std::move(verifier).value();

  const IsoClock clock = OrSystemClock({});
  Result<std::optional<Seed>> seed = LoadSeed(config, clock);
  if (!seed) return seed.error();
  Result<std::unique_ptr<db::Database>> database =
      db::Database::Open(config.common.db_path, SchemaMigrations());
  if (!database) return database.error();
  app->database_ = std::move(database).value();
  app->staff_store_ = std::make_unique<SqliteStaffStore>(*app->database_);
  const Status tenant = PrepareTenant(*app->staff_store_, config.company_id, seed.value(), clock);
  if (!tenant) return tenant.error();

  app->staff_ = std::make_unique<StaffService>(
      *app->staff_store_, StaffPolicy{config.company_id, config.signup, config.default_role,
                                      config.common.auth_mode == auth::AuthMode::kProduction});

  app->server_ = std::make_unique<http::Server>(http::ServerOptionsFor(
      config.common, [database = app->database_.get()] { return database->CheckFile(); }));
  AddRoutes(*app->server_, *app->verifier_, *app->staff_);
  return app;
}

}  // namespace gofast::company
