"""How a full build grows with pages and audiences: time and peak memory over a grid of sites.

For each page count, generates a guidance site (the pages of `site_build.py`, with audience-only
sections) and builds it once without the audiences plugin (the baseline: one plain Material
site of the same pages) and once with it for each audience count. Prints, for each build, wall
and CPU time, the peak memory of the build (the largest resident set of the `mkdocs` process
or any of its workers), and the time per page x audience: if that figure does not rise as the
grid grows, time grows no faster than linearly in pages x audiences.

    python benchmarks/scale.py [--pages 250 500 1000] [--audiences 2 5 10]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from site_build import TERMS, generate

AUDIENCES = {
    "practitioners": "Local authority practitioners",
    "police": "Police",
    "childminders": "Childminders",
    "coaches": "Sports coaches",
    "schools": "Schools and colleges",
    "health": "Health professionals",
    "nurseries": "Nurseries",
    "youth-workers": "Youth workers",
    "faith-groups": "Faith groups",
    "housing": "Housing officers",
}
QUALIFIERS = ["", "named ", "local ", "trusted "]  # more audiences than site_build.py words


@dataclass(frozen=True)
class Build:
    wall: float
    cpu: float
    peak_mib: float


def site(pages: int, audiences: int, root: Path) -> None:
    """A site of `pages` pages read by the first `audiences` audiences."""
    chosen = dict(list(AUDIENCES.items())[:audiences])
    terms = {
        term: [QUALIFIERS[n // len(words) % len(QUALIFIERS)] + words[n % len(words)]
               for n in range(audiences - 1)]
        for term, words in TERMS.items()
    }
    ids = list(chosen)
    regions = (ids[1], ", ".join(ids[-2:] if audiences > 2 else ids[-1:]))
    generate(root, pages, chosen, terms, regions)


def build(root: Path, config: str) -> Build:
    """One `mkdocs build`, measured from outside: the plugin's own figures are not trusted."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for variable in ("GUIDANCE_AUDIENCES", "GUIDANCE_SHARD"):
        env.pop(variable, None)
    site_dir = "site-" + config.split(".")[0]
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", site_dir],
        cwd=root, env=env)
    # wait4: this build's own usage; its workers (forked and waited for) count in ru_maxrss
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"mkdocs build failed in {root} ({config})")
    return Build(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[250, 500, 1000])
    parser.add_argument("--audiences", type=int, nargs="+", default=[2, 5, 10])
    options = parser.parse_args()
    if not all(2 <= n <= len(AUDIENCES) for n in options.audiences):
        parser.error(f"--audiences: between 2 and {len(AUDIENCES)}")
    print(f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; one build each")
    print(f"{'pages':>5} {'aud.':>4} {'wall s':>7} {'cpu s':>7} {'peak MiB':>8} "
          f"{'ms/page/aud.':>12} {'x plain':>7}")
    per_unit = {}
    for pages in options.pages:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            site(pages, max(options.audiences), root)
            build(root, "plain.yml")  # warm the file cache and imports
            plain = build(root, "plain.yml")
            print(f"{pages:5d} {'-':>4} {plain.wall:7.2f} {plain.cpu:7.2f} "
                  f"{plain.peak_mib:8.0f} {'':>12} {'1.00':>7}  plain MkDocs, plugin off")
        for audiences in options.audiences:
            with tempfile.TemporaryDirectory() as folder:
                root = Path(folder)
                site(pages, audiences, root)
                result = build(root, "mkdocs.yml")
            unit = result.wall / (pages * audiences) * 1000
            per_unit[pages, audiences] = unit
            print(f"{pages:5d} {audiences:4d} {result.wall:7.2f} {result.cpu:7.2f} "
                  f"{result.peak_mib:8.0f} {unit:12.2f} {result.wall / plain.wall:7.2f}")
    smallest, largest = min(per_unit), max(per_unit)
    print(f"time per page x audience, largest site ({largest[0]} x {largest[1]}) against "
          f"smallest ({smallest[0]} x {smallest[1]}): "
          f"{per_unit[largest] / per_unit[smallest]:.2f}x (at most 1.00x: no worse than linear)")


if __name__ == "__main__":
    main()
