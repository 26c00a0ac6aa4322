#include "json_reader.hpp"

#include "excerpt.hpp"
#include "json_fast_parse.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace gpai::io {
namespace {

struct DuplicateKey {
  std::string pointer;
  std::string key;
};

// Builds the DOM from nlohmann's SAX events and refuses duplicate keys: the
// open object is the map the key goes into, so a duplicate is one failed
// emplace. (Json::parse with a callback did the same through a std::function
// and a std::set of key copies per object: a third of parse time.)
class StrictDomBuilder {
 public:
  explicit StrictDomBuilder(Json& root) : root_(root) {}

  bool null() { return add(nullptr), true; }
  bool boolean(bool v) { return add(v), true; }
  bool number_integer(Json::number_integer_t v) { return add(v), true; }
  bool number_unsigned(Json::number_unsigned_t v) { return add(v), true; }
  bool number_float(Json::number_float_t v, const std::string&) { return add(v), true; }
  bool string(std::string& v) { return add(std::move(v)), true; }
  bool binary(Json::binary_t& v) { return add(std::move(v)), true; }
  bool start_object(std::size_t) {
    open_.push_back({add(Json::value_t::object), nullptr, nullptr});
    return true;
  }
  bool key(std::string& k) {
    Open& o = open_.back();
    auto [it, inserted] = o.node->get_ref<Json::object_t&>().emplace(std::move(k), nullptr);
    if (!inserted) {
      open_.pop_back();  // the pointer names the object holding the duplicate
      throw DuplicateKey{pointer(), it->first};
    }
    o.key = &it->first;
    o.slot = &it->second;
    return true;
  }
  bool end_object() { return open_.pop_back(), true; }
  bool start_array(std::size_t) {
    open_.push_back({add(Json::value_t::array), nullptr, nullptr});
    return true;
  }
  bool end_array() { return open_.pop_back(), true; }
  template <class Exception>
  bool parse_error(std::size_t, const std::string&, const Exception& ex) {
    throw ex;  // keeps its type: parse_error or out_of_range
  }

 private:
  struct Open {
    Json* node;              // the object or array being filled
    Json* slot;              // object: the value of the last key
    const std::string* key;  // object: the last key
  };

  template <class V>
  Json* add(V&& v) {
    if (open_.empty()) {
      root_ = Json(std::forward<V>(v));
      return &root_;
    }
    Open& o = open_.back();
    if (o.node->is_array()) {
      auto& items = o.node->get_ref<Json::array_t&>();
      items.emplace_back(std::forward<V>(v));
      return &items.back();  // stable: the array grows only after this child ends
    }
    *o.slot = Json(std::forward<V>(v));
    return o.slot;
  }

  std::string pointer() const {
    std::string out;
    for (const Open& o : open_) {
      if (o.node->is_array()) out += "/" + std::to_string(o.node->size() - 1);
      else if (o.key) out += "/" + pointer_token(*o.key);
    }
    return out;
  }

  Json& root_;
  std::vector<Open> open_;
};

std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t byte) {
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return {line, col};
}

const char* range_text(Range r) {
  switch (r) {
    case Range::non_negative: return "a non-negative";
    case Range::positive: return "a positive";
    case Range::unit_interval: return "a utilisation in (0, 1] as a";
  }
  return "a";
}

bool in_range(double v, Range r) {
  switch (r) {
    case Range::non_negative: return v >= 0;
    case Range::positive: return v > 0;
    case Range::unit_interval: return v > 0 && v <= 1;
  }
  return false;
}

// nlohmann quotes the token it stopped at whole ("...; last read: '<token>'"
// or "...'; expected ..."): an unterminated string is the rest of the file.
std::string capped_parse_message(std::string what) {
  static constexpr std::string_view kLead = "last read: '";
  const auto lead = what.find(kLead);
  if (lead == std::string::npos) return excerpt(what, 400, 0);
  const std::size_t start = lead + kLead.size();
  std::size_t end = what.rfind("'; expected");
  if (end == std::string::npos || end < start) end = what.size() - (what.back() == '\'' ? 1 : 0);
  if (end < start) return excerpt(what, 400, 0);
  const std::size_t tail = std::min(what.size(), end + 1);
  return what.substr(0, lead) + "last read: " + excerpt(std::string_view(what).substr(start, end - start)) +
         excerpt(std::string_view(what).substr(tail), 200, 0);
}

}  // namespace

std::string pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out.push_back(c);
  }
  return out;
}

Json parse_json_strict(std::string_view text, const std::string& file) {
  if (Json fast; parse_json_fast(text, fast)) return fast;
  try {
    Json root;
    StrictDomBuilder builder(root);
    Json::sax_parse(text.begin(), text.end(), &builder);
    return root;
  } catch (const DuplicateKey& d) {
    SourceLocation loc{file, 0, 0, d.pointer.empty() ? "/" : d.pointer};
    throw InputError(loc, "duplicate key " + excerpt(d.key, kExcerptBytes, '"') +
                              " in the same object (JSON allows it, but which value was meant is ambiguous)");
  } catch (const Json::parse_error& e) {
    auto [line, col] = line_column(text, e.byte > 0 ? e.byte - 1 : 0);
    std::string what = e.what();
    // nlohmann: "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..."
    const auto colon = what.find(": ", what.find("column"));
    if (colon != std::string::npos) what = what.substr(colon + 2);
    throw InputError(SourceLocation{file, line, col, ""}, "malformed JSON: " + capped_parse_message(what));
  } catch (const Json::out_of_range& e) {
    // e.g. 1e400: nlohmann refuses to round it to infinity, and so do we.
    std::string what = e.what();
    const auto bracket = what.find("] ");
    if (bracket != std::string::npos) what = what.substr(bracket + 2);
    throw InputError(SourceLocation{file, 0, 0, ""}, "malformed JSON: " + excerpt(what, 400, 0) +
                                                         " (numbers must be finite doubles)");
  }
}

