#!/usr/bin/env python3
"""Runs the native benchmark programs (tools/bench/native.c, one static
program per C library) interleaved, and prints markdown tables: medians in ns
per call, and paired ratios (per round, then the median) with their geometric
means. A benchmark, not a test: nothing here judges a time.

    native.py --rounds N --ms M KEY=PROGRAM...

KEY is one of the variants below; `rep` is a program run with --rep (the
`rep movsb`/`rep stosb` reference for the copy and set rows).
"""
import argparse
import math
import statistics
import subprocess
import sys

# key: column heading
LABELS = {
    "hard": "ours (hard)",
    "soft": "ours (soft)",
    "v0180": "0.18.0",
    "base-hard": "baseline (hard)",
    "base-soft": "baseline (soft)",
    "glibc": "glibc",
    "musl": "musl",
    "rep": "`rep movsb`/`rep stosb`",
    # the soft-float program run with --regs: a plain loop of 8-byte moves
    "regs": "8-byte register moves",
    # tools/bench/consumer.c compiled with DEP_C_CFLAGS, and with -ffreestanding added
    "dep-now": "DEP_C_CFLAGS now",
    "dep-old": "with -ffreestanding (before)",
}

# (numerator, denominator): the ratios reported, < 1 means the numerator is faster.
RATIOS = [
    ("hard", "v0180"),
    ("hard", "glibc"),
    ("hard", "musl"),
    ("hard", "base-hard"),
    ("soft", "base-soft"),
    ("soft", "glibc"),
    ("soft", "rep"),
    ("soft", "regs"),
    ("regs", "glibc"),
    ("dep-now", "dep-old"),
]


def run_once(key, program, ms):
    cmd = [program, "--ms", str(ms)] + {"rep": ["--rep"], "regs": ["--regs"]}.get(key, [])
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"native benchmark: {' '.join(cmd)} failed ({out.returncode}): {out.stderr.strip()}")
    result = {}
    for line in out.stdout.splitlines():
        name, ps = line.rsplit("\t", 1)
        result[name] = int(ps) / 1000.0
    return result


def fmt_ns(ns):
    if ns is None:
        return ""
    if ns < 100:
        return f"{ns:.1f}"
    return f"{round(ns):,}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--ms", type=int, default=1)
    ap.add_argument("variants", nargs="+", metavar="KEY=PROGRAM")
    args = ap.parse_args()
    variants = []
    for v in args.variants:
        key, program = v.split("=", 1)
        if key not in LABELS:
            sys.exit(f"native benchmark: unknown variant {key!r}; known: {', '.join(LABELS)}")
        variants.append((key, program))
    keys = [k for k, _ in variants]

    # samples[key][case] = [ns per round]
    samples = {k: {} for k in keys}
    cases = []
    for r in range(args.rounds):
        # Interleaved, and the order rotated each round so no variant always runs first.
        order = variants[r % len(variants):] + variants[: r % len(variants)]
        for key, program in order:
            for case, ns in run_once(key, program, args.ms).items():
                samples[key].setdefault(case, []).append(ns)
                if case not in cases:
                    cases.append(case)
        print(f"native benchmark: round {r + 1}/{args.rounds} done", file=sys.stderr)

    def median(key, case):
        s = samples.get(key, {}).get(case)
        return statistics.median(s) if s else None

    def paired(a, b, case):
        sa, sb = samples.get(a, {}).get(case), samples.get(b, {}).get(case)
        if not sa or not sb:
            return None
        return statistics.median(x / y for x, y in zip(sa, sb) if y > 0)

    print("| function | " + " | ".join(LABELS[k] for k in keys) + " |")
    print("|---|" + "--:|" * len(keys))
    for case in cases:
        print(f"| {case} | " + " | ".join(fmt_ns(median(k, case)) for k in keys) + " |")
    print()
    print(f"ns per call, median of {args.rounds} interleaved rounds.")
    print()

    ratios = [(a, b) for a, b in RATIOS if a in keys and b in keys]
    print("| function | " + " | ".join(f"{LABELS[a]} / {LABELS[b]}" for a, b in ratios) + " |")
    print("|---|" + "--:|" * len(ratios))
    logs = {rb: [] for rb in ratios}
    for case in cases:
        cells = []
        for rb in ratios:
            x = paired(*rb, case)
            if x is not None:
                logs[rb].append(math.log(x))
            cells.append("" if x is None else f"{x:.2f}")
        print(f"| {case} | " + " | ".join(cells) + " |")
    geo = [f"**{math.exp(sum(l) / len(l)):.2f}** ({len(l)})" if l else "" for l in logs.values()]
    print("| geometric mean (functions) | " + " | ".join(geo) + " |")
    print()
    print("Paired ratios: per round the two variants' times divided, then the median over rounds; "
          "< 1 means the first is faster. The geometric mean is over the rows that have both.")


if __name__ == "__main__":
    main()
