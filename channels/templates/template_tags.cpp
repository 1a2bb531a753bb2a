#include "channels/templates/template_tags.h"

namespace duly::channels {
namespace {

std::string_view Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

Error TagError(std::size_t offset, const std::string& what) {
  return InvalidArgument("tag at byte " + std::to_string(offset) + ": " + what);
}

}  // namespace

Result<std::vector<TemplateTag>> ScanTemplateTags(std::string_view source) {
  std::vector<TemplateTag> tags;
  std::vector<std::string> open;
  std::size_t position = 0;
  while ((position = source.find("{{", position)) != std::string_view::npos) {
    const std::size_t start = position;
    const bool triple = source.substr(start + 2, 1) == "{";
    const std::string_view closer = triple ? "}}}" : "}}";
    const std::size_t body_start = start + (triple ? 3 : 2);
    const std::size_t end = source.find(closer, body_start);
    if (end == std::string_view::npos) return TagError(start, "unterminated tag");
    position = end + closer.size();
    std::string_view body = Trim(source.substr(body_start, end - body_start));
    TemplateTag tag;
    const char sigil = body.empty() ? '\0' : body.front();
    if (sigil == '!') continue;
    if (sigil == '=') return TagError(start, "changing delimiters is not supported");
    bool closes = false;
    if (!triple) {
      switch (sigil) {
        case '#':
          tag.kind = TemplateTag::Kind::kSection;
          break;
        case '^':
          tag.kind = TemplateTag::Kind::kInvertedSection;
          break;
        case '/':
          closes = true;
          break;
        case '>':
          tag.kind = TemplateTag::Kind::kPartial;
          break;
        default:
          break;
      }
      if (closes || sigil == '#' || sigil == '^' || sigil == '>' || sigil == '&') {
        body = Trim(body.substr(1));
      }
    }
    if (body.empty()) return TagError(start, "empty name");
    if (body == ".") return TagError(start, "the implicit iterator {{.}} is not supported");
    if (closes) {
      if (open.empty() || open.back() != body) {
        return TagError(start, "{{/" + std::string(body) + "}} closes no open section");
      }
      open.pop_back();
      continue;
    }
    tag.name = std::string(body);
    tag.unescaped = triple || sigil == '&';
    tag.enclosing = open;
    if (tag.kind == TemplateTag::Kind::kSection ||
        tag.kind == TemplateTag::Kind::kInvertedSection) {
      open.push_back(tag.name);
    }
    tags.push_back(std::move(tag));
  }
  if (!open.empty()) return InvalidArgument("section {{#" + open.back() + "}} is never closed");
  return tags;
}

}  // namespace duly::channels