std::string read_text_file(const std::string& path) {
  // An ifstream opens a directory and reads nothing: the parser would then
  // report "unexpected end of input" instead of the real mistake.
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw InputError(SourceLocation{path, 0, 0, ""}, "is a directory, not a file (batch reads directories of cards)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(SourceLocation{path, 0, 0, ""}, "cannot open file for reading");
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) throw InputError(SourceLocation{path, 0, 0, ""}, "error while reading file");
  return buf.str();
}

std::string describe_json(JsonView v) {
  constexpr std::size_t kShown = 40;
  if (v.is_null()) return "null";
  if (v.is_string()) return "string " + excerpt(v.string(), kShown, '"');
  if (v.is_array()) return "array of " + std::to_string(v.size());
  const std::string dumped = excerpt(v.dump(), kShown, 0);
  if (v.is_boolean()) return "boolean " + dumped;
  if (v.is_number()) return "number " + dumped;
  if (v.is_object()) return "object " + dumped;
  return dumped;
}

std::string child_pointer(std::string_view parent, std::string_view key) {
  std::string p;
  p.reserve(parent.size() + 1 + key.size());
  p.append(parent).push_back('/');
  if (key.find_first_of("~/") == std::string_view::npos) p.append(key);
  else p.append(pointer_token(key));
  return p;
}

std::string child_pointer(std::string_view parent, std::size_t index) {
  return std::string(parent) + "/" + std::to_string(index);
}

std::string JsonCursor::field_name() const {
  const std::string_view p = pointer_;
  const auto slash = p.rfind('/');
  return slash == std::string_view::npos ? "document" : std::string(p.substr(slash + 1));
}

void JsonCursor::fail(const std::string& expected) const {
  throw InputError::wrong_value(location(), field_name(), expected, describe_json(value_));
}

std::optional<JsonCursor> JsonCursor::field(std::string_view key) const {
  expect_object();
  const JsonView v = members_ ? members_->find(key) : value_.find(key);
  if (!v || v.is_null()) return std::nullopt;
  return JsonCursor(v, file_, pointer_, key);
}

JsonCursor JsonCursor::require(std::string_view key, std::string_view expected) const {
  auto f = field(key);
  if (!f) {
    throw InputError::missing(SourceLocation{*file_, 0, 0, child_pointer(pointer_, key)},
                              std::string(key), std::string(expected));
  }
  return *f;
}

JsonCursor JsonCursor::at(std::size_t index) const {
  return JsonCursor(value_[index], file_, pointer_, index);
}

void JsonCursor::expect_object() const {
  if (!value_.is_object()) fail("an object");
}

std::size_t JsonCursor::expect_array() const {
  if (!value_.is_array()) fail("an array");
  return value_.size();
}

std::string JsonCursor::as_string() const {
  if (!value_.is_string()) fail("a string");
  return std::string(value_.string());
}

std::vector<std::string> JsonCursor::as_string_list() const {
  std::vector<std::string> out;
  out.reserve(expect_array());
  for_each_element([&](const JsonCursor& item, std::size_t) { out.push_back(item.as_string()); });
  return out;
}

bool JsonCursor::as_bool() const {
  if (!value_.is_boolean()) fail("true or false");
  return value_.boolean();
}

Date JsonCursor::as_date() const {
  if (value_.is_string()) {
    if (auto d = Date::parse(value_.string())) return *d;
  }
  fail("a date \"YYYY-MM-DD\"");
}

double JsonCursor::as_number(Range range) const {
  // Built only on failure: every number of every card is read through here.
  auto expected = [range] {
    return std::string(range_text(range)) + " number (e.g. 405e9 or \"405B\", \"15.6T\", \"3.8e25\")";
  };
  double v = 0;
  if (value_.is_number()) {
    v = value_.number();
  } else if (value_.is_string()) {
    std::string why;
    auto parsed = parse_quantity(value_.string(), &why);
    if (!parsed) fail(expected() + " (" + why + ")");
    v = *parsed;
  } else {
    fail(expected());
  }
  if (!std::isfinite(v)) fail(expected() + " (the value is not finite)");
  if (!in_range(v, range)) fail(expected());
  return v;
}

Quantity JsonCursor::as_quantity(Range range) const {
  if (!value_.is_object()) return Quantity::exact(as_number(range));
  const auto low = require("low", "the low end of a 90 % interval").as_number(range);
  const auto high = require("high", "the high end of a 90 % interval").as_number(range);
  if (low <= 0) {
    require("low", "").fail("a positive low end (a 90 % interval is read as log-normal)");
  }
  if (high < low) require("high", "").fail("a high end >= low (" + format_sig(low, 3) + ")");
  // The first unexpected key in sorted order, whichever order the document has.
  std::optional<std::string_view> unexpected;
  for (const auto& [key, _] : value_.items()) {
    if (key != "low" && key != "high" && (!unexpected || key < *unexpected)) unexpected = key;
  }
  if (unexpected) {
    throw InputError(SourceLocation{*file_, 0, 0, child_pointer(pointer_, *unexpected)},
                     excerpt(*unexpected, kExcerptBytes, 0) + ": unexpected key in an interval (only \"low\" and \"high\")");
  }
  return Quantity::interval90(low, high);
}

}  // namespace gpai::io
