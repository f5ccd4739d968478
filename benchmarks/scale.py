"""How a full build grows with pages and audiences: time and peak memory over a grid of sites.

For each page count, generates a guidance site (the pages of `site_build.py`, with audience-only
sections) and builds it once without the audiences plugin (the baseline: one plain Material
site of the same pages) and once with it for each audience count. Prints, for each build, wall
and CPU time, the peak memory of the build (the largest resident set of the `mkdocs` process
or any of its workers), the time per page x audience and the ratio to the plain build; then how
time grows along each axis of the grid. Pages are in nav sections of 25 with Material's
`navigation.prune`, as a large site would be: with one flat nav, every page would hold a link to
every other and plain MkDocs itself would grow with the square of the pages.

    python benchmarks/scale.py [--pages 250 500 1000] [--audiences 2 5 10]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from site_build import TERMS, build_env, generate, workspace

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
SECTION = 25  # pages per nav section


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
    generate(root, pages, chosen, terms, regions, SECTION)
    # Material's advice for large sites: each page's nav holds the top level and its own
    # section, not every page of the site (which would make every page grow with the site).
    for config in ("mkdocs.yml", "plain.yml"):
        path = root / config
        path.write_text(path.read_text().replace("toc.follow]", "toc.follow, navigation.prune]"))


def build(root: Path, config: str) -> Build:
    """One `mkdocs build`, measured from outside: the plugin's own figures are not trusted."""
    env = build_env()
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
    pages_grid, audiences_grid = sorted(options.pages), sorted(options.audiences)
    print(f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; one build each; "
          f"nav sections of {SECTION} pages")
    print(f"{'pages':>5} {'aud.':>4} {'wall s':>7} {'cpu s':>7} {'peak MiB':>8} "
          f"{'ms/page/aud.':>12} {'wall x plain':>12} {'cpu x plain':>11}")
    plain: dict[int, Build] = {}
    built: dict[tuple[int, int], Build] = {}
    for pages in pages_grid:
        with workspace() as folder:
            root = Path(folder)
            site(pages, max(audiences_grid), root)
            build(root, "plain.yml")  # warm the file cache and imports
            plain[pages] = base = build(root, "plain.yml")
            print(f"{pages:5d} {'-':>4} {base.wall:7.2f} {base.cpu:7.2f} {base.peak_mib:8.0f} "
                  f"{base.wall / pages * 1000:12.2f} {'1.00':>12} {'1.00':>11}  "
                  "plain MkDocs, plugin off (ms per page)")
        for audiences in audiences_grid:
            with workspace() as folder:
                root = Path(folder)
                site(pages, audiences, root)
                built[pages, audiences] = result = build(root, "mkdocs.yml")
            print(f"{pages:5d} {audiences:4d} {result.wall:7.2f} {result.cpu:7.2f} "
                  f"{result.peak_mib:8.0f} {result.wall / (pages * audiences) * 1000:12.2f} "
                  f"{result.wall / base.wall:12.2f} {result.cpu / base.cpu:11.2f}")
    low, high = audiences_grid[0], audiences_grid[-1]
    for pages in pages_grid:
        print(f"{pages} pages, {low} -> {high} audiences ({high / low:.1f}x): "
              f"{growth(built[pages, low], built[pages, high])}")
    first, last = pages_grid[0], pages_grid[-1]
    for audiences in audiences_grid:
        print(f"{audiences} audiences, {first} -> {last} pages ({last / first:.1f}x): "
              f"{growth(built[first, audiences], built[last, audiences])}; plain MkDocs "
              f"{growth(plain[first], plain[last])}")
    smallest, largest = (first, low), (last, high)
    ratio = (built[largest].cpu / (last * high)) / (built[smallest].cpu / (first * low))
    print(f"CPU time per page x audience, {last} x {high} against {first} x {low}: "
          f"{ratio:.2f}x (at most 1.00x: no worse than linear in pages x audiences)")


def growth(before: Build, after: Build) -> str:
    return f"wall {after.wall / before.wall:.2f}x, cpu {after.cpu / before.cpu:.2f}x"


if __name__ == "__main__":
    main()
