#include "classify_interactive.hpp"

#include <istream>
#include <ostream>
#include <set>
#include <vector>

#include "gpai/system_classification.hpp"

namespace gpai::cli {
namespace {

enum class Answer { yes, no, unknown, back, end };

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return s.substr(i);
}

class Interviewer {
 public:
  Interviewer(std::istream& in, std::ostream& out, const SystemRuleSet& rules, const MessageCatalogue& m,
              const std::string& lang)
      : in_(in), out_(out), rules_(rules), m_(m), lang_(lang) {}

  // The prompts are catalogue labels without values: their literal text.
  std::string label(std::string_view key) const {
    std::string text;
    if (const auto* parts = m_.find("system.label." + std::string(key)))
      for (const auto& p : *parts) text += p.literal;
    return text;
  }

  // A line of text; nullopt at end of input.
  std::optional<std::string> line(const std::string& prompt) {
    out_ << prompt << " > " << std::flush;
    std::string s;
    if (!std::getline(in_, s)) return std::nullopt;
    return trimmed(s);
  }

  Answer yes_no(const std::string& prompt) {
    for (;;) {
      auto s = line(prompt + " [y/n/?/b]");
      if (!s) return Answer::end;
      if (*s == "y" || *s == "yes" || *s == "j" || *s == "ja") return Answer::yes;
      if (*s == "n" || *s == "no" || *s == "nee") return Answer::no;
      if (*s == "?" || s->empty()) return Answer::unknown;
      if (*s == "b") return Answer::back;
      out_ << "  " << label("invalid") << ": " << label("answer_help") << "\n";
    }
  }

  // Asks for one field and records the answer in `card`.
  Answer ask(const std::string& field, SystemCard& card) {
    const FactQuestion* q = rules_.question(field);
    out_ << "\n" << (q ? text_in(q->question, lang_) : field) << "\n";
    if (q) out_ << "  " << text_in(q->explanation, lang_) << " (" << q->source.cite << ")\n";
    if (field == "/annex_iii") return ask_points(card);
    if (field == "/prohibited/exceptions") return ask_list(card, field);
    if (field == "/organisation/roles") return ask_list(card, field);
    if (field == "/annex_i/legislation" || field == "/dates/placed_on_market") return ask_value(card, field);
    const Answer a = yes_no(field);
    if (a == Answer::yes || a == Answer::no) card.facts[field] = a == Answer::yes;
    return a;
  }

 private:
  Answer ask_points(SystemCard& card) {
    std::vector<std::string> points;
    for (const auto& area : rules_.annex_iii_areas) {
      const Answer a = yes_no(label("area_prompt") + " " + std::to_string(area.area) + ": " + text_in(area.title, lang_) + "?");
      if (a == Answer::no) continue;
      if (a != Answer::yes) return a;
      for (const auto& p : rules_.annex_iii) {
        if (p.area != area.area) continue;
        const Answer b = yes_no("  " + label("point_prompt") + " " + p.id + ": " + text_in(p.title, lang_) + "?");
        if (b == Answer::yes) points.push_back(p.id);
        else if (b != Answer::no) return b;
      }
    }
    card.annex_iii = points;
    return Answer::yes;
  }

  Answer ask_list(SystemCard& card, const std::string& field) {
    std::vector<std::string> chosen;
    std::vector<SystemRole> roles;
    if (field == "/organisation/roles") {
      for (SystemRole r : kSystemRoles) {
        const Answer a = yes_no(std::string(to_string(r)) + "?");
        if (a == Answer::yes) roles.push_back(r);
        else if (a != Answer::no) return a;
      }
      card.roles = roles;
      return Answer::yes;
    }
    for (const auto& x : rules_.prohibition_exceptions) {
      const ProhibitedPractice* p = rules_.practice(x.practice);
      if (!p || card.fact(p->fact) != true) continue;  // only exceptions of practices performed
      const Answer a = yes_no(x.id + ": " + text_in(x.title, lang_) + "?");
      if (a == Answer::yes) chosen.push_back(x.id);
      else if (a != Answer::no) return a;
    }
    card.prohibited_exceptions = chosen;
    return Answer::yes;
  }

  Answer ask_value(SystemCard& card, const std::string& field) {
    if (field == "/annex_i/legislation") {
      std::string ids;
      for (const auto& l : rules_.annex_i) ids += (ids.empty() ? "" : ", ") + l.id;
      out_ << "  (" << ids << ")\n";
    }
    for (;;) {
      auto s = line(label("value_prompt"));
      if (!s) return Answer::end;
      if (*s == "?" || s->empty()) return Answer::unknown;
      if (*s == "b") return Answer::back;
      if (field == "/annex_i/legislation" && rules_.legislation(*s)) {
        card.annex_i_legislation = *s;
        return Answer::yes;
      }
      if (field == "/dates/placed_on_market") {
        if (auto d = Date::parse(*s)) {
          card.dates.placed_on_market = d;
          return Answer::yes;
        }
      }
      out_ << "  " << label("invalid") << "\n";
    }
  }

  std::istream& in_;
  std::ostream& out_;
  const SystemRuleSet& rules_;
  const MessageCatalogue& m_;
  const std::string& lang_;
};

}  // namespace

SystemCard interview(std::istream& in, std::ostream& out, SystemCard card, const SystemRuleSet& rules,
                     const MessageCatalogue& messages, Date as_of, const std::string& language) {
  Interviewer iv(in, out, rules, messages, language);
  out << iv.label("answer_help") << "\n";
  if (card.name.empty()) {
    auto s = iv.line(iv.label("name_prompt"));
    card.name = s && !s->empty() ? *s : "unnamed system";
  }
  if (card.intended_purpose.empty()) {
    if (auto s = iv.line(iv.label("purpose_prompt"))) card.intended_purpose = *s;
  }
  // Each answer is a step: `b` restores the card and the unknowns before it.
  struct Step {
    SystemCard card;
    std::set<std::string> unknown;
  };
  std::vector<Step> history;
  std::set<std::string> left_unknown;  // answered "?": not asked again
  for (;;) {
    const SystemClassification r = classify_system(card, rules, as_of);
    const OpenQuestion* next = nullptr;
    for (const auto& q : r.open_questions)
      if (!left_unknown.count(q.field)) {
        next = &q;
        break;
      }
    if (!next) {
      out << "\n" << iv.label("done") << "\n";
      break;
    }
    const std::string field = next->field;
    Step before{card, left_unknown};
    const Answer a = iv.ask(field, card);
    if (a == Answer::end) break;
    if (a == Answer::back) {
      card = before.card;  // undo a partly answered list
      if (!history.empty()) {
        card = history.back().card;
        left_unknown = history.back().unknown;
        history.pop_back();
      }
      continue;
    }
    if (a == Answer::unknown) {
      card = before.card;
      left_unknown.insert(field);
    }
    history.push_back(std::move(before));
  }
  return card;
}

}  // namespace gpai::cli
