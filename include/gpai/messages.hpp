#pragma once
// The message catalogue: reason code -> text template, one catalogue per
// language (data/messages/<language>.json). Loaded and checked by
// gpai::io::load_messages, rendered by the reporters; the core only names codes.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace gpai {

// How a placeholder prints its number (texts and dates print as they are).
enum class ArgFormat : unsigned char {
  plain,  // a text or a date
  ratio,  // format_ratio: "0.25", "14"
  count,  // format_count: "10,000"
  sig2,   // format_sig(x, 2): "1.0e25"
  sig3,   // format_sig(x, 3)
  flop,   // format_sig(x, 2) + " FLOP"
  whole,  // rounded to a whole number: "90"
  plus,   // a list joined by "+", "?" when empty: "text+image"
};

// A template, split at load time: literal text, then a placeholder (none
// when `arg` is empty), repeated.
struct MessagePart {
  std::string literal;
  std::string arg;
  ArgFormat format = ArgFormat::plain;
};

struct MessageCatalogue {
  std::string language;  // "en"
  std::string version;
  std::map<std::string, std::vector<MessagePart>, std::less<>> messages;

  const std::vector<MessagePart>* find(std::string_view code) const {
    auto it = messages.find(code);
    return it == messages.end() ? nullptr : &it->second;
  }
};

}  // namespace gpai
