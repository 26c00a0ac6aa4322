#include "json_fast_parse.hpp"

#include <simdjson.h>

#include <cmath>
#include <cstring>
#include <new>
#include <string>

namespace gpai::io {
namespace {

namespace dom = simdjson::dom;

// Larger documents (whole data files, a README's JSON) take the nlohmann path:
// a thread's simdjson buffers grow to the largest document parsed, and cards
// are a few kilobytes.
constexpr std::size_t kMaxFastBytes = std::size_t{1} << 20;

bool copy_value(dom::element e, Json& out) {
  switch (e.type()) {
    case dom::element_type::OBJECT: {
      out = Json::object();
      auto& members = out.get_ref<Json::object_t&>();
      for (const dom::key_value_pair kv : dom::object(e)) {
        auto [it, inserted] = members.emplace(std::string(kv.key), nullptr);
        if (!inserted || !copy_value(kv.value, it->second)) return false;
      }
      return true;
    }
    case dom::element_type::ARRAY: {
      out = Json::array();
      auto& items = out.get_ref<Json::array_t&>();
      const dom::array array(e);
      items.reserve(array.size());
      for (const dom::element x : array) {
        items.emplace_back();
        if (!copy_value(x, items.back())) return false;
      }
      return true;
    }
    case dom::element_type::INT64: {
      // nlohmann keeps non-negative integers unsigned; so must we.
      const std::int64_t v = int64_t(e);
      out = v >= 0 ? Json(static_cast<std::uint64_t>(v)) : Json(v);
      return true;
    }
    case dom::element_type::UINT64:
      out = uint64_t(e);
      return true;
    case dom::element_type::DOUBLE: {
      const double v = double(e);
      if (v == 0 && std::signbit(v)) return false;  // "-0": nlohmann reads an integer 0
      out = v;
      return true;
    }
    case dom::element_type::STRING:
      out = std::string(std::string_view(e));
      return true;
    case dom::element_type::BOOL:
      out = bool(e);
      return true;
    case dom::element_type::NULL_VALUE:
      out = nullptr;
      return true;
  }
  return false;
}

}  // namespace

bool parse_json_fast(std::string_view text, Json& out) {
  if (text.size() > kMaxFastBytes) return false;
  thread_local dom::parser parser = [] {
    dom::parser p;
    // simdjson keeps this depth when it grows its buffers for a larger document.
    if (p.allocate(std::size_t{64} << 10, kFastMaxDepth) != simdjson::SUCCESS) throw std::bad_alloc();
    return p;
  }();
  thread_local std::string padded;  // simdjson reads up to SIMDJSON_PADDING bytes past the end
  padded.assign(text);
  padded.resize(text.size() + simdjson::SIMDJSON_PADDING);
  dom::element root;
  if (parser.parse(padded.data(), text.size(), false).get(root) != simdjson::SUCCESS) return false;
  return copy_value(root, out);
}

}  // namespace gpai::io
