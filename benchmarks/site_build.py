"""How much building every audience costs against one plain MkDocs build of the same pages.

Generates a 100-page guidance site with a 6-audience glossary (or the first `--audiences` of
them) in a temporary folder, then, in one run, times `mkdocs build` of the same docs without
the audiences plugin (the baseline: one ordinary Material site) and with it (the chooser and
every audience's complete site). Builds alternate to spread the machine's noise; medians are
reported. Goal: at most 1.5x the plain build for 6 audiences, 1.25x for 2.

`--fixture tests/realworld/sites/extensions` times a fixture site instead (its `base.yml` is the
plain build, its `mkdocs.yml` adds the plugin), its pages copied `--copies` times over so that
rendering, not start-up, is what is measured.

`--profile` says where the plugin build's extra time goes instead: both builds run in this
process, the plugin's in one process (workers 1, so that the lint and the other versions'
rendering are timed too), and the CPU time of each of the plugin's steps is printed beside the
extra time over the plain build (medians of `--runs`, after one warm-up build of each).

    python benchmarks/site_build.py [--pages 100] [--audiences 6] [--runs 3]
    python benchmarks/site_build.py --fixture tests/realworld/sites/extensions [--copies 30]
    python benchmarks/site_build.py --audiences 2 --profile
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

AUDIENCES = {
    "practitioners": "Local authority practitioners",
    "childminders": "Childminders",
    "police": "Police",
    "coaches": "Sports coaches",
    "schools": "Schools and colleges",
    "health": "Health professionals",
}
TERMS = {
    "practitioner": ["childminder", "police officer", "coach", "teacher", "clinician"],
    "lead practitioner": ["lead childminder", "investigating officer", "welfare officer",
                          "designated safeguarding lead", "named nurse"],
    "local authority": ["council", "local authority", "council", "local authority", "council"],
    "strategy discussion": ["safeguarding meeting", "strategy discussion", "safeguarding meeting",
                            "strategy meeting", "strategy discussion"],
    "case record": ["setting record", "crime record", "club record", "pupil record",
                    "patient record"],
    "early help assessment": ["early help form", "vulnerability assessment", "club concern form",
                              "early help assessment", "early help assessment"],
}
WORDS = ["child", "family", "information", "share", "consent", "record", "risk", "harm", "safety",
         "decision", "parent", "agency", "concern", "support", "service", "need", "welfare",
         "duty", "law", "review", "plan", "guidance"]

MKDOCS_YML = """\
site_name: Sharing information for practitioners
site_description: What a practitioner should do.
site_url: https://example.org/
theme:
  name: material
  features: [content.tooltips, navigation.footer, search.highlight, toc.follow]
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.superfences
plugins:
  - search
{audiences}"""


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 16))
    for _ in range(rng.randint(0, 2)):
        words.insert(rng.randrange(len(words)), rng.choice([*TERMS, "practitioners"]))
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def page(rng: random.Random, number: int, pages: int,
         regions: tuple[str, str] = ("police", "schools, health"), per_section: int = 0) -> str:
    """A guidance page; `regions`: who reads its audience-only section, who misses another;
    `per_section`: pages per nav section (folder), 0 for one flat folder."""
    other = rng.randrange(pages)
    lines = [f"# What the practitioner does: topic {number}", "", paragraph(rng), ""]
    for section in range(6):
        lines += [f"## When a practitioner acts on concern {section}", "", paragraph(rng), ""]
        lines += [f"- {sentence(rng)}" for _ in range(4)] + [""]
        if section % 2 == 0:
            lines += ['!!! note "For the lead practitioner"', "", f"    {paragraph(rng)}", ""]
        if section % 3 == 1:
            lines += ["| Who | What the practitioner does |", "| --- | --- |"]
            lines += [f"| {rng.choice(WORDS)} | {sentence(rng)} |" for _ in range(4)] + [""]
        if section == 2:
            lines += ["```text", "practitioner_id = case record 42", "```", ""]
        if section == 3 and number % 4 == 0:
            lines += [f"<!-- audience: {regions[0]} -->", "### Police powers", "",
                      paragraph(rng), "<!-- /audience -->", ""]
        if section == 4 and number % 5 == 0:
            lines += [f"<!-- audience: not {regions[1]} -->", paragraph(rng),
                      "<!-- /audience -->", ""]
        lines += [f"See [topic {other}]({topic_path(other, per_section, '../')}#when-a-"
                  f"practitioner-acts-on-concern-1).", ""]
    return "\n".join(lines)


def topic_path(number: int, per_section: int, up: str = "") -> str:
    """Where topic `number` is, from docs/topics/ (or, with `up`, from a page beside it)."""
    name = f"topic-{number:03}.md"
    return f"{up}part-{number // per_section:02}/{name}" if per_section else name


def generate(
    root: Path,
    pages: int,
    audiences: dict[str, str] = AUDIENCES,
    terms: dict[str, list[str]] = TERMS,
    regions: tuple[str, str] = ("police", "schools, health"),
    per_section: int = 0,
) -> None:
    """A site of `pages` pages; `terms` holds each term's wording for every audience but the
    first (the source), or for the first few of them; `per_section` as for `page`."""
    rng = random.Random(7)
    (root / "docs/topics").mkdir(parents=True)
    (root / "glossary/terms").mkdir(parents=True)
    listed = [f"source: {next(iter(audiences))}", "audiences:"]
    for audience_id, name in audiences.items():
        listed += [f"  {audience_id}:", f"    name: {name}", f"    reader: All {name}"]
    (root / "glossary/audiences.yml").write_text("\n".join(listed) + "\n")
    entries = []
    for term, swaps in terms.items():
        entries += [f"- term: {term}", f"  definition: What a {term} is.", "  swap:"]
        entries += [f"    {a}: {w}" for a, w in zip(list(audiences)[1:], swaps, strict=False)]
    (root / "glossary/terms/terms.yml").write_text("\n".join(entries) + "\n")
    (root / "docs/index.md").write_text("# Home\n\n" + paragraph(rng) + "\n")
    for number in range(pages - 1):
        path = root / "docs/topics" / topic_path(number, per_section)
        path.parent.mkdir(exist_ok=True)
        path.write_text(page(rng, number, pages - 1, regions, per_section))
    (root / "plain.yml").write_text(MKDOCS_YML.format(audiences=""))
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(audiences="  - audiences\n"))


OUT = Path(__file__).resolve().parent / "out"


def workspace() -> tempfile.TemporaryDirectory[str]:
    """A folder for a generated site, under benchmarks/out/ on the project's own disk, where a
    real project builds: a system's /tmp may be another kind of file system."""
    OUT.mkdir(exist_ok=True)
    return tempfile.TemporaryDirectory(dir=OUT, prefix="site-")


