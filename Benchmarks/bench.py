#!/usr/bin/env python3
"""`make bench`: times toasoan (release build) on generated corpora and prints figures.

For each size: a full build (output and toasoan's caches beside it removed first, untimed), a rebuild with nothing
changed, a rebuild after one article's body was edited, `toasoan preview` of that article (the one source changed since
the last build), and of another article (that edit not built); wall median of RUNS runs, CPU
time (user+sys), peak RSS and the number of files written (modification time at or after
the run's start). The corpus is gen_corpus.py's, the one ../shared/bench/run_peers.sh uses,
so the figures compare with Hugo's there. This is a benchmark, not a test: it only prints.

usage: Benchmarks/bench.py [--sizes 1000,10000] [--runs 3] [--work DIR] [--binary PATH]
"""
import argparse, os, shutil, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def timed(command):
    """Runs command under GNU time; returns (wall s, cpu s, peak RSS MB, start ns)."""
    start = time.time_ns()
    result = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M"] + command,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit("failed: " + " ".join(command) + "\n" + result.stderr)
    wall, user, system, rss = result.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(rss) / 1024, start


def files_written(folder, since_ns):
    count = 0
    for root, _, files in os.walk(folder):
        for name in files:
            if os.stat(os.path.join(root, name)).st_mtime_ns >= since_ns:
                count += 1
    return count


def row(size, scenario, runs):
    walls = [r[0] for r in runs]
    cpus = [r[1] for r in runs]
    rss = max(r[2] for r in runs)
    written = runs[-1][3]
    print(f"| {size:>6,} | {scenario:<24} | {statistics.median(walls):7.2f} | {statistics.median(cpus):7.2f} "
          f"| {rss:7.0f} | {written:>7,} |", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "toasoan-make-bench"))
    parser.add_argument("--binary", default=os.path.join(REPO, ".build", "release", "toasoan"))
    args = parser.parse_args()

    print(f"toasoan {args.binary}, {os.cpu_count()} cores, {args.runs} runs, work folder {args.work}\n")
    print("|      N | scenario                 | wall s  | CPU s   | RSS MB  | written |")
    print("|-------:|--------------------------|--------:|--------:|--------:|--------:|")
    for size in [int(s) for s in args.sizes.split(",")]:
        site = os.path.join(args.work, f"corpus-{size}")
        if not os.path.isdir(os.path.join(site, "Content")):
            subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), "--articles", str(size),
                            "--seed", "1", "--out", site], check=True, stdout=subprocess.DEVNULL)
        templates = os.path.join(site, "Templates")
        if os.path.islink(templates) or os.path.exists(templates):
            os.remove(templates) if os.path.islink(templates) else shutil.rmtree(templates)
        os.symlink(os.path.join(REPO, "Templates"), templates)
        output = os.path.join(args.work, f"out-{size}")
        build = [args.binary, "build", "--site", site, "--output", output]

        runs = []
        for _ in range(args.runs):
            # A cold build: no output and none of toasoan's caches beside it.
            shutil.rmtree(output, ignore_errors=True)
            for name in os.listdir(args.work):
                if name.startswith(f".out-{size}.toasoan-"):
                    os.remove(os.path.join(args.work, name))
            wall, cpu, rss, start = timed(build)
            runs.append((wall, cpu, rss, files_written(output, start)))
        row(size, "full build", runs)

        runs = []
        for _ in range(args.runs):
            wall, cpu, rss, start = timed(build)
            runs.append((wall, cpu, rss, files_written(output, start)))
        row(size, "no-change rebuild", runs)

        articles = sorted(os.path.join(r, f) for r, _, fs in os.walk(os.path.join(site, "Content", "articles"))
                          for f in fs if f.endswith(".md"))
        edited = articles[len(articles) // 2]
        original = open(edited, encoding="utf-8").read()
        runs = []
        try:
            for run in range(args.runs):
                with open(edited, "w", encoding="utf-8") as handle:
                    handle.write(original + f"\nĐoạn sửa lần {run + 1}.\n")
                wall, cpu, rss, start = timed(build)
                runs.append((wall, cpu, rss, files_written(output, start)))
        finally:
            with open(edited, "w", encoding="utf-8") as handle:
                handle.write(original)
        row(size, "one body edited", runs)

        # `toasoan preview` of the edited article, after the builds above (its cache warm): the
        # edited file, now back as it was, is the one source changed since the last build.
        page = os.path.join(args.work, f"preview-{size}.html")
        for label, previewed in (("preview of one article", edited),
                                 ("preview, another changed", articles[len(articles) // 3])):
            runs = []
            for _ in range(args.runs):
                wall, cpu, rss, start = timed([args.binary, "preview", previewed, "--site", site, "--output", output, "-o", page])
                runs.append((wall, cpu, rss, files_written(output, start)))
            row(size, label, runs)


main()
