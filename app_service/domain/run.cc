#include "app_service/domain/run.h"

namespace gofast::app {

const std::vector<RunColumn>& RunColumns() {
  static const std::vector<RunColumn> kColumns = {
      {"id", &Run::id},
      {"citySlug", &Run::city_slug},
      {"runClubSlug", &Run::run_club_slug},
      {"staffGeneratedId", &Run::staff_generated_id},
      {"athleteGeneratedId", &Run::athlete_generated_id},
      {"createdByFirebaseId", &Run::created_by_firebase_id},
      {"title", &Run::title},
      {"isRecurring", &Run::is_recurring},
      {"dayOfWeek", &Run::day_of_week},
      {"startDate", &Run::start_date},
      {"endDate", &Run::end_date},
      {"date", &Run::date},
      {"startTimeHour", &Run::start_time_hour},
      {"startTimeMinute", &Run::start_time_minute},
      {"startTimePeriod", &Run::start_time_period},
      {"timezone", &Run::timezone},
      {"meetUpPoint", &Run::meet_up_point},
      {"meetUpAddress", &Run::meet_up_address},
      {"meetUpStreetAddress", &Run::meet_up_street_address},
      {"meetUpCity", &Run::meet_up_city},
      {"meetUpState", &Run::meet_up_state},
      {"meetUpZip", &Run::meet_up_zip},
      {"meetUpPlaceId", &Run::meet_up_place_id},
      {"meetUpLat", &Run::meet_up_lat},
      {"meetUpLng", &Run::meet_up_lng},
      {"endPoint", &Run::end_point},
      {"endStreetAddress", &Run::end_street_address},
      {"endCity", &Run::end_city},
      {"endState", &Run::end_state},
      {"recurrenceRule", &Run::recurrence_rule},
      {"recurrenceEndsOn", &Run::recurrence_ends_on},
      {"recurrenceNote", &Run::recurrence_note},
      {"totalMiles", &Run::total_miles},
      {"pace", &Run::pace},
      {"stravaMapUrl", &Run::strava_map_url},
      {"description", &Run::description},
      {"createdAt", &Run::created_at},
      {"updatedAt", &Run::updated_at},
  };
  return kColumns;
}

}  // namespace gofast::app
