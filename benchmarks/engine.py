"""How fast the engine scans and rewrites pages, against Python-Markdown rendering the same pages.

Generates, with a fixed seed, a corpus of guidance pages (about 1,500 words each, with headings
and attribute lists, lists, tables, admonitions and tabs with indented bodies, fenced and inline
code, links and bare URLs, all with glossary terms sprinkled in prose and in code) and a glossary
of 100 terms for 6 audiences, written to a temporary folder and read with `load_glossary`.

Measures, in one run (best of --runs, wall clock and CPU time, so a busy machine shows):
- loading a glossary of 500 terms, the first time in a process (which imports inflect) and
  again;
- `Engine.prepare` (once per page) in MB of Markdown per second;
- `Engine.rewrite` for each further audience in MB/s (target: at least 5 MB/s with 100 terms);
- Python-Markdown (`markdown.markdown` with the extensions and settings in mkdocs.yml), the
  baseline a build pays anyway, and the ratios to it.
Prints labelled figures; asserts nothing. --profile adds the hottest functions of prepare.

    python benchmarks/engine.py [--pages 200] [--words 1500] [--terms 100] [--runs 3] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import markdown
import yaml

from guidance.engine.glossary import Glossary, load_glossary
from guidance.engine.pages import Engine, PreparedPage

ROOT = Path(__file__).resolve().parents[1]
AUDIENCES = ("practitioners", "childminders", "police", "coaches", "schools", "health")
SYLLABLES = ("bor", "van", "tel", "mik", "sor", "pra", "dun", "lef", "kas", "rim", "tov", "nel",
             "gar", "fis", "hol", "zen", "quor", "bly", "dra", "wex")
FILLER = ("the", "a", "to", "and", "of", "in", "that", "is", "for", "it", "with", "as", "on",
          "be", "at", "by", "this", "from", "or", "have", "you", "can", "will", "your", "share",
          "information", "family", "worried", "safe", "help", "ask", "record", "decide", "when",
          "how", "why", "what", "need", "must", "should", "may", "people", "work", "advice",
          "concern", "harm", "risk", "support", "clear", "early", "quickly")
TERM_SHARE = 0.04  # about one word in 25 of prose is a glossary term, as in the real guidance


# -- the glossary --------------------------------------------------------------------------------

def pseudo_word(rng: random.Random, syllables: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables))


def make_terms(rng: random.Random, count: int) -> list[dict[str, object]]:
    """Terms of one to three words, a few acronyms, each with every further audience's words."""
    terms: list[dict[str, object]] = []
    seen: set[str] = set()
    while len(terms) < count:
        if rng.random() < 0.1:
            word = "".join(rng.choice("BCDFGHJKLMNPRSTVWZ") for _ in range(rng.randint(2, 4)))
        else:
            word = " ".join(pseudo_word(rng, rng.randint(2, 3)) for _ in range(rng.randint(1, 3)))
        if word.lower() in seen:
            continue
        seen.add(word.lower())
        swap = {
            audience: " ".join(pseudo_word(rng) for _ in range(rng.randint(1, 3)))
            for audience in AUDIENCES[1:]
        }
        terms.append({"term": word, "definition": f"What {word} means.", "swap": swap})
    return terms


def write_glossary(folder: Path, terms: list[dict[str, object]]) -> Path:
    (folder / "terms").mkdir(parents=True)
    audiences = {
        audience: {"name": audience.title(), "reader": f"People who read as {audience}"}
        for audience in AUDIENCES
    }
    (folder / "audiences.yml").write_text(
        yaml.safe_dump({"source": AUDIENCES[0], "audiences": audiences}, sort_keys=False),
        encoding="utf-8",
    )
    for start in range(0, len(terms), 50):  # topic files of 50 terms, as editors would group
        (folder / "terms" / f"topic-{start // 50:02}.yml").write_text(
            yaml.safe_dump(terms[start:start + 50], sort_keys=False, allow_unicode=True),
            encoding="utf-8",
        )
    return folder


# -- the corpus ----------------------------------------------------------------------------------

