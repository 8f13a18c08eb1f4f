"""Reports for people: the monthly report, tables, charts, the PDF, notebooks and text output."""
