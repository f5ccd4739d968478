"""What building every audience with Zensical costs, against one plain Zensical build and against
our MkDocs build of the same pages.

Generates the 100-page, 6-audience site of site_build.py in a temporary folder, then, in one run
and alternating to spread the machine's noise, times:

- `zensical build --clean` of the docs as they are (the baseline: one ordinary site, no cache);
- `guidance build --generator zensical` (six sites with the chooser, each built by Zensical);
- `mkdocs build` with the audiences plugin (the same six sites and chooser, the lint and link
  check included).

    python benchmarks/zensical.py [--pages 100] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from site_build import MKDOCS_YML, generate, report, timed, timed_build, workspace


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    with workspace() as folder:
        root = Path(folder)
        generate(root, options.pages)
        plain = MKDOCS_YML.format(audiences="") + "site_dir: site-zensical-plain\n"
        (root / "zensical-plain.yml").write_text(plain)
        zensical = [sys.executable, "-m", "zensical", "build", "--clean",
                    "-f", "zensical-plain.yml"]
        ours = [sys.executable, "-m", "guidance.cli", "build", "--generator", "zensical"]
        timed(zensical, root)  # warm the file cache and imports
        runs: dict[str, list[tuple[float, float]]] = {"plain": [], "ours": [], "mkdocs": []}
        for _ in range(options.runs):
            runs["plain"].append(timed(zensical, root))
            runs["ours"].append(timed(ours, root))
            runs["mkdocs"].append(timed_build(root, "mkdocs.yml"))
        sites = sorted(p.name for p in (root / "site").iterdir() if p.is_dir())
        print(f"{options.pages} pages, {len(sites)} audiences ({', '.join(sites)}), "
              f"{os.cpu_count()} cores, {os.getloadavg()[0]:.1f} load, median of {options.runs}")
        baseline = report("plain zensical build, one site, no cache", runs["plain"])
        report("zensical, every audience + chooser (vs plain)", runs["ours"], baseline)
        mkdocs = report("mkdocs build, every audience + chooser", runs["mkdocs"])
        report("zensical, every audience + chooser (vs mkdocs)", runs["ours"], mkdocs)
        print(f"one plain Zensical build per audience would be about {len(sites)}x the first line")


if __name__ == "__main__":
    main()
