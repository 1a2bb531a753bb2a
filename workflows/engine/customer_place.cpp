#include "workflows/engine/customer_place.h"

namespace duly {

std::string KnownZoneOr(std::string_view zone, const EngineOptions& options) {
  if (!zone.empty() && IsKnownTimeZone(zone)) return std::string(zone);
  if (IsKnownTimeZone(options.default_time_zone)) return options.default_time_zone;
  return std::string(kDefaultTimeZone);
}

CustomerPlace PlaceOf(const Customer* customer, const EngineOptions& options) {
  CustomerPlace place;
  place.time_zone = KnownZoneOr(customer != nullptr ? customer->time_zone : "", options);
  place.country = customer != nullptr && !customer->address.country.empty()
                      ? customer->address.country
                      : options.default_country;
  return place;
}

}  // namespace duly
