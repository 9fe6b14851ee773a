#ifndef GOFAST_SHARED_DEVKIT_CREATE_RUN_DIALOG_H_
#define GOFAST_SHARED_DEVKIT_CREATE_RUN_DIALOG_H_

#include <nlohmann/json.hpp>
#include <string>

#include "shared/client/json_client.h"

namespace gofast::client {

inline constexpr char kFindOrCreateStaffPath[] = "/api/staff/find-or-create";
inline constexpr char kCreateRunPath[] = "/api/runs/create";
inline constexpr char kStaffStep[] = "find-or-create staff";
inline constexpr char kRunStep[] = "create run";

// What the dialog did: each call's answer, and the step that failed, if any.
struct DialogResult {
  std::string failed_step;  // empty when both steps succeeded
  CallResult staff_call;
  CallResult run_call;   // not sent when the staff step failed
  std::string staff_id;  // the company's UUID, once the staff step succeeded
  nlohmann::json run;    // the created run, once the run step succeeded

  bool ok() const { return failed_step.empty(); }
};

// The company admin's "Create run" dialog: the signed-in admin's staff row
// from the company service, then the run on the app service carrying its id
// as staffGeneratedId. The same token goes to both: they trust one project.
class CreateRunDialog {
 public:
  CreateRunDialog(JsonClient& company, JsonClient& app) : company_(company), app_(app) {}

  DialogResult Submit(const std::string& token, nlohmann::json run_fields,
                      const std::string& request_id = "");

 private:
  JsonClient& company_;
  JsonClient& app_;
};

// A run as an admin fills the dialog's form: a Saturday group run in
// Arlington with its run club (the demo and the load driver send it).
nlohmann::json SampleRunForm(const std::string& title);

}  // namespace gofast::client

#endif  // GOFAST_SHARED_DEVKIT_CREATE_RUN_DIALOG_H_
