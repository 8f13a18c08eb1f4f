"""The nouns every layer shares: money, problems, settings records, labels, safe output files."""
