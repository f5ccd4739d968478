"""Benchmark: `guidance lint` against textlint + textlint-rule-prh on the same generated corpus.

Generates 200 pages of about 1,500 words, a 100-term glossary and 6 audiences, with the
constructs that trip other linters (fenced and inline code, link and bare URLs, attribute lists,
snippet lines, admonition and tab bodies, block quotes) and glossary terms, variants, jargon and
words to avoid planted both in prose and inside code. Then it times, interleaved (ours, theirs,
ours, ...), `guidance lint` and textlint on the corpus, `guidance lint` on this project's own
docs and a bare `python -c pass` (the interpreter's start-up, the floor for any Python command),
and prints medians of CPU time (user + system, the process and its children) and wall time. It
counts the findings each tool puts inside code or URLs, where every finding is a false positive,
and times writing the corpus's findings (about 15,000) in every output format.

Commands run as an installed package runs: with bytecode caches (PYTHONDONTWRITEBYTECODE unset),
after one warm-up run each, so `guidance lint` finds its compiled glossary in its cache (a
folder of this run's own); each lint is timed with --no-cache as well.

textlint is installed with npm into benchmarks/out/ (not a project dependency). The prh
dictionary is generated from the same glossary: one rule per term, case-insensitive, whole
words, singular and plural, with the first non-source audience's wording as `expected`.

Run: python benchmarks/lint.py [--pages 200] [--runs 5] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from guidance.engine.glossary import load_glossary
from guidance.lint import output as lint_output
from guidance.lint.runner import lint_paths

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out" / "lint"
AUDIENCES = ("practitioners", "childminders", "police", "coaches", "schools", "health")
SYLLABLES = ("bor", "van", "tel", "mik", "sor", "pra", "dun", "lef", "kas", "rim", "tov", "nel",
             "gar", "fis", "hol", "zen", "quor", "bly", "dra", "wex")
WORDING_SYLLABLES = ("ab", "ek", "iv", "oz", "ul", "ap", "en", "ix", "om", "ut")
FILLER = ("the", "a", "to", "and", "of", "in", "that", "is", "for", "it", "with", "as", "on",
          "be", "at", "by", "this", "from", "or", "have", "you", "can", "will", "your", "share",
          "information", "child", "family", "worried", "safe", "help", "ask", "record", "decide",
          "when", "how", "why", "what", "need", "must", "should", "may", "people", "work",
          "advice", "concern", "harm", "risk", "support", "clear", "early", "quickly", "local")
JARGON = ("LADO", "MASH", "DSL", "section 47", "strategy meeting", "core group")
AVOID = ("utilise", "facilitate", "robust", "in order to", "going forward", "liaise")
TEXTLINT_PACKAGES = ("textlint@15", "textlint-rule-prh@6")
PROSE_WORDS = 1050
OUTPUT_FINDINGS = 15_000


def word(rng: random.Random, syllables: int = 2, alphabet: tuple[str, ...] = SYLLABLES) -> str:
    return "".join(rng.choice(alphabet) for _ in range(syllables))


@dataclass
class Corpus:
    root: Path
    terms: list[dict[str, object]]
    code_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # (start, end)


def make_glossary(root: Path, rng: random.Random) -> list[dict[str, object]]:
    seen: set[str] = set()
    terms: list[dict[str, object]] = []
    while len(terms) < 100:
        size = rng.choice((1, 1, 2, 2, 3))
        phrase = " ".join(word(rng, rng.choice((2, 3))) for _ in range(size))
        if phrase in seen:
            continue
        seen.add(phrase)
        swap = {audience: " ".join(word(rng, 3, WORDING_SYLLABLES)
                                   for _ in range(rng.choice((1, 2))))
                for audience in AUDIENCES[1:]}
        entry: dict[str, object] = {"term": phrase, "definition": f"The meaning of {phrase}.",
                                    "swap": swap}
        if len(terms) % 10 == 0 and " " in phrase:
            entry["variants"] = [phrase.replace(" ", "-", 1)]
        terms.append(entry)
    (root / "glossary" / "terms").mkdir(parents=True)
    audiences = {audience: {"name": audience.title(), "reader": f"People who are {audience}"}
                 for audience in AUDIENCES}
    (root / "glossary" / "audiences.yml").write_text(
        yaml.safe_dump({"source": AUDIENCES[0], "audiences": audiences}, sort_keys=False))
    (root / "glossary" / "terms" / "terms.yml").write_text(yaml.safe_dump(terms, sort_keys=False))
    return terms


class Page:
    """Builds a page, remembering where its code and URLs are."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.code: list[tuple[int, int]] = []

    def add(self, text: str, code: bool = False) -> None:
        if code:
            self.code.append((self.length, self.length + len(text)))
        self.parts.append(text)
        self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts)


