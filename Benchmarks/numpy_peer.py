"""The numpy side of Benchmarks/core.sh, and the step that joins both sides into one table.

    numpy_peer.py measure [--sgemm-sizes 256,1024,2048|none] [--threads N]
                          [--elementwise-sizes 1048576,16777216|none] [--min-seconds 0.4]
        Times numpy's float32 matmul (with the given BLAS thread count) and elementwise ops with
        the same method as CoreBenchmark (warm-up, then best of N runs until --min-seconds) and
        prints JSON. Set OPENBLAS_NUM_THREADS/OMP_NUM_THREADS too; threadpoolctl enforces N.

    numpy_peer.py report --swift A.json [B.json ...] --numpy C.json [D.json ...] [--out FILE]
        Joins the runs into the aligned table with ratios ours/numpy; --out writes all results
        as JSON.

Benchmark scripts only: the toolkit itself never needs Python.
"""

import argparse
import datetime
import json
import os
import platform
import sys
import time


def measure(body, warmup, min_repeats=5, min_seconds=0.4, max_repeats=2000):
    """Same method as BenchmarkSupport's `measure` (Benchmarks/BenchmarkSupport/Timing.swift)."""
    for _ in range(warmup):
        body()
    times = []
    total = 0.0
    while len(times) < min_repeats or (total < min_seconds and len(times) < max_repeats):
        start = time.perf_counter()
        body()
        elapsed = time.perf_counter() - start
        times.append(elapsed)
        total += elapsed
    times.sort()
    return {"best_s": times[0], "median_s": times[len(times) // 2], "repeats": len(times)}


def int_list(text):
    return [] if text == "none" else [int(x) for x in text.split(",")]


def blas_info(np):
    info = {"numpy": np.__version__}
    try:
        import threadpoolctl

        pools = [p for p in threadpoolctl.threadpool_info() if p.get("user_api") == "blas"]
        if pools:
            p = pools[0]
            info.update(
                internal_api=p.get("internal_api"),
                architecture=p.get("architecture"),
                version=p.get("version"),
                threading_layer=p.get("threading_layer"),
                num_threads=p.get("num_threads"),
                library=os.path.basename(p.get("filepath") or ""),
            )
    except ImportError:
        pass
    try:
        config = np.show_config(mode="dicts")
        blas = config.get("Build Dependencies", {}).get("blas", {})
        info["show_config_blas"] = {k: blas.get(k) for k in ("name", "version", "openblas configuration") if k in blas}
    except Exception as error:  # show_config's format differs across numpy versions
        info["show_config_blas"] = f"unavailable: {error}"
    return info


def cmd_measure(args):
    import numpy as np
    import threadpoolctl

    result = {"implementation": f"numpy {np.__version__}", "python": platform.python_version()}
    rng = np.random.default_rng(42)
    sgemm = []
    with threadpoolctl.threadpool_limits(limits=args.threads, user_api="blas"):
        result["blas"] = blas_info(np)
        for n in int_list(args.sgemm_sizes):
            a = rng.uniform(-1, 1, (n, n)).astype(np.float32)
            b = rng.uniform(-1, 1, (n, n)).astype(np.float32)
            c = np.empty((n, n), dtype=np.float32)
            t = measure(lambda: np.matmul(a, b, out=c), warmup=3, min_seconds=args.min_seconds)
            flops = 2.0 * n * n * n
            t.update(n=n, threads=args.threads, gflops=flops / t["best_s"] / 1e9, median_gflops=flops / t["median_s"] / 1e9)
            sgemm.append(t)
    result["sgemm"] = sgemm

    scale = np.float32(1.0001)
    one = np.float32(1)
    ops = [  # name, expression, bytes per element, input range, body
        ("add", "a + b", 12, (-1, 1), lambda a, b: a + b),
        ("mul_scalar", "a * s", 8, (-1, 1), lambda a, b: a * scale),
        ("exp", "np.exp(a)", 8, (-10, 10), lambda a, b: np.exp(a)),
        ("sigmoid", "1/(1+np.exp(-a))", 8, (-10, 10), lambda a, b: one / (one + np.exp(-a))),
        ("tanh", "np.tanh(a)", 8, (-5, 5), lambda a, b: np.tanh(a)),
        ("add_inplace", "a += b", 12, (-1, 1), lambda a, b: np.add(a, b, out=a)),
        ("mul_inplace", "a *= s", 8, (-1, 1), lambda a, b: np.multiply(a, scale, out=a)),
    ]
    elementwise = []
    for count in int_list(args.elementwise_sizes):
        for name, expression, nbytes, (lo, hi), body in ops:
            a = rng.uniform(lo, hi, count).astype(np.float32)
            b = rng.uniform(lo, hi, count).astype(np.float32)
            assert body(a, b).dtype == np.float32, name
            t = measure(lambda: body(a, b), warmup=2, min_seconds=args.min_seconds)
            t.update(
                op=name, expression=expression, count=count, bytes_per_element=nbytes,
                gbps=count * nbytes / t["best_s"] / 1e9, gelems=count / t["best_s"] / 1e9,
            )
            elementwise.append(t)
    result["elementwise"] = elementwise
    json.dump(result, sys.stdout, indent=1)
    print()


def best_of(runs, section, key, rate):
    """The fastest result per key over all runs (rounds), with how many runs measured it."""
    best = {}
    for run in runs:
        for r in run[section]:
            k = key(r)
            rounds = best[k]["rounds"] + 1 if k in best else 1
            if k not in best or r[rate] > best[k][rate]:
                best[k] = dict(r)
            best[k]["rounds"] = rounds
    return best


def cmd_report(args):
    swift = [json.load(open(p)) for p in args.swift]
    numpy = [json.load(open(p)) for p in args.numpy]
    ours_sgemm = best_of(swift, "sgemm", lambda r: (r["n"], r["threads"]), "gflops")
    np_sgemm = best_of(numpy, "sgemm", lambda r: (r["n"], r["threads"]), "gflops")
    ours_elem = best_of(swift, "elementwise", lambda r: (r["op"], r["count"]), "gelems")
    np_elem = best_of(numpy, "elementwise", lambda r: (r["op"], r["count"]), "gelems")
    blas = swift[0]["blas"]
    npblas = numpy[0]["blas"]
    out = []
    p = out.append

    def ratio(a, b):
        return f"{a / b:.2f}x" if a and b else "-"

    def num(x, d):
        return f"{x:.{d}f}" if x is not None else "-"

    p(f"NLPCore vs numpy — {swift[0].get('cpu', '?')}, {os.cpu_count()} cores, {datetime.datetime.now():%Y-%m-%d %H:%M}")
    p(f"ours : OpenBLAS kernel {blas['core']} (requested {blas['requested'] or '-'}, from {blas['source']}); "
      f"{blas['library']}: {blas['config']}")
    p(f"numpy: {npblas['numpy']}, BLAS {npblas.get('internal_api', '?')} {npblas.get('version', '?')}, "
      f"architecture {npblas.get('architecture', '?')}, {npblas.get('threading_layer', '?')}, {npblas.get('library', '?')}")
    if args.note:
        for note in args.note:
            p(f"note : {note}")

    keys = sorted(set(ours_sgemm) | set(np_sgemm), key=lambda k: (k[1], k[0]))
    if keys:
        p("")
        p("sgemm  C = A·B, square float32, no allocation per call (ours: Tensor.gemm(into:), numpy: matmul(out=)),")
        rounds = max((r["rounds"] for r in ours_sgemm.values()), default=1)
        p(f"       best of N timed calls after 3 warm-up calls, best of {rounds} interleaved rounds; GFLOP/s = 2n³ / best time")
        p(f"{'n':>6} {'threads':>7} | {'ours GFLOP/s':>12} {'median':>8} {'N':>5} | {'numpy GFLOP/s':>13} {'median':>8} {'N':>5} | {'ours/numpy':>10}")
        for k in keys:
            o, q = ours_sgemm.get(k), np_sgemm.get(k)
            p(f"{k[0]:>6} {k[1]:>7} | "
              f"{num(o and o['gflops'], 1):>12} {num(o and o['median_gflops'], 1):>8} {o['repeats'] if o else '-':>5} | "
              f"{num(q and q['gflops'], 1):>13} {num(q and q['median_gflops'], 1):>8} {q['repeats'] if q else '-':>5} | "
              f"{ratio(o and o['gflops'], q and q['gflops']):>10}")

    order = ["add", "mul_scalar", "exp", "sigmoid", "tanh", "add_inplace", "mul_inplace"]
    keys = sorted(set(ours_elem) | set(np_elem), key=lambda k: (k[1], order.index(k[0]) if k[0] in order else 99, k[0]))
    if keys:
        p("")
        p("elementwise  float32, 1 thread, best of N after 2 warm-up calls; a new array per call except the *_inplace rows;")
        p("             GB/s counts inputs + output (4 B each)")
        p(f"{'op':<11} {'numpy expression':<18} {'elements':>9} | {'ours GB/s':>9} {'Gelem/s':>8} | {'numpy GB/s':>10} {'Gelem/s':>8} | {'ours/numpy':>10}")
        for k in keys:
            o, q = ours_elem.get(k), np_elem.get(k)
            expr = (q or o)["expression"]
            size = f"{k[1] // (1 << 20)}M" if k[1] % (1 << 20) == 0 else str(k[1])
            p(f"{k[0]:<11} {expr:<18} {size:>9} | "
              f"{num(o and o['gbps'], 1):>9} {num(o and o['gelems'], 3):>8} | "
              f"{num(q and q['gbps'], 1):>10} {num(q and q['gelems'], 3):>8} | "
              f"{ratio(o and o['gelems'], q and q['gelems']) if o else 'n/a (ours)':>10}")
        apis = {}
        for k in keys:
            if k in ours_elem and "api" in ours_elem[k]:
                apis.setdefault(k[0], ours_elem[k]["api"])
        if apis:
            p("ours: " + ", ".join(f"{op} = {api}" for op, api in apis.items()))
    print("\n".join(out))

    if args.out:
        os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
        joined = {
            "date": datetime.datetime.now().isoformat(timespec="seconds"),
            "machine": {"cpu": swift[0].get("cpu"), "cores": os.cpu_count(), "platform": platform.platform()},
            "notes": args.note or [],
            "ours": {"blas": blas, "implementation": swift[0].get("implementation"),
                     "sgemm": list(ours_sgemm.values()), "elementwise": list(ours_elem.values()),
                     "all_runs": swift},
            "numpy": {"blas": npblas, "implementation": numpy[0].get("implementation"),
                      "sgemm": list(np_sgemm.values()), "elementwise": list(np_elem.values()),
                      "all_runs": numpy},
            "table": out,
        }
        with open(args.out, "w") as f:
            json.dump(joined, f, indent=1)
            f.write("\n")
        print(f"\nresults: {args.out}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("measure")
    m.add_argument("--sgemm-sizes", default="256,1024,2048")
    m.add_argument("--threads", type=int, default=1)
    m.add_argument("--elementwise-sizes", default=f"{1 << 20},{1 << 24}")
    m.add_argument("--min-seconds", type=float, default=0.4)
    m.set_defaults(func=cmd_measure)
    r = sub.add_parser("report")
    r.add_argument("--swift", nargs="+", required=True)
    r.add_argument("--numpy", nargs="+", required=True)
    r.add_argument("--note", action="append")
    r.add_argument("--out")
    r.set_defaults(func=cmd_report)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
