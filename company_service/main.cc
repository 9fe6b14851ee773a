#include "company_service/app.h"
#include "shared/http/service_main.h"

int main(int argc, char** argv) {
  return gofast::http::ServiceMain(argc, argv, "company_service",
                                   &gofast::company::ParseCompanyConfig,
                                   &gofast::company::CompanyApp::Create);
}
