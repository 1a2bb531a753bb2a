#include "channels/smtp/mime_message.h"

#include <array>
#include <chrono>
#include <cstdio>
#include <string_view>

#include <openssl/evp.h>

#include "channels/smtp/mime_encoding.h"

namespace duly::smtp {
namespace {

constexpr std::string_view kCrlf = "\r\n";

// Rejects CR and LF in a header value: a line break would let the value start a new header.
Status CheckHeaderValue(std::string_view field, std::string_view header, std::string_view value) {
  if (value.find_first_of("\r\n") != std::string_view::npos) {
    return FieldInvalid(std::string(field), "the " + std::string(header) +
                                                " header value contains a line break (CR or "
                                                "LF); refusing it to prevent header injection");
  }
  return Status::Ok();
}

Status CheckAddress(std::string_view field, std::string_view header, std::string_view address) {
  if (Status status = CheckHeaderValue(field, header, address); !status) return status;
  const std::size_t at = address.rfind('@');
  const bool printable = IsPrintableAscii(address) &&
                         address.find_first_of(" \t<>()[],;:\\\"") == std::string_view::npos;
  if (at == std::string_view::npos || at == 0 || at + 1 == address.size() || !printable) {
    return FieldInvalid(std::string(field), "the " + std::string(header) + " address \"" +
                                                std::string(address) +
                                                "\" is not local@domain in printable ASCII");
  }
  return Status::Ok();
}

bool IsToken(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    std::string_view("!#$&-^_.+").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

bool IsMediaType(std::string_view text) {
  const std::size_t slash = text.find('/');
  return slash != std::string_view::npos && IsToken(text.substr(0, slash)) &&
         IsToken(text.substr(slash + 1));
}

// "Name <address>" with the name as an atom-safe quoted string or RFC 2047 words.
std::string FormatMailbox(std::string_view header, std::string_view name,
                          std::string_view address) {
  const std::string angle = "<" + std::string(address) + ">";
  if (name.empty()) return angle;
  std::string phrase;
  if (IsPrintableAscii(name) && name.find("=?") == std::string_view::npos &&
      header.size() + 2 + name.size() + 3 + angle.size() <= 76) {
    phrase = "\"";
    for (const char c : name) {
      if (c == '"' || c == '\\') phrase += '\\';
      phrase += c;
    }
    phrase += '"';
    return phrase + " " + angle;
  }
  phrase = EncodeHeaderWords(header, name);
  const std::size_t last_line = phrase.rfind('\n');
  const std::size_t column = last_line == std::string::npos ? header.size() + 2 + phrase.size()
                                                            : phrase.size() - last_line - 1;
  return phrase + (column + 1 + angle.size() <= 76 ? " " : "\r\n ") + angle;
}

std::string Sha256Hex(std::string_view input) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_Digest(input.data(), input.size(), digest.data(), &length, EVP_sha256(), nullptr);
  std::string hex;
  constexpr std::string_view kHex = "0123456789abcdef";
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15U];
  }
  return hex;
}

void AddHeader(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += ": ";
  out += value;
  out += kCrlf;
}

void AddTextPart(std::string& out, std::string_view boundary, std::string_view subtype,
                 std::string_view body) {
  out += "--";
  out += boundary;
  out += kCrlf;
  AddHeader(out, "Content-Type", "text/" + std::string(subtype) + "; charset=UTF-8");
  AddHeader(out, "Content-Transfer-Encoding", "quoted-printable");
  out += kCrlf;
  out += EncodeQuotedPrintable(body);
  out += kCrlf;
}

