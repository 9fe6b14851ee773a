#include "app_service/app.h"
#include "shared/http/service_main.h"

int main(int argc, char** argv) {
  return gofast::http::ServiceMain(argc, argv, "app_service", &gofast::app::ParseAppConfig,
                                   &gofast::app::AppServiceApp::Create);
}
