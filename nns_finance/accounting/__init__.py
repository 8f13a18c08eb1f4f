"""Accounting over the loaded books: outcome, trial balance, phasing, forecast, result, equity."""
