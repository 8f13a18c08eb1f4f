"""Jupyter server settings for this repository, read by ``make lab`` (which puts the repository
root on ``JUPYTER_CONFIG_PATH``, beside the user's own configuration).

Notebooks saved under ``notebooks/`` are written without outputs: they are the report templates
that git tracks, and running their cells in JupyterLab must not change them. Executed notebooks
are made by the CLI (``nns-finance report`` and the like) into ``reports/``.
See https://jupyter-server.readthedocs.io/en/latest/developers/savehooks.html
"""
c = get_config()  # noqa: F821 -- provided by Jupyter when it loads this file
c.FileContentsManager.pre_save_hook = "nns_finance.reports.notebooks.strip_outputs"
