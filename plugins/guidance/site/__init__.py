"""The MkDocs side: the `audiences` plugin and everything that turns one rendering of the site
into each audience's folder (placeholders, page variants, publishing, link checks, shards)."""
