// The message catalogue (data/messages/<language>.json): every template is
// split and checked here, so that rendering cannot meet a malformed one.
#include <algorithm>
#include <filesystem>

#include "data_readers.hpp"
#include "gpai/io/data_files.hpp"

namespace gpai::io {
namespace {

ArgFormat parse_format(const JsonCursor& at, std::string_view spec) {
  static constexpr std::pair<std::string_view, ArgFormat> kFormats[] = {
      {"", ArgFormat::plain},    {"ratio", ArgFormat::ratio}, {"count", ArgFormat::count},
      {"sig2", ArgFormat::sig2}, {"sig3", ArgFormat::sig3},   {"flop", ArgFormat::flop},
      {"whole", ArgFormat::whole}, {"plus", ArgFormat::plus}};
  for (const auto& [name, f] : kFormats) {
    if (name == spec) return f;
  }
  data::fail(at, "unknown placeholder format \"" + std::string(spec) + "\" (ratio, count, sig2, sig3, flop, whole, plus)");
}

// "text {name:format} text": literal and placeholder parts; every placeholder
// must be a declared arg, and every declared arg used.
std::vector<MessagePart> parse_template(const JsonCursor& at, const std::string& text,
                                        const std::vector<std::string>& args) {
  std::vector<MessagePart> parts;
  std::vector<bool> used(args.size(), false);
  MessagePart part;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '}') data::fail(at, "a '}' without '{' at character " + std::to_string(i));
    if (c != '{') {
      part.literal.push_back(c);
      continue;
    }
    const std::size_t end = text.find('}', i);
    if (end == std::string::npos) data::fail(at, "a '{' without '}' at character " + std::to_string(i));
    const std::string_view inside = std::string_view(text).substr(i + 1, end - i - 1);
    const std::size_t colon = inside.find(':');
    part.arg = std::string(inside.substr(0, colon));
    part.format = parse_format(at, colon == std::string_view::npos ? "" : inside.substr(colon + 1));
    const auto it = std::find(args.begin(), args.end(), part.arg);
    if (it == args.end()) data::fail(at, "placeholder {" + part.arg + "} is not among the message's args");
    used[static_cast<std::size_t>(it - args.begin())] = true;
    parts.push_back(std::move(part));
    part = MessagePart{};
    i = end;
  }
  if (!part.literal.empty() || parts.empty()) parts.push_back(std::move(part));
  for (std::size_t k = 0; k < args.size(); ++k) {
    if (!used[k]) data::fail(at, "arg \"" + args[k] + "\" is declared but the text does not use it");
  }
  return parts;
}

}  // namespace

MessageCatalogue load_messages(const std::string& data_dir, const std::string& language) {
  const std::string path = (std::filesystem::path(data_dir) / "messages" / (language + ".json")).string();
  try {
    const Json doc = parse_json_strict(read_text_file(path), path);
    const JsonCursor root(doc, path);
    data::allow_keys(root, {"schema", "language", "version", "description", "messages"});
    data::expect_schema(root, "gpai-eval/messages/1");
    MessageCatalogue cat;
    cat.language = root.require("language", "the language code").as_string();
    if (cat.language != language) root.require("language", "").fail("\"" + language + "\" (the file's name)");
    cat.version = root.require("version", "a version").as_string();
    const JsonCursor messages = root.require("messages", "reason code -> {text, args}");
    messages.expect_object();
    for (const auto& [code, _] : messages.value().items()) {
      const JsonCursor m = messages.require(code, "a message");
      data::allow_keys(m, {"text", "args"});
      const std::string text = m.require("text", "the template").as_string();
      std::vector<std::string> args;
      if (auto a = m.field("args")) args = a->as_string_list();
      cat.messages.emplace(std::string(code), parse_template(m.require("text", ""), text, args));
    }
    return cat;
  } catch (const InputError& e) {  // our own data file: a data error, not the user's
    throw RuleDataError(e.where(), e.detail());
  }
}

}  // namespace gpai::io
