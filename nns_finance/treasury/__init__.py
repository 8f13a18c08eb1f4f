"""Treasury: term deposits, interest, the deposit guarantee, liquidity and the cash forecast."""
