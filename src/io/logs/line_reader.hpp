#pragma once
// Block-wise line reader over a plain or gzip file. Lines are views into an
// internal buffer, valid until the next call: no per-line allocation, no
// iostreams. Gzip is detected by the magic bytes 1f 8b, not the file name.
// A UTF-8 byte order mark at the start of the (decompressed) text is dropped
// here, once for every format: spreadsheet exports write one, and it would
// otherwise stick to the first column's name.

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace gpai::io::logs {

class LineReader {
 public:
  // Throws gpai::InputError when the file cannot be opened.
  LineReader(std::string path, std::size_t block_bytes);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  const std::string& path() const noexcept { return path_; }
  bool gzip() const noexcept { return gz_ != nullptr; }

  // The first bytes of the (decompressed) file, without consuming them.
  std::string_view head();

  // Next line without "\n" or "\r\n"; false at the end. The last line may
  // lack a newline: then last_line_unterminated() becomes true.
  bool next(std::string_view& line) {
    for (;;) {
      if (pos_ < end_) {
        const char* start = buf_.data() + pos_;
        const void* nl = std::memchr(start, '\n', end_ - pos_);
        if (nl) {
          const char* p = static_cast<const char*>(nl);
          std::size_t len = static_cast<std::size_t>(p - start);
          if (len && start[len - 1] == '\r') --len;
          line = std::string_view(start, len);
          pos_ += static_cast<std::size_t>(p - start) + 1;
          ++line_number_;
          return true;
        }
      }
      if (!refill()) return take_unterminated(line);
    }
  }

  std::size_t line_number() const noexcept { return line_number_; }
  bool last_line_unterminated() const noexcept { return unterminated_; }
  // Non-empty when a gzip stream ended early or was corrupt; data before the
  // fault was read. The message names the compressed byte where it stopped.
  const std::string& stream_error() const noexcept { return stream_error_; }
  std::size_t bytes_read() const noexcept { return bytes_read_; }

 private:
  bool refill();
  bool take_unterminated(std::string_view& line);
  long read_raw(char* dst, std::size_t n);
  void drop_bom();

  std::string path_;
  int fd_ = -1;
  void* gz_ = nullptr;  // gzFile
  std::vector<char> buf_;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  std::size_t line_number_ = 0;
  std::size_t bytes_read_ = 0;
  bool eof_ = false;
  bool unterminated_ = false;
  bool bom_checked_ = false;
  std::string stream_error_;
};

}  // namespace gpai::io::logs