def sentence(rng: random.Random, terms: list[dict[str, object]], page: Page, words: int) -> None:
    for index in range(words):
        roll = rng.random()
        if roll < 0.06:
            term = rng.choice(terms)
            text = str(term["term"])
            if rng.random() < 0.3:
                text = str(term["_plural"])
            if "variants" in term and rng.random() < 0.2:
                text = str(term["variants"][0])  # type: ignore[index]
        elif roll < 0.065:
            text = rng.choice(JARGON)
        elif roll < 0.068:
            text = rng.choice(AVOID)
        elif roll < 0.08:
            term = rng.choice(terms)
            page.add(" " if index else "")
            page.add(f"`{term['term']} {rng.choice(JARGON)}`", code=True)
            continue
        else:
            text = rng.choice(FILLER)
        if index == 0:
            text = text[:1].upper() + text[1:]
        page.add((" " if index else "") + text)
    page.add(". ")


def paragraph(rng: random.Random, terms: list[dict[str, object]], page: Page,
              indent: str = "") -> int:
    count = 0
    for _ in range(rng.randint(2, 4)):
        size = rng.randint(8, 20)
        if indent:
            page.add(indent)
        sentence(rng, terms, page, size)
        page.add("\n")
        count += size
    page.add("\n")
    return count


def code_block(rng: random.Random, terms: list[dict[str, object]], page: Page) -> None:
    lines = []
    for _ in range(rng.randint(3, 6)):
        term = rng.choice(terms)
        variant = term.get("variants", [term["term"]])[0]  # type: ignore[index, union-attr]
        lines.append(f"{term['term']} = {variant!r}  # {rng.choice(JARGON)} "
                     f"{rng.choice(AVOID)}")
    page.add("```python\n")
    page.add("\n".join(lines) + "\n", code=True)
    page.add("```\n\n")


def make_page(rng: random.Random, terms: list[dict[str, object]], number: int) -> Page:
    page = Page()
    title = str(rng.choice(terms)["term"]).title()
    page.add(f"---\ntitle: {title} {number}\n")
    page.add(f"{rng.choice(JARGON).lower().replace(' ', '_')}: {rng.choice(terms)['term']}\n",
             code=True)
    page.add("---\n\n")
    page.add(f"# {title}\n\n")
    words = 0  # prose words; code, URLs and markup bring the page to about 1,500
    section = 0
    while words < PROSE_WORDS:
        section += 1
        kind = section % 8
        if kind == 0:
            term = str(rng.choice(terms)["term"])
            slug = term.replace(" ", "-")
            page.add(f"## {term.title()} ")
            page.add(f"{{ #{slug} }}", code=True)
            page.add("\n\n")
        elif kind == 1:
            words += paragraph(rng, terms, page)
        elif kind == 2:
            code_block(rng, terms, page)
        elif kind == 3:
            blank = "\n" if section % 16 == 3 else ""
            page.add(f'!!! note "About {rng.choice(terms)["term"]}"\n{blank}')
            words += paragraph(rng, terms, page, indent="    ")
        elif kind == 4:
            term = str(rng.choice(terms)["term"])
            page.add(f"See [{term}](")
            page.add(f"https://example.org/{term.replace(' ', '-')}/{rng.choice(JARGON)}",
                     code=True)
            page.add(") and ")
            page.add(f"https://example.org/{rng.choice(AVOID).replace(' ', '-')}", code=True)
            page.add(" for more.\n\n")
            words += 6
        elif kind == 5:
            page.add('=== "Tab"\n\n')
            words += paragraph(rng, terms, page, indent="    ")
        elif kind == 6:
            words += paragraph(rng, terms, page, indent="> ")
        else:
            page.add("--8<-- ")
            page.add(f"\"{rng.choice(terms)['term'].replace(' ', '-')}.md\"", code=True)
            page.add("\n\n")
    return page


