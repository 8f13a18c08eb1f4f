"""The board's fee page: one self-contained HTML file (and a PDF of the fee table) that a board
member opens from an e-mail attachment, offline, without Python.

- :mod:`.ranges`: the grid of control positions (rates, maximum fees, maximum increases), from
  the data around the rules in force, or as the treasurer overrides it;
- :mod:`.figures`: everything the page shows, computed by the fee model for every fee year on
  offer — each member's fee before limits at every rate of the grid, last year's fees, the
  membership and indicator fees, the budget lines, the data folder's scenarios;
- :mod:`.page`: the Bokeh page (widgets, tables, charts; inline resources, nothing loaded from
  the network) with ``board.js``, which only picks figures from those tables, takes the
  lowest of the limits and adds up (a test proves it equal to the package over the whole grid);
- :mod:`.pdf`: the rules in force as a printable fee table.
"""