def build_env() -> dict[str, str]:
    """The environment a build runs in: as an installed package runs, with bytecode caches
    (some machines set PYTHONDONTWRITEBYTECODE, which would compile every module on every
    run), and with no audience selection from the caller's shell."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for variable in ("PYTHONDONTWRITEBYTECODE", "GUIDANCE_AUDIENCES", "GUIDANCE_SHARD"):
        env.pop(variable, None)
    return env


def timed(command: list[str], root: Path) -> tuple[float, float]:
    """Wall time and CPU time (user + system, all processes) of one command."""
    env = build_env()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=root, env=env, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def timed_build(root: Path, config: str) -> tuple[float, float]:
    site = "site-" + config.split(".")[0]
    return timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", site], root)


def copy_fixture(fixture: Path, root: Path, copies: int) -> str:
    """The fixture site and its glossary in root, each page also copied `copies` times; the
    plain build's config file name."""
    site = root / "sites" / fixture.name
    shutil.copytree(fixture, site)
    shutil.copytree(fixture.parent.parent / "glossary", root / "glossary")
    pages = sorted((site / "docs").glob("*.md"))
    for number in range(copies):
        folder = site / "docs" / f"copy-{number:02}"
        folder.mkdir()
        for page in pages:
            shutil.copy(page, folder / page.name)
    return "base.yml"


# The plugin's steps that --profile times: (module, class or None, function, what it is)
STEPS = [
    ("guidance.site.build", "SiteBuild", "start_pages", "preparing pages and their versions"),
    ("guidance.site.plugin", "AudiencesPlugin", "_start_lint", "lint (guidance lint)"),
    ("guidance.site.plugin", "AudiencesPlugin", "_render_variants",
     "rendering pages' other versions"),
    ("guidance.site.build", "SiteBuild", "publish", "writing the audiences' folders"),
    ("guidance.site.tooltips", "_Tooltips", "run", "tooltips"),
    ("guidance.site.plugin", "AudiencesPlugin", "_with_switcher", "placing the switcher"),
    ("guidance.site.plugin", "AudiencesPlugin", "_check_links", "checking links to sections"),
    ("guidance.site.plugin", "AudiencesPlugin", "_write_root_pages", "the chooser"),
]


