#include "hf_text_signals.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <regex>

namespace gpai::io::hf {
namespace {

// Longer paragraphs are cut: std::regex backtracks recursively and a
// pathological 1 MB paragraph must not blow the stack.
constexpr std::size_t kMaxSentenceChars = 2000;

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

double scale_of(std::string_view unit) {
  if (unit == "t" || unit == "trillion") return 1e12;
  if (unit == "b" || unit == "billion") return 1e9;
  if (unit == "m" || unit == "million") return 1e6;
  return 0;
}

std::optional<double> number(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), ','), text.end());
  try {
    std::size_t used = 0;
    const double v = std::stod(text, &used);
    if (used != text.size() || !std::isfinite(v) || v <= 0) return std::nullopt;
    return v;
  } catch (...) {
    return std::nullopt;
  }
}

// The C locale's tolower, without the call: only A-Z change.
char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::size_t find_lower(std::string_view s, char lower_c) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (ascii_lower(s[i]) == lower_c) return i;
  }
  return std::string_view::npos;
}

bool contains_lower(std::string_view s, std::string_view lower_needle) {
  if (s.size() < lower_needle.size()) return false;
  for (std::size_t i = 0; i + lower_needle.size() <= s.size(); ++i) {
    std::size_t k = 0;
    while (k < lower_needle.size() && ascii_lower(s[i + k]) == lower_needle[k]) ++k;
    if (k == lower_needle.size()) return true;
  }
  return false;
}

// Digits with at most one inner dot. Short ones cannot overflow or
// underflow, so from_chars (correctly rounded, like strtod) reads them
// without the string copy; long ones keep stod's error handling.
std::optional<double> decimal(std::string_view digits) {
  constexpr std::size_t kShort = 20;
  if (digits.size() > kShort) return number(std::string(digits));
  double v = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || end != digits.data() + digits.size() || !std::isfinite(v) || v <= 0) {
    return std::nullopt;
  }
  return v;
}

// "7B" -> 7e9, "0.5b" -> 5e8, "560M" -> 5.6e8; nullopt otherwise.
std::optional<double> size_token(std::string_view tok) {
  if (tok.size() < 2) return std::nullopt;
  const char unit = ascii_lower(tok.back());
  if (unit != 'b' && unit != 'm') return std::nullopt;
  const std::string_view digits = tok.substr(0, tok.size() - 1);
  bool dot = false;
  for (char c : digits) {
    if (c == '.' && !dot) dot = true;
    else if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  if (digits.empty() || digits.front() == '.' || digits.back() == '.') return std::nullopt;
  const auto v = decimal(digits);
  if (!v) return std::nullopt;
  return *v * (unit == 'b' ? 1e9 : 1e6);
}

struct Sentence {
  std::string text;  // lower-case, single-spaced, markup stars removed
  std::string original;
  std::size_t line;
};

// Paragraphs of prose (no code fences, no table rows, no HTML-only lines),
// split into sentences at ". ".
std::vector<Sentence> sentences(std::string_view body, std::size_t first_line) {
  std::vector<Sentence> out;
  std::string para;
  std::size_t para_line = 0;
  bool in_code = false;
  auto flush = [&] {
    std::size_t start = 0;
    while (start < para.size()) {
      std::size_t end = para.find(". ", start);
      if (end == std::string::npos) end = para.size();
      std::string s = para.substr(start, std::min(end - start, kMaxSentenceChars));
      std::string clean;
      for (char c : s) {
        if (c == '*' || c == '`') continue;
        if (std::isspace(static_cast<unsigned char>(c))) {
          if (!clean.empty() && clean.back() != ' ') clean.push_back(' ');
        } else {
          clean.push_back(c);
        }
      }
      if (!clean.empty()) out.push_back({lower(clean), clean, para_line});
      start = end + 2;
    }
    para.clear();
  };
  std::size_t line_no = first_line;
  std::size_t pos = 0;
  while (pos <= body.size()) {
    std::size_t nl = body.find('\n', pos);
    if (nl == std::string_view::npos) nl = body.size();
    std::string_view line = body.substr(pos, nl - pos);
    const auto first = line.find_first_not_of(" \t\r");
    const std::string_view trimmed = first == std::string_view::npos ? "" : line.substr(first);
    if (trimmed.rfind("```", 0) == 0 || trimmed.rfind("~~~", 0) == 0) {
      flush();
      in_code = !in_code;
    } else if (in_code || trimmed.empty() || trimmed.front() == '|' || trimmed.front() == '<' ||
               trimmed.front() == '#') {
      flush();
    } else {
      if (para.empty()) para_line = line_no;
      if (para.size() < 4 * kMaxSentenceChars) {
        para.append(trimmed);
        para.push_back(' ');
      }
    }
    ++line_no;
    pos = nl + 1;
  }
  flush();
  return out;
}

std::string excerpt(const std::string& s) {
  return s.size() <= 160 ? s : s.substr(0, 157) + "...";
}

}  // namespace

