// RecordReader: inputs -> records, in a deterministic order.
#include <algorithm>
#include <cctype>
#include <deque>
#include <filesystem>

#include "byte_stream.hpp"
#include "json_depth.hpp"
#include "gpai/io/record_reader.hpp"
#include "json_reader.hpp"

namespace gpai::io {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kSkippedExamples = 5;

enum class FileKind { json_lines, json_document, markdown, sniff, skip };

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// By name, ignoring a trailing ".gz" (gzip itself is detected by content).
FileKind classify(const fs::path& path, bool named_by_user) {
  std::string name = lower(path.filename().string());
  if (name.size() > 3 && name.compare(name.size() - 3, 3, ".gz") == 0) name.resize(name.size() - 3);
  const auto dot = name.rfind('.');
  const std::string ext = dot == std::string::npos ? "" : name.substr(dot + 1);
  if (ext == "jsonl" || ext == "ndjson") return FileKind::json_lines;
  if (ext == "json") return FileKind::json_document;
  if (ext == "md" || ext == "markdown") return FileKind::markdown;
  return named_by_user ? FileKind::sniff : FileKind::skip;
}

std::string_view skip_bom_and_space(std::string_view s) {
  if (s.rfind("\xEF\xBB\xBF", 0) == 0) s.remove_prefix(3);
  const auto first = s.find_first_not_of(" \t\r\n");
  return first == std::string_view::npos ? std::string_view() : s.substr(first);
}

// Many JSON Lines files are named .json. A pretty-printed document's first
// line is an opening brace alone, a JSON Lines file's first line is a whole
// object, so the first two lines tell them apart without parsing.
bool looks_like_json_lines(std::string_view text) {
  text = skip_bom_and_space(text);
  if (text.empty() || text.front() != '{') return false;
  const auto nl = text.find('\n');
  if (nl == std::string_view::npos) return false;
  std::string_view first = text.substr(0, nl);
  while (!first.empty() && std::isspace(static_cast<unsigned char>(first.back()))) first.remove_suffix(1);
  const std::string_view rest = skip_bom_and_space(text.substr(nl + 1));
  return first.size() > 1 && first.back() == '}' && !rest.empty() && rest.front() == '{';
}

struct DirFrame {
  std::vector<fs::directory_entry> entries;
  std::size_t next = 0;
  // JSON or JSON Lines files beside: a README.md here documents those cards
  // (data/examples/README.md) unless its front matter makes it a card itself.
  bool holds_json_cards = false;
};

}  // namespace

struct RecordReader::State {
  std::vector<std::string> inputs;
  std::size_t next_input = 0;
  ReaderOptions options;
  ReaderStats stats;
  std::vector<DirFrame> dirs;
  std::unique_ptr<records::ByteStream> lines;  // open JSON Lines input
  std::string lines_source;
  std::size_t line_no = 0;
  std::deque<RawRecord> pending;
  std::size_t ordinal = 0;

  RawRecord read_error(const std::string& source, std::size_t line, const std::string& message) {
    RawRecord r;
    r.ref.source = source;
    r.ref.line = line;
    Diagnostic d;
    d.record = r.ref;
    d.line = line;
    d.kind = "input_error";
    d.message = message;
    r.read_error = std::move(d);
    return r;
  }

  void close_lines() {
    if (!lines) return;
    stats.bytes += lines->bytes_read();
    lines.reset();
  }

  // A directory of model repositories also holds CHANGELOG.md, README_zh.md,
  // docs/*.md: there a Markdown file is a card only when named README.md (or
  // <name>.README.md) or when it has front matter; others are skipped like
  // any non-card file.
  static bool readme_named(const std::string& path) {
    std::string name = lower(fs::path(path).filename().string());
    if (name.size() > 3 && name.compare(name.size() - 3, 3, ".gz") == 0) name.resize(name.size() - 3);
    return name == "readme.md" || (name.size() > 10 && name.compare(name.size() - 10, 10, ".readme.md") == 0);
  }

