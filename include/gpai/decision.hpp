#pragma once
// What a legal step decided and why, as data. The core records a Reason (a
// code naming the branch that decided, the rule entry's citation and the
// named values the explanation needs) and never formats text: reporters
// render it through the message catalogue (gpai/messages.hpp, data/messages/).
// Cheap by design, since batch records every decision and prints none: no
// allocation, values are numbers, dates or views of static or rule/card data.
#include <cstdint>
#include <new>
#include <type_traits>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "gpai/date.hpp"
#include "gpai/error.hpp"
#include "gpai/rules.hpp"

namespace gpai {

// A value an explanation names. Texts and lists (printed joined by ", ") are
// views: of static literals (e.g. a status's to_string), of the rule data or
// of the card, which therefore must outlive the assessment where it is explained.
using ArgValue = std::variant<std::monostate, double, Date, std::string_view, const std::vector<std::string>*>;

struct Arg {
  std::string_view name;  // the placeholder's name in the message catalogue
  ArgValue value;
};

struct Reason {
  // Seven: the widest message (methods_disagree) names a phase, two methods
  // with their medians, their ratio and the factor it exceeds. The storage
  // is raw, so a default-constructed reason still writes only its header.
  static constexpr std::size_t kMaxArgs = 7;

  Reason() {}  // NOLINT: the values' storage is left unwritten until `with` fills it
  explicit Reason(std::string_view reason_code, const Citation* citation = nullptr)
      : code(reason_code), cite(citation) {}
  // Copies the values it holds, not the whole storage: legal steps assign
  // reasons of one or two values into results, and the storage is sized for
  // the widest message.
  Reason(const Reason& o) noexcept : code(o.code), cite(o.cite), count(o.count) { copy_values(o); }
  Reason& operator=(const Reason& o) noexcept {
    if (this == &o) return *this;
    code = o.code;
    cite = o.cite;
    count = o.count;
    copy_values(o);
    return *this;
  }

  // Adds a named value; the catalogue says how it is printed.
  Reason& with(std::string_view name, ArgValue value) {
    if (count == kMaxArgs) throw InternalError("reason " + std::string(code) + ": more than " + std::to_string(kMaxArgs) + " values");
    new (storage_ + count * sizeof(Arg)) Arg{name, value};
    ++count;
    return *this;
  }
  const ArgValue* arg(std::string_view name) const {
    const Arg* args = std::launder(reinterpret_cast<const Arg*>(storage_));
    for (std::uint8_t i = 0; i < count; ++i) {
      if (args[i].name == name) return &args[i].value;
    }
    return nullptr;
  }
  bool empty() const { return code.empty(); }
  // The values, in the order they were added (count of them).
  const Arg* args() const { return std::launder(reinterpret_cast<const Arg*>(storage_)); }

  std::string_view code;  // a key of the message catalogue; empty: none recorded
  // The citation of the rule entry the decision used ({cite} in the text),
  // a pointer into the rule set; nullptr when the text cites none from data.
  const Citation* cite = nullptr;
  std::uint8_t count = 0;

 private:
  // Raw storage, not std::array<Arg>: a default-constructed reason (two per
  // obligation, dozens per batch card) then writes 25 bytes, not 300. Arg is
  // trivially copyable, so copying the bytes copies the values.
  static_assert(std::is_trivially_copyable_v<Arg> && std::is_trivially_destructible_v<Arg>);
  // An inline loop, not a memcpy call: most reasons hold one or two values.
  void copy_values(const Reason& o) noexcept {
    const Arg* from = std::launder(reinterpret_cast<const Arg*>(o.storage_));
    for (std::uint8_t i = 0; i < count; ++i) new (storage_ + i * sizeof(Arg)) Arg(from[i]);
  }
  alignas(Arg) unsigned char storage_[kMaxArgs * sizeof(Arg)];
};

}  // namespace gpai
