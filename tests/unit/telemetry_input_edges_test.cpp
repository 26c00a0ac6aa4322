// Careless input every log reader must take the same way: a UTF-8 byte order
// mark (plain and gzip), a file with a header and no rows, a cut gzip stream,
// and bad cells that must be quoted capped and escaped, never whole.
#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "catch.hpp"
#include "telemetry_support.hpp"

using namespace gpai::test;

namespace {

std::string read_fixture(const std::string& name) {
  std::ifstream in(log_fixture(name), std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string write_temp(const std::string& name, const std::string& bytes, bool gzip) {
  const std::string path = "/tmp/gpai_edges_" + name + (gzip ? ".gz" : "");
  if (gzip) {
    gzFile f = gzopen(path.c_str(), "wb");
    gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size()));
    gzclose(f);
  } else {
    std::ofstream(path, std::ios::binary) << bytes;
  }
  return path;
}

bool has_note(const gpai::LogEvidence& e, const std::string& id, const std::string& text) {
  for (const auto& n : e.notes) {
    if (n.id == id && n.message.find(text) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("logs: a UTF-8 byte order mark is dropped by every reader, plain or gzip", "[telemetry][bom]") {
  struct Case {
    const char* fixture;
    gpai::io::IngestOptions options;
  };
  gpai::io::IngestOptions dmon, generic;
  dmon.sample_interval_seconds = 1;
  generic.columns = gpai::io::parse_column_mapping("time=t_s,util=util_pct,util-kind=occupancy,power=power_w");
  const Case cases[] = {{"sacct_steps.txt", {}},       {"dcgm_basic.csv", {}},      {"nvidia_smi_units.csv", {}},
                        {"prometheus_two_scrapes.prom", {}}, {"dmon_two_gpus.log", dmon}, {"probe_shape.csv", generic}};
  for (const auto& c : cases) {
    for (const bool gzip : {false, true}) {
      INFO(c.fixture << (gzip ? " (gzip)" : ""));
      const auto plain = ingest_fixtures({c.fixture}, c.options);
      const std::string path = write_temp(c.fixture, "\xEF\xBB\xBF" + read_fixture(c.fixture), gzip);
      const auto bom = gpai::io::ingest_logs({path}, c.options, shipped_catalogue());
      const auto& a = plain.accounting ? *plain.accounting : *plain.telemetry;
      const auto& b = bom.accounting ? *bom.accounting : *bom.telemetry;
      CHECK(b.files.at(0).format == a.files.at(0).format);
      CHECK(b.quality.rows_read == a.quality.rows_read);
      CHECK(b.quality.rows_rejected == a.quality.rows_rejected);
      CHECK(b.total().accelerator_seconds == Approx(a.total().accelerator_seconds));
      std::remove(path.c_str());
    }
  }
  // Named in the header when the format is forced too, and the mark alone is an empty file.
  gpai::io::IngestOptions forced;
  forced.format = "sacct";
  CHECK(ingest_fixtures({"sacct_bom.txt"}, forced).accounting->quality.jobs == 1);
  const std::string only_bom = write_temp("only_bom.csv", "\xEF\xBB\xBF\n", false);
  CHECK_THROWS_WITH(gpai::io::ingest_logs({only_bom}, {}, shipped_catalogue()), Catch::Contains("empty log file"));
  std::remove(only_bom.c_str());
}

TEST_CASE("logs: a file with a header and no rows says so, per file", "[telemetry][empty]") {
  const auto in = ingest_fixtures({"sacct_header_only.txt", "sacct_typed_gres.txt", "dcgm_header_only.csv"});
  REQUIRE(in.accounting);
  REQUIRE(in.telemetry);
  CHECK(in.accounting->files.at(0).rows_read == 0);
  CHECK(has_note(*in.accounting, "log_without_rows", "sacct_header_only.txt (sacct): no data rows were read (only a header line)"));
  CHECK_FALSE(has_note(*in.accounting, "log_without_rows", "sacct_typed_gres.txt"));
  CHECK(has_note(*in.telemetry, "log_without_rows", "dcgm_header_only.csv (dcgm-csv)"));
  for (const auto& n : in.accounting->notes) {
    if (n.id == "log_without_rows") CHECK(n.severity == "warning");
  }
}

TEST_CASE("logs: a cut gzip stream names the compressed byte where it ends", "[telemetry][gzip]") {
  const auto in = ingest_fixtures({"dcgm_truncated.csv.gz"});
  std::FILE* f = std::fopen(log_fixture("dcgm_truncated.csv.gz").c_str(), "rb");
  std::fseek(f, 0, SEEK_END);
  const long size = std::ftell(f);
  std::fclose(f);
  bool named = false;
  for (const auto& r : in.telemetry->quality.rejected) {
    named |= r.reason.find("gzip stream truncated: it ends at compressed byte " + std::to_string(size)) !=
             std::string::npos;
  }
  CHECK(named);
}

TEST_CASE("logs: rejected cells are quoted capped and escaped", "[telemetry][excerpt]") {
  const std::string huge(100000, '9');
  const std::string csv =
      read_fixture("dcgm_header_only.csv") +
      "2025-03-01T00:00:00Z,n1,0,GPU-a,NVIDIA H100 80GB HBM3,0.5,0.6,90,\x01\xff" + huge + ",1000\n" +
      "2025-03-01T00:00:01Z" + huge + ",n1,0,GPU-a,NVIDIA H100 80GB HBM3,0.5,0.6,90,500,1000\n";
  const std::string path = write_temp("excerpt.csv", csv, false);
  const auto in = gpai::io::ingest_logs({path}, {}, shipped_catalogue());
  const auto& rejected = in.telemetry->quality.rejected;
  REQUIRE(rejected.size() == 2);
  for (const auto& r : rejected) {
    INFO(r.reason);
    CHECK(r.reason.size() < 200);
    CHECK(r.reason.find("bytes)") != std::string::npos);
  }
  CHECK(rejected[0].reason.find("'\\x01\\xFF999") != std::string::npos);
  CHECK(rejected[0].reason.find(std::to_string(huge.size() + 2) + " bytes") != std::string::npos);
  std::remove(path.c_str());
}
