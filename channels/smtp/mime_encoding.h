// The MIME encodings an e-mail needs: base64 (RFC 2045 §6.8), quoted-printable (§6.7), RFC 2047
// encoded-words for header text, RFC 2231 parameter values, and their decoders.
//
// Promise: every encoder produces 7-bit ASCII lines of at most 76 characters joined by CRLF
// (header encoders: folded with CRLF SP); every decoder inverts its encoder exactly, so
// Decode(Encode(x)) == x for any bytes (quoted-printable: with line breaks normalised to CRLF).
// Decoders are lenient on input they do not understand: it is kept as is. Text is UTF-8.
// Thread-safety: pure functions; safe from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace duly::smtp {

// Base64 in lines of 76 characters, each ended by CRLF (the last one too, when non-empty).
std::string EncodeBase64Lines(std::string_view bytes);
// Decodes MIME base64 (line breaks and spaces ignored) with duly::DecodeBase64; returns "" when
// the text is not base64.
std::string DecodeMimeBase64(std::string_view text);

// Quoted-printable for a text body: LF, CR LF and lone CR all become CRLF line breaks; each
// encoded line is at most 76 characters (soft breaks "=" CRLF); '=', bytes outside printable
// ASCII and a space or tab ending a line are escaped as =XX. A '.' starting a line is left
// alone: SMTP dot-stuffing is libcurl's job (it escapes CRLF "." while uploading).
std::string EncodeQuotedPrintable(std::string_view text);
std::string DecodeQuotedPrintable(std::string_view text);

// The value of a header whose name is `header_name`, folded so that no line, the first one
// with "Name: " included, exceeds 76 characters. Printable ASCII text that can be folded at
// spaces stays readable; any other text (non-ASCII, "=?", control characters, words too long
// to fold) becomes RFC 2047 "=?UTF-8?B?...?=" words, never splitting a UTF-8 character.
// REQUIRES: `text` holds no CR or LF (callers reject those first: header injection).
std::string EncodeHeaderText(std::string_view header_name, std::string_view text);
// Always RFC 2047 B words, folded as above: for display names, where plain ASCII with specials
// (",", "<") would change the meaning of an address header.
std::string EncodeHeaderWords(std::string_view header_name, std::string_view text);
// Decodes RFC 2047 words (B and Q, charset UTF-8 or US-ASCII) in an unfolded or folded header
// value; whitespace between two adjacent encoded words is dropped, as the RFC says.
std::string DecodeHeaderText(std::string_view value);

// A MIME parameter `name=value`: a quoted string when `value` is printable ASCII, else the
// RFC 2231 form name*=UTF-8''%XX.. .
std::string EncodeParameter(std::string_view name, std::string_view value);

// True when every byte is printable ASCII (0x20..0x7E) or a tab.
bool IsPrintableAscii(std::string_view text);

}  // namespace duly::smtp
