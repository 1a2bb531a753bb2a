// LetterDocument <-> JSON, so a letter composed today can be re-rendered later: the letter
// channel keeps each letter's JSON (media type kLetterJsonMediaType) and the daily print batch
// decodes them all and hands them to LetterRenderer::RenderBatch.
//
// Promise: LetterDocumentFromJson(LetterDocumentToJson(x)) == x for every letter (UTF-8 text;
// the logo's bytes travel as base64 in "logo_png_base64"). The JSON object's keys are the
// field names of letter_document.h ("sender": {"company_name", "address_lines", ...}, "invoices":
// [{"number", "issued", "due", "amount", "open"}], ...); "format": 1 names this layout. Decoding
// is strict: text that is not JSON, a wrong type, an unknown format or bad base64 is
// kInvalidArgument naming the field by JSON pointer; keys it does not know are ignored.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "channels/letter/letter_document.h"
#include "workflows/status.h"

namespace duly::channels {

inline constexpr std::string_view kLetterJsonMediaType = "application/vnd.duly.letter+json";

std::string LetterDocumentToJson(const LetterDocument& letter);
Result<LetterDocument> LetterDocumentFromJson(std::string_view json);

}  // namespace duly::channels