class PageWriter:
    """One guidance page of roughly `words` words, built block by block."""

    def __init__(self, rng: random.Random, terms: list[str], words: int) -> None:
        self.rng = rng
        self.terms = terms
        self.words = words
        self.written = 0

    def prose(self, count: int) -> str:
        rng = self.rng
        out = []
        for index in range(count):
            if rng.random() < TERM_SHARE:
                term = rng.choice(self.terms)
                out.append(rng.choice((term, term.capitalize(), term + "s", term + "'s")))
            else:
                out.append(rng.choice(FILLER))
            if index % 12 == 11:
                out[-1] += "."
        self.written += count
        return " ".join(out).capitalize() + "."

    def inline(self, count: int) -> str:
        """Prose with links, inline code and now and then a bare URL."""
        rng = self.rng
        text = self.prose(count)
        words = text.split(" ")
        for _ in range(max(1, count // 40)):
            at = rng.randrange(len(words))
            kind = rng.random()
            slug = rng.choice(self.terms).replace(" ", "-").lower()
            if kind < 0.5:
                words[at] = f"[{words[at]}]({slug}.md#{slug})"
            elif kind < 0.8:
                words[at] = f"`{rng.choice(self.terms)}`"
            else:
                words[at] = f"https://example.org/{slug}"
        return " ".join(words)

    def code(self, indent: str = "") -> str:
        rng = self.rng
        lines = [f"{rng.choice(self.terms).replace(' ', '_').lower()} = {rng.randint(0, 99)}"
                 for _ in range(rng.randint(3, 8))]
        return "\n".join(indent + line for line in ["```yaml", *lines, "```"])

    def table(self) -> str:
        rng = self.rng
        rows = ["| Who | What to do |", "| --- | --- |"]
        for _ in range(rng.randint(3, 6)):
            rows.append(f"| {self.prose(3)} | {self.inline(10)} |")
        return "\n".join(rows)

    def admonition(self) -> str:
        rng = self.rng
        opener = rng.choice((f'!!! note "{self.prose(4)}"', f'=== "{self.prose(2)}"',
                             f'??? tip "{self.prose(3)}"'))
        gap = rng.choice(("\n", "\n\n"))
        body = self.inline(rng.randint(30, 60)) + "\n\n" + self.code()
        return opener + gap + "\n".join("    " + line if line else "" for line in
                                        body.split("\n"))

    def page(self, number: int) -> str:
        rng = self.rng
        blocks = [f"---\ntitle: {self.prose(4)}\n---", f"# {self.prose(5)}"]
        while self.written < self.words:
            kind = rng.random()
            if kind < 0.45:
                blocks.append(self.inline(rng.randint(40, 90)))
            elif kind < 0.55:
                blocks.append(f"## {self.prose(5)} {{#section-{number}-{len(blocks)}}}")
            elif kind < 0.67:
                blocks.append("\n".join(f"- {self.inline(rng.randint(8, 20))}"
                                        for _ in range(rng.randint(3, 6))))
            elif kind < 0.77:
                blocks.append(self.table())
            elif kind < 0.88:
                blocks.append(self.admonition())
            elif kind < 0.96:
                blocks.append(self.code())
            else:
                blocks.append(f"> {self.inline(rng.randint(20, 40))}")
        return "\n\n".join(blocks) + "\n"


def make_corpus(rng: random.Random, terms: list[str], pages: int, words: int) -> list[str]:
    return [PageWriter(rng, terms, words).page(number) for number in range(pages)]


# -- measuring -----------------------------------------------------------------------------------

def timed(function: Callable[[], object], runs: int) -> tuple[float, float]:
    """Best wall-clock and CPU seconds of `runs` calls: the least disturbed by other work."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def project_markdown_settings() -> tuple[list[str], dict[str, dict]]:
    """The Markdown extensions and their settings from the project's mkdocs.yml."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names: list[str] = []
    settings: dict[str, dict] = {}
    for entry in config.get("markdown_extensions", []):
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        settings[name] = options or {}
    return names, settings


def rate(megabytes: float, seconds: float) -> str:
    return f"{megabytes / seconds:8.2f} MB/s" if seconds else "       - MB/s"


def report(label: str, megabytes: float, wall: float, cpu: float,
           baseline: tuple[float, float] | None) -> None:
    """One line: time, throughput, and how many times faster than the baseline."""
    ratio = ""
    if baseline:
        ratio = f"   {baseline[0] / wall:7.1f}x baseline (CPU {baseline[1] / max(cpu, 1e-9):.1f}x)"
    print(f"  {label:<34} {wall:7.3f} s wall {rate(megabytes, wall)}"
          f"   ({cpu:.3f} s CPU {rate(megabytes, cpu).strip()}){ratio}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--words", type=int, default=1500, help="words per page (about)")
    parser.add_argument("--terms", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="profile prepare() and print "
                        "the hottest functions")
    arguments = parser.parse_args()
    rng = random.Random(20261125)

    with tempfile.TemporaryDirectory(prefix="guidance-bench-") as temporary:
        temp = Path(temporary)
        big = write_glossary(temp / "big" / "glossary", make_terms(rng, 500))
        first_load = timed(lambda: load_glossary(big), 1)
        big_load = timed(lambda: load_glossary(big), arguments.runs)
        terms = make_terms(rng, arguments.terms)
        glossary: Glossary = load_glossary(write_glossary(temp / "glossary", terms))

    words = [str(term["term"]) for term in terms]
    pages = make_corpus(rng, words, arguments.pages, arguments.words)
    megabytes = sum(len(page.encode("utf-8")) for page in pages) / 1e6
    word_count = sum(len(page.split()) for page in pages)

    engine_build = timed(lambda: Engine(glossary), arguments.runs)
    engine = Engine(glossary)
    prepared: list[PreparedPage] = []

    def prepare_all() -> None:
        prepared[:] = [engine.prepare(page, f"page-{n}.md") for n, page in enumerate(pages)]

    prepare = timed(prepare_all, arguments.runs)
    rewrites = {
        audience: timed(lambda audience=audience: [engine.rewrite(page, audience)
                                                   for page in prepared], arguments.runs)
        for audience in glossary.ids
    }
    substitutions = {audience: sum(len(engine.rewrite(page, audience).substitutions)
                                   for page in prepared) for audience in glossary.ids[1:2]}

    names, settings = project_markdown_settings()
    render = timed(lambda: [markdown.markdown(page, extensions=names,
                                              extension_configs=settings) for page in pages],
                   arguments.runs)

    further = [audience for audience in glossary.ids if audience != glossary.source]
    print(f"Corpus: {len(pages)} pages, {word_count:,} words, {megabytes:.2f} MB; glossary of "
          f"{len(glossary.terms)} terms, {len(glossary.ids)} audiences "
          f"(source: {glossary.source}); best of {arguments.runs} runs")
    print(f"  substitutions per audience (e.g. {further[0]}): "
          f"{substitutions[further[0]]:,}")
    print()
    print("Glossary")
    print(f"  load_glossary, 500 terms, first    {first_load[0]:7.3f} s wall   "
          f"({first_load[1]:.3f} s CPU; includes importing inflect)")
    print(f"  load_glossary, 500 terms, again    {big_load[0]:7.3f} s wall   "
          f"({big_load[1]:.3f} s CPU)")
    print(f"  Engine(glossary), {len(glossary.terms)} terms"
          f"{'':<{14 - len(str(len(glossary.terms)))}}{engine_build[0]:7.3f} s wall   "
          f"({engine_build[1]:.3f} s CPU)")
    print()
    print("Baseline")
    report("Python-Markdown (mkdocs.yml ext.)", megabytes, *render, None)
    print()
    print("Engine")
    report("prepare(), once per page", megabytes, *prepare, render)
    for audience in glossary.ids:
        label = f"rewrite() {audience}" + (" (source)" if audience == glossary.source else "")
        report(label, megabytes, *rewrites[audience], render)
    further_wall = statistics.mean(rewrites[audience][0] for audience in further)
    further_cpu = statistics.mean(rewrites[audience][1] for audience in further)
    print()
    print("Summary")
    report("rewrite(), mean further audience", megabytes, further_wall, further_cpu, render)
    target = "meets" if megabytes / further_wall >= 5 else "MISSES"
    print(f"  target >= 5 MB/s per further audience with 100 terms: {target} "
          f"({megabytes / further_wall:.2f} MB/s)")
    audiences = len(glossary.ids)
    engine_total = prepare[0] + further_wall * len(further) + rewrites[glossary.source][0]
    print(f"  a build of {audiences} audiences: engine {engine_total:.2f} s (prepare once, "
          f"rewrite {audiences}x) against rendering {audiences}x {render[0] * audiences:.2f} s "
          f"= {100 * engine_total / (render[0] * audiences):.1f}% of the rendering time")

    if arguments.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        prepare_all()
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
        print()
        print("prepare() profile, by own time (tottime):")
        print(out.getvalue())


if __name__ == "__main__":
    main()
