"""Every audience's site built with Zensical from the same mkdocs.yml, docs and glossary."""
