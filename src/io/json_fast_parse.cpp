#include "json_fast_parse.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <new>
#include <string>
#include <vector>

namespace gpai::io {
namespace {

namespace dom = simdjson::dom;

// Larger documents (whole data files, a README's JSON) take the nlohmann path:
// a thread's simdjson buffers grow to the largest document parsed, and cards
// are a few kilobytes.
constexpr std::size_t kMaxFastBytes = std::size_t{1} << 20;

// Objects with more members than this are checked for duplicate keys by
// sorting; smaller ones (nearly all) with a 256-bit filter of key signatures,
// comparing keys only when a signature repeats.
constexpr std::size_t kFilteredMembers = 32;

std::size_t key_signature(std::string_view key) {
  if (key.empty()) return 0;
  const auto c = [&](std::size_t i) { return static_cast<unsigned char>(key[i]); };
  return (key.size() * 31 + c(0) * 7 + c(key.size() / 2) * 3 + c(key.size() - 1)) & 255;
}

// Strings, integers, booleans and nulls (most array elements: tags, names)
// cannot hold a duplicate key or a -0: the walk recurses only into the rest.
bool may_need_check(dom::element e) {
  const auto t = e.type();
  return t == dom::element_type::OBJECT || t == dom::element_type::ARRAY || t == dom::element_type::DOUBLE;
}

// What simdjson accepts but nlohmann's strict reading would not, or would
// read differently: duplicate keys (simdjson's lookup finds the first, a
// strict reading refuses them) and "-0" (nlohmann reads an integer 0).
bool strictly_readable(dom::element e) {
  switch (e.type()) {
    case dom::element_type::OBJECT: {
      const dom::object object(e);
      std::string_view keys[kFilteredMembers];
      std::uint64_t seen[4] = {0, 0, 0, 0};
      std::size_t n = 0;
      std::vector<std::string_view> many;  // allocated only for a large object
      for (const dom::key_value_pair kv : object) {
        if (n < kFilteredMembers) {
          const std::size_t sig = key_signature(kv.key);
          const std::uint64_t bit = std::uint64_t{1} << (sig & 63);
          if (seen[sig >> 6] & bit) {
            for (std::size_t i = 0; i < n; ++i) {
              if (keys[i] == kv.key) return false;
            }
          }
          seen[sig >> 6] |= bit;
          keys[n++] = kv.key;
        } else {
          if (many.empty()) many.assign(keys, keys + n);
          many.push_back(kv.key);
        }
        if (may_need_check(kv.value) && !strictly_readable(kv.value)) return false;
      }
      std::sort(many.begin(), many.end());
      return std::adjacent_find(many.begin(), many.end()) == many.end();
    }
    case dom::element_type::ARRAY:
      for (const dom::element x : dom::array(e)) {
        if (may_need_check(x) && !strictly_readable(x)) return false;
      }
      return true;
    case dom::element_type::DOUBLE: {
      const double v = double(e);
      return !(v == 0 && std::signbit(v));
    }
    default: return true;
  }
}

}  // namespace

static_assert(kFastPadding >= simdjson::SIMDJSON_PADDING);

JsonView parse_json_view_fast(std::string_view text, std::size_t readable_past_end) {
  if (text.size() > kMaxFastBytes) return {};
  thread_local dom::parser parser = [] {
    dom::parser p;
    // simdjson keeps this depth when it grows its buffers for a larger document.
    if (p.allocate(std::size_t{64} << 10, kFastMaxDepth) != simdjson::SUCCESS) throw std::bad_alloc();
    return p;
  }();
  const char* data = text.data();
  if (readable_past_end < simdjson::SIMDJSON_PADDING) {
    thread_local std::string padded;  // simdjson reads up to SIMDJSON_PADDING bytes past the end
    padded.assign(text);
    padded.resize(text.size() + simdjson::SIMDJSON_PADDING);
    data = padded.data();
  }
  dom::element root;
  if (parser.parse(data, text.size(), false).get(root) != simdjson::SUCCESS) return {};
  if (!strictly_readable(root)) return {};
  return JsonView(root);
}

bool parse_json_fast(std::string_view text, Json& out) {
  const JsonView view = parse_json_view_fast(text);
  if (!view) return false;
  out = view.to_json();
  return true;
}

}  // namespace gpai::io
