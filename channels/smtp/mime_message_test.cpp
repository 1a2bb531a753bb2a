#include "channels/smtp/mime_message.h"

#include <cctype>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "channels/smtp/mime_encoding.h"

namespace duly::smtp {
namespace {

constexpr std::string_view kSubject = "Herinnering: factuur € 1.250,00 — Café Ëlise";

// A MIME entity parsed back: unfolded headers by lower-case name, and the raw body.
struct Entity {
  std::map<std::string, std::string> headers;
  std::string body;
};

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

Entity Parse(std::string_view bytes) {
  Entity entity;
  const std::size_t end = bytes.find("\r\n\r\n");
  EXPECT_NE(end, std::string_view::npos);
  std::string_view head = bytes.substr(0, end + 2);
  entity.body = std::string(bytes.substr(end + 4));
  std::string name;
  while (!head.empty()) {
    const std::size_t eol = head.find("\r\n");
    const std::string_view line = head.substr(0, eol);
    head.remove_prefix(eol + 2);
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      entity.headers[name] += "\r\n" + std::string(line);  // keep folds for DecodeHeaderText
    } else {
      const std::size_t colon = line.find(": ");
      name = Lower(std::string(line.substr(0, colon)));
      entity.headers[name] = std::string(line.substr(colon + 2));
    }
  }
  return entity;
}

std::string Boundary(const Entity& entity) {
  const std::string& type = entity.headers.at("content-type");
  const std::size_t at = type.find("boundary=\"");
  EXPECT_NE(at, std::string::npos) << type;
  return type.substr(at + 10, type.find('"', at + 10) - at - 10);
}

std::vector<Entity> Parts(const Entity& multipart) {
  const std::string delimiter = "\r\n--" + Boundary(multipart);
  const std::string body = "\r\n" + multipart.body;
  std::vector<Entity> parts;
  std::size_t at = body.find(delimiter);
  while (at != std::string::npos) {
    const std::size_t start = at + delimiter.size();
    if (body.compare(start, 2, "--") == 0) return parts;  // close delimiter
    const std::size_t next = body.find(delimiter, start);
    EXPECT_NE(next, std::string::npos) << "no close delimiter";
    if (next == std::string::npos) break;
    parts.push_back(Parse(std::string_view(body).substr(start + 2, next - start - 2)));
    at = next;
  }
  ADD_FAILURE() << "no close delimiter";
  return parts;
}

channels::OutboundMessage Reminder() {
  channels::OutboundMessage message;
  message.id = 42;
  message.channel = "email";
  message.to = "boekhouding@cafe-elise.be";
  message.subject = std::string(kSubject);
  message.text = "Beste Ëlise,\n\nFactuur INV-7 van € 1.250,00 staat nog open.\n.\nGroeten";
  message.html = "<p>Beste Ëlise,</p><p>Factuur <b>INV-7</b> van € 1.250,00 staat nog open.</p>";
  std::string pdf = "%PDF-1.4\n";
  for (int i = 0; i < 700; ++i) pdf += static_cast<char>(i * 37 % 256);
  message.attachments.push_back({"INV-7.pdf", "application/pdf", pdf});
  message.attachments.push_back({"Factuur Ëlise €.pdf", "application/pdf", "%PDF-1.4 tiny"});
  return message;
}

SenderIdentity Sender() {
  return {"Brasserie Ëlise — debiteurenbeheer", "facturen@elise.be", "Team Debiteuren",
          "debiteuren@elise.be", "mail.elise.be"};
}

Instant At(std::int64_t millis) { return FromEpochMillis(millis); }

TEST(MimeMessageTest, HeadersAndStructureParseBack) {
  const Result<MimeMessage> mime = BuildMimeMessage(Reminder(), Sender(), At(1795539720000));
  ASSERT_TRUE(mime.has_value()) << mime.error().message;
  const Entity top = Parse(mime->bytes);
  EXPECT_EQ(top.headers.at("date"), "Tue, 24 Nov 2026 17:02:00 +0000");
  EXPECT_EQ(top.headers.at("mime-version"), "1.0");
  EXPECT_EQ(top.headers.at("to"), "<boekhouding@cafe-elise.be>");
  EXPECT_EQ(top.headers.at("message-id"), mime->message_id);
  EXPECT_EQ(DecodeHeaderText(top.headers.at("subject")), kSubject);
  EXPECT_EQ(DecodeHeaderText(top.headers.at("from")),
            "Brasserie Ëlise — debiteurenbeheer <facturen@elise.be>");
  EXPECT_EQ(top.headers.at("reply-to"), "\"Team Debiteuren\" <debiteuren@elise.be>");
  EXPECT_EQ(mime->envelope_from, "facturen@elise.be");
  EXPECT_EQ(mime->envelope_to, "boekhouding@cafe-elise.be");
  EXPECT_TRUE(top.headers.at("content-type").starts_with("multipart/mixed;"));

  const std::vector<Entity> parts = Parts(top);
  ASSERT_EQ(parts.size(), 3U);
  EXPECT_TRUE(parts[0].headers.at("content-type").starts_with("multipart/alternative;"));
  const std::vector<Entity> alternatives = Parts(parts[0]);
  ASSERT_EQ(alternatives.size(), 2U);
  EXPECT_EQ(alternatives[0].headers.at("content-type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(alternatives[0].headers.at("content-transfer-encoding"), "quoted-printable");
  EXPECT_EQ(DecodeQuotedPrintable(alternatives[0].body),
            "Beste Ëlise,\r\n\r\nFactuur INV-7 van € 1.250,00 staat nog open.\r\n.\r\nGroeten");
  EXPECT_EQ(alternatives[1].headers.at("content-type"), "text/html; charset=UTF-8");
  EXPECT_EQ(DecodeQuotedPrintable(alternatives[1].body), Reminder().html);

  EXPECT_EQ(parts[1].headers.at("content-transfer-encoding"), "base64");
  EXPECT_EQ(parts[1].headers.at("content-disposition"), "attachment;\r\n filename=\"INV-7.pdf\"");
  EXPECT_EQ(DecodeMimeBase64(parts[1].body), Reminder().attachments[0].content);
  EXPECT_EQ(parts[2].headers.at("content-disposition"),
            "attachment;\r\n filename*=UTF-8''Factuur%20%C3%8Blise%20%E2%82%AC.pdf");
  EXPECT_EQ(DecodeMimeBase64(parts[2].body), "%PDF-1.4 tiny");
}

TEST(MimeMessageTest, EveryLineIsCrlfAsciiAndAtMost76) {
  const Result<MimeMessage> mime = BuildMimeMessage(Reminder(), Sender(), At(0));
  ASSERT_TRUE(mime.has_value());
  const std::string& bytes = mime->bytes;
  std::size_t start = 0;
  while (start < bytes.size()) {
    const std::size_t eol = bytes.find('\n', start);
    ASSERT_NE(eol, std::string::npos);
    ASSERT_GT(eol, start) << "empty line without CR";
    EXPECT_EQ(bytes[eol - 1], '\r') << "bare LF at " << eol;
    const std::string line = bytes.substr(start, eol - 1 - start);
    EXPECT_LE(line.size(), 76U) << line;
    EXPECT_TRUE(IsPrintableAscii(line)) << line;
    start = eol + 1;
  }
}

TEST(MimeMessageTest, MessageIdIsStableAcrossRetriesAndDiffersPerOutboxRow) {
  const Result<MimeMessage> first = BuildMimeMessage(Reminder(), Sender(), At(0));
  const Result<MimeMessage> retry = BuildMimeMessage(Reminder(), Sender(), At(3'600'000));
  channels::OutboundMessage other = Reminder();
  other.id = 43;
  const Result<MimeMessage> next = BuildMimeMessage(other, Sender(), At(0));
  ASSERT_TRUE(first && retry && next);
  EXPECT_EQ(first->message_id, retry->message_id);
  EXPECT_NE(first->message_id, next->message_id);
  EXPECT_TRUE(first->message_id.starts_with("<duly.42."));
  EXPECT_TRUE(first->message_id.ends_with("@mail.elise.be>"));
}

TEST(MimeMessageTest, LongAsciiDisplayNameWithACommaIsEncodedNotLeftBare) {
  SenderIdentity sender = Sender();
  sender.from_name = "Debiteurenbeheer, Brasserie Elise en Zonen BV, Antwerpen en Gent";
  const Result<MimeMessage> mime = BuildMimeMessage(Reminder(), sender, At(0));
  ASSERT_TRUE(mime.has_value());
  const std::string from = Parse(mime->bytes).headers.at("from");
  EXPECT_TRUE(from.starts_with("=?UTF-8?B?")) << from;
  EXPECT_EQ(DecodeHeaderText(from), sender.from_name + " <facturen@elise.be>");
}

TEST(MimeMessageTest, WithoutHtmlTheTextSitsDirectlyInTheMixedPart) {
  channels::OutboundMessage message = Reminder();
  message.html.clear();
  message.attachments.clear();
  const Result<MimeMessage> mime = BuildMimeMessage(message, Sender(), At(0));
  ASSERT_TRUE(mime.has_value());
  const std::vector<Entity> parts = Parts(Parse(mime->bytes));
  ASSERT_EQ(parts.size(), 1U);
  EXPECT_EQ(parts[0].headers.at("content-type"), "text/plain; charset=UTF-8");
}

TEST(MimeMessageTest, HeaderInjectionIsRejectedNamingTheField) {
  struct Case {
    std::string field;
    channels::OutboundMessage message;
    SenderIdentity sender;
  };
  std::vector<Case> cases;
  cases.push_back({"/subject", Reminder(), Sender()});
  cases.back().message.subject = "Hello\r\nBcc: everyone@example.com";
  cases.push_back({"/to", Reminder(), Sender()});
  cases.back().message.to = "a@b.be\nBcc: x@y.be";
  cases.push_back({"/attachments/1/filename", Reminder(), Sender()});
  cases.back().message.attachments[1].filename = "x.pdf\r\nX-Evil: 1";
  cases.push_back({"/sender/from_name", Reminder(), Sender()});
  cases.back().sender.from_name = "Elise\rBcc: x@y.be";
  cases.push_back({"/sender/reply_to_address", Reminder(), Sender()});
  cases.back().sender.reply_to_address = "a@b.be\n";
  for (const Case& c : cases) {
    const Result<MimeMessage> mime = BuildMimeMessage(c.message, c.sender, At(0));
    ASSERT_FALSE(mime.has_value()) << c.field;
    EXPECT_EQ(mime.error().code, ErrorCode::kInvalidArgument);
    ASSERT_EQ(mime.error().fields.size(), 1U);
    EXPECT_EQ(mime.error().fields[0].field, c.field);
  }
}

TEST(MimeMessageTest, MalformedAddressesAndMediaTypesAreRejected) {
  channels::OutboundMessage message = Reminder();
  message.to = "not an address";
  EXPECT_EQ(BuildMimeMessage(message, Sender(), At(0)).error().fields.at(0).field, "/to");
  message = Reminder();
  message.attachments[0].media_type = "pdf";
  EXPECT_EQ(BuildMimeMessage(message, Sender(), At(0)).error().fields.at(0).field,
            "/attachments/0/media_type");
}

TEST(MimeEncodingTest, QuotedPrintableRoundTripsLongLinesAndNonAscii) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "€ 1.250,00 — Café Ëlise = ";  // long, non-ASCII, '='
  text += "\nline ending in a space \n\ttab\n.dot line\n";
  const std::string encoded = EncodeQuotedPrintable(text);
  std::size_t start = 0;
  while (start < encoded.size()) {
    const std::size_t eol = encoded.find("\r\n", start);
    const std::size_t end = eol == std::string::npos ? encoded.size() : eol;
    EXPECT_LE(end - start, 76U);
    EXPECT_TRUE(IsPrintableAscii(encoded.substr(start, end - start)));
    EXPECT_NE(encoded[end - 1], ' ');
    start = end + 2;
  }
  std::string expected = text;
  for (std::size_t at = 0; (at = expected.find('\n', at)) != std::string::npos; at += 2) {
    expected.replace(at, 1, "\r\n");
  }
  EXPECT_EQ(DecodeQuotedPrintable(encoded), expected);
  EXPECT_NE(encoded.find("\r\n.dot line"), std::string::npos);  // dot-stuffing is libcurl's job
}

TEST(MimeEncodingTest, Base64RoundTripsEveryByteIn76CharacterLines) {
  std::string bytes;
  for (int i = 0; i < 1000; ++i) bytes += static_cast<char>(i % 256);
  const std::string encoded = EncodeBase64Lines(bytes);
  EXPECT_EQ(encoded.substr(76, 2), "\r\n");
  EXPECT_EQ(DecodeMimeBase64(encoded), bytes);
  EXPECT_EQ(EncodeBase64Lines("ab"), "YWI=\r\n");
}

TEST(MimeEncodingTest, HeaderTextStaysReadableWhenAsciiAndFoldsEncodedWords) {
  EXPECT_EQ(EncodeHeaderText("Subject", "Reminder: invoice INV-7"), "Reminder: invoice INV-7");
  const std::string long_ascii(33, 'a');  // "Subject: " + 33 + 1 + 33 = 76
  const std::string folded = EncodeHeaderText("Subject", long_ascii + " " + long_ascii + " x");
  EXPECT_EQ(folded, long_ascii + " " + long_ascii + "\r\n x");
  const std::string encoded =
      EncodeHeaderText("Subject", std::string(kSubject) + " " + std::string(kSubject));
  EXPECT_TRUE(encoded.starts_with("=?UTF-8?B?"));
  // Folded lines are full (within 76 with "Subject: " on the first), not split early.
  const std::string header = "Subject: " + encoded;
  std::vector<std::string> lines;
  for (std::size_t at = 0, eol = 0; at <= header.size(); at = eol + 2) {
    eol = std::min(header.find("\r\n", at), header.size());
    lines.push_back(header.substr(at, eol - at));
  }
  ASSERT_GE(lines.size(), 3U);
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    EXPECT_LE(lines[i].size(), 76U) << lines[i];
    EXPECT_GE(lines[i].size(), 68U) << lines[i];
  }
  EXPECT_EQ(DecodeHeaderText(encoded), std::string(kSubject) + " " + std::string(kSubject));
  EXPECT_EQ(DecodeHeaderText("=?UTF-8?Q?Caf=C3=A9_=C3=8Blise?= ok"), "Café Ëlise ok");
}

TEST(MimeEncodingTest, Rfc2231ParameterForNonAsciiFilenames) {
  EXPECT_EQ(EncodeParameter("filename", "a \"b\".pdf"), "filename=\"a \\\"b\\\".pdf\"");
  EXPECT_EQ(EncodeParameter("filename", "é.pdf"), "filename*=UTF-8''%C3%A9.pdf");
}

}  // namespace
}  // namespace duly::smtp