Status Validate(const channels::OutboundMessage& message, const SenderIdentity& sender) {
  if (message.id <= 0) return FieldInvalid("/id", "the outbox id must be positive");
  if (Status s = CheckAddress("/to", "To", message.to); !s) return s;
  if (Status s = CheckHeaderValue("/subject", "Subject", message.subject); !s) return s;
  if (message.subject.empty()) return FieldInvalid("/subject", "an e-mail needs a subject");
  if (message.text.empty()) return FieldInvalid("/text", "an e-mail needs a plain-text body");
  if (Status s = CheckHeaderValue("/sender/from_name", "From", sender.from_name); !s) return s;
  if (Status s = CheckAddress("/sender/from_address", "From", sender.from_address); !s) return s;
  if (Status s = CheckHeaderValue("/sender/reply_to_name", "Reply-To", sender.reply_to_name); !s) {
    return s;
  }
  if (!sender.reply_to_address.empty()) {
    if (Status s = CheckAddress("/sender/reply_to_address", "Reply-To", sender.reply_to_address);
        !s) {
      return s;
    }
  }
  if (Status s =
          CheckHeaderValue("/sender/message_id_domain", "Message-ID", sender.message_id_domain);
      !s) {
    return s;
  }
  const bool domain_ok =
      !sender.message_id_domain.empty() &&
      sender.message_id_domain.find_first_not_of(
          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") == std::string::npos;
  if (!domain_ok) {
    return FieldInvalid("/sender/message_id_domain",
                        "the Message-ID domain must be a host name such as mail.example.be");
  }
  for (std::size_t i = 0; i < message.attachments.size(); ++i) {
    const channels::Attachment& attachment = message.attachments[i];
    const std::string base = "/attachments/" + std::to_string(i);
    if (Status s = CheckHeaderValue(base + "/filename", "Content-Disposition", attachment.filename);
        !s) {
      return s;
    }
    if (attachment.filename.empty()) {
      return FieldInvalid(base + "/filename", "an attachment needs a filename");
    }
    if (Status s = CheckHeaderValue(base + "/media_type", "Content-Type", attachment.media_type);
        !s) {
      return s;
    }
    if (!attachment.media_type.empty() && !IsMediaType(attachment.media_type)) {
      return FieldInvalid(base + "/media_type",
                          "\"" + attachment.media_type + "\" is not a media type (type/subtype)");
    }
  }
  return Status::Ok();
}

}  // namespace

std::string FormatRfc5322Date(Instant at) {
  using namespace std::chrono;
  const sys_days day = floor<days>(at);
  const year_month_day ymd(day);
  const hh_mm_ss<seconds> time(floor<seconds>(at - day));
  static constexpr std::array<const char*, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed",
                                                           "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::array<char, 48> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%s, %02u %s %04d %02ld:%02ld:%02ld +0000",
                kWeekdays[weekday(day).c_encoding()], static_cast<unsigned>(ymd.day()),
                kMonths[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()),
                static_cast<long>(time.hours().count()), static_cast<long>(time.minutes().count()),
                static_cast<long>(time.seconds().count()));
  return buffer.data();
}

Result<MimeMessage> BuildMimeMessage(const channels::OutboundMessage& message,
                                     const SenderIdentity& sender, Instant date) {
  if (Status status = Validate(message, sender); !status) return std::move(status).error();

  const std::string hash = Sha256Hex("duly-message-id\n" + sender.message_id_domain + "\n" +
                                     sender.from_address + "\n" + std::to_string(message.id));
  MimeMessage mime;
  mime.message_id = "<duly." + std::to_string(message.id) + "." + hash.substr(0, 16) + "@" +
                    sender.message_id_domain + ">";
  mime.envelope_from = sender.from_address;
  mime.envelope_to = message.to;
  const std::string mixed = "=_duly.mixed." + hash.substr(16, 16);
  const std::string alternative = "=_duly.alt." + hash.substr(32, 16);

  std::string& out = mime.bytes;
  AddHeader(out, "Date", FormatRfc5322Date(date));
  AddHeader(out, "From", FormatMailbox("From", sender.from_name, sender.from_address));
  if (!sender.reply_to_address.empty()) {
    AddHeader(out, "Reply-To",
              FormatMailbox("Reply-To", sender.reply_to_name, sender.reply_to_address));
  }
  AddHeader(out, "To", "<" + message.to + ">");
  AddHeader(out, "Subject", EncodeHeaderText("Subject", message.subject));
  AddHeader(out, "Message-ID", mime.message_id);
  AddHeader(out, "MIME-Version", "1.0");
  AddHeader(out, "Content-Type", "multipart/mixed;\r\n boundary=\"" + mixed + "\"");
  out += kCrlf;
  out += "This is a MIME message.\r\n";

  if (message.html.empty()) {
    AddTextPart(out, mixed, "plain", message.text);
  } else {
    out += "--" + mixed + "\r\n";
    AddHeader(out, "Content-Type", "multipart/alternative;\r\n boundary=\"" + alternative + "\"");
    out += kCrlf;
    AddTextPart(out, alternative, "plain", message.text);
    AddTextPart(out, alternative, "html", message.html);
    out += "--" + alternative + "--\r\n";
  }
  for (const channels::Attachment& attachment : message.attachments) {
    const std::string media_type =
        attachment.media_type.empty() ? "application/octet-stream" : attachment.media_type;
    out += "--" + mixed + "\r\n";
    AddHeader(out, "Content-Type",
              media_type + ";\r\n " + EncodeParameter("name", attachment.filename));
    AddHeader(out, "Content-Transfer-Encoding", "base64");
    AddHeader(out, "Content-Disposition",
              "attachment;\r\n " + EncodeParameter("filename", attachment.filename));
    out += kCrlf;
    out += EncodeBase64Lines(attachment.content);
  }
  out += "--" + mixed + "--\r\n";
  return mime;
}

}  // namespace duly::smtp