def make_corpus(pages: int) -> Corpus:
    if OUT.exists():
        shutil.rmtree(OUT / "project", ignore_errors=True)
    root = OUT / "project"
    rng = random.Random(1)
    terms = make_glossary(root, rng)
    for term, loaded in zip(terms, load_glossary(root / "glossary").terms, strict=True):
        term["_plural"] = loaded.plural  # as the engine reads it
    docs = root / "docs"
    docs.mkdir()
    corpus = Corpus(root, terms)
    for number in range(pages):
        page = make_page(rng, terms, number)
        name = f"docs/page-{number:03}.md"
        (root / name).write_text(page.text())
        corpus.code_spans[name] = page.code
    return corpus


def prh_rules(terms: list[dict[str, object]]) -> str:
    """The same glossary as a prh dictionary, the way the terminology study tuned it."""
    rules = []
    for term in terms:
        phrase = str(term["term"])
        expected = str(term["swap"]["childminders"])  # type: ignore[index]
        body = r"\s+".join(phrase.split())
        rules.append({"expected": expected, "pattern": f"/\\b{body}(s?)\\b/i"})
    return yaml.safe_dump({"version": 1, "rules": rules}, sort_keys=False)


def install_textlint() -> Path | None:
    prefix = OUT / "textlint"
    binary = prefix / "node_modules" / ".bin" / "textlint"
    if binary.exists():
        return binary
    if shutil.which("npm") is None:
        return None
    prefix.mkdir(parents=True, exist_ok=True)
    (prefix / "package.json").write_text('{"private": true}\n')
    result = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix",
                             str(prefix), *TEXTLINT_PACKAGES], capture_output=True, text=True)
    if result.returncode != 0:
        print(result.stderr[-2000:], file=sys.stderr)
        return None
    return binary


