// Namespace-aware reading of a UBL document held by pugixml: the cac/cbc element lookups the UBL
// parser needs, and the XML path of a node for error messages.
//
// Promise: elements are matched by namespace URI and local name, whatever prefixes the document
// chose (a default namespace, "cbc:", "ubl:" ...): prefixes are resolved through the xmlns
// attributes of the element and its ancestors. Paths name steps with the canonical prefixes
// "cac:" and "cbc:" (the document's root without one), with "[n]" when siblings share a name:
// "/Invoice/cac:PaymentMeans[2]/cbc:PaymentID". No I/O. Thread-safety: pure functions over a
// document the caller owns and does not modify meanwhile.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "workflows/status.h"

namespace duly::einvoice {

inline constexpr std::string_view kCacNamespace =
    "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
inline constexpr std::string_view kCbcNamespace =
    "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
inline constexpr std::string_view kInvoiceNamespace =
    "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
inline constexpr std::string_view kCreditNoteNamespace =
    "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";

// "cbc:ID" -> "ID".
std::string_view LocalName(const pugi::xml_node& element);

// The namespace URI of `element` (empty when its prefix is not declared).
std::string_view NamespaceOf(const pugi::xml_node& element);

// Follows "cac:Party/cbc:EndpointID" (canonical prefixes cac: and cbc:) from `from`; each step
// takes the first matching child element. An empty node when any step is missing.
pugi::xml_node Find(const pugi::xml_node& from, std::string_view path);

// Every child element of `parent` matching the one step `step` ("cac:PaymentMeans").
std::vector<pugi::xml_node> FindAll(const pugi::xml_node& parent, std::string_view step);

// The element's text with surrounding XML white space removed ("" for an empty node).
std::string TextOf(const pugi::xml_node& element);

// Text of Find(from, path).
std::string TextAt(const pugi::xml_node& from, std::string_view path);

// The path of `element` from the root: "/Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount".
std::string XmlPath(const pugi::xml_node& element);

// kInvalidArgument "UBL: <path>: <message>" with field <path>, where <path> is XmlPath(at) followed
// by "/" + `missing` when `missing` (a path below `at` that is absent) is not empty.
Error UblError(const pugi::xml_node& at, std::string_view missing, const std::string& message);

}  // namespace duly::einvoice
