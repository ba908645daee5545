"""The organization: entities merged from every file, the terms, the graph."""
