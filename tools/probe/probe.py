#!/usr/bin/env python3
"""Single-GPU training probe: ground-truth model FLOP next to raw GPU telemetry.

Runs a handful of short, deliberately different training runs of a plain
PyTorch decoder (random tokens), counts the model FLOP of each measured window
exactly, and logs the GPU meanwhile with the tools operators use:

  * nvidia-smi --query-gpu=... --format=csv -lms 100       (smi_<run>.csv)
  * nvidia-smi dmon -s pucm [-o DT] -d 1                   (dmon_<run>.log)
  * an NVML sampler process at 10 Hz, with the energy counter (nvml_<run>.csv)
  * dcgmi dmon, only if dcgmi exists and answers          (dcgm_<run>.log)

Results go to results.jsonl (one line per run) and env.json; everything is
packed into one tar.gz under --out after every run, so a killed probe still
returns what it finished. It never changes the GPU's settings.

  python3 probe.py --out DIR                 # the real probe (needs CUDA)
  python3 probe.py --out DIR --dry-run       # CPU stub + fake nvidia-smi/NVML

See README.md beside this file.
"""
import argparse
import csv
import datetime
import hashlib
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import threading
import time
import traceback

# NVIDIA H200 SXM datasheet: 1,979 TFLOP/s BF16 Tensor Core "with sparsity";
# dense is half of that. Same GH100 tensor rate as the H100 SXM.
PEAK_BF16_DENSE = 989.4e12
PEAK_SOURCE = ("NVIDIA H200 Tensor Core GPU datasheet / product page (H200 SXM): "
               "1,979 TFLOP/s BF16 with 2:4 sparsity -> 989.4 TFLOP/s dense; "
               "the catalogue's H200-SXM entry uses 9.894e14")

SMI_FIELDS = ("timestamp,index,name,utilization.gpu,utilization.memory,power.draw,"
              "power.limit,clocks.sm,temperature.gpu")
SMI_INTERVAL_MS = 100
NVML_INTERVAL_S = 0.1
DMON_DELAY_S = 1
DCGM_FIELDS = "1002,1004,100,155,203,156"  # SMACT TENSO SMCLK POWER GPUTL TOTEC
DCGM_DELAY_MS = 100

T_START = time.perf_counter()
LOG_FILE = None
CHILDREN = []  # every logger process, killed at exit whatever happened
_CRITICAL = {"depth": 0, "pending": False}  # SIGTERM waits while loggers stop / files pack


class critical:
    """Defers SIGTERM (timeout's stop) until the block ends, so cleanup completes."""

    def __enter__(self):
        _CRITICAL["depth"] += 1

    def __exit__(self, *exc):
        _CRITICAL["depth"] -= 1
        if _CRITICAL["depth"] == 0 and _CRITICAL["pending"] and exc[0] is None:
            _CRITICAL["pending"] = False
            raise SystemExit(143)
        return False


def on_term(*_):
    if _CRITICAL["depth"] > 0:
        _CRITICAL["pending"] = True
        return
    raise SystemExit(143)


def log(msg):
    line = "[%7.1fs] %s" % (time.perf_counter() - T_START, msg)
    print(line, flush=True)
    if LOG_FILE:
        try:
            with open(LOG_FILE, "a") as f:
                f.write(line + "\n")
        except OSError:
            pass


def local_stamp(unix_s):
    """The form nvidia-smi prints its timestamps in (local time, ms)."""
    lt = time.localtime(unix_s)
    return time.strftime("%Y/%m/%d %H:%M:%S", lt) + ".%03d" % int((unix_s % 1) * 1000)


def utc_iso(unix_s):
    return datetime.datetime.fromtimestamp(unix_s, datetime.timezone.utc).isoformat(
        timespec="milliseconds").replace("+00:00", "Z")


def run_cmd(args, timeout=20):
    """Runs a short command; never raises. Returns (rc, stdout+stderr)."""
    try:
        p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=timeout, text=True)
        return p.returncode, p.stdout
    except FileNotFoundError as e:
        return 127, str(e)
    except subprocess.TimeoutExpired as e:
        return 124, "timeout after %ss: %s" % (timeout, (e.output or ""))
    except Exception as e:  # noqa: BLE001 - a probe must not die of a helper command
        return 1, repr(e)


# --------------------------------------------------------------------------
# NVML access (real or fake), shared by the sampler process and the main one.

class FakeNVML:
    """Stands in for pynvml in --dry-run: plausible, time-varying readings."""

    def __init__(self):
        self.t0 = time.time()

    def power_w(self):
        return 100.0 + 50.0 * math.sin(time.time())

    def energy_mj(self):
        return int((time.time() - self.t0) * 100.0 * 1000.0)

    def read(self):
        return {"util_gpu_pct": 50, "util_mem_pct": 20, "power_w": self.power_w(),
                "power_instant_w": self.power_w() + 1.0, "energy_mj": self.energy_mj(),
                "sm_clock_mhz": 1980, "mem_clock_mhz": 3201, "temp_c": 40,
                "clocks_event_reasons": "0x0000000000000000"}

    def static(self):
        return {"fake": True}


