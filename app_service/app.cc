#include "app_service/app.h"

#include "app_service/gateway/company_staff_directory.h"
#include "app_service/http/routes.h"

namespace gofast::app {

Result<std::unique_ptr<AppServiceApp>> AppServiceApp::Create(const AppConfig& config) {
  std::unique_ptr<AppServiceApp> app(new AppServiceApp());
  Result<std::shared_ptr<auth::TokenVerifier>> verifier = config::MakeTokenVerifier(config.common);
  if (!verifier) return verifier.error();
  app->verifier_ = std::move(verifier).value();

  Result<std::unique_ptr<SqliteAppStore>> store = SqliteAppStore::Open(config.common.db_path);
  if (!store) return store.error();
  app->store_ = std::move(store).value();

  app->runs_ = std::make_unique<RunService>(*app->store_);
  app->athletes_ = std::make_unique<AthleteService>(*app->store_);
  if (!config.company_url.empty()) {
    app->company_staff_ = std::make_unique<CompanyStaffDirectory>(
        config.company_url, std::chrono::milliseconds(config.company_timeout_ms));
  }
  app->audits_ = std::make_unique<AuditService>(*app->store_, app->company_staff_.get());

  http::ServerOptions options;
  options.max_body_bytes = config.common.max_body_bytes;
  options.access_log = config.common.access_log;
  options.cors_origin = config.cors_origin;
  app->server_ = std::make_unique<http::Server>(options);
  AddRoutes(*app->server_, *app->verifier_, *app->runs_, *app->athletes_, *app->audits_);
  return app;
}

}  // namespace gofast::app
