#include "hf_text_signals.hpp"

#include <algorithm>
#include <cctype>
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

// "7B" -> 7e9, "0.5b" -> 5e8, "560M" -> 5.6e8; nullopt otherwise.
std::optional<double> size_token(std::string_view tok) {
  if (tok.size() < 2) return std::nullopt;
  const char unit = static_cast<char>(std::tolower(static_cast<unsigned char>(tok.back())));
  if (unit != 'b' && unit != 'm') return std::nullopt;
  const std::string_view digits = tok.substr(0, tok.size() - 1);
  bool dot = false;
  for (char c : digits) {
    if (c == '.' && !dot) dot = true;
    else if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  if (digits.empty() || digits.front() == '.' || digits.back() == '.') return std::nullopt;
  const auto v = number(std::string(digits));
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
  NameSizes out;
  std::vector<std::string_view> tokens;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    if (i == name.size() || name[i] == '-' || name[i] == '_' || name[i] == '/' || name[i] == ' ') {
      if (i > start) tokens.push_back(name.substr(start, i - start));
      start = i + 1;
    }
  }
  std::vector<std::pair<double, std::string_view>> sizes;
  bool paired = false;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string tok = lower(tokens[i]);
    if (tok.find("moe") != std::string::npos) out.moe_hint = true;
    const auto x = tok.find('x');
    if (x != std::string::npos && x > 0 &&
        std::all_of(tok.begin(), tok.begin() + static_cast<long>(x),
                    [](unsigned char c) { return std::isdigit(c); }) &&
        size_token(tok.substr(x + 1))) {
      out.moe_hint = true;  // "8x22B": experts x expert size, not the total
      continue;
    }
    // "57B-A14B": the total immediately followed by the active size (Qwen's naming).
    if (!paired && tok.size() > 2 && tok[0] == 'a' && i > 0 && !sizes.empty() &&
        sizes.back().second.data() == tokens[i - 1].data()) {
      if (auto active = size_token(tok.substr(1))) {
        out.total = sizes.back().first;
        out.active = active;
        out.moe_hint = true;
        out.token = std::string(tokens[i - 1]) + "-" + std::string(tokens[i]);
        paired = true;
        continue;
      }
    }
    if (auto v = size_token(tok)) sizes.emplace_back(*v, tokens[i]);
  }
  if (paired) return out;
  if (sizes.size() == 1) {
    out.total = sizes.front().first;
    out.token = std::string(sizes.front().second);
  } else if (sizes.size() > 1) {
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