class RealNVML:
    def __init__(self, index=0):
        import pynvml  # lazily: absent on machines without a driver
        self.n = pynvml
        pynvml.nvmlInit()
        self.h = pynvml.nvmlDeviceGetHandleByIndex(index)
        self.ok = {}
        # Probe each optional reading once; drop those the driver refuses.
        for name in ("energy", "instant", "reasons", "mem_clock", "temp"):
            self.ok[name] = True
        self.read()

    def _try(self, key, fn):
        if not self.ok.get(key, True):
            return None
        try:
            return fn()
        except Exception:  # noqa: BLE001 - NVMLError_NotSupported and friends
            self.ok[key] = False
            return None

    def energy_mj(self):
        return self._try("energy", lambda: self.n.nvmlDeviceGetTotalEnergyConsumption(self.h))

    def power_w(self):
        return self.n.nvmlDeviceGetPowerUsage(self.h) / 1000.0

    def _instant(self):
        fid = getattr(self.n, "NVML_FI_DEV_POWER_INSTANT", None)
        if fid is None:
            raise RuntimeError("no NVML_FI_DEV_POWER_INSTANT")
        v = self.n.nvmlDeviceGetFieldValues(self.h, [fid])[0]
        if v.nvmlReturn != 0:
            raise RuntimeError("field value error %d" % v.nvmlReturn)
        return v.value.uiVal / 1000.0

    def _reasons(self):
        f = getattr(self.n, "nvmlDeviceGetCurrentClocksEventReasons", None) or \
            self.n.nvmlDeviceGetCurrentClocksThrottleReasons
        return "0x%016x" % f(self.h)

    def read(self):
        n, h = self.n, self.h
        r = {}
        try:
            u = n.nvmlDeviceGetUtilizationRates(h)
            r["util_gpu_pct"], r["util_mem_pct"] = u.gpu, u.memory
        except Exception:  # noqa: BLE001
            r["util_gpu_pct"] = r["util_mem_pct"] = None
        try:
            r["power_w"] = self.power_w()
        except Exception:  # noqa: BLE001
            r["power_w"] = None
        r["power_instant_w"] = self._try("instant", self._instant)
        r["energy_mj"] = self.energy_mj()
        try:
            r["sm_clock_mhz"] = n.nvmlDeviceGetClockInfo(h, n.NVML_CLOCK_SM)
        except Exception:  # noqa: BLE001
            r["sm_clock_mhz"] = None
        r["mem_clock_mhz"] = self._try("mem_clock", lambda: n.nvmlDeviceGetClockInfo(h, n.NVML_CLOCK_MEM))
        r["temp_c"] = self._try("temp", lambda: n.nvmlDeviceGetTemperature(h, n.NVML_TEMPERATURE_GPU))
        r["clocks_event_reasons"] = self._try("reasons", self._reasons)
        return r

    def static(self):
        n, h = self.n, self.h
        out = {}

        def put(key, fn):
            try:
                v = fn()
                out[key] = v.decode() if isinstance(v, bytes) else v
            except Exception as e:  # noqa: BLE001
                out[key] = "error: %r" % (e,)
        put("driver_version", n.nvmlSystemGetDriverVersion)
        put("nvml_version", n.nvmlSystemGetNVMLVersion)
        put("name", lambda: n.nvmlDeviceGetName(h))
        put("power_management_limit_w", lambda: n.nvmlDeviceGetPowerManagementLimit(h) / 1000.0)
        put("power_default_limit_w", lambda: n.nvmlDeviceGetPowerManagementDefaultLimit(h) / 1000.0)
        put("enforced_power_limit_w", lambda: n.nvmlDeviceGetEnforcedPowerLimit(h) / 1000.0)
        put("power_limit_constraints_w", lambda: [x / 1000.0 for x in
                                                  n.nvmlDeviceGetPowerManagementLimitConstraints(h)])
        put("max_sm_clock_mhz", lambda: n.nvmlDeviceGetMaxClockInfo(h, n.NVML_CLOCK_SM))
        put("max_mem_clock_mhz", lambda: n.nvmlDeviceGetMaxClockInfo(h, n.NVML_CLOCK_MEM))
        put("energy_counter_mj_now", lambda: n.nvmlDeviceGetTotalEnergyConsumption(h))
        put("mig_mode", lambda: n.nvmlDeviceGetMigMode(h))
        put("power_instant_supported", lambda: self.ok.get("instant"))
        return out


def open_nvml(fake):
    return FakeNVML() if fake else RealNVML()


NVML_COLUMNS = ["t_s", "unix_s", "util_gpu_pct", "util_mem_pct", "power_w", "power_instant_w",
                "energy_mj", "sm_clock_mhz", "mem_clock_mhz", "temp_c", "clocks_event_reasons"]


def nvml_sampler_main(path, interval, fake):
    """Child process: samples NVML on a fixed schedule until SIGTERM/SIGINT."""
    stop = {"now": False}

    def on_signal(*_):
        stop["now"] = True
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    nv = open_nvml(fake)
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(NVML_COLUMNS)
        f.flush()
        t0 = time.perf_counter()
        k = 0
        while not stop["now"]:
            now = time.perf_counter()
            r = nv.read()
            row = ["%.4f" % (now - t0), "%.3f" % time.time()]
            for c in NVML_COLUMNS[2:]:
                v = r.get(c)
                row.append("" if v is None else ("%.3f" % v if isinstance(v, float) else v))
            w.writerow(row)
            f.flush()
            k += 1
            # A fixed schedule, not sleep(interval) after each poll: no drift.
            nxt = t0 + k * interval
            while not stop["now"]:
                d = nxt - time.perf_counter()
                if d <= 0:
                    break
                time.sleep(min(d, 0.05))


# --------------------------------------------------------------------------
# Loggers around one measured window.

def dcgmi_usable():
    if not shutil.which("dcgmi"):
        return False, "dcgmi not on PATH"
    rc, out = run_cmd(["dcgmi", "discovery", "-l"], timeout=10)
    return rc == 0, "dcgmi discovery -l: rc=%d: %s" % (rc, out.strip()[:500])


