// duly::channels::CompanyProfile: who the creditor is, as its messages and letters present it.
//
// Promise: plain data the composer copies into every message: the company's name and contact for
// the templates ({{company.*}}), the sender block, logo and footer of letters, and the collector
// customers are asked to call ({{collector.*}}). A collector's e-mail or phone left empty falls
// back to the company's, so a template that names them never renders a blank. The daemon's
// config fills it (the lead wires it). Copyable; not synchronised.
#pragma once

#include <string>
#include <vector>

namespace duly::channels {

struct CompanyProfile {
  std::string name;                            // "Duly Demo BV"
  std::string email;                           // "invoices@duly.example"
  std::string phone;                           // "+32 2 123 45 67", as it should print
  std::string iban;                            // "BE68 5390 0754 7034", grouped as it should print
  std::string bic;                             // "GKCCBEBB"; empty to leave out of letters
  std::vector<std::string> address_lines;      // {"Kerkstraat 1", "1000 Brussel"}: letter sender
  std::string country = "BE";                  // ISO 3166-1 alpha-2 letters are posted from
  std::string place;                           // "Brussel": printed before the letter's date
  std::string reply_to;                        // e-mail replies go here; empty: `email`
  std::string logo_png;                        // PNG bytes for letters; empty for none
  std::string collector_name;                  // the person customers are asked to call
  std::string collector_email;                 // empty: `email`
  std::string collector_phone;                 // empty: `phone`
  std::string time_zone = "Europe/Amsterdam";  // "today" for customers without a zone
};

}  // namespace duly::channels
