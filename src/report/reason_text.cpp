#include "reason_text.hpp"

#include <cstdio>

#include "gpai/error.hpp"
#include "gpai/quantity.hpp"

namespace gpai::report {
namespace {

std::string number_text(double v, ArgFormat f) {
  switch (f) {
    case ArgFormat::ratio: return format_ratio(v);
    case ArgFormat::count: return format_count(v);
    case ArgFormat::sig2: return format_sig(v, 2);
    case ArgFormat::sig3: return format_sig(v, 3);
    case ArgFormat::flop: return format_sig(v, 2) + " FLOP";
    case ArgFormat::whole: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.0f", v);
      return buf;
    }
    case ArgFormat::plain:
    case ArgFormat::plus: break;
  }
  return {};
}

std::string render(const MessageCatalogue& messages, std::string_view code, const Reason* r, TextArgs extra) {
  const auto* parts = messages.find(code);
  if (!parts) {
    throw InternalError("message catalogue " + messages.language + " has no message \"" + std::string(code) + "\"");
  }
  auto missing = [&](const MessagePart& p, const char* what) {
    return InternalError("message \"" + std::string(code) + "\": {" + p.arg + "} " + what);
  };
  std::string out;
  for (const MessagePart& p : *parts) {
    out += p.literal;
    if (p.arg.empty()) continue;
    bool found = false;
    for (const auto& [name, text] : extra) {
      if (name == p.arg) out += text, found = true;
    }
    if (found) continue;
    if (p.arg == "cite" && r && r->cite) {
      out += r->cite->cite;
      continue;
    }
    const ArgValue* v = r ? r->arg(p.arg) : nullptr;
    if (!v) throw missing(p, "has no value");
    if (const auto* joined = std::get_if<const std::vector<std::string>*>(v); joined && p.format == ArgFormat::plus) {
      if ((*joined)->empty()) out += '?';
      for (std::size_t i = 0; i < (*joined)->size(); ++i) out += (i ? "+" : "") + (**joined)[i];
    } else if (const double* d = std::get_if<double>(v)) {
      if (p.format == ArgFormat::plain || p.format == ArgFormat::plus) {
        throw missing(p, "is a number: the template must say how to print it");
      }
      out += number_text(*d, p.format);
    } else if (p.format != ArgFormat::plain) {
      throw missing(p, "is not a number");
    } else if (const Date* date = std::get_if<Date>(v)) {
      out += date->to_string();
    } else if (const std::string_view* text = std::get_if<std::string_view>(v)) {
      out += *text;
    } else if (const auto* list = std::get_if<const std::vector<std::string>*>(v)) {
      for (std::size_t i = 0; i < (*list)->size(); ++i) out += (i ? ", " : "") + (**list)[i];
    } else {
      throw missing(p, "has no value");
    }
  }
  return out;
}

}  // namespace

std::string reason_text(const MessageCatalogue& messages, const Reason& r, TextArgs extra) {
  return r.empty() ? std::string() : render(messages, r.code, &r, extra);
}

std::string message_text(const MessageCatalogue& messages, std::string_view code, TextArgs extra) {
  return render(messages, code, nullptr, extra);
}

}  // namespace gpai::report