class Loggers:
    def __init__(self, work, run, env, dmon_dt, fake):
        self.work, self.run, self.env, self.dmon_dt, self.fake = work, run, env, dmon_dt, fake
        self.procs = []  # (name, Popen, file handle, path, argv)
        self.pumps = []  # pty copy threads (None with stdbuf)
        self.info = {}

    @staticmethod
    def _pump(master, fh):
        while True:
            try:
                b = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                b = b""
            if not b:
                break
            fh.write(b.decode("utf-8", "replace"))
            fh.flush()
        os.close(master)

    def _spawn(self, name, argv, path):
        # A tool writing to a file block-buffers its stdout, and a tool stopped by
        # a signal loses that buffer: line-buffer it with stdbuf, or else give it
        # a pseudo-terminal (raw, so no CR is added) and copy from that.
        use_stdbuf = self.env.get("stdbuf") and not self.env.get("force_pty")
        try:
            fh = open(path, "w")
            if use_stdbuf:
                p = subprocess.Popen(["stdbuf", "-oL"] + argv, stdout=fh, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL)
                pump = None
            else:
                import tty
                master, slave = os.openpty()
                tty.setraw(slave)
                p = subprocess.Popen(argv, stdout=slave, stderr=slave, stdin=subprocess.DEVNULL)
                os.close(slave)
                pump = threading.Thread(target=self._pump, args=(master, fh), daemon=True)
                pump.start()
            self.procs.append((name, p, fh, path, argv))
            CHILDREN.append(p)
            self.pumps.append(pump)
            self.info[name] = {"file": os.path.basename(path), "argv": " ".join(argv),
                               "buffering": "stdbuf -oL" if use_stdbuf else "pty",
                               "started_unix": time.time()}
        except Exception as e:  # noqa: BLE001
            self.info[name] = {"error": repr(e), "argv": " ".join(argv)}
            log("logger %s failed to start: %r" % (name, e))

    def start(self):
        w, r = self.work, self.run
        self._spawn("smi", ["nvidia-smi", "--query-gpu=" + self.env["smi_fields"], "--format=csv",
                            "-lms", str(SMI_INTERVAL_MS)], os.path.join(w, "smi_%s.csv" % r))
        dm = ["nvidia-smi", "dmon", "-s", "pucm"] + (["-o", "DT"] if self.dmon_dt else []) + \
             ["-d", str(DMON_DELAY_S)]
        self._spawn("dmon", dm, os.path.join(w, "dmon_%s.log" % r))
        sampler = [sys.executable, os.path.abspath(__file__), "--nvml-sampler",
                   os.path.join(w, "nvml_%s.csv" % r), "--interval", str(NVML_INTERVAL_S)]
        if self.fake:
            sampler.append("--dry-run")
        # The sampler writes its own file; its stdout (errors) goes beside it.
        self._spawn("nvml", sampler, os.path.join(w, "nvml_%s.stderr" % r))
        self.info["nvml"]["file"] = "nvml_%s.csv" % r
        if self.env.get("dcgmi_ok"):
            self._spawn("dcgm", ["dcgmi", "dmon", "-i", "0", "-e", DCGM_FIELDS, "-d", str(DCGM_DELAY_MS)],
                        os.path.join(w, "dcgm_%s.log" % r))

    def wait_ready(self, timeout_s):
        """Until every logger wrote a data row (or timeout): the window starts after."""
        t_end = time.perf_counter() + timeout_s
        pending = {"smi": 2, "nvml": 2, "dmon": 3, "dcgm": 3}  # lines that mean "a data row"
        while time.perf_counter() < t_end:
            waiting = []
            for name, p, fh, path, argv in self.procs:
                fpath = os.path.join(self.work, self.info[name]["file"])
                try:
                    with open(fpath) as f:
                        n = sum(1 for _ in f)
                except OSError:
                    n = 0
                if n < pending.get(name, 1) and p.poll() is None:
                    waiting.append(name)
            if not waiting:
                return []
            time.sleep(0.05)
        return waiting

    def stop(self):
        with critical():
            self._stop()

    def _stop(self):
        for sig, grace in ((signal.SIGINT, 1.5), (signal.SIGTERM, 1.5), (signal.SIGKILL, 2.0)):
            alive = [x for x in self.procs if x[1].poll() is None]
            if not alive:
                break
            for name, p, *_ in alive:
                try:
                    p.send_signal(sig)
                except Exception:  # noqa: BLE001
                    pass
            t_end = time.perf_counter() + grace
            while time.perf_counter() < t_end and any(x[1].poll() is None for x in alive):
                time.sleep(0.05)
            for name, p, *_ in alive:
                if p.poll() is not None:
                    self.info[name].setdefault("stopped_by", signal.Signals(sig).name)
        for pump in self.pumps:
            if pump is not None:
                pump.join(timeout=2.0)
        for name, p, fh, path, argv in self.procs:
            self.info[name]["returncode"] = p.poll()
            self.info[name]["stopped_unix"] = time.time()
            try:
                fh.close()
            except Exception:  # noqa: BLE001
                pass
        # An empty stderr file of the sampler is noise.
        err = os.path.join(self.work, "nvml_%s.stderr" % self.run)
        if os.path.exists(err) and os.path.getsize(err) == 0:
            os.remove(err)


# --------------------------------------------------------------------------
# Log summaries (the same numbers the C++ audit should be checked against).

def summarise(values):
    xs = sorted(v for v in values if v is not None and not (isinstance(v, float) and math.isnan(v)))
    n = len(xs)
    if n == 0:
        return {"n": 0}

    def q(p):  # order statistic at int(p*(n-1)), as the H100 probe did
        return xs[int(p * (n - 1))]
    return {"n": n, "mean": sum(xs) / n, "median": q(0.5), "p10": q(0.1), "p90": q(0.9),
            "min": xs[0], "max": xs[-1]}


def num(text):
    t = text.strip()
    for unit in (" %", " W", " MHz", " MiB", " C"):
        if t.endswith(unit):
            t = t[: -len(unit)]
    try:
        return float(t)
    except ValueError:
        return None


def parse_smi_time(text):
    try:
        dt = datetime.datetime.strptime(text.strip(), "%Y/%m/%d %H:%M:%S.%f")
        return time.mktime(dt.timetuple()) + dt.microsecond / 1e6
    except ValueError:
        return None


