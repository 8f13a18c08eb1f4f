"""The data folder: the only code that opens input files. :func:`.load.load` reads it into ``Books``."""
