"""`guidance lint`: the terminology checks, their rule catalogue, word lists and output formats."""
