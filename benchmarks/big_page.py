"""One very big page: does the plugin's cost grow with the page as a plain build's does?

Generates (with a fixed seed) a site of a home page and one guidance page of about 10 MB (prose
with glossary terms, headings, lists, tables, admonitions, code and links to its own sections;
with --regions, police-only sections too) with the 6-audience glossary of `site_build.py`, then
builds it, alternately, without the audiences plugin (the baseline: a plain Material build)
and with it. For each it prints wall and CPU time and peak memory (the largest resident set of
the `mkdocs` process or any worker it forked, from `wait4`), and the plugin's ratios to the
baseline. Target: at most 2x the time and 2x the peak memory. With --regions the page has two
versions (police read sections the others do not), so it is rendered twice: the second
rendering runs on the second core, which helps the wall time on an idle machine but not the
CPU time.

    python benchmarks/big_page.py [--megabytes 10] [--regions] [--runs 1] [--profile]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from site_build import WORDS, build_env, generate, paragraph, sentence, workspace


@dataclass(frozen=True)
class Build:
    wall: float
    cpu: float
    peak_mb: float


def big_page(rng: random.Random, megabytes: float, regions: bool = False) -> str:
    """A page of about `megabytes` MB whose every heading is unique, as a real page's are."""
    lines = ["# Everything a practitioner needs to know", "", paragraph(rng), ""]
    size, section = 0, 0
    while size < megabytes * 1_000_000:
        chunk = [f"## When the practitioner acts on concern {section}", "", paragraph(rng), ""]
        chunk += [f"- {sentence(rng)}" for _ in range(4)] + [""]
        if section % 3 == 0:
            chunk += ['!!! note "For the lead practitioner"', "", f"    {paragraph(rng)}", ""]
        if section % 5 == 1:
            chunk += ["| Who | What the practitioner does |", "| --- | --- |"]
            chunk += [f"| {rng.choice(WORDS)} | {sentence(rng)} |" for _ in range(3)] + [""]
        if section % 7 == 2:
            chunk += ["```text", "practitioner_id = case record 42", "```", ""]
        if regions and section % 11 == 3:
            chunk += ["<!-- audience: police -->", f"### Police powers {section}", "",
                      paragraph(rng), "<!-- /audience -->", ""]
        if section > 0:
            chunk += [f"See [the step before](#when-the-practitioner-acts-on-concern-"
                      f"{section - 1}).", ""]
        text = "\n".join(chunk) + "\n"
        lines.append(text)
        size += len(text)
        section += 1
    return "\n".join(lines)


def build(root: Path, config: str) -> Build:
    env = build_env()
    site = "site-" + config.split(".")[0]
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config,
                                "-d", site], cwd=root, env=env)
    # wait4: this build's own usage; its workers (forked and waited for) count in ru_maxrss
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"mkdocs build -f {config} failed")
    return Build(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def profile(root: Path) -> None:
    """The plugin build's hottest functions, in this process (one process, no worker)."""
    import cProfile
    import pstats

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    os.chdir(root)
    config = load_config("mkdocs.yml", site_dir=str(root / "site-profile"))
    config.plugins["audiences"].config.workers = 1
    profiler = cProfile.Profile()
    profiler.runcall(mkdocs_build, config)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=10)
    parser.add_argument("--regions", action="store_true",
                        help="give the page police-only sections (two versions to render)")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--profile", action="store_true",
                        help="print the plugin build's hottest functions instead")
    options = parser.parse_args()
    with workspace() as folder:
        root = Path(folder)
        generate(root, 2)
        for old in (root / "docs/topics").iterdir():
            old.unlink()
        page = big_page(random.Random(11), options.megabytes, options.regions)
        (root / "docs/topics/everything.md").write_text(page, encoding="utf-8")
        if options.profile:
            profile(root)
            return
        plain, plugin = [], []
        for _ in range(options.runs):
            plain.append(build(root, "plain.yml"))
            plugin.append(build(root, "mkdocs.yml"))
        print(f"one page of {len(page.encode()) / 1e6:.1f} MB, 6 audiences, "
              f"{'two versions' if options.regions else 'one version'}, "
              f"{os.cpu_count()} cores, {os.getloadavg()[0]:.1f} load, median of {options.runs}")
        baseline = report("plain mkdocs build, plugin off", plain)
        report("mkdocs build, every audience + chooser", plugin, baseline)
        print("target: at most 2.0x wall time and 2.0x peak memory")


def report(what: str, runs: list[Build], baseline: Build | None = None) -> Build:
    median = Build(*(statistics.median(getattr(run, name) for run in runs)
                     for name in ("wall", "cpu", "peak_mb")))
    line = (f"{what:40s} wall {median.wall:6.2f} s  cpu {median.cpu:6.2f} s  "
            f"peak {median.peak_mb:6.0f} MB")
    if baseline:
        line += (f"  ratio wall {median.wall / baseline.wall:.2f}x  "
                 f"cpu {median.cpu / baseline.cpu:.2f}x  "
                 f"peak {median.peak_mb / baseline.peak_mb:.2f}x")
    print(line)
    return median


if __name__ == "__main__":
    main()
