#pragma once
// Why a gzip stream stopped before its end, in one wording for every reader
// (audit logs and batch inputs). zlib's gzread hands out what it decompressed
// before a truncation and reports the truncation only through gzerror, so a
// reader that checks the return value alone takes a cut stream for a short
// one. Private to gpai_io.

#include <zlib.h>

#include <string>

namespace gpai::io {

struct GzipFault {
  bool truncated = false;  // the compressed stream ends early (zlib: unexpected end of file)
  long long compressed_offset = 0;  // bytes of the compressed file consumed when it stopped
  std::string message;  // "gzip stream truncated: it ends at compressed byte 508 (unexpected end of file)"
};

// After a gzread() that returned `got`: the fault, or an empty message when
// the stream is fine so far.
GzipFault gzip_fault(gzFile gz, int got);

}  // namespace gpai::io
