"""The SIE tokenizer: one line of a SIE file into its label and fields (SIE 4B §5.7, §8.21).

A field is a quoted string (``\\"`` inside it is a ``"``; any other backslash is kept as it is:
``"C:\\Temp"`` stays ``C:\\Temp``), a bare run of characters other than blanks, quotes and
braces, or an object list ``{dim obj dim obj …}`` whose items follow the same grammar.
Separators are any run of spaces, tabs (and a stray CR). ``""`` is an explicit empty value,
kept apart from a field that is missing. Only the first token of a line is its label, so a
``#`` inside a later field is plain text.

This is the reference parser for every line; :mod:`.fastpath` reads the very regular
``#TRANS`` and ``#VER`` lines of large files with one regular expression and hands anything
it does not recognise back to :func:`tokenize_line`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from ..core.i18n import _

_TOKEN = re.compile(r'''
    (?P<sep>[ \t\r\x0b\x0c]+)
  | "(?P<quoted>(?:[^"\\]++|\\"|\\)*)"
  | "(?P<open>.*)
  | (?P<lbrace>\{)
  | (?P<rbrace>\})
  | (?P<bare>[^ \t\r\x0b\x0c{}"]+)
''', re.VERBOSE | re.DOTALL)

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class ObjectList:
    """The items between ``{`` and ``}`` as written (dimension, object, dimension, object …)."""

    items: tuple[str, ...] = ()

    def pairs(self) -> tuple[tuple[str, str], ...]:
        """``(dimension, object)`` pairs; an odd trailing item is left out (see :func:`tokenize_line`)."""
        it = self.items
        return tuple((it[i], it[i + 1]) for i in range(0, len(it) - 1, 2))



@dataclass(frozen=True)
class Tokens:
    """A tokenized line.

    label:  the first token upper-cased (``#TRANS``), or ``None`` when the line does not start
            with a ``#`` label (``{``/``}`` lines have ``label`` ``"{"``/``"}"``)
    raw_label: the label as written (the checksum covers it as written)
    fields: the fields after the label: ``str`` or :class:`ObjectList`
    bare:   for each field, True when it was written without quotes
    issues: what was odd about the line, one message each (the reader reports them)
    """

    label: str | None
    raw_label: str
    fields: tuple
    bare: tuple[bool, ...]
    issues: tuple[str, ...] = ()

    def checksum_text(self) -> str:
        """The label and every field's content run together, as #KSUMMA counts them (§10)."""
        parts = [self.raw_label] if self.label not in ("{", "}") else []
        for f in self.fields:
            parts.extend(f.items if isinstance(f, ObjectList) else (f,))
        return "".join(parts)


_WORD_QUOTE = re.compile(r'(?<=[^\W\d_])"(?=[^\W\d_])')
_QUOTE_BEFORE_LETTER = re.compile(r'(?<!\\)"(?=[^\W\d_])')
_PLACEHOLDER = "\ue000"  # a private-use character, never in SIE text


def tokenize_line(line: str) -> Tokens:
    """Split one line (without its line feed) into label and fields (see :func:`_tokenize`).

    A line left with an unclosed quote is read again with a ``"`` before a letter taken as a
    character — real files have lost their ö that way (``"F"rutbetalda hyror"``,
    ``"Div."vriga kostnader"``): first every quote between two letters, then each such quote
    alone; the reading that closes every quote, still has a quoted field and has the fewest
    fields is kept, with a warning (a lone quote that is not between two letters only when a
    real quoted field remains).
    """
    tok = _tokenize(line)
    if _unclosed() not in tok.issues or _PLACEHOLDER in line:
        return tok
    candidates = [m.start() for m in _QUOTE_BEFORE_LETTER.finditer(line)]
    tries = [([m.start() for m in _WORD_QUOTE.finditer(line)], False)] + [([c], True) for c in candidates]
    best = None
    for positions, needs_quoted in tries:
        if not positions:
            continue
        text = "".join(_PLACEHOLDER if i in positions else ch for i, ch in enumerate(line))
        again = _tokenize(text)
        # a lone quote before a letter is only a lost letter if a real quoted field remains
        closes = _unclosed() not in again.issues and not (needs_quoted and all(again.bare))
        if closes and (best is None or len(again.fields) < len(best[0].fields)):
            best = (again, positions)
    if best is None:
        return tok
    again, positions = best
    words = ", ".join(re.search(r'\S*$', line[:p]).group(0) + '"' + re.match(r'\S*', line[p + 1:]).group(0)
                      for p in positions)
    fields = tuple(f.replace(_PLACEHOLDER, '"') if isinstance(f, str) else
                   ObjectList(tuple(i.replace(_PLACEHOLDER, '"') for i in f.items)) for f in again.fields)
    issue = _("a quote inside a text ({words}) is read as a character; the file may have lost "
              "letters such as å, ä, ö when it was converted", words=words)
    return Tokens(again.label, again.raw_label, fields, again.bare, again.issues + (issue,))


def _unclosed() -> str:
    return _("a quoted field has no closing quote; read to the end of the line")


def _tokenize(line: str) -> Tokens:
    """Split one line (without its line feed) into label and fields.

    >>> tokenize_line('#TRANS 3010 {1 "Nord" 6 0001} -1000.50 "" "Köp \\\\"A\\\\" C:\\\\x"').fields
    ('3010', ObjectList(items=('1', 'Nord', '6', '0001')), '-1000.50', '', 'Köp "A" C:\\\\x')
    """
    stripped = line.strip(" \t\r\x0b\x0c")
    if stripped in ("{", "}"):
        return Tokens(stripped, stripped, (), ())
    tokens: list = []
    bare: list[bool] = []
    issues: list[str] = []
    current: list[str] | None = None  # items of an open object list
    for m in _TOKEN.finditer(line):
        kind = m.lastgroup
        if kind == "sep":
            continue
        if kind == "lbrace":
            if current is not None:
                issues.append(_("'{' inside an object list"))
            else:
                current = []
            continue
        if kind == "rbrace":
            if current is None:
                issues.append(_("'}' without '{' (a brace must stand alone on its line)"))
            else:
                tokens.append(ObjectList(tuple(current)))
                bare.append(True)
                current = None
            continue
        if kind == "quoted":
            text = m.group("quoted").replace('\\"', '"')
            is_bare = False
        elif kind == "open":
            text = m.group("open").rstrip("\r").replace('\\"', '"')
            issues.append(_unclosed())
            is_bare = False
        else:
            text = m.group("bare")
            is_bare = True
        if _CONTROL.search(text):
            issues.append(_("control character inside a field"))
        if current is not None:
            current.append(text)
        else:
            tokens.append(text)
            bare.append(is_bare)
    if current is not None:
        tokens.append(ObjectList(tuple(current)))
        bare.append(True)
        issues.append(_("an object list has no closing '}'"))
    if not tokens:
        return Tokens(None, "", (), (), tuple(issues))
    first = tokens[0]
    if not (isinstance(first, str) and bare[0] and first.startswith("#") and len(first) > 1):
        return Tokens(None, "", tuple(tokens), tuple(bare), tuple(issues))
    for f in tokens[1:]:
        if isinstance(f, ObjectList) and len(f.items) % 2:
            issues.append(_("object list {items} has an odd number of items", items="{" + ' '.join(f.items) + "}"))
    return Tokens(first.upper(), first, tuple(tokens[1:]), tuple(bare[1:]), tuple(issues))
