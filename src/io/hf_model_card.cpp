#include "gpai/io/hf_model_card.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <set>

#include "gpai/error.hpp"
#include "excerpt.hpp"
#include "hf_mapper.hpp"
#include "json_reader.hpp"
#include "json_view_readers.hpp"

namespace gpai::io {
namespace {

// ---- front matter ---------------------------------------------------------

struct SplitReadme {
  std::string_view yaml;
  std::size_t yaml_first_line = 0;  // 1-based line of the first YAML line
  std::string_view body;
  std::size_t body_first_line = 1;
  bool has_front_matter = false;
};

std::string_view strip_bom(std::string_view text) {
  return text.rfind("\xEF\xBB\xBF", 0) == 0 ? text.substr(3) : text;
}

bool is_fence(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  return line == "---";
}

SplitReadme split_readme(std::string_view text) {
  text = strip_bom(text);
  SplitReadme out;
  out.body = text;
  std::size_t pos = 0, line = 1;
  // Blank lines before the opening fence are tolerated (the Hub does too).
  while (pos < text.size()) {
    const std::size_t nl = std::min(text.find('\n', pos), text.size());
    const std::string_view l = text.substr(pos, nl - pos);
    if (l.find_first_not_of(" \t\r") != std::string_view::npos) break;
    pos = nl + 1;
    ++line;
  }
  const std::size_t nl = std::min(text.find('\n', pos), text.size());
  if (pos >= text.size() || !is_fence(text.substr(pos, nl - pos))) return out;
  const std::size_t yaml_start = nl + 1;
  std::size_t p = yaml_start, l = line + 1;
  while (p < text.size()) {
    const std::size_t e = std::min(text.find('\n', p), text.size());
    if (is_fence(text.substr(p, e - p))) {
      out.has_front_matter = true;
      out.yaml = text.substr(yaml_start, p - yaml_start);
      out.yaml_first_line = line + 1;
      out.body = e < text.size() ? text.substr(e + 1) : std::string_view();
      out.body_first_line = l + 1;
      return out;
    }
    p = e + 1;
    ++l;
  }
  // An opening fence without a closing one: not front matter, all body.
  return out;
}

// ---- YAML -> JSON -----------------------------------------------------------
// Front matter and the Hub's `cardData` are the same metadata, so both are
// mapped by one code path over JSON. Plain YAML scalars are typed the way the
// Hub's (YAML 1.1) loader types them for the fields we read: integers with
// "_" separators ("24_700_000"), floats, true/false, null; quoted scalars
// stay strings. Dates stay strings (no timestamp conversion).

std::optional<double> plain_number(const std::string& s) {
  if (s.empty()) return std::nullopt;
  std::string digits;
  for (char c : s) {
    if (c == '_') continue;
    digits.push_back(c);
  }
  const char first = digits.empty() ? '\0' : digits[0];
  if (!(std::isdigit(static_cast<unsigned char>(first)) || first == '-' || first == '+' || first == '.')) {
    return std::nullopt;
  }
  try {
    std::size_t used = 0;
    const double v = std::stod(digits, &used);
    if (used != digits.size() || !std::isfinite(v)) return std::nullopt;
    return v;
  } catch (...) {
    return std::nullopt;
  }
}

Json yaml_to_json(const YAML::Node& node, const std::string& source, std::size_t first_line,
                  const std::string& pointer) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined: return nullptr;
    case YAML::NodeType::Sequence: {
      Json arr = Json::array();
      std::size_t i = 0;
      for (const auto& item : node) {
        arr.push_back(yaml_to_json(item, source, first_line, pointer + "/" + std::to_string(i++)));
      }
      return arr;
    }
    case YAML::NodeType::Map: {
      Json obj = Json::object();
      for (const auto& kv : node) {
        const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
        if (obj.contains(key)) {
          // yaml-cpp keeps duplicate keys silently; which value was meant is unknowable.
          throw InputError(SourceLocation{source, first_line + kv.first.Mark().line, 0,
                                          pointer + "/" + pointer_token(key)},
                           "duplicate key " + excerpt(key, kExcerptBytes, '"') + " in the YAML front matter");
        }
        obj[key] = yaml_to_json(kv.second, source, first_line, pointer + "/" + pointer_token(key));
      }
      return obj;
    }
    case YAML::NodeType::Scalar: {
      const std::string& s = node.Scalar();
      if (node.Tag() != "?") return s;  // quoted or explicitly tagged: a string
      if (s == "true" || s == "True" || s == "TRUE") return true;
      if (s == "false" || s == "False" || s == "FALSE") return false;
      if (s == "null" || s == "Null" || s == "NULL" || s == "~") return nullptr;
      if (auto v = plain_number(s)) {
        const bool integral = s.find_first_of(".eE") == std::string::npos;
        if (integral && std::fabs(*v) < 9e15) return static_cast<long long>(*v);
        return *v;
      }
      return s;
    }
  }
  return nullptr;
}