NameSizes sizes_from_name(std::string_view name) {
  // Called for every Hub record: tokens are compared case-insensitively in
  // place rather than lower-cased into copies.
  NameSizes out;
  struct Size {
    double value;
    std::string_view token;
  };
  std::optional<Size> first_size, last_size;
  std::size_t size_count = 0;
  std::string_view previous;
  bool paired = false;
  auto each_token = [&](std::string_view tok) {
    if (contains_lower(tok, "moe")) out.moe_hint = true;
    const auto x = find_lower(tok, 'x');
    if (x != std::string_view::npos && x > 0 &&
        std::all_of(tok.begin(), tok.begin() + static_cast<long>(x),
                    [](unsigned char c) { return std::isdigit(c); }) &&
        size_token(tok.substr(x + 1))) {
      out.moe_hint = true;  // "8x22B": experts x expert size, not the total
      return;
    }
    // "57B-A14B": the total immediately followed by the active size (Qwen's naming).
    if (!paired && tok.size() > 2 && ascii_lower(tok[0]) == 'a' && last_size &&
        last_size->token.data() == previous.data()) {
      if (auto active = size_token(tok.substr(1))) {
        out.total = last_size->value;
        out.active = active;
        out.moe_hint = true;
        out.token.reserve(previous.size() + 1 + tok.size());
        out.token.append(previous).append("-").append(tok);
        paired = true;
        return;
      }
    }
    if (auto v = size_token(tok)) {
      last_size = Size{*v, tok};
      if (!first_size) first_size = last_size;
      ++size_count;
    }
  };
  std::size_t start = 0;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    if (i == name.size() || name[i] == '-' || name[i] == '_' || name[i] == '/' || name[i] == ' ') {
      if (i > start) {
        const std::string_view tok = name.substr(start, i - start);
        each_token(tok);
        previous = tok;
      }
      start = i + 1;
    }
  }
  if (paired) return out;
  if (size_count == 1) {
    out.total = first_size->value;
    out.token = std::string(first_size->token);
  } else if (size_count > 1) {
    out.ambiguous = true;
  }
  return out;
}

ProseSignals scan_prose(std::string_view body, std::size_t first_line) {
  static const std::regex total_re(R"((\d+(?:\.\d+)?) ?(b|billion|t|trillion) total\b)");
  static const std::regex active_re(
      R"((\d+(?:\.\d+)?) ?(b|billion) (?:are |parameters |params )?(?:active|activated)\b)");
  static const std::regex exact_re(R"((?:^|[^\d,])(\d{1,3}(?:,\d{3}){2,}) parameters\b)");
  static const std::regex tokens_re(
      R"((\d+(?:\.\d+)?) ?(t|b|trillion|billion) (?:high-quality |unique |training |text |diverse )?tokens\b)");
  static const std::regex seen_re(R"(seen tokens:? ?(\d+(?:\.\d+)?) ?(t|b|trillion|billion)\b)");
  static const std::regex moe_re(R"(mixture[- ]of[- ]experts|\bmoe\b)");

  ProseSignals out;
  for (const auto& s : sentences(body, first_line)) {
    if (!out.mentions_moe && std::regex_search(s.text, moe_re)) out.mentions_moe = true;
    std::smatch m;
    const bool about_params = s.text.find("param") != std::string::npos;
    if (about_params && !out.total_parameters) {
      std::smatch t, a;
      if (std::regex_search(s.text, t, total_re) && std::regex_search(s.text, a, active_re)) {
        const auto total = number(t[1]);
        const auto active = number(a[1]);
        if (total && active) {
          out.total_parameters = ProseFact{*total * scale_of(t[2].str()), s.line, excerpt(s.original)};
          out.active_parameters = ProseFact{*active * scale_of(a[2].str()), s.line, excerpt(s.original)};
        }
      }
    }
    if (!out.exact_parameters && std::regex_search(s.text, m, exact_re)) {
      if (auto v = number(m[1])) out.exact_parameters = ProseFact{*v, s.line, excerpt(s.original)};
    }
    const bool about_training = s.text.find("train") != std::string::npos ||
                                s.text.find("seen tokens") != std::string::npos;
    if (!about_training) continue;
    std::optional<ProseFact> found;
    if (std::regex_search(s.text, m, seen_re) || std::regex_search(s.text, m, tokens_re)) {
      if (auto v = number(m[1])) found = ProseFact{*v * scale_of(m[2].str()), s.line, excerpt(s.original)};
    }
    if (found) {
      const bool dup = std::any_of(out.token_candidates.begin(), out.token_candidates.end(),
                                   [&](const ProseFact& f) { return f.value == found->value; });
      if (!dup) out.token_candidates.push_back(*found);
    }
  }
  if (out.token_candidates.size() == 1) out.training_tokens = out.token_candidates.front();
  return out;
}

}  // namespace gpai::io::hf
