#include "line_reader.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>

#include "../gzip_fault.hpp"
#include "gpai/error.hpp"

namespace gpai::io::logs {

LineReader::LineReader(std::string path, std::size_t block_bytes) : path_(std::move(path)) {
  fd_ = path_ == "-" ? ::dup(0) : ::open(path_.c_str(), O_RDONLY);
  if (fd_ < 0) {
    throw InputError(SourceLocation{path_, 0, 0, ""},
                     std::string("cannot open log file: ") + std::strerror(errno));
  }
  buf_.resize(std::max<std::size_t>(block_bytes, 4096));
  // Read the first block raw, then decide: gzip members start with 1f 8b.
  const ssize_t n = ::read(fd_, buf_.data(), buf_.size());
  if (n < 0) {
    throw InputError(SourceLocation{path_, 0, 0, ""},
                     std::string("cannot read log file: ") + std::strerror(errno));
  }
  const auto first = static_cast<std::size_t>(n);
  const auto* u = reinterpret_cast<const unsigned char*>(buf_.data());
  if (first >= 2 && u[0] == 0x1f && u[1] == 0x8b) {
    // zlib must see the stream from its start; rewinding is not possible on a
    // pipe, so a gzip pipe is rejected with a clear message.
    if (::lseek(fd_, 0, SEEK_SET) != 0) {
      throw InputError(SourceLocation{path_, 0, 0, ""},
                       "gzip input must be a regular file, not a pipe (decompress it first)");
    }
    gzFile gz = ::gzdopen(fd_, "rb");
    if (!gz) throw InputError(SourceLocation{path_, 0, 0, ""}, "cannot open gzip stream");
    fd_ = -1;  // owned by zlib now
    ::gzbuffer(gz, 1u << 20);
    gz_ = gz;
    end_ = 0;
  } else {
    end_ = first;
    bytes_read_ = first;
    if (first == 0) eof_ = true;
    drop_bom();
  }
}

// Called after each read until decided: the mark may arrive split across
// reads of a pipe.
void LineReader::drop_bom() {
  if (bom_checked_) return;
  if (line_number_ > 0 || pos_ > 0) {
    bom_checked_ = true;
    return;
  }
  const std::size_t have = end_ - pos_;
  if (have < 3 && !eof_) return;
  bom_checked_ = true;
  if (have >= 3 && std::memcmp(buf_.data() + pos_, "\xEF\xBB\xBF", 3) == 0) pos_ += 3;
}

LineReader::~LineReader() {
  if (gz_) ::gzclose(static_cast<gzFile>(gz_));
  if (fd_ >= 0) ::close(fd_);
}

long LineReader::read_raw(char* dst, std::size_t n) {
  if (gz_) {
    const unsigned chunk = static_cast<unsigned>(std::min<std::size_t>(n, 1u << 30));
    const int got = ::gzread(static_cast<gzFile>(gz_), dst, chunk);
    const GzipFault fault = gzip_fault(static_cast<gzFile>(gz_), got);
    if (!fault.message.empty()) {
      // A truncated or corrupt gzip stream: keep what was decompressed.
      if (stream_error_.empty()) stream_error_ = fault.message;
      return got < 0 ? 0 : got;
    }
    return got;
  }
  for (;;) {
    const ssize_t got = ::read(fd_, dst, n);
    if (got >= 0) return static_cast<long>(got);
    if (errno == EINTR) continue;
    stream_error_ = std::string("read error: ") + std::strerror(errno);
    return 0;
  }
}

bool LineReader::refill() {
  if (eof_) return false;
  // Keep the unfinished line, move it to the front, and read behind it.
  const std::size_t keep = end_ - pos_;
  if (keep && pos_) std::memmove(buf_.data(), buf_.data() + pos_, keep);
  pos_ = 0;
  end_ = keep;
  if (end_ == buf_.size()) buf_.resize(buf_.size() * 2);  // a line longer than a block
  const long got = read_raw(buf_.data() + end_, buf_.size() - end_);
  if (got <= 0) {
    eof_ = true;
    drop_bom();
    return false;
  }
  end_ += static_cast<std::size_t>(got);
  bytes_read_ += static_cast<std::size_t>(got);
  if (!stream_error_.empty()) eof_ = true;  // deliver what we got, then stop
  drop_bom();
  return true;
}

bool LineReader::take_unterminated(std::string_view& line) {
  if (pos_ >= end_) return false;
  std::size_t len = end_ - pos_;
  if (buf_[pos_ + len - 1] == '\r') --len;
  line = std::string_view(buf_.data() + pos_, len);
  pos_ = end_;
  ++line_number_;
  unterminated_ = true;
  return true;
}

std::string_view LineReader::head() {
  if (end_ == pos_ && !eof_) refill();
  // Enough for format detection: up to 64 KiB of what is buffered.
  return std::string_view(buf_.data() + pos_, std::min<std::size_t>(end_ - pos_, 1 << 16));
}

}  // namespace gpai::io::logs