@dataclass
class Timing:
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)  # user + system, process and children

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus)

    def __str__(self) -> str:
        return f"{self.cpu:.3f} s CPU, {self.wall:.3f} s wall (medians of {len(self.cpus)})"


ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def run_once(command: list[str], cwd: Path, timing: Timing | None) -> str:
    """One run; its CPU time is read from the children's resource usage around it."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 1):
        raise SystemExit(f"{command[0]} failed ({result.returncode}):\n{result.stderr}")
    if timing is not None:
        timing.walls.append(wall)
        timing.cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return result.stdout


def interleaved(commands: dict[str, tuple[list[str], Path]], runs: int,
                ) -> tuple[dict[str, Timing], dict[str, str]]:
    """Each command once to warm up, then `runs` rounds of every command in turn, so a busy
    moment of the machine falls on all of them alike."""
    timings = {name: Timing() for name in commands}
    outputs = {name: run_once(command, cwd, None) for name, (command, cwd) in commands.items()}
    for _ in range(runs):
        for name, (command, cwd) in commands.items():
            run_once(command, cwd, timings[name])
    return timings, outputs


def output_times(corpus: Corpus, runs: int) -> tuple[int, dict[str, float]]:
    """CPU time to write 15,000 findings in each format (median), in this process: the
    corpus's findings, repeated as often as it takes."""
    found = lint_paths(corpus.root / "glossary", [corpus.root / "docs"], root=corpus.root).findings
    findings = (found * (OUTPUT_FINDINGS // max(len(found), 1) + 1))[:OUTPUT_FINDINGS]
    times = {}
    for format_ in lint_output.FORMATS:
        samples = []
        for _ in range(runs):
            out = io.StringIO()
            start = time.process_time()
            lint_output.write(format_, findings, out, files=len(corpus.code_spans))
            samples.append(time.process_time() - start)
        times[format_] = statistics.median(samples)
    return len(findings), times


def profile(corpus: Corpus) -> None:
    """The hottest functions of one lint of the corpus, in this process."""
    profiler = cProfile.Profile()
    profiler.enable()
    lint_paths(corpus.root / "glossary", [corpus.root / "docs"], root=corpus.root)
    profiler.disable()
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("tottime").print_stats(15)
    print("profile of one lint of the corpus (in process, imports excluded):")
    print("\n".join(line for line in stream.getvalue().splitlines()[4:] if line.strip()))


def in_code(corpus: Corpus, path: str, line: int, column: int) -> bool:
    text = (corpus.root / path).read_text()
    lines = text.split("\n")
    offset = sum(len(item) + 1 for item in lines[:line - 1]) + column - 1
    return any(start <= offset < end for start, end in corpus.code_spans.get(path, ()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="also profile one lint")
    options = parser.parse_args()

    corpus = make_corpus(options.pages)
    words = sum(len((corpus.root / p).read_text().split()) for p in corpus.code_spans)
    print(f"corpus: {options.pages} pages, {words:,} words (code included), "
          f"{len(corpus.terms)} terms, {len(AUDIENCES)} audiences")

    ours = [sys.executable, "-m", "guidance.cli", "lint", "--format", "json", "--exit-zero"]
    ENV["XDG_CACHE_HOME"] = str(corpus.root / "cache")  # the compiled glossary's, this run's own
    commands = {
        "ours": ([*ours, "docs"], corpus.root),
        "ours, no cache": ([*ours, "--no-cache", "docs"], corpus.root),
        "own docs": ([sys.executable, "-m", "guidance.cli", "lint"], ROOT),
        "own docs, no cache": ([sys.executable, "-m", "guidance.cli", "lint", "--no-cache"], ROOT),
        "python": ([sys.executable, "-c", "pass"], ROOT),
        "python -S": ([sys.executable, "-S", "-c", "pass"], ROOT),
    }
    binary = install_textlint()
    if binary is None:
        print("textlint: could not be installed with npm; no comparison")
    else:
        (corpus.root / "prh.yml").write_text(prh_rules(corpus.terms))
        (corpus.root / ".textlintrc.json").write_text(json.dumps(
            {"rules": {"prh": {"rulePaths": ["./prh.yml"]}}}))
        commands["textlint"] = ([str(binary), "--format", "json", "docs"], corpus.root)
    timings, outputs = interleaved(commands, options.runs)

    findings = json.loads(outputs["ours"])["findings"]
    ours_code = sum(in_code(corpus, f["path"], f["line"], f["column"]) for f in findings
                    if f["path"].startswith("docs/"))
    by_code: dict[str, int] = {}
    for finding in findings:
        by_code[finding["code"]] = by_code.get(finding["code"], 0) + 1
    print(f"guidance lint: {timings['ours']}, {len(findings):,} findings "
          f"({', '.join(f'{k} {v}' for k, v in sorted(by_code.items()))}), "
          f"{ours_code} inside code or URLs")
    print(f"  the same compiling the glossary afresh (--no-cache): {timings['ours, no cache']}")
    if "textlint" in timings:
        reports = [(Path(entry["filePath"]).relative_to(corpus.root).as_posix(), message)
                   for entry in json.loads(outputs["textlint"]) for message in entry["messages"]]
        theirs_code = sum(in_code(corpus, path, m["line"], m["column"]) for path, m in reports)
        theirs = timings["textlint"]
        print(f"textlint + prh: {theirs}, {len(reports):,} reports, "
              f"{theirs_code} inside code or URLs")
        print(f"ratio: guidance lint is {theirs.cpu / timings['ours'].cpu:.1f}x faster in CPU "
              f"time (aim: 10x), {theirs.wall / timings['ours'].wall:.1f}x in wall time")
    floor = timings["python"]
    print(f"this project's docs: {timings['own docs']} (aim: 0.15 s CPU), "
          f"{timings['own docs, no cache'].cpu:.3f} s CPU with --no-cache; "
          f"`python -c pass` alone: {floor}, of which {floor.cpu - timings['python -S'].cpu:.3f} "
          f"s is the `site` module with the .pth files of this Python's site-packages "
          f"(`python -S -c pass`: {timings['python -S'].cpu:.3f} s)")

    count, times = output_times(corpus, options.runs)
    print(f"writing {count:,} findings, CPU (aim: 0.1 s each): "
          + ", ".join(f"{name} {seconds:.3f} s" for name, seconds in times.items()))
    if options.profile:
        profile(corpus)


if __name__ == "__main__":
    main()