// yaml-cpp parses recursively: a hostile front matter nested thousands of
// levels deep would overflow the stack and take the whole batch down, so
// depth and size are bounded first. Real front matter is a few kilobytes
// (model-index tables make it tens) and a handful of levels deep.
constexpr std::size_t kMaxFrontMatterBytes = std::size_t{4} << 20;
constexpr std::size_t kMaxFlowDepth = 64;

void check_front_matter_shape(const SplitReadme& split, const std::string& source) {
  const SourceLocation at{source, split.yaml_first_line, 0, ""};
  if (split.yaml.size() > kMaxFrontMatterBytes) {
    throw InputError(at, "front matter larger than " + std::to_string(kMaxFrontMatterBytes) + " bytes");
  }
  std::size_t depth = 0;
  char quote = 0;
  for (char c : split.yaml) {
    if (c == '\n') {
      quote = 0;  // an unbalanced quote (an apostrophe in prose) must not hide the rest
    } else if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxFlowDepth) throw InputError(at, "front matter nested more than 64 levels deep");
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
}

Json parse_front_matter(const SplitReadme& split, const std::string& source) {
  check_front_matter_shape(split, source);
  try {
    const YAML::Node root = YAML::Load(std::string(split.yaml));
    if (!root.IsDefined() || root.IsNull()) return Json::object();
    if (!root.IsMap()) {
      throw InputError(SourceLocation{source, split.yaml_first_line, 0, "/"},
                       "front matter: expected a YAML mapping of metadata keys");
    }
    return yaml_to_json(root, source, split.yaml_first_line, "");
  } catch (const YAML::Exception& e) {
    throw InputError(SourceLocation{source, split.yaml_first_line + static_cast<std::size_t>(
                                                                        std::max(0, e.mark.line)),
                                    static_cast<std::size_t>(std::max(0, e.mark.column)) + 1, ""},
                     "front matter is not valid YAML: " + excerpt(e.msg, 200, 0));
  }
}

// First "# Heading" of the Markdown body (the model name in most cards).
std::string first_heading(std::string_view body) {
  std::size_t pos = 0;
  bool in_code = false;
  while (pos < body.size()) {
    const std::size_t nl = std::min(body.find('\n', pos), body.size());
    std::string_view l = body.substr(pos, nl - pos);
    if (l.rfind("```", 0) == 0) in_code = !in_code;
    if (!in_code && l.rfind("# ", 0) == 0) {
      l.remove_prefix(2);
      while (!l.empty() && (l.back() == '\r' || l.back() == ' ')) l.remove_suffix(1);
      return std::string(l.substr(0, 200));
    }
    pos = nl + 1;
  }
  return {};
}

// "models/org_name.README.md" -> "org_name"; "org/name/README.md" -> "name".
std::string stem_name(const std::string& source) {
  std::string s = source;
  const auto slash = s.find_last_of('/');
  std::string file = slash == std::string::npos ? s : s.substr(slash + 1);
  std::string dir = slash == std::string::npos ? "" : s.substr(0, slash);
  for (std::string_view suffix : {".gz", ".md", ".README", "README"}) {
    if (file.size() >= suffix.size() && file.compare(file.size() - suffix.size(), suffix.size(), suffix) == 0) {
      file.resize(file.size() - suffix.size());
    }
  }
  while (!file.empty() && (file.back() == '.' || file.back() == '_')) file.pop_back();
  if (!file.empty()) return file;
  const auto ds = dir.find_last_of('/');
  return ds == std::string::npos ? dir : dir.substr(ds + 1);
}

}  // namespace

