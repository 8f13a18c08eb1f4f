"""Messages in the treasurer's language: gettext catalogs read with Babel.

The messages are written in English in the code (``_("{n} errors")``) and translated through
the catalog ``nns_finance/core/locale/<lang>.po`` (standard gettext PO, edited with any PO
tool; ``pybabel extract -k _ -o messages.pot nns_finance`` lists what is marked). Swedish is
the default; English (the source language) when the data folder's ``settings.toml`` says
``language = "en"``, or ``NNS_LANG=en`` in the environment (which wins over the settings).

:func:`_` translates and fills in ``{name}`` fields; :func:`ngettext` picks the plural form.
A message the catalog does not have is shown in English, never dropped, and remembered:
:func:`untranslated` lists the msgids looked up but missing from the catalog (the tests run the
bad-input corpus in Swedish and require it to be empty; with ``NNS_UNTRANSLATED=file`` each is
also appended to that file, one a line).
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

DEFAULT_LANGUAGE = "sv"
LANGUAGES = ("sv", "en")
_LOCALE = Path(__file__).with_name("locale")
_chosen: str | None = None
_missing: set[str] = set()


def set_language(lang: str | None) -> None:
    """Use ``lang`` (``"sv"`` or ``"en"``; None: back to the default) from now on."""
    global _chosen
    _chosen = lang if lang in LANGUAGES else None


def language() -> str:
    """The language messages are shown in: ``NNS_LANG``, else the one set, else Swedish."""
    env = os.environ.get("NNS_LANG", "").strip().lower()[:2]
    if env in LANGUAGES:
        return env
    return _chosen or DEFAULT_LANGUAGE


@lru_cache(maxsize=None)
def _catalog(lang: str) -> dict:
    """msgid → msgstr (a str, or a tuple of plural forms) of the language's PO file."""
    if lang == "en":
        return {}
    from babel.messages.pofile import read_po

    path = _LOCALE / f"{lang}.po"
    if not path.is_file():
        return {}
    with open(path, "rb") as f:
        catalog = read_po(f, locale=lang)
    out = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        key = message.id[0] if isinstance(message.id, (tuple, list)) else message.id
        if isinstance(message.string, (tuple, list)):
            if all(message.string):
                out[key] = tuple(message.string)
        elif message.string:
            out[key] = message.string
    return out


@lru_cache(maxsize=None)
def _translated(lang: str) -> frozenset:
    """Every msgstr of the language's catalog: a text already translated is no miss."""
    out = set()
    for text in _catalog(lang).values():
        out.update(text if isinstance(text, tuple) else (text,))
    return frozenset(out)


def _lookup(message: str):
    """The catalog's msgstr for ``message`` (None when missing, which is remembered)."""
    lang = language()
    text = _catalog(lang).get(message)
    if text is None and lang != "en" and message not in _missing and message not in _translated(lang):
        _missing.add(message)
        log = os.environ.get("NNS_UNTRANSLATED")
        if log:      # the tests run commands in fresh processes and collect their misses here
            with open(log, "a", encoding="utf-8") as f:
                f.write(message.replace("\n", "\\n") + "\n")
    return text


def untranslated() -> set[str]:
    """The msgids looked up since the last :func:`forget_untranslated` that the catalog lacks."""
    return set(_missing)


def forget_untranslated() -> None:
    _missing.clear()


def _(message: str, **fields) -> str:
    """``message`` in the current language, with its ``{fields}`` filled in."""
    text = _lookup(message) or message
    if isinstance(text, tuple):
        text = text[0]
    return text.format(**fields) if fields else text


def ngettext(singular: str, plural: str, n: int, **fields) -> str:
    """The singular or plural form for ``n`` (Swedish and English: 1 is singular)."""
    forms = _lookup(singular)
    if isinstance(forms, tuple) and len(forms) >= 2:
        text = forms[0] if n == 1 else forms[1]
    else:
        text = singular if n == 1 else plural
    return text.format(n=n, **fields)


def os_error_text(exc: OSError) -> str:
    """Why the system refused a file: ``exc.strerror`` (English) in English, else the catalog's
    words for the common reasons."""
    import errno

    reasons = {errno.ENOENT: "no such file or folder", errno.EACCES: "permission denied",
               errno.EPERM: "operation not permitted", errno.EISDIR: "is a folder",
               errno.ENOTDIR: "not a folder", errno.ENOSPC: "no space left on the device",
               errno.EROFS: "read-only file system", errno.EEXIST: "already exists"}
    reason = reasons.get(getattr(exc, "errno", None))
    if reason is None or language() == "en":
        return str(exc.strerror or exc)
    return _(reason)


def library_reason(reason: str, fixed: dict[str, str], patterns: dict[str, object]) -> str:
    """A library's (English) reason for an error, in the current language when it is a common
    one: ``fixed`` maps whole reasons to their marked translations, ``patterns`` maps a regular
    expression with one group to a function of that group giving the translation. Anything
    else stays as the library says it (each reader keeps its own table, so that its messages
    stay marked for the catalog)."""
    if language() == "en" or not reason:
        return reason
    if reason in fixed:
        return fixed[reason]
    for pattern, say in patterns.items():
        m = re.fullmatch(pattern, reason)
        if m:
            return say(m[1])
    return reason
