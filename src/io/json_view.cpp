#include "json_view.hpp"

namespace gpai::io {
namespace dom = simdjson::dom;

std::size_t JsonView::size() const {
  if (backend_ == Backend::nlohmann) {
    return json_->is_array() || json_->is_object() ? json_->size() : 0;
  }
  if (backend_ != Backend::simdjson) return 0;
  switch (dom_.type()) {
    case dom::element_type::ARRAY: return dom::array(dom_).size();
    case dom::element_type::OBJECT: return dom::object(dom_).size();
    default: return 0;
  }
}

JsonView JsonView::find(std::string_view key) const {
  if (backend_ == Backend::nlohmann) {
    if (!json_->is_object()) return {};
    const auto& members = json_->get_ref<const Json::object_t&>();
    const auto it = members.find(key);
    return it == members.end() ? JsonView() : JsonView(it->second);
  }
  if (backend_ != Backend::simdjson || dom_.type() != dom::element_type::OBJECT) return {};
  dom::element found;
  if (dom::object(dom_).at_key(key).get(found) != simdjson::SUCCESS) return {};
  return JsonView(found);
}

JsonView JsonView::operator[](std::size_t index) const {
  if (backend_ == Backend::nlohmann) return JsonView((*json_)[index]);
  return JsonView(dom::array(dom_).at(index).value_unsafe());
}

JsonView::Range<JsonView::ElementIterator> JsonView::elements() const {
  if (!is_array()) return {};
  if (backend_ == Backend::nlohmann) return {{json_, 0}, {json_, json_->size()}};
  const dom::array a(dom_);
  return {ElementIterator(a.begin()), ElementIterator(a.end())};
}

JsonView::Range<JsonView::MemberIterator> JsonView::items() const {
  if (!is_object()) return {};
  if (backend_ == Backend::nlohmann) {
    const auto& members = json_->get_ref<const Json::object_t&>();
    return {MemberIterator(members.begin()), MemberIterator(members.end())};
  }
  const dom::object o(dom_);
  return {MemberIterator(o.begin()), MemberIterator(o.end())};
}

JsonMembers::JsonMembers(JsonView object) : object_(object) {
  if (!object.is_object() || object.size() > kInline) return;
  for (const JsonMember m : object.items()) ::new (storage_ + size_++ * sizeof(JsonMember)) JsonMember(m);
  gathered_ = true;
}

Json JsonView::to_json() const {
  if (backend_ == Backend::nlohmann) return *json_;
  if (backend_ != Backend::simdjson) return nullptr;
  switch (dom_.type()) {
    case dom::element_type::OBJECT: {
      Json out = Json::object();
      auto& members = out.get_ref<Json::object_t&>();
      for (const dom::key_value_pair kv : dom::object(dom_)) {
        members.emplace(std::string(kv.key), JsonView(kv.value).to_json());
      }
      return out;
    }
    case dom::element_type::ARRAY: {
      Json out = Json::array();
      for (const dom::element x : dom::array(dom_)) out.push_back(JsonView(x).to_json());
      return out;
    }
    case dom::element_type::INT64: {
      // nlohmann keeps non-negative integers unsigned, and prints them alike.
      const std::int64_t v = int64_t(dom_);
      return v >= 0 ? Json(static_cast<std::uint64_t>(v)) : Json(v);
    }
    case dom::element_type::UINT64: return uint64_t(dom_);
    case dom::element_type::DOUBLE: return double(dom_);
    case dom::element_type::STRING: return std::string(std::string_view(dom_));
    case dom::element_type::BOOL: return bool(dom_);
    case dom::element_type::NULL_VALUE: return nullptr;
  }
  return nullptr;
}

}  // namespace gpai::io
