#pragma once
// A file or standard input, gzip-decompressed when its magic bytes say so
// (zlib's gzread passes other data through unchanged), read through a
// buffer that hands out lines or the whole content. Private to gpai_io.

#include <zlib.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace gpai::io::records {

// Lines are handed out with at least this much spare capacity, so that a
// parser that reads past the end of its input (simdjson reads up to 64
// bytes) can parse a record where it lies instead of copying it.
inline constexpr std::size_t kLineSlack = 64;

class ByteStream {
 public:
  // "-" opens standard input. On failure is_open() is false and error() says why.
  explicit ByteStream(const std::string& path);
  ~ByteStream();
  ByteStream(const ByteStream&) = delete;
  ByteStream& operator=(const ByteStream&) = delete;

  bool is_open() const noexcept { return gz_ != nullptr; }
  bool is_gzip() const noexcept { return gzip_; }
  const std::string& error() const noexcept { return error_; }
  // The gzip stream ended before its end (error() names the compressed byte).
  bool truncated() const noexcept { return truncated_; }
  long long fault_offset() const noexcept { return fault_offset_; }  // compressed bytes read before a fault
  std::size_t bytes_read() const noexcept { return bytes_; }

  // Up to `n` bytes from the start of the stream without consuming them
  // (fewer at the end of a short stream).
  std::string_view peek(std::size_t n);

  enum class Line { ok, end, too_long, failed };
  // Next line without its "\n" (and "\r"). A line longer than `max_bytes`
  // is skipped up to its newline and reported as too_long. Lines read before
  // a read or decompression error come out as usual; then `failed`, with
  // the unterminated rest the stream ended in (if any) in `out`, error()
  // saying why, and the stream done.
  Line next_line(std::string& out, std::size_t max_bytes);
  // The rest of the stream; false when it exceeds `max_bytes` or fails.
  bool read_all(std::string& out, std::size_t max_bytes);

 private:
  bool fill();  // read more into buf_; false at end or on error

  gzFile gz_ = nullptr;
  bool gzip_ = false;
  bool eof_ = false;
  bool truncated_ = false;
  long long fault_offset_ = 0;
  std::string error_;
  std::string buf_;
  std::size_t pos_ = 0;
  std::size_t bytes_ = 0;
};

}  // namespace gpai::io::records
