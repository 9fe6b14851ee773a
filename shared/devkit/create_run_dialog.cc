#include "shared/devkit/create_run_dialog.h"

namespace gofast::client {

DialogResult CreateRunDialog::Submit(const std::string& token, nlohmann::json run_fields,
                                     const std::string& request_id) {
  DialogResult result;
  result.staff_call =
      company_.Post(kFindOrCreateStaffPath, token, nlohmann::json::object(), request_id);
  const nlohmann::json* staff_id = nullptr;
  if (result.staff_call.succeeded() && result.staff_call.body.is_object()) {
    const auto staff = result.staff_call.body.find("staff");
    if (staff != result.staff_call.body.end() && staff->is_object()) {
      const auto id = staff->find("id");
      if (id != staff->end() && id->is_string()) staff_id = &*id;
    }
  }
  if (staff_id == nullptr) {
    result.failed_step = kStaffStep;
    return result;
  }
  result.staff_id = staff_id->get<std::string>();

  run_fields["staffGeneratedId"] = result.staff_id;
  result.run_call = app_.Post(kCreateRunPath, token, run_fields, request_id);
  if (!result.run_call.succeeded() || !result.run_call.body.is_object() ||
      !result.run_call.body.contains("run")) {
    result.failed_step = kRunStep;
    return result;
  }
  result.run = result.run_call.body["run"];
  return result;
}

nlohmann::json SampleRunForm(const std::string& title) {
  return {{"title", title},
          {"runClub",
           {{"slug", "arlington-runners"}, {"name", "Arlington Runners"}, {"city", "Arlington"}}},
          {"meetUpCity", "Arlington"},
          {"meetUpState", "VA"},
          {"meetUpPoint", "Clarendon Metro, north exit"},
          {"meetUpStreetAddress", "3100 Wilson Blvd"},
          {"startDate", "2026-12-05"},
          {"startTimeHour", 7},
          {"startTimeMinute", 30},
          {"startTimePeriod", "AM"},
          {"timezone", "America/New_York"},
          {"totalMiles", 6.2},
          {"pace", "9:30/mi"}};
}

}  // namespace gofast::client
