"""The fee model: membership, service and indicator fees per member and year, grids and solving."""
