#include "app_service/app.h"

#include <functional>

#include "app_service/gateway/company_staff_directory.h"
#include "app_service/gateway/company_staff_feed.h"
#include "app_service/http/routes.h"
#include "app_service/seed_file.h"
#include "app_service/storage/migrations.h"
#include "app_service/storage/postgres_app_stores.h"
#include "app_service/storage/postgres_staff_replica.h"
#include "app_service/storage/sqlite_app_data.h"
#include "app_service/storage/sqlite_athlete_store.h"
#include "app_service/storage/sqlite_run_store.h"
#include "app_service/storage/sqlite_staff_replica.h"
#include "shared/core/log.h"
#include "shared/db/sqlite.h"
#include "shared/http/api_document.h"
#include "shared/http/service_main.h"

namespace gofast::app {

Result<std::unique_ptr<AppServiceApp>> AppServiceApp::Create(const AppConfig& config) {
  std::unique_ptr<AppServiceApp> app(new AppServiceApp());
  Result<std::shared_ptr<auth::TokenVerifier>> verifier = config::MakeTokenVerifier(config.common);
  if (!verifier) return verifier.error();
  app->verifier_ = std::move(verifier).value();

  // Read before the database opens: a file that cannot be read leaves no database behind.
  std::optional<AppRows> seed;
  if (!config.seed_path.empty()) {
    Result<AppRows> rows = ReadSeedFile(config.seed_path);
    if (!rows) return rows.error();
    seed = std::move(rows).value();
  }
  std::function<Status()> readiness;
  std::function<void(metrics::Exposition&)> store_metrics;
  if (IsPostgresUrl(config.common.db_path)) {
    Result<std::unique_ptr<db::PgPool>> pool =
        db::PgPool::Open(config.common.db_path, PostgresSchemaMigrations(),
                         db::kPoolConnectionsPerInstance, &PreparePostgresStatements);
    if (!pool) return pool.error();
    app->postgres_ = std::move(pool).value();
    app->run_store_ = std::make_unique<PostgresRunStore>(*app->postgres_);
    app->athlete_store_ = std::make_unique<PostgresAthleteStore>(*app->postgres_);
    app->data_store_ = std::make_unique<PostgresAppData>(*app->postgres_);
    const Status mode = SetPostgresStaffMode(*app->postgres_, config.staff_mode);
    if (!mode) return mode.error();
    if (config.staff_mode == StaffMode::kReplica) {
      app->replica_store_ = std::make_unique<PostgresStaffReplicaStore>(*app->postgres_);
    }
    readiness = [pool = app->postgres_.get()] { return pool->Ping(); };
  } else {
    Result<std::unique_ptr<db::Database>> database =
        db::Database::Open(config.common.db_path, SchemaMigrations());
    if (!database) return database.error();
    app->database_ = std::move(database).value();
    auto run_store = std::make_unique<SqliteRunStore>(*app->database_);
    store_metrics = [store = run_store.get()](metrics::Exposition& out) {
      store->WriteMetrics(out);
    };
    app->run_store_ = std::move(run_store);
    app->athlete_store_ = std::make_unique<SqliteAthleteStore>(*app->database_);
    app->data_store_ = std::make_unique<SqliteAppData>(*app->database_);
    const Status mode = SetSqliteStaffMode(*app->database_, config.staff_mode);
    if (!mode) return mode.error();
    if (config.staff_mode == StaffMode::kReplica) {
      app->replica_store_ = std::make_unique<SqliteStaffReplicaStore>(*app->database_);
    }
    readiness = [database = app->database_.get()] { return database->CheckFile(); };
  }
  if (!config.company_url.empty()) {
    app->company_staff_ = std::make_unique<CompanyStaffDirectory>(
        config.company_url,
        CompanyLimits{std::chrono::milliseconds(config.company_timeout_ms),
                      config.company_max_answer_bytes, config.company_max_concurrent},
        config.common.access_log);
  }

  if (app->replica_store_) {
    app->staff_feed_ =
        std::make_unique<CompanyStaffFeed>(config.company_url, config.common.internal_api_key,
                                           std::chrono::milliseconds(config.company_timeout_ms));
    app->replica_ = std::make_unique<StaffReplica>(*app->staff_feed_, *app->replica_store_);
  }

  app->runs_ = std::make_unique<RunService>(*app->run_store_, IsoClock{}, config.duplicates,
                                            app->replica_.get());
  app->athletes_ = std::make_unique<AthleteService>(*app->athlete_store_);
  app->audits_ = std::make_unique<AuditService>(*app->run_store_, app->company_staff_.get(),
                                                app->replica_.get());

  http::ServerOptions options = http::ServerOptionsFor(config.common, std::move(readiness));
  options.cors_origin = config.cors_origin;
  app->server_ = std::make_unique<http::Server>(options);
  app->run_texts_ = std::make_unique<RunTextCache>(config.run_cache_mb << 20);
  AddRoutes(*app->server_, *app->verifier_, *app->runs_, *app->run_texts_, *app->athletes_,
            *app->audits_, app->replica_.get());
  if (app->replica_) AddStaffReplicaRoutes(*app->server_, *app->verifier_, *app->replica_);
  app->server_->AddMetrics(
      [verifier = app->verifier_](metrics::Exposition& out) { verifier->WriteMetrics(out); });
  app->server_->AddMetrics(&db::WriteDatabaseMetrics);
  if (app->database_) {
    app->server_->AddMetrics([database = app->database_.get()](metrics::Exposition& out) {
      database->WriteMetrics(out);
    });
  }
  if (store_metrics) app->server_->AddMetrics(std::move(store_metrics));
  app->server_->AddMetrics(
      [texts = app->run_texts_.get()](metrics::Exposition& out) { texts->WriteMetrics(out); });
  if (app->company_staff_) {
    app->server_->AddMetrics([directory = app->company_staff_.get()](metrics::Exposition& out) {
      directory->WriteMetrics(out);
    });
  }
  http::AddApiDocument(*app->server_, config.common, "app",
                       {/*test_api=*/false, /*console=*/false, app->replica_ != nullptr});
  app->data_ = std::make_unique<AppData>(*app->data_store_, IsoClock{}, app->replica_.get());
  app->test_data_ = std::make_unique<AppTestData>(*app->data_);
  // --import empties and loads first; --seed then merges into what it left.
  const Status test_api = http::AddTestApi(*app->server_, config.common, *app->test_data_);
  if (!test_api) return test_api.error();
  if (app->replica_) {
    // Before the seed: its runs may only name staff the replica knows.
    if (seed) {
      const Status synced = app->replica_->Sync();
      if (!synced) LogError("staff sync before the seed: " + synced.error().message);
    }
    app->replica_->StartWorker(std::chrono::milliseconds(config.staff_sync_interval_ms));
  }
  if (seed) {
    const Result<MergeOutcome> merged = app->data_->Merge(*seed);
    if (!merged) return ValidationError(config.seed_path + ": " + merged.error().message);
  }
  return app;
}

}  // namespace gofast::app
