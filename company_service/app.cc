#include "company_service/app.h"

#include <functional>

#include "company_service/domain/tenant.h"
#include "company_service/http/console.h"
#include "company_service/http/routes.h"
#include "company_service/seed_file.h"
#include "company_service/storage/migrations.h"
#include "company_service/storage/postgres_staff_store.h"
#include "company_service/storage/sqlite_staff_store.h"
#include "shared/db/sqlite.h"
#include "shared/http/api_document.h"
#include "shared/http/service_main.h"

namespace gofast::company {
Result<std::unique_ptr<CompanyApp>> CompanyApp::Create(const CompanyConfig& config) {
  std::unique_ptr<CompanyApp> app(new CompanyApp());
  Result<std::shared_ptr<auth::TokenVerifier>> verifier = config::MakeTokenVerifier(config.common);
  if (!verifier) return verifier.error();
  app->verifier_ = std::move(verifier).value();

  // Read before the database opens: a file that cannot be read leaves no database behind.
  std::optional<SeedRows> seed;
  if (!config.seed_path.empty()) {
    Result<SeedRows> rows = ReadSeedFile(config.seed_path);
    if (!rows) return rows.error();
    seed = std::move(rows).value();
  }
  const IsoClock clock = OrSystemClock({});
  std::function<Status()> readiness;
  if (IsPostgresUrl(config.common.db_path)) {
    Result<std::unique_ptr<db::PgPool>> pool =
        db::PgPool::Open(config.common.db_path, PostgresSchemaMigrations(),
                         db::kPoolConnectionsPerInstance, &PostgresStaffStore::PrepareStatements);
    if (!pool) return pool.error();
    app->postgres_ = std::move(pool).value();
    app->staff_store_ = std::make_unique<PostgresStaffStore>(*app->postgres_);
    readiness = [pool = app->postgres_.get()] { return pool->Ping(); };
  } else {
    Result<std::unique_ptr<db::Database>> database =
        db::Database::Open(config.common.db_path, SchemaMigrations());
    if (!database) return database.error();
    app->database_ = std::move(database).value();
    app->staff_store_ = std::make_unique<SqliteStaffStore>(*app->database_);
    readiness = [database = app->database_.get()] { return database->CheckFile(); };
  }
  const Status tenant = PrepareTenant(*app->staff_store_, config.company_id, clock);
  if (!tenant) return tenant.error();
  app->tenant_data_ = std::make_unique<TenantData>(*app->staff_store_, config.company_id, clock);
  app->test_data_ = std::make_unique<CompanyTestData>(*app->tenant_data_);

  app->staff_ = std::make_unique<StaffService>(
      *app->staff_store_, StaffPolicy{config.company_id, config.signup, config.default_role,
                                      config.common.auth_mode == auth::AuthMode::kProduction});

  app->server_ =
      std::make_unique<http::Server>(http::ServerOptionsFor(config.common, std::move(readiness)));
  AddRoutes(*app->server_, *app->verifier_, *app->staff_, config.common.internal_api_key);
  app->server_->AddMetrics(
      [verifier = app->verifier_](metrics::Exposition& out) { verifier->WriteMetrics(out); });
  app->server_->AddMetrics(&db::WriteDatabaseMetrics);
  if (app->database_) {
    app->server_->AddMetrics([database = app->database_.get()](metrics::Exposition& out) {
      database->WriteMetrics(out);
    });
  }
  http::AddApiDocument(*app->server_, config.common, "company",
                       {/*test_api=*/false, config.console, /*staff_replica=*/false});
  if (config.console) {
    AddConsole(*app->server_,
               ConsoleSettings{
                   config.console_app_url,
                   config.common.auth_mode == auth::AuthMode::kEmulator ? "emulator" : "production",
                   config.common.project_id, config.console_emulator_host});
  }
  // --import empties and loads first; --seed then merges into what it left.
  const Status test_api = http::AddTestApi(*app->server_, config.common, *app->test_data_);
  if (!test_api) return test_api.error();
  if (seed) {
    const Result<MergeOutcome> merged = app->tenant_data_->Merge(*seed);
    if (!merged) return ValidationError(config.seed_path + ": " + merged.error().message);
  }
  return app;
}

}  // namespace gofast::company