def summarise_smi(path, w0, w1):
    rows, header = [], None
    with open(path, newline="") as f:
        for rec in csv.reader(f):
            if not rec:
                continue
            if header is None:
                header = [h.strip() for h in rec]
                continue
            if len(rec) != len(header):
                continue
            rows.append(rec)
    if not header:
        return {"rows": 0}
    ti = header.index("timestamp") if "timestamp" in header else None
    inside = []
    times = []
    for rec in rows:
        t = parse_smi_time(rec[ti]) if ti is not None else None
        times.append(t)
        if t is not None and w0 <= t <= w1:
            inside.append(rec)
    out = {"rows": len(rows), "rows_in_window": len(inside),
           "first_time": rows[0][ti].strip() if rows and ti is not None else None,
           "last_time": rows[-1][ti].strip() if rows and ti is not None else None}
    good = [t for t in times if t is not None]
    if len(good) > 1:
        d = sorted(b - a for a, b in zip(good, good[1:]))
        out["interval_s_median"] = d[len(d) // 2]
        out["interval_s_max"] = d[-1]
    cols = {}
    for i, h in enumerate(header):
        if h in ("timestamp", "name", "index"):
            continue
        cols[h] = summarise([num(r[i]) for r in inside])
    out["in_window"] = cols
    return out


def summarise_nvml(path, w0, w1):
    with open(path, newline="") as f:
        recs = list(csv.DictReader(f))
    if not recs:
        return {"rows": 0}

    def fl(r, k):
        v = r.get(k)
        try:
            return float(v) if v not in (None, "") else None
        except ValueError:
            return None
    inside = [r for r in recs if fl(r, "unix_s") is not None and w0 <= fl(r, "unix_s") <= w1]
    out = {"rows": len(recs), "rows_in_window": len(inside)}
    ts = [fl(r, "t_s") for r in recs]
    if len(ts) > 1:
        d = sorted(b - a for a, b in zip(ts, ts[1:]))
        out["interval_s_median"], out["interval_s_max"] = d[len(d) // 2], d[-1]
    out["in_window"] = {c: summarise([fl(r, c) for r in inside])
                        for c in NVML_COLUMNS[2:] if c not in ("energy_mj", "clocks_event_reasons")}
    # Energy from integrating power (left Riemann sum over in-window samples),
    # to set beside the counter difference.
    pw = [(fl(r, "unix_s"), fl(r, "power_w")) for r in inside]
    pw = [x for x in pw if x[0] is not None and x[1] is not None]
    if len(pw) > 1:
        out["energy_j_power_integral"] = sum(p * (b[0] - a[0]) for a, b in zip(pw, pw[1:]) for p in [a[1]])
    reasons = {}
    for r in inside:
        v = r.get("clocks_event_reasons") or ""
        if v:
            reasons[v] = reasons.get(v, 0) + 1
    out["clocks_event_reasons_counts"] = reasons
    return out


def summarise_dmon(path, w0, w1):
    names, rows, headers = None, [], 0
    with open(path) as f:
        for line in f:
            s = line.strip()
            if not s:
                continue
            if s.startswith("#"):
                headers += 1
                toks = s.lstrip("#").split()
                if names is None and toks:
                    names = toks
                continue
            rows.append(s.split())
    out = {"rows": len(rows), "header_lines": headers, "columns": names}
    if not names:
        return out
    dated = len(names) > 1 and names[0].lower() == "date" and names[1].lower() == "time"
    inside = rows
    if dated:
        def t_of(r):
            try:
                dt = datetime.datetime.strptime(r[0] + " " + r[1], "%Y%m%d %H:%M:%S")
                return time.mktime(dt.timetuple())
            except (ValueError, IndexError):
                return None
        # dmon stamps whole seconds: keep rows within the window widened by 1 s.
        inside = [r for r in rows if t_of(r) is not None and w0 - 1 <= t_of(r) <= w1 + 1]
    out["rows_in_window"] = len(inside) if dated else None
    cols = {}
    for i, h in enumerate(names):
        if h.lower() in ("date", "time", "gpu"):
            continue
        cols[h] = summarise([num(r[i]) if i < len(r) and r[i] != "-" else None for r in inside])
    out["summary_rows"] = "in window (by Date/Time)" if dated else "all rows (no timestamps)"
    out["columns_summary"] = cols
    return out


def summarise_logs(work, run, info, w0, w1):
    res = {}
    for name, fn in (("smi", summarise_smi), ("nvml", summarise_nvml), ("dmon", summarise_dmon),
                     ("dcgm", summarise_dmon)):
        if name not in info or "file" not in info[name]:
            continue
        path = os.path.join(work, info[name]["file"])
        entry = dict(info[name])
        try:
            entry["bytes"] = os.path.getsize(path)
            entry.update(fn(path, w0, w1))
        except Exception as e:  # noqa: BLE001
            entry["summary_error"] = repr(e)
        res[name] = entry
    return res


# --------------------------------------------------------------------------
# Packaging: after every run, so that whatever finished comes back.

def package(work, out):
    with critical():
        _package(work, out)


def _package(work, out):
    try:
        tmp = os.path.join(out, ".h200-probe.tar.gz.tmp")
        with tarfile.open(tmp, "w:gz") as tf:
            tf.add(work, arcname="h200-probe")
        os.replace(tmp, os.path.join(out, "h200-probe.tar.gz"))
        for name in ("results.jsonl", "env.json", "probe.log"):
            src = os.path.join(work, name)
            if os.path.exists(src):
                shutil.copyfile(src, os.path.join(out, name))
    except Exception as e:  # noqa: BLE001
        print("packaging failed: %r" % (e,), flush=True)


def write_json(path, obj):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(obj, f, indent=2, sort_keys=True, default=str)
        f.write("\n")
    os.replace(tmp, path)


def append_result(work, rec):
    with open(os.path.join(work, "results.jsonl"), "a") as f:
        f.write(json.dumps(rec, sort_keys=True, default=str) + "\n")


# --------------------------------------------------------------------------
# The model (torch imported lazily, so the rest is testable without it).

def build_model_classes(torch):
    import torch.utils.checkpoint  # noqa: F401 - not loaded by "import torch" alone
    nn, F = torch.nn, torch.nn.functional
    sdpa = getattr(F, "scaled_dot_product_attention", None)

    def attention(q, k, v):
        if sdpa is not None:
            return sdpa(q, k, v, is_causal=True)
        # Only for old CPU torch in --dry-run.
        T = q.shape[-2]
        s = (q @ k.transpose(-1, -2)) / math.sqrt(q.shape[-1])
        mask = torch.ones(T, T, dtype=torch.bool, device=q.device).triu(1)
        return s.masked_fill(mask, float("-inf")).softmax(-1) @ v

    class Block(nn.Module):
        def __init__(self, d, h, ffn):
            super().__init__()
            self.h = h
            self.ln1 = nn.LayerNorm(d)
            self.qkv = nn.Linear(d, 3 * d, bias=False)
            self.proj = nn.Linear(d, d, bias=False)
            self.ln2 = nn.LayerNorm(d)
            self.fc1 = nn.Linear(d, ffn, bias=False)
            self.fc2 = nn.Linear(ffn, d, bias=False)

        def forward(self, x):
            B, T, C = x.shape
            q, k, v = self.qkv(self.ln1(x)).view(B, T, 3, self.h, C // self.h).permute(2, 0, 3, 1, 4)
            y = attention(q, k, v).transpose(1, 2).reshape(B, T, C)
            x = x + self.proj(y)
            return x + self.fc2(F.gelu(self.fc1(self.ln2(x)), approximate="tanh"))

    class GPT(nn.Module):
        def __init__(self, cfg):
            super().__init__()
            d = cfg["d_model"]
            self.emb = nn.Embedding(cfg["vocab"], d)
            self.blocks = nn.ModuleList(Block(d, cfg["n_heads"], cfg["ffn"]) for _ in range(cfg["n_layers"]))
            self.ln_f = nn.LayerNorm(d)
            self.head = nn.Linear(d, cfg["vocab"], bias=False)  # untied

        def forward(self, idx, ckpt=False):
            x = self.emb(idx)
            for b in self.blocks:
                if ckpt:
                    x = torch.utils.checkpoint.checkpoint(b, x, use_reentrant=False)
                else:
                    x = b(x)
            return self.head(self.ln_f(x))

    return GPT


def model_counts(model, cfg, torch):
    nn = torch.nn
    n_matmul = sum(m.weight.numel() for m in model.modules() if isinstance(m, nn.Linear))
    n_total = sum(p.numel() for p in model.parameters())
    n_emb = model.emb.weight.numel()
    d, L, ffn, V = cfg["d_model"], cfg["n_layers"], cfg["ffn"], cfg["vocab"]
    formula = L * (4 * d * d + 2 * d * ffn) + d * V
    if formula != n_matmul:
        raise RuntimeError("matmul parameter count %d != formula %d" % (n_matmul, formula))
    return {"total": n_total, "matmul": n_matmul, "embedding": n_emb,
            "other": n_total - n_matmul - n_emb,
            "matmul_formula": "n_layers*(4*d^2 + 2*d*ffn) + d*vocab"}


def flops_per_token(cfg, n_matmul, seq):
    L, d = cfg["n_layers"], cfg["d_model"]
    attn = 12 * L * d * seq  # PaLM (Chowdhery et al. 2022, App. B): 12 * L * H * Q * T, H*Q = d
    return {"model_flops_per_token": 6 * n_matmul + attn,
            "model_flops_per_token_causal_half": 6 * n_matmul + attn // 2,
            "model_flops_per_token_6n": 6 * n_matmul,
            "attention_flops_per_token": attn}


class Trainer:
    def __init__(self, torch, cfg, device, fake):
        self.torch, self.cfg, self.device, self.fake = torch, cfg, device, fake
        GPT = build_model_classes(torch)
        if device == "cuda":
            with torch.device("cuda"):  # initialise on the GPU: CPU init of 1B params is slow
                self.model = GPT(cfg)
        else:
            self.model = GPT(cfg).to(device)
        self.counts = model_counts(self.model, cfg, torch)
        try:
            self.opt = torch.optim.AdamW(self.model.parameters(), lr=1e-4, fused=(device == "cuda"))
            self.fused = device == "cuda"
        except (TypeError, RuntimeError):
            self.opt = torch.optim.AdamW(self.model.parameters(), lr=1e-4)
            self.fused = False
        self.batches = {}
        self.last_loss = None
        self.flop_ops = None

    def data(self, batch, seq, k):
        key = (batch, seq)
        if key not in self.batches:
            self.batches = {}  # free the previous shape's tokens
            g = self.torch.Generator(device=self.device).manual_seed(1234)
            self.batches[key] = [self.torch.randint(0, self.cfg["vocab"], (batch, seq + 1), device=self.device,
                                                    generator=g) for _ in range(4)]
        return self.batches[key][k % 4]

    def sync(self):
        if self.device == "cuda":
            self.torch.cuda.synchronize()

    def step(self, batch, seq, ckpt, k=0):
        torch = self.torch
        tok = self.data(batch, seq, k)
        x, y = tok[:, :-1], tok[:, 1:]
        with torch.autocast(self.device, dtype=torch.bfloat16):
            logits = self.model(x, ckpt)
            loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
        loss.backward()
        self.opt.step()
        self.opt.zero_grad(set_to_none=True)
        self.last_loss = loss.detach()
        return loss

    def count_flops(self, batch, seq, ckpt):
        self.flop_ops = None
        try:
            from torch.utils.flop_counter import FlopCounterMode
        except ImportError:
            return None, "torch.utils.flop_counter unavailable"
        try:
            with FlopCounterMode(display=False) as fc:
                self.step(batch, seq, ckpt)
            self.sync()
            try:  # which kernels carried the FLOP (the SDPA backend shows here)
                glob = fc.get_flop_counts().get("Global", {})
                self.flop_ops = {str(k): int(v) for k, v in glob.items()}
            except Exception:  # noqa: BLE001
                self.flop_ops = None
            return int(fc.get_total_flops()), None
        except Exception as e:  # noqa: BLE001
            if "out of memory" in str(e).lower():
                raise
            return None, repr(e)


# --------------------------------------------------------------------------
# The probe.

class Probe:
    def __init__(self, args):
        self.args = args
        self.fake = args.dry_run
        self.work = args.work
        self.out = args.out
        self.budget_s = args.budget_s
        self.env = {}
        self.torch = None
        self.nvml = None
        self.trainers = {}
        self.batch_override = {}  # (model, requested batch) -> batch that fitted
        self.gemm_rate = None
        self.scale = 1.0 if not self.fake else args.dry_scale

    def remaining(self):
        return self.budget_s - (time.perf_counter() - T_START)

    def energy_mj(self):
        try:
            return self.nvml.energy_mj() if self.nvml else None
        except Exception:  # noqa: BLE001
            return None

    # ---- environment
    def collect_env(self):
        e = self.env
        e["probe_script_sha256"] = hashlib.sha256(open(os.path.abspath(__file__), "rb").read()).hexdigest()
        e["started_utc"] = utc_iso(time.time())
        e["timezone"] = time.strftime("%Z %z")
        e["dry_run"] = self.fake
        e["python"] = sys.version
        e["platform"] = {"uname": " ".join(os.uname()), "cpus": os.cpu_count()}
        try:
            e["platform"]["proc_version"] = open("/proc/version").read().strip()
        except OSError:
            pass
        e["stdbuf"] = bool(shutil.which("stdbuf"))
        e["force_pty"] = bool(self.args.force_pty)
        e["peak_bf16_dense_flop_per_s"] = PEAK_BF16_DENSE
        e["peak_source"] = PEAK_SOURCE
        e["smi_fields_requested"] = SMI_FIELDS
        rc, outp = run_cmd(["nvidia-smi", "--query-gpu=" + SMI_FIELDS, "--format=csv"])
        if rc == 0:
            e["smi_fields"] = SMI_FIELDS
        else:  # keep the fields this driver accepts, in order
            ok = [f for f in SMI_FIELDS.split(",") if run_cmd(["nvidia-smi", "--query-gpu=" + f,
                                                                "--format=csv"])[0] == 0]
            e["smi_fields"] = ",".join(ok)
            e["smi_fields_error"] = outp.strip()[:500]
        e["smi_static_query"] = {}
        for f in ("name", "driver_version", "vbios_version", "pci.bus_id", "memory.total",
                  "power.limit", "power.default_limit", "power.min_limit", "power.max_limit",
                  "enforced.power.limit", "clocks.max.sm", "clocks.max.mem", "clocks.applications.graphics",
                  "persistence_mode", "compute_mode", "mig.mode.current", "clocks_event_reasons.active"):
            rc, o = run_cmd(["nvidia-smi", "--query-gpu=" + f, "--format=csv,noheader"])
            e["smi_static_query"][f] = o.strip() if rc == 0 else "error rc=%d: %s" % (rc, o.strip()[:200])
        log("env: nvidia-smi queries done")
        rc, o = run_cmd(["nvidia-smi", "-q"], timeout=30)
        with open(os.path.join(self.work, "nvidia_smi_q.txt"), "w") as f:
            f.write(o)
        rc, o = run_cmd(["nvidia-smi"], timeout=30)
        with open(os.path.join(self.work, "nvidia_smi.txt"), "w") as f:
            f.write(o)
        ok, why = dcgmi_usable()
        e["dcgmi_ok"], e["dcgmi"] = ok, why
        e["ncu"] = shutil.which("ncu")
        try:
            self.nvml = open_nvml(self.fake)
            e["nvml"] = self.nvml.static()
        except Exception as ex:  # noqa: BLE001
            e["nvml"] = {"error": repr(ex)}
            log("NVML unavailable in the main process: %r" % (ex,))
        log("env: dcgmi and NVML checked (dcgmi usable: %s)" % ok)
        try:
            import torch
            self.torch = torch
            e["torch"] = torch.__version__
            e["torch_cuda"] = getattr(torch.version, "cuda", None)
            if torch.cuda.is_available():
                p = torch.cuda.get_device_properties(0)
                e["cuda_device"] = {"name": p.name, "capability": "%d.%d" % (p.major, p.minor),
                                    "multi_processor_count": p.multi_processor_count,
                                    "total_memory_bytes": p.total_memory,
                                    "l2_cache_bytes": getattr(p, "L2_cache_size", None)}
                e["cudnn"] = torch.backends.cudnn.version()
        except Exception as ex:  # noqa: BLE001
            e["torch_error"] = repr(ex)
            log("torch unavailable: %r" % (ex,))
        log("env: torch %s imported" % e.get("torch"))
        write_json(os.path.join(self.work, "env.json"), e)

    # ---- one measured window, loggers around it
    def window(self, run, dmon_dt, body):
        """Loggers start, the window [t0, t1] runs body(), loggers stop. Returns the record."""
        lg = Loggers(self.work, run, self.env, dmon_dt, self.fake)
        rec = {"run": run}
        snap = None
        try:
            lg.start()
            waiting = lg.wait_ready(6.0 if not self.fake else 3.0)
            if waiting:
                log("%s: loggers not ready after the wait: %s" % (run, waiting))
                rec["loggers_not_ready"] = waiting
            if self.torch is not None and self.device == "cuda":
                self.torch.cuda.synchronize()
            e0 = self.energy_mj()
            w0, t0 = time.time(), time.perf_counter()
            snap = threading.Timer(max(1.0, body.expected_s / 2), self.perf_snapshot, args=(run,))
            snap.daemon = True
            snap.start()
            details = body.run(t0)
            t1, w1 = time.perf_counter(), time.time()
            e1 = self.energy_mj()
            rec.update(details)
            rec["elapsed_s"] = t1 - t0
            rec["window_start_unix"], rec["window_end_unix"] = w0, w1
            rec["window_start_utc"], rec["window_end_utc"] = utc_iso(w0), utc_iso(w1)
            rec["window_start_local"], rec["window_end_local"] = local_stamp(w0), local_stamp(w1)
            if e0 is not None and e1 is not None:
                rec["energy_j"] = (e1 - e0) / 1000.0
                rec["mean_power_w_from_energy"] = rec["energy_j"] / rec["elapsed_s"]
            else:
                rec["energy_j"] = None
        finally:
            if snap:
                snap.cancel()
            lg.stop()
        if "window_start_unix" in rec:
            rec["logs"] = summarise_logs(self.work, run, lg.info, rec["window_start_unix"],
                                         rec["window_end_unix"])
        else:
            rec["logs"] = lg.info
        return rec

    def perf_snapshot(self, run):
        rc, o = run_cmd(["nvidia-smi", "-q", "-d", "PERFORMANCE,POWER,CLOCK"], timeout=20)
        try:
            with open(os.path.join(self.work, "smi_q_perf_%s.txt" % run), "w") as f:
                f.write("# taken at %s (unix %.3f), mid-window\n" % (utc_iso(time.time()), time.time()))
                f.write(o)
        except OSError:
            pass

    # ---- baseline: idle, then a GEMM at full tensor load
    def baseline(self):
        torch = self.torch
        n = 8192 if not self.fake else 256
        idle_s, gemm_s = 5.0 * self.scale, 6.0 * self.scale
        dev = self.device

        class Body:
            expected_s = idle_s + gemm_s

            def run(self_, t0):
                a = torch.randn(n, n, device=dev, dtype=torch.bfloat16)
                b = torch.randn(n, n, device=dev, dtype=torch.bfloat16)
                for _ in range(3):
                    (a @ b)
                if dev == "cuda":
                    torch.cuda.synchronize()
                g_wait = t0 + idle_s - time.perf_counter()
                if g_wait > 0:
                    time.sleep(g_wait)
                g0 = time.perf_counter()
                k = 0
                while time.perf_counter() - g0 < gemm_s:
                    for _ in range(10):
                        a @ b
                    k += 10
                    if dev == "cuda":
                        torch.cuda.synchronize()
                g1 = time.perf_counter()
                flop = k * 2 * n ** 3
                return {"kind": "baseline", "gemm_n": n, "gemm_count": k, "gemm_flop": flop,
                        "idle_start_offset_s": 0.0, "gemm_start_offset_s": g0 - t0,
                        "gemm_end_offset_s": g1 - t0, "gemm_flop_per_s": flop / (g1 - g0),
                        "true_model_flop": flop,
                        "description": "%.0f s idle (CUDA context live), then %.0f s of %dx%dx%d bf16 "
                                       "matmuls (torch.randn operands), synchronised every 10" %
                                       (idle_s, gemm_s, n, n, n)}
        rec = self.window("baseline", True, Body())
        self.gemm_rate = rec.get("gemm_flop_per_s")
        self.env["measured_gemm_bf16_flop_per_s"] = self.gemm_rate
        self.env["measured_gemm_note"] = "8192^3 bf16 torch.matmul on randn data, mean over the baseline's GEMM phase"
        write_json(os.path.join(self.work, "env.json"), self.env)
        return rec

    # ---- training runs
    def trainer(self, key, cfg):
        if key not in self.trainers:
            t = time.perf_counter()
            self.trainers[key] = Trainer(self.torch, cfg, self.device, self.fake)
            log("built model %s: %s params (%s matmul) in %.1fs" % (
                key, self.trainers[key].counts["total"], self.trainers[key].counts["matmul"],
                time.perf_counter() - t))
        return self.trainers[key]

    def train_run(self, spec):
        torch = self.torch
        tr = self.trainer(spec["model"], spec["cfg"])
        cfg = dict(spec["cfg"])
        seq, ckpt = cfg["seq"], spec.get("ckpt", False)
        batch = self.batch_override.get((spec["model"], spec["batch"]), spec["batch"])
        # FLOP counter step first (also the first warm-up step); on OOM halve the batch.
        for attempt in range(3):
            try:
                exe, exe_err = tr.count_flops(batch, seq, ckpt)
                for k in range(spec.get("warm_steps", 2)):
                    tr.step(batch, seq, ckpt, k)
                tr.sync()
                break
            except Exception as e:  # noqa: BLE001
                oom = "out of memory" in str(e).lower()
                if not oom or attempt == 2:
                    raise
                log("%s: OOM at batch %d, halving" % (spec["run"], batch))
                tr.opt.zero_grad(set_to_none=True)
                if self.device == "cuda":
                    torch.cuda.empty_cache()
                batch //= 2
        self.batch_override[(spec["model"], spec["batch"])] = batch
        # Warm-up to a steady state (outside the window); time synchronised steps.
        w_end = time.perf_counter() + spec.get("warm_s", 3.0) * self.scale
        step_times = []
        k = 0
        while time.perf_counter() < w_end or k < 2:
            s0 = time.perf_counter()
            tr.step(batch, seq, ckpt, k)
            tr.sync()
            step_times.append(time.perf_counter() - s0)
            k += 1
        step_s = sorted(step_times[-5:])[len(step_times[-5:]) // 2]
        stall_s = spec.get("stall_factor", 0) * step_s
        window_s = spec["window_s"] * self.scale
        idle_s = spec.get("idle_s", 0) * self.scale
        log("%s: batch %d, warm-up %d steps, step %.3f s (median of last 5), window %.0f s" % (
            spec["run"], batch, k, step_s, window_s + 2 * idle_s))

        class Body:
            expected_s = window_s + 2 * idle_s

            def run(self_, t0):
                d = {}
                if idle_s:
                    time.sleep(idle_s)
                    tr.sync()
                tt0 = time.perf_counter()
                steps, busy = 0, 0.0
                while time.perf_counter() - tt0 < window_s:
                    s0 = time.perf_counter()
                    tr.step(batch, seq, ckpt, steps)
                    steps += 1
                    if stall_s:
                        tr.sync()  # the GPU drains, then waits for "data"
                        busy += time.perf_counter() - s0
                        time.sleep(stall_s)
                tr.sync()
                tt1 = time.perf_counter()
                if idle_s:
                    time.sleep(idle_s)
                    d["train_start_offset_s"], d["train_end_offset_s"] = tt0 - t0, tt1 - t0
                d["steps"] = steps
                if stall_s:
                    d["stall_s_per_step"] = stall_s
                    d["busy_s_synchronised_steps"] = busy
                return d

        rec = self.window(spec["run"], spec["dmon_dt"], Body())
        steps = rec["steps"]
        tokens = steps * batch * seq
        fpt = flops_per_token(cfg, tr.counts["matmul"], seq)
        rec.update({
            "kind": "train", "description": spec["description"], "model": spec["model"],
            "config": dict(cfg, batch=batch, ckpt=ckpt, batch_requested=spec["batch"],
                           stall_factor=spec.get("stall_factor", 0), idle_s=idle_s,
                           optimizer="AdamW lr 1e-4" + (" fused" if tr.fused else ""),
                           autocast="bf16", attention="SDPA causal", compiled=False,
                           dmon_option_o_DT=spec["dmon_dt"]),
            "params": tr.counts, "tokens": tokens, "tokens_per_step": batch * seq,
            "warmup_steps": k, "warmup_step_s_median": step_s,
            "executed_flops_per_step": exe, "executed_flops_error": exe_err,
            "executed_flops_per_step_by_op": tr.flop_ops,
            "executed_flops_per_token": exe / (batch * seq) if exe else None,
            "peak_flops": PEAK_BF16_DENSE,
            "loss_last": float(tr.last_loss) if tr.last_loss is not None else None,
        })
        rec.update(fpt)
        rec["true_model_flop"] = tokens * fpt["model_flops_per_token"]
        rec["true_model_flop_causal_half"] = tokens * fpt["model_flops_per_token_causal_half"]
        rec["true_model_flop_6n"] = tokens * fpt["model_flops_per_token_6n"]
        rec["executed_flop"] = steps * exe if exe else None
        el = rec["elapsed_s"]
        rec["tokens_per_s"] = tokens / el
        rec["mfu"] = rec["true_model_flop"] / (el * PEAK_BF16_DENSE)
        rec["mfu_causal_half"] = rec["true_model_flop_causal_half"] / (el * PEAK_BF16_DENSE)
        rec["hfu"] = rec["executed_flop"] / (el * PEAK_BF16_DENSE) if exe else None
        if self.gemm_rate:
            rec["mfu_vs_measured_gemm"] = rec["true_model_flop"] / (el * self.gemm_rate)
        if rec.get("energy_j"):
            rec["joules_per_model_flop"] = rec["energy_j"] / rec["true_model_flop"]
        return rec

    def plan(self):
        big = {"d_model": 2048, "n_layers": 16, "n_heads": 16, "ffn": 8192, "vocab": 32768, "seq": 2048}
        small = {"d_model": 768, "n_layers": 8, "n_heads": 12, "ffn": 3072, "vocab": 32768, "seq": 1024}
        if self.fake:
            big = {"d_model": 64, "n_layers": 2, "n_heads": 4, "ffn": 256, "vocab": 512, "seq": 64}
            small = {"d_model": 32, "n_layers": 1, "n_heads": 2, "ffn": 128, "vocab": 256, "seq": 32}
        big_b = 16 if not self.fake else 4
        return [
            {"run": "big_b16", "model": "big", "cfg": big, "batch": big_b, "window_s": 50, "warm_s": 6,
             "warm_steps": 3, "dmon_dt": True,
             "description": "well fed: ~0.94B-parameter model, batch 16 x 2048 tokens, steps back to back"},
            {"run": "big_b16_stall", "model": "big", "cfg": big, "batch": big_b, "window_s": 50,
             "stall_factor": 3.0, "dmon_dt": False,
             "description": "as big_b16, but after each step the GPU is drained (synchronise) and the host "
                            "sleeps 3 step-times: data-loading stalls, GPU busy ~25%"},
            {"run": "big_b16_idle", "model": "big", "cfg": big, "batch": big_b, "window_s": 30, "idle_s": 15,
             "dmon_dt": False,
             "description": "as big_b16, padded: 15 s idle, 30 s of training, 15 s idle, all in the window"},
            {"run": "big_b1", "model": "big", "cfg": big, "batch": 1, "window_s": 45, "dmon_dt": True,
             "description": "same model, batch 1 x 2048 tokens: small kernels, launch-bound"},
            {"run": "small_b16", "model": "small", "cfg": small, "batch": 16, "window_s": 45, "warm_s": 4,
             "dmon_dt": True,
             "description": "small model (~82M matmul params), batch 16 x 1024 tokens"},
            {"run": "big_b16_ckpt", "model": "big", "cfg": big, "batch": big_b, "window_s": 45, "ckpt": True,
             "dmon_dt": False,
             "description": "as big_b16 with every block under torch.utils.checkpoint (recomputed in backward)"},
        ]

    def main(self):
        log("probe start: work=%s out=%s budget=%.0fs dry_run=%s" % (self.work, self.out, self.budget_s, self.fake))
        self.collect_env()
        package(self.work, self.out)
        if self.torch is None:
            log("no torch: nothing to run")
            append_result(self.work, {"run": "all", "error": self.env.get("torch_error")})
            return
        self.device = "cuda" if (not self.fake and self.torch.cuda.is_available()) else "cpu"
        if self.device != "cuda" and not self.fake:
            log("CUDA not available: stopping")
            append_result(self.work, {"run": "all", "error": "CUDA not available"})
            return
        try:
            rec = self.baseline()
        except Exception as e:  # noqa: BLE001
            rec = {"run": "baseline", "error": repr(e), "traceback": traceback.format_exc()}
        append_result(self.work, rec)
        log("baseline: %s" % json.dumps({k: rec.get(k) for k in ("gemm_flop_per_s", "energy_j", "error")}))
        package(self.work, self.out)
        for spec in self.plan():
            overhead = (20.0 if not self.fake else 2.0) + (10.0 if spec["model"] not in self.trainers else 0)
            full = spec["window_s"] * self.scale + 2 * spec.get("idle_s", 0) * self.scale
            left = self.remaining() - overhead
            if left < full:
                shrink = left - 2 * spec.get("idle_s", 0) * self.scale
                if shrink < 20 * self.scale:
                    log("%s: skipped, %.0f s left of the budget" % (spec["run"], self.remaining()))
                    append_result(self.work, {"run": spec["run"], "skipped": "time budget"})
                    continue
                log("%s: window shortened from %.0f to %.0f s to fit the budget" % (
                    spec["run"], spec["window_s"] * self.scale, shrink))
                spec = dict(spec, window_s=shrink / self.scale)
            try:
                rec = self.train_run(spec)
                log("%s: %d steps in %.2f s, MFU %.3f, HFU %s, energy %s J, true model FLOP %.4e" % (
                    spec["run"], rec["steps"], rec["elapsed_s"], rec["mfu"],
                    "%.3f" % rec["hfu"] if rec.get("hfu") else None, rec.get("energy_j"),
                    rec["true_model_flop"]))
            except BaseException as e:  # noqa: BLE001 - SystemExit from SIGTERM too: record, then re-raise
                rec = {"run": spec["run"], "error": repr(e), "traceback": traceback.format_exc()}
                log("%s failed: %r" % (spec["run"], e))
                append_result(self.work, rec)
                package(self.work, self.out)
                if not isinstance(e, Exception):
                    raise
                if self.device == "cuda":
                    try:
                        self.torch.cuda.empty_cache()
                    except Exception:  # noqa: BLE001
                        pass
                continue
            append_result(self.work, rec)
            package(self.work, self.out)
        log("probe done in %.1f s" % (time.perf_counter() - T_START))


# --------------------------------------------------------------------------
# --dry-run: a fake nvidia-smi on PATH.

FAKE_SMI = r'''#!/usr/bin/env python3
import sys, time, signal
signal.signal(signal.SIGINT, lambda *a: sys.exit(0))
signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
a = sys.argv[1:]
def stamp():
    t = time.time(); return time.strftime("%Y/%m/%d %H:%M:%S", time.localtime(t)) + ".%03d" % int((t % 1) * 1000)
vals = {"timestamp": stamp, "index": lambda: "0", "name": lambda: "NVIDIA H200",
        "utilization.gpu": lambda: "100 %", "utilization.memory": lambda: "40 %",
        "power.draw": lambda: "612.31 W", "power.limit": lambda: "700.00 W",
        "clocks.sm": lambda: "1980 MHz", "temperature.gpu": lambda: "45",
        "driver_version": lambda: "0.0.fake", "memory.total": lambda: "143771 MiB"}
units = {"utilization.gpu": " [%]", "utilization.memory": " [%]", "power.draw": " [W]",
         "power.limit": " [W]", "clocks.sm": " [MHz]", "memory.total": " [MiB]"}
if a and a[0] == "dmon":
    dt = "-o" in a
    hdr = "# gpu    pwr  gtemp  mtemp     sm    mem    enc    dec    jpg    ofa   mclk   pclk     fb   bar1   ccpm"
    un = "# Idx      W      C      C      %      %      %      %      %      %    MHz    MHz     MB     MB     MB"
    if dt:
        hdr = "#Date       Time        " + hdr[1:]; un = "#YYYYMMDD   HH:MM:SS    " + un[1:]
    k = 0
    while True:
        if k % 5 == 0:
            print(hdr); print(un)
        pre = time.strftime("%Y%m%d   %H:%M:%S    ") if dt else "    "
        print(pre + "  0    612     45     50    100     40      0      0      -      -   3201   1980  90000      5      0", flush=True)
        k += 1; time.sleep(1)
q = [x for x in a if x.startswith("--query-gpu=")]
if q:
    fields = q[0].split("=", 1)[1].split(",")
    bad = [f for f in fields if f not in vals]
    if bad:
        print('Field "%s" is not a valid field to query.' % bad[0]); sys.exit(2)
    noheader = any("noheader" in x for x in a)
    loop = a[a.index("-lms") + 1] if "-lms" in a else None
    if not noheader:
        print(", ".join(f + units.get(f, "") for f in fields))
    while True:
        print(", ".join(vals[f]() for f in fields), flush=True)
        if loop is None: break
        time.sleep(int(loop) / 1000.0)
    sys.exit(0)
print("fake nvidia-smi output for " + " ".join(a))
'''


def setup_fake_path(work):
    d = os.path.join(work, "..", "fake-bin")
    os.makedirs(d, exist_ok=True)
    p = os.path.join(d, "nvidia-smi")
    with open(p, "w") as f:
        f.write(FAKE_SMI)
    os.chmod(p, 0o755)
    os.environ["PATH"] = os.path.abspath(d) + os.pathsep + os.environ["PATH"]


def main():
    global LOG_FILE
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", help="folder that receives h200-probe.tar.gz, results.jsonl, env.json, probe.log")
    ap.add_argument("--work", help="scratch folder for the logs (default: a fresh one under /tmp)")
    ap.add_argument("--budget-s", type=float, default=470.0, help="whole-probe time budget, seconds")
    ap.add_argument("--dry-run", action="store_true", help="CPU model, fake nvidia-smi and NVML")
    ap.add_argument("--dry-scale", type=float, default=0.08, help="time scale of --dry-run windows")
    ap.add_argument("--force-pty", action="store_true", help="capture loggers through a pty, not stdbuf")
    ap.add_argument("--nvml-sampler", metavar="CSV", help=argparse.SUPPRESS)
    ap.add_argument("--interval", type=float, default=NVML_INTERVAL_S, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.nvml_sampler:
        nvml_sampler_main(args.nvml_sampler, args.interval, args.dry_run)
        return 0
    if not args.out:
        ap.error("--out is required")
    os.makedirs(args.out, exist_ok=True)
    if not args.work:
        args.work = os.path.join("/tmp", "h200probe-%d" % os.getpid(), "h200-probe")
    os.makedirs(args.work, exist_ok=True)
    LOG_FILE = os.path.join(args.work, "probe.log")
    shutil.copyfile(os.path.abspath(__file__), os.path.join(args.work, "probe.py"))
    if args.dry_run:
        setup_fake_path(args.work)

    signal.signal(signal.SIGTERM, on_term)
    probe = Probe(args)
    try:
        probe.main()
    except BaseException as e:  # noqa: BLE001
        log("probe stopped: %r\n%s" % (e, traceback.format_exc()))
        raise
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second stop must not cut the packing
        for p in CHILDREN:
            if p.poll() is None:
                try:
                    p.kill()
                except Exception:  # noqa: BLE001
                    pass
        write_json(os.path.join(args.work, "env.json"), probe.env)
        _package(args.work, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
