#include "daemon/einvoice/ubl_xml.h"

namespace duly::einvoice {
namespace {

struct Step {
  std::string_view ns;  // empty: any namespace
  std::string_view local;
};

Step ParseStep(std::string_view step) {
  if (step.starts_with("cac:")) return {kCacNamespace, step.substr(4)};
  if (step.starts_with("cbc:")) return {kCbcNamespace, step.substr(4)};
  return {{}, step};
}

bool Matches(const pugi::xml_node& node, const Step& step) {
  return node.type() == pugi::node_element && LocalName(node) == step.local &&
         (step.ns.empty() || NamespaceOf(node) == step.ns);
}

pugi::xml_node FirstChild(const pugi::xml_node& parent, const Step& step) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (Matches(c, step)) return c;
  }
  return {};
}

// The step's name as paths print it: canonical prefixes for cac and cbc, none for the root's
// own namespace, the document's own spelling otherwise.
std::string StepName(const pugi::xml_node& element) {
  const std::string_view ns = NamespaceOf(element);
  const std::string local(LocalName(element));
  if (ns == kCacNamespace) return "cac:" + local;
  if (ns == kCbcNamespace) return "cbc:" + local;
  if (ns == kInvoiceNamespace || ns == kCreditNoteNamespace) return local;
  return element.name();
}

bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

std::string_view LocalName(const pugi::xml_node& element) {
  const std::string_view name = element.name();
  const auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string_view NamespaceOf(const pugi::xml_node& element) {
  const std::string_view name = element.name();
  const auto colon = name.find(':');
  const std::string attribute =
      colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(name.substr(0, colon));
  for (pugi::xml_node n = element; n && n.type() == pugi::node_element; n = n.parent()) {
    if (const pugi::xml_attribute declared = n.attribute(attribute.c_str())) {
      return declared.value();
    }
  }
  return {};
}

pugi::xml_node Find(const pugi::xml_node& from, std::string_view path) {
  pugi::xml_node node = from;
  while (node && !path.empty()) {
    const auto slash = path.find('/');
    node = FirstChild(node, ParseStep(path.substr(0, slash)));
    path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
  }
  return node;
}

std::vector<pugi::xml_node> FindAll(const pugi::xml_node& parent, std::string_view step) {
  const Step wanted = ParseStep(step);
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (Matches(c, wanted)) out.push_back(c);
  }
  return out;
}

std::string TextOf(const pugi::xml_node& element) {
  std::string_view text = element.child_value();
  while (!text.empty() && IsXmlSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsXmlSpace(text.back())) text.remove_suffix(1);
  return std::string(text);
}

std::string TextAt(const pugi::xml_node& from, std::string_view path) {
  return TextOf(Find(from, path));
}

std::string XmlPath(const pugi::xml_node& element) {
  std::string path;
  for (pugi::xml_node n = element; n && n.type() == pugi::node_element; n = n.parent()) {
    std::string step = StepName(n);
    int index = 0;
    int count = 0;
    for (pugi::xml_node s = n.parent().first_child(); s; s = s.next_sibling()) {
      if (s.type() != pugi::node_element || std::string_view(s.name()) != n.name()) continue;
      ++count;
      if (s == n) index = count;
    }
    if (count > 1) step += "[" + std::to_string(index) + "]";
    path.insert(0, "/" + step);
  }
  return path;
}

Error UblError(const pugi::xml_node& at, std::string_view missing, const std::string& message) {
  std::string path = XmlPath(at);
  if (!missing.empty()) path += "/" + std::string(missing);
  return InvalidArgument("UBL: " + path + ": " + message, {{path, message}});
}

}  // namespace duly::einvoice
