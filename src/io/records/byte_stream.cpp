#include "byte_stream.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "../gzip_fault.hpp"

namespace gpai::io::records {
namespace {
// Large enough that zlib and the line splitter work on big blocks; small
// enough to keep memory flat (one buffer per open input).
constexpr std::size_t kChunkBytes = std::size_t{1} << 18;
}  // namespace

ByteStream::ByteStream(const std::string& path) {
  errno = 0;
  if (path == "-") {
    const int fd = dup(STDIN_FILENO);  // gzclose closes it; keep fd 0 open
    if (fd >= 0) gz_ = gzdopen(fd, "rb");
    if (!gz_ && fd >= 0) close(fd);
  } else {
    gz_ = gzopen(path.c_str(), "rb");
  }
  if (!gz_) {
    error_ = errno ? std::strerror(errno) : "cannot open";
    return;
  }
  gzbuffer(gz_, static_cast<unsigned>(kChunkBytes));
  // gzdirect() reads the header to decide; 0 means gzip data.
  gzip_ = gzdirect(gz_) == 0;
}

ByteStream::~ByteStream() {
  if (gz_) gzclose(gz_);
}

bool ByteStream::fill() {
  if (eof_ || !gz_) return false;
  if (pos_ > 0) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  const std::size_t old = buf_.size();
  buf_.resize(old + kChunkBytes);
  const int n = gzread(gz_, buf_.data() + old, static_cast<unsigned>(kChunkBytes));
  // A truncated stream hands out what it decompressed with a positive count
  // and says so only through gzerror: keep the data, remember the fault.
  const GzipFault fault = gzip_fault(gz_, n);
  if (!fault.message.empty()) {
    error_ = fault.message;
    truncated_ = fault.truncated;
    fault_offset_ = fault.compressed_offset;
    eof_ = true;
  }
  const std::size_t got = n > 0 ? static_cast<std::size_t>(n) : 0;
  buf_.resize(old + got);
  bytes_ += got;
  if (got == 0) {
    eof_ = true;
    return false;
  }
  return true;
}

std::string_view ByteStream::peek(std::size_t n) {
  while (buf_.size() - pos_ < n && fill()) {
  }
  return std::string_view(buf_).substr(pos_, n);
}

ByteStream::Line ByteStream::next_line(std::string& out, std::size_t max_bytes) {
  bool too_long = false;
  std::size_t scanned = pos_;
  for (;;) {
    const char* start = buf_.data() + scanned;
    const void* nl = std::memchr(start, '\n', buf_.size() - scanned);
    if (nl) {
      const std::size_t end = static_cast<std::size_t>(static_cast<const char*>(nl) - buf_.data());
      if (too_long || end - pos_ > max_bytes) {
        pos_ = end + 1;
        return Line::too_long;
      }
      std::size_t len = end - pos_;
      if (len > 0 && buf_[pos_ + len - 1] == '\r') --len;
      out.reserve(len + kLineSlack);
      out.assign(buf_, pos_, len);
      pos_ = end + 1;
      return Line::ok;
    }
    if (buf_.size() - pos_ > max_bytes) {
      too_long = true;  // drop what we have and keep looking for the newline
      pos_ = buf_.size();
    }
    scanned = buf_.size();
    const std::size_t kept = pos_;
    if (!fill()) {
      if (!error_.empty()) {
        out.assign(buf_, pos_, too_long ? 0 : std::string::npos);  // the cut record, if any
        pos_ = buf_.size();
        return Line::failed;
      }
      if (too_long) return Line::too_long;
      if (pos_ >= buf_.size()) return Line::end;
      std::size_t len = buf_.size() - pos_;
      if (len > 0 && buf_[pos_ + len - 1] == '\r') --len;
      out.reserve(len + kLineSlack);
      out.assign(buf_, pos_, len);  // last line without a newline
      pos_ = buf_.size();
      return Line::ok;
    }
    scanned -= kept;  // fill() moved the unread part to the front
  }
}

bool ByteStream::read_all(std::string& out, std::size_t max_bytes) {
  while (buf_.size() - pos_ <= max_bytes && fill()) {
  }
  if (!error_.empty() || buf_.size() - pos_ > max_bytes) return false;
  out.assign(buf_, pos_, std::string::npos);
  pos_ = buf_.size();
  return true;
}

}  // namespace gpai::io::records