  void note_truncated(const std::string& source, const records::ByteStream& stream) {
    if (!stream.truncated()) return;
    ++stats.truncated_inputs;
    if (stats.truncated_examples.size() < kSkippedExamples) {
      stats.truncated_examples.push_back(source + " at compressed byte " + std::to_string(stream.fault_offset()));
    }
  }

  void skip(const std::string& path) {
    ++stats.files_skipped;
    if (stats.skipped_examples.size() < kSkippedExamples) stats.skipped_examples.push_back(path);
  }

  // walked: found by a directory walk; beside_json_cards: in a directory
  // that also holds JSON cards.
  void open_file(const std::string& path, FileKind kind, bool walked = false, bool beside_json_cards = false) {
    auto stream = std::make_unique<records::ByteStream>(path);
    const std::string source = path == "-" ? "<stdin>" : path;
    if (!stream->is_open()) {
      pending.push_back(read_error(source, 0, "cannot open: " + stream->error()));
      return;
    }
    ++stats.files_opened;
    if (stream->is_gzip()) ++stats.gzip_inputs;
    if (kind == FileKind::sniff) {
      const std::string_view head = skip_bom_and_space(stream->peek(4096));
      kind = head.rfind("---", 0) == 0 ? FileKind::markdown : FileKind::json_lines;
    }
    if (kind == FileKind::json_lines) {
      lines = std::move(stream);
      lines_source = source;
      line_no = 0;
      return;
    }
    std::string text;
    const bool ok = stream->read_all(text, options.max_record_bytes);
    stats.bytes += stream->bytes_read();
    if (!ok) {
      note_truncated(source, *stream);
      pending.push_back(read_error(source, 0, stream->error().empty()
                                                  ? "file larger than the record limit (" +
                                                        std::to_string(options.max_record_bytes) + " bytes)"
                                                  : stream->error()));
      return;
    }
    if (walked && kind == FileKind::markdown && (!readme_named(path) || beside_json_cards) &&
        skip_bom_and_space(text).rfind("---", 0) != 0) {
      --stats.files_opened;
      skip(path);
      return;
    }
    if (kind == FileKind::json_document && looks_like_json_lines(text)) {
      // Re-open as JSON Lines: the stream was consumed, and records must keep their lines.
      lines = std::make_unique<records::ByteStream>(path);
      lines_source = source;
      line_no = 0;
      return;
    }
    RawRecord r;
    r.ref.source = source;
    r.ref.line = 1;
    r.kind = kind == FileKind::markdown ? CardText::markdown : CardText::json;
    if (kind == FileKind::json_document && skip_bom_and_space(text).rfind('[', 0) == 0 &&
        !json_nested_too_deep(text)) {
      // A Hub listing: each element is a record. If the array does not parse,
      // the whole file goes on as one record so that scoring reports the
      // located syntax error.
      try {
        const Json doc = parse_json_strict(text, source);
        for (std::size_t i = 0; i < doc.size(); ++i) {
          RawRecord e;
          e.ref.source = source;
          e.ref.line = 0;  // not known for elements; the pointer locates them
          e.ref.pointer = "/" + std::to_string(i);
          e.kind = CardText::json;
          e.text = doc[i].dump();
          pending.push_back(std::move(e));
        }
        return;
      } catch (const InputError&) {
      }
    }
    r.text = std::move(text);
    pending.push_back(std::move(r));
  }

