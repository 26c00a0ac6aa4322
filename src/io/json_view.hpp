#pragma once
// A read-only view of a JSON value held either by nlohmann/json (documents
// parsed by nlohmann, YAML front matter converted to JSON, rule data) or by a
// simdjson DOM (batch records: reading a card straight from simdjson's tape
// saves building, and tearing down, an nlohmann DOM of ~50 allocations per
// card). The readers are written once against this view. Private to gpai_io.
//
// A view does not own anything: the document must outlive it. A simdjson
// view of a thread's parser is valid until that thread parses again.

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <new>
#include <type_traits>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace gpai::io {

using Json = nlohmann::json;

class JsonView {
  enum class Backend : std::uint8_t { none, nlohmann, simdjson };

 public:
  JsonView() = default;  // no value: what `find` returns for an absent key
  JsonView(const Json& value) : backend_(Backend::nlohmann), json_(&value) {}  // NOLINT: a Json is a view source
  explicit JsonView(simdjson::dom::element value) : backend_(Backend::simdjson), dom_(value) {}

  explicit operator bool() const { return backend_ != Backend::none; }

  bool is_null() const { return is(Json::value_t::null, simdjson::dom::element_type::NULL_VALUE); }
  bool is_boolean() const { return is(Json::value_t::boolean, simdjson::dom::element_type::BOOL); }
  bool is_string() const { return is(Json::value_t::string, simdjson::dom::element_type::STRING); }
  bool is_array() const { return is(Json::value_t::array, simdjson::dom::element_type::ARRAY); }
  bool is_object() const { return is(Json::value_t::object, simdjson::dom::element_type::OBJECT); }
  bool is_number() const {
    if (backend_ == Backend::nlohmann) return json_->is_number();
    if (backend_ != Backend::simdjson) return false;
    const auto t = dom_.type();
    return t == simdjson::dom::element_type::INT64 || t == simdjson::dom::element_type::UINT64 ||
           t == simdjson::dom::element_type::DOUBLE;
  }

  // Preconditions: the matching is_* holds.
  std::string_view string() const {
    if (backend_ == Backend::nlohmann) return json_->get_ref<const std::string&>();
    return std::string_view(dom_);
  }
  bool boolean() const { return backend_ == Backend::nlohmann ? json_->get<bool>() : bool(dom_); }
  double number() const {
    if (backend_ == Backend::nlohmann) return json_->get<double>();
    switch (dom_.type()) {
      case simdjson::dom::element_type::INT64: return static_cast<double>(int64_t(dom_));
      case simdjson::dom::element_type::UINT64: return static_cast<double>(uint64_t(dom_));
      default: return double(dom_);
    }
  }

  // Arrays and objects: number of elements or members; 0 for anything else.
  std::size_t size() const;
  bool empty() const { return size() == 0; }

  // Object member `key` (null values included); an empty view when absent
  // or when this is not an object.
  JsonView find(std::string_view key) const;
  bool contains(std::string_view key) const { return bool(find(key)); }
  // Array element; precondition: index < size(). Linear in `index` for
  // simdjson: loop with `elements()` instead.
  JsonView operator[](std::size_t index) const;

  class ElementIterator;
  class MemberIterator;
  template <class It>
  struct Range {
    It first, last;
    It begin() const { return first; }
    It end() const { return last; }
  };
  // Empty ranges for a value of another type.
  Range<ElementIterator> elements() const;
  Range<MemberIterator> items() const;

  // An nlohmann copy, for messages and the rare reader that needs one.
  Json to_json() const;
  std::string dump() const { return to_json().dump(); }

 private:
  bool is(Json::value_t j, simdjson::dom::element_type d) const {
    if (backend_ == Backend::nlohmann) return json_->type() == j;
    return backend_ == Backend::simdjson && dom_.type() == d;
  }

  Backend backend_ = Backend::none;
  const Json* json_ = nullptr;
  simdjson::dom::element dom_;
};

struct JsonMember {
  std::string_view key;
  JsonView value;
};

// The members of an object gathered in one pass, for readers that look up
// many keys of one object, most of them absent: a lookup then compares
// lengths in a flat array instead of walking simdjson's tape once per key
// (~190 instructions a lookup on a card's root). Objects larger than the
// inline capacity are searched through the view.
class JsonMembers {
 public:
  explicit JsonMembers(JsonView object);
  // As JsonView::find.
  JsonView find(std::string_view key) const {
    if (!gathered_) return object_.find(key);
    for (std::size_t i = 0; i < size_; ++i) {
      const JsonMember& m = member(i);
      if (m.key.size() == key.size() && m.key == key) return m.value;
    }
    return {};
  }

 private:
  static constexpr std::size_t kInline = 24;
  const JsonMember& member(std::size_t i) const {
    return *std::launder(reinterpret_cast<const JsonMember*>(storage_) + i);
  }
  JsonView object_;
  bool gathered_ = false;
  std::size_t size_ = 0;
  // Raw storage: the members are trivially copyable and destructible, and
  // default-constructing the unused ones would cost more than a lookup.
  alignas(JsonMember) unsigned char storage_[kInline * sizeof(JsonMember)];
};
static_assert(std::is_trivially_copyable_v<JsonMember> && std::is_trivially_destructible_v<JsonMember>);

class JsonView::ElementIterator {
 public:
  ElementIterator() = default;
  ElementIterator(const Json* array, std::size_t index) : json_(array), index_(index) {}
  explicit ElementIterator(simdjson::dom::array::iterator it) : dom_(it) {}
  JsonView operator*() const { return json_ ? JsonView((*json_)[index_]) : JsonView(*dom_); }
  ElementIterator& operator++() {
    if (json_) ++index_;
    else ++dom_;
    return *this;
  }
  bool operator==(const ElementIterator& o) const { return json_ ? index_ == o.index_ : dom_ == o.dom_; }

 private:
  const Json* json_ = nullptr;
  std::size_t index_ = 0;
  simdjson::dom::array::iterator dom_;
};

class JsonView::MemberIterator {
 public:
  MemberIterator() = default;
  explicit MemberIterator(Json::object_t::const_iterator it) : json_(it), nlohmann_(true) {}
  explicit MemberIterator(simdjson::dom::object::iterator it) : dom_(it) {}
  JsonMember operator*() const {
    if (nlohmann_) return {json_->first, JsonView(json_->second)};
    return {dom_.key(), JsonView(dom_.value())};
  }
  MemberIterator& operator++() {
    if (nlohmann_) ++json_;
    else ++dom_;
    return *this;
  }
  bool operator==(const MemberIterator& o) const { return nlohmann_ ? json_ == o.json_ : dom_ == o.dom_; }

 private:
  Json::object_t::const_iterator json_;
  simdjson::dom::object::iterator dom_;
  bool nlohmann_ = false;
};

}  // namespace gpai::io
