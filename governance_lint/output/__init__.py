"""Output: formatters, views, the HTML report, finding identity, comparison with a git ref."""