bool looks_like_hf_readme(std::string_view text) {
  text = strip_bom(text);
  const auto first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && text.substr(first).rfind("---", 0) == 0;
}

bool looks_like_hub_api(const Json& doc) { return looks_like_hub_api(JsonView(doc)); }

bool looks_like_hub_api(JsonView doc) {
  if (!doc.is_object()) return false;
  if (!doc.find("id").is_string()) return false;
  for (const char* key : {"pipeline_tag", "safetensors", "cardData", "config", "tags"}) {
    if (doc.contains(key)) return true;
  }
  return false;
}

MappedCard map_hf_readme(std::string_view text, const std::string& source,
                         const AcceleratorCatalogue& catalogue, const HfVocabulary& vocabulary) {
  const SplitReadme split = split_readme(text);
  const Json front = split.has_front_matter ? parse_front_matter(split, source) : Json::object();
  hf::Mapper m(CardFormat::hf_readme, source, "", catalogue, vocabulary);
  if (!split.has_front_matter) {
    m.provenance().flag("no_front_matter", "warning",
                        "README has no YAML front matter: no Hub metadata to map");
  }
  // Name: the card's own, else the model-index entry, else the file or
  // directory name (HF repositories are named by their directory), else the
  // first heading (often a title such as "Model Summary", so the last resort).
  std::string name;
  std::string name_from;
  const std::string stem = source == "<stdin>" ? std::string() : stem_name(source);
  const std::string heading = first_heading(split.body);
  if (auto it = front.find("model_name"); it != front.end() && it->is_string()) {
    name = it->get<std::string>();
    name_from = "front matter /model_name";
  } else if (auto mi = front.find("model-index");
             mi != front.end() && mi->is_array() && !mi->empty() && (*mi)[0].is_object() &&
             (*mi)[0].contains("name") && (*mi)[0]["name"].is_string()) {
    name = (*mi)[0]["name"].get<std::string>();
    name_from = "front matter /model-index/0/name";
  } else if (!stem.empty()) {
    name = stem;
    name_from = "file name";
  } else if (!heading.empty()) {
    name = heading;
    name_from = "README first heading";
  } else {
    name = source;
    name_from = "source";
  }
  hf::Source in;
  in.card_data = front;
  in.body = split.body;
  in.body_first_line = split.body_first_line;
  in.name = name;
  in.name_from = name_from;
  in.name_hints = {name, stem, heading};
  return m.run(in);
}

MappedCard map_hub_api(const Json& model, const std::string& source, const std::string& pointer,
                       const AcceleratorCatalogue& catalogue, const HfVocabulary& vocabulary) {
  return map_hub_api(JsonView(model), source, pointer, catalogue, vocabulary);
}

MappedCard map_hub_api(JsonView model, const std::string& source, const std::string& pointer,
                       const AcceleratorCatalogue& catalogue, const HfVocabulary& vocabulary) {
  // Every batch record has a string id (that is how it was recognised): the
  // cursor, which builds pointers for its messages, is only needed to report
  // a record without one.
  // Gathered here for the Mapper too: the adapter's own lookups (cardData,
  // modelId, absent from most records) then do not walk the object again.
  const JsonMembers members(model);
  std::string_view id;
  std::string checked_id;
  if (const JsonView v = members.find("id"); v.is_string()) {
    id = v.string();
  } else {
    const JsonCursor root(model, source, pointer);
    root.expect_object();
    checked_id = root.require("id", "the repository id, e.g. \"org/model\"").as_string();
    id = checked_id;
  }
  hf::Mapper m(CardFormat::hf_hub_api, source, pointer, catalogue, vocabulary);
  hf::Source in;
  in.top = model;
  in.top_members = &members;
  if (const JsonView cd = members.find("cardData"); cd.is_object()) in.card_data = cd;
  in.name = id;
  const std::string name_from = pointer + "/id";
  in.name_from = name_from;
  in.name_hints[0] = id;
  if (const JsonView mid = members.find("modelId"); mid.is_string()) in.name_hints[1] = mid.string();
  return m.run(in);
}

}  // namespace gpai::io
