#include "daemon/store/customer_phones.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace duly::daemon {
namespace {

// Customers with the phone, or whose contacts mention it (the JSON is then checked exactly).
constexpr const char* kSelectCandidates =
    "SELECT id, phone, contacts FROM customers WHERE phone = :phone OR contacts LIKE :pattern"
    " ORDER BY id";

bool IsE164(const std::string& phone) {
  if (phone.size() < 7 || phone.size() > 16 || phone[0] != '+') return false;
  return std::all_of(phone.begin() + 1, phone.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::vector<std::string> FindCustomersByPhone(soci::session& session, const std::string& phone) {
  std::vector<std::string> ids;
  if (!IsE164(phone)) return ids;
  const std::string pattern = "%\"" + phone + "\"%";
  std::string id;
  std::string own;
  std::string contacts;
  soci::statement select =
      (session.prepare << kSelectCandidates, soci::into(id), soci::into(own), soci::into(contacts),
       soci::use(phone, "phone"), soci::use(pattern, "pattern"));
  select.execute();
  while (select.fetch()) {
    bool match = own == phone;
    const nlohmann::json parsed = nlohmann::json::parse(contacts, nullptr, false);
    if (!match && parsed.is_array()) {
      for (const nlohmann::json& contact : parsed) {
        if (contact.is_object() && contact.value("phone", std::string()) == phone) match = true;
      }
    }
    if (match) ids.push_back(id);
  }
  return ids;
}

}  // namespace duly::daemon