  void enter_directory(const fs::path& dir) {
    DirFrame frame;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (!name.empty() && name.front() == '.') continue;  // .git, editor files
      const FileKind kind = classify(it->path(), false);
      frame.holds_json_cards |= kind == FileKind::json_document || kind == FileKind::json_lines;
      frame.entries.push_back(*it);
    }
    if (ec) {
      pending.push_back(read_error(dir.string(), 0, "cannot list directory: " + ec.message()));
      return;
    }
    std::sort(frame.entries.begin(), frame.entries.end(),
              [](const auto& a, const auto& b) { return a.path().native() < b.path().native(); });
    dirs.push_back(std::move(frame));
  }

  // Advances the directory walk by one entry; false when the walk is done.
  bool walk_step() {
    while (!dirs.empty()) {
      DirFrame& top = dirs.back();
      if (top.next >= top.entries.size()) {
        dirs.pop_back();
        continue;
      }
      const fs::directory_entry entry = top.entries[top.next++];
      std::error_code ec;
      if (entry.is_directory(ec) && !entry.is_symlink(ec)) {
        enter_directory(entry.path());
        return true;
      }
      const FileKind kind = classify(entry.path(), false);
      if (kind == FileKind::skip || !entry.is_regular_file(ec)) {
        skip(entry.path().string());
        continue;
      }
      open_file(entry.path().string(), kind, true, top.holds_json_cards);
      return true;
    }
    return false;
  }

  bool open_next_input() {
    if (next_input >= inputs.size()) return false;
    const std::string& in = inputs[next_input++];
    std::error_code ec;
    if (in != "-" && fs::is_directory(in, ec)) {
      enter_directory(in);
    } else {
      open_file(in, in == "-" ? FileKind::sniff : classify(in, true));
    }
    return true;
  }

  std::optional<RawRecord> next_line_record() {
    std::string text;
    for (;;) {
      const auto status = lines->next_line(text, options.max_record_bytes);
      if (status == records::ByteStream::Line::end) {
        close_lines();
        return std::nullopt;
      }
      ++line_no;
      if (status == records::ByteStream::Line::failed) {
        // The cut record is an error row naming the cut, not a JSON syntax
        // error; a cut at a line boundary still gets one, as records may be lost.
        std::string why = lines->error();
        if (!lines->truncated()) {
          why += "; the rest of this input could not be read";
        } else if (text.find_first_not_of(" \t\r") != std::string::npos) {
          why += ": line " + std::to_string(line_no) + " is incomplete (" + std::to_string(text.size()) +
                 " bytes before the cut); any records after it are lost";
        } else {
          why += " after line " + std::to_string(line_no - 1) + "; any records after it are lost";
        }
        note_truncated(lines_source, *lines);
        const std::size_t at = line_no;
        close_lines();
        return read_error(lines_source, at, why);
      }
      if (status == records::ByteStream::Line::too_long) {
        return read_error(lines_source, line_no, "line longer than the record limit (" +
                                                     std::to_string(options.max_record_bytes) + " bytes)");
      }
      std::string_view view = text;
      if (line_no == 1 && view.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
      if (text.find_first_not_of(" \t\r") == std::string::npos) {
        ++stats.blank_lines;
        continue;
      }
      RawRecord r;
      r.ref.source = lines_source;
      r.ref.line = line_no;
      r.kind = CardText::json;
      r.text = std::move(text);
      return r;
    }
  }
};

RecordReader::RecordReader(std::vector<std::string> inputs, ReaderOptions options)
    : s_(std::make_unique<State>()) {
  s_->inputs = std::move(inputs);
  s_->options = options;
}

RecordReader::~RecordReader() = default;

const ReaderStats& RecordReader::stats() const noexcept { return s_->stats; }

std::optional<RawRecord> RecordReader::next() {
  State& s = *s_;
  for (;;) {
    std::optional<RawRecord> r;
    if (!s.pending.empty()) {
      r = std::move(s.pending.front());
      s.pending.pop_front();
    } else if (s.lines) {
      r = s.next_line_record();
      if (!r) continue;
    } else if (s.walk_step() || s.open_next_input()) {
      continue;
    } else {
      return std::nullopt;
    }
    r->ref.ordinal = ++s.ordinal;
    if (r->read_error) r->read_error->record = r->ref;
    return r;
  }
}

}  // namespace gpai::io