def profile(root: Path, plain_config: str, runs: int) -> None:
    """The CPU time of each of the plugin's steps, against the extra time over a plain build."""
    import importlib

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    spent: dict[str, float] = {}

    def timing(function: Any, what: str) -> Any:
        def timed_step(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[what] = spent.get(what, 0.0) + time.process_time() - start
        return timed_step

    for module, owner, name, what in STEPS:
        holder = getattr(importlib.import_module(module), owner)
        setattr(holder, name, timing(getattr(holder, name), what))
    os.chdir(root)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"

    def build(config_file: str) -> float:
        config = load_config(config_file, site_dir=str(root / "site-profile"))
        if "audiences" in config.plugins:
            config.plugins["audiences"].config.workers = 1
        start = time.process_time()
        config.plugins.on_startup(command="build", dirty=False)
        mkdocs_build(config)
        config.plugins.on_shutdown()
        return time.process_time() - start

    build(plain_config)
    build("mkdocs.yml")
    spent.clear()
    plain, plugin, steps = [], [], []
    for _ in range(runs):
        plain.append(build(plain_config))
        spent.clear()
        plugin.append(build("mkdocs.yml"))
        steps.append(dict(spent))
    base, full = statistics.median(plain), statistics.median(plugin)
    extra = full - base
    print(f"in one process: plain {base:.2f} s cpu, plugin {full:.2f} s cpu "
          f"({full / base:.2f}x), extra {extra:.2f} s")
    listed = 0.0
    for _, _, _, what in STEPS:
        seconds = statistics.median(step.get(what, 0.0) for step in steps)
        listed += seconds
        print(f"  {what:36s} {seconds:6.2f} s  {seconds / extra:6.1%} of the extra")
    rest = extra - listed
    print(f"  {'the rest (MkDocs pages, imports...)':36s} {rest:6.2f} s  {rest / extra:6.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--audiences", type=int, default=len(AUDIENCES), choices=range(2, 7))
    parser.add_argument("--fixture", type=Path, help="a site folder of tests/realworld/sites")
    parser.add_argument("--copies", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true",
                        help="where the plugin build's extra CPU time goes, step by step")
    options = parser.parse_args()
    with workspace() as folder:
        root = Path(folder)
        if options.fixture:
            plain_config = copy_fixture(options.fixture.resolve(), root, options.copies)
            root = root / "sites" / options.fixture.name
        else:
            ids = list(AUDIENCES)[:options.audiences]
            last = ids[-1]
            regions = ("police", "schools, health") if len(ids) == len(AUDIENCES) else (last, last)
            generate(root, options.pages, {a: AUDIENCES[a] for a in ids}, regions=regions)
            plain_config = "plain.yml"
        if options.profile:
            profile(root, plain_config, options.runs)
            return
        timed_build(root, plain_config)  # warm the file cache and imports
        plain, audiences = [], []
        for _ in range(options.runs):
            plain.append(timed_build(root, plain_config))
            audiences.append(timed_build(root, "mkdocs.yml"))
        sites = sorted(p.name for p in (root / "site-mkdocs").iterdir() if p.is_dir())
        pages = len(list((root / "site-mkdocs" / sites[0]).rglob("index.html")))
        print(f"{options.fixture or 'generated site'}: {pages} pages, {len(sites)} audiences "
              f"({', '.join(sites)}), {os.cpu_count()} cores, {os.getloadavg()[0]:.1f} load, "
              f"median of {options.runs}")
        baseline = report("plain mkdocs build, one audience, plugin off", plain)
        report("mkdocs build, every audience + chooser", audiences, baseline)
        print(f"goal {1.5 if len(sites) > 2 else 1.25}x; one build per audience would be about "
              f"{len(sites)}x")


def report(
    what: str, runs: list[tuple[float, float]], baseline: tuple[float, float] | None = None
) -> tuple[float, float]:
    wall = statistics.median(run[0] for run in runs)
    cpu = statistics.median(run[1] for run in runs)
    line = f"{what:48s} wall {wall:6.2f} s  cpu {cpu:6.2f} s"
    if baseline:
        line += f"  ratio wall {wall / baseline[0]:.2f}x  cpu {cpu / baseline[1]:.2f}x"
    print(f"{line}  (wall runs: {', '.join(f'{run[0]:.2f}' for run in runs)})")
    return wall, cpu


if __name__ == "__main__":
    main()
