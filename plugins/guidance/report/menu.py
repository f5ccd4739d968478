"""The site's menu order (mkdocs.yml `nav`), so the report lists pages as readers meet them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml


class _AnyTags(yaml.SafeLoader):
    """mkdocs.yml may hold tags such as !ENV or !!python/name: read them as nothing."""


_AnyTags.add_multi_constructor("", lambda loader, suffix, node: None)


def menu_order(config_file: str | Path = "mkdocs.yml") -> list[str]:
    """The pages in the menu, in order, as paths like `docs/index.md`; empty without a menu."""
    path = Path(config_file)
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTags)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []
    if not isinstance(config, dict):
        return []
    folder = path.parent / str(config.get("docs_dir") or "docs")
    return [(folder / page).as_posix() for page in _pages(config.get("nav"))]


def _pages(nav: Any) -> Iterator[str]:
    if isinstance(nav, str):
        if not nav.startswith(("http://", "https://", "/")) and nav.endswith((".md", ".markdown")):
            yield nav
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _pages(value)
    elif isinstance(nav, list):
        for item in nav:
            yield from _pages(item)


def in_menu_order(paths: list[str], menu: list[str]) -> list[int]:
    """Indexes of `paths` sorted as the menu lists them; pages not in the menu keep their
    order after the others."""
    place = {page: index for index, page in enumerate(menu)}
    return sorted(range(len(paths)), key=lambda i: (place.get(Path(paths[i]).as_posix(),
                                                              len(menu)), i))
