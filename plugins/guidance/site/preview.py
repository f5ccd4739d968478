"""The preview (`mkdocs serve`) shows a build error in the browser instead of hanging.

MkDocs keeps every request waiting after a failed rebuild ("the server will appear stuck"),
so an editor who saved a mistake sees a page that never loads. Here a failed rebuild counts as
finished: the preview's pages are replaced by one page naming the file, line and fix, which
reloads itself once the next save builds again.
"""

from __future__ import annotations

import html
import logging
import os
import shutil
from collections.abc import Callable
from typing import Any

log = logging.getLogger("mkdocs.plugins.guidance.preview")

PAGE = """<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="guidance-preview-error" content="1">
<title>The preview cannot be built</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.5; color: #1b1b1b; }}
h1 {{ color: #a00; }}
li {{ margin-bottom: 1rem; font-family: ui-monospace, monospace; white-space: pre-wrap; }}
</style>
</head>
<body>
<main>
<h1>The preview cannot be built</h1>
<p>Fix {what} below in your editor and save the file. This page comes back by itself
once the site builds again; nothing has been published.</p>
<ul>
{items}
</ul>
</main>
<script>
setInterval(function () {{
  fetch(location.href, {{cache: "no-store"}}).then(function (response) {{
    return response.text();
  }}).then(function (text) {{
    if (text.indexOf("guidance-preview-error") < 0) {{ location.reload(); }}
  }}).catch(function () {{}});
}}, 1000);
</script>
</body>
</html>
"""


class _Errors(logging.Handler):
    """Keeps the error lines MkDocs logs while it builds: they name the file and line."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines += [line for line in record.getMessage().splitlines() if line.strip()]


def showing_errors(builder: Callable[..., Any], site_dir: str) -> Callable[..., Any]:
    """The preview's rebuild, which on failure serves the error page instead of hanging."""

    def rebuild(*args: Any, **kwargs: Any) -> None:
        errors = _Errors()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(errors)
        try:
            builder(*args, **kwargs)
        except Exception as exc:  # whatever stopped the build, the editor must see it
            lines = errors.lines or [str(exc) or type(exc).__name__]
            write_error_page(site_dir, lines)
            log.error("The preview in your browser shows this error until it is fixed; save the "
                      "file again after fixing it.")
        finally:
            logger.removeHandler(errors)

    return rebuild


def write_error_page(site_dir: str, lines: list[str]) -> None:
    """Replaces the preview's pages with the error page: every address answers with it."""
    for name in os.listdir(site_dir):
        path = os.path.join(site_dir, name)
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        else:
            os.remove(path)
    shown = [line for line in lines if not line.startswith("Aborted with")] or lines
    items = "\n".join(f"<li>{html.escape(line)}</li>" for line in shown)
    page = PAGE.format(what="the mistake" if len(shown) == 1 else "the mistakes", items=items)
    for name in ("index.html", "404.html"):
        with open(os.path.join(site_dir, name), "w", encoding="utf-8") as out:
            out.write(page)
