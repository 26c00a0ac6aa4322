#include "gzip_fault.hpp"

namespace gpai::io {

GzipFault gzip_fault(gzFile gz, int got) {
  GzipFault f;
  int code = Z_OK;
  const char* msg = gzerror(gz, &code);
  if (got >= 0 && (code == Z_OK || code == Z_STREAM_END)) return f;
  f.truncated = code == Z_BUF_ERROR;
  f.compressed_offset = static_cast<long long>(gzoffset(gz));
  // zlib prefixes its message with the path ("cards.jsonl.gz: unexpected end
  // of file"); callers name the file themselves. zlib's own texts hold no ": ".
  std::string why = msg && *msg ? msg : "read error";
  if (const auto colon = why.rfind(": "); colon != std::string::npos) why.erase(0, colon + 2);
  const std::string at = std::to_string(f.compressed_offset);
  if (f.truncated) {
    f.message = "gzip stream truncated: it ends at compressed byte " + at + " (" + why + ")";
  } else if (code == Z_ERRNO || gzdirect(gz)) {
    f.message = "read error (" + why + ")";
  } else {
    f.message = "gzip stream corrupt at compressed byte " + at + " (" + why + ")";
  }
  return f;
}

}  // namespace gpai::io
