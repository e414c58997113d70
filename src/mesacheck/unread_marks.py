"""Numbers that mark or name, and state no quantity: enumerators inside a sentence,
idioms, escape codes, literal values in code, HTTP status codes (for `unread`).

- `list_marker`: a number that opens its line followed by `.` or `)`, `(1)` and `(1.)`,
  `1)` after a colon or comma, and an enumerator inside a sentence whose neighbour stands
  the same way ("writing down 1. what the leads do today, 2. the minimum …");
- `odd`: one-to-one `1:1` and `1-to-1`, the emoticons `<3` and `:3`, `:+1:`, working
  hours `9-5` (idioms); `OSC 9;4` and `the integer 0` (code); `404 error`, `200 OK`
  (identifiers).
"""

from __future__ import annotations

import re

__all__ = ["list_marker", "odd"]

_LIST_AFTER = re.compile(r"\\?[.)](?:\s|$)")
_ONE_TO_ONE_AFTER = re.compile(r"(?::1|-to-1)(?![\d:])")
_ONE_TO_ONE_BEFORE = re.compile(r"(?<![\d:])1(?::|-to-)$")
_ENUM_LEAD = re.compile(r"(?:^|[:;,]\s|\(|\b(?:and|or)\s)\s*$")
# an HTTP status code: a number 100-599 with its reason or the word status, error, page
_STATUS_AFTER = re.compile(
    r"\s(?:OK|Created|Accepted|No Content|Moved|Found|Not Modified|Bad Request|Unauthorized|"
    r"Forbidden|Not Found|Gone|Too Many Requests|Internal Server Error|Bad Gateway|"
    r"Service Unavailable|(?:status|error|response|redirect|page)s?\b)"
)
_STATUS_BEFORE = re.compile(r"\b(?:HTTP|status(?:\s+code)?)\s?$", re.IGNORECASE)
# a literal value in code: "the 32-bit integer 0", "index 0", "a discriminant of 42"
_LITERAL_BEFORE = re.compile(r"\b(?:integer|index|discriminant|literal)(?:\s+of)?\s$")


def odd(num: str, before: str, after: str, source: str, o: int, end: int) -> str | None:
    """The class of a number that is part of a token no quantity: an idiom (`1:1`,
    `1-to-1`, `<3`, `:3`, `:+1:`), an escape code's parameter (`OSC 9;4`), a literal value
    in code (`the integer 0`, `index 0`), an HTTP status code (`404 error`, `200 OK`)."""
    if num == "1" and (
        _ONE_TO_ONE_AFTER.match(after)
        or _ONE_TO_ONE_BEFORE.search(before)
        or (source.endswith(":+", 0, o) and source.startswith(":", end))
    ):
        return "idiom"
    if num == "9" and after.startswith("-5") and not after[2:3].isdigit():
        return "idiom"  # "from 9-5": working hours
    if num == "5" and before.endswith("9-") and not before[-3:-2].isdigit():
        return "idiom"
    if (
        num == "3"
        and source[o - 2 : o] in (" <", " :", "\n<", "\n:")
        and source[end : end + 1] in ("", "\n", ".", ")", "!", "<")
    ):
        return "idiom"  # <3, :3
    if before[-1:] == ";" and before[-2:-1].isdigit():
        return "code"  # OSC 9;4
    if "." not in num and _LITERAL_BEFORE.search(before):
        return "code"
    if (
        len(num) == 3
        and "100" <= num < "600"
        and (
            _STATUS_AFTER.match(after)
            or _STATUS_BEFORE.search(before)
            or (num == "404" and before.endswith("a ") and after[:1] in ("", ".", ",", ")", "!"))
        )
    ):
        return "identifier"
    return None


def _sibling(text: str, s: int, num: str, mark: str) -> bool:
    """An enumerator inside a sentence: `N.` or `N)` before a lowercase word (a sentence
    goes on after it) or `N)`, whose neighbour `N-1` or `N+1` stands the same way in the
    same paragraph ("writing down 1. what the leads do today, 2. the minimum …")."""
    if mark == "." and not re.match(r"\.\s+[a-z]", text[s + len(num) : s + len(num) + 4]):
        return False
    if mark == ")" and text.count("(", 0, s) > text.count(")", 0, s):
        return False  # "(tier 2)": inside parentheses
    n = int(num)
    for k in (n - 1, n + 1):
        if k < 1:
            continue
        pat = rf"(?<![\w.,]){k}\{mark}\s" + (r"+[a-z]" if mark == "." else "")
        if re.search(pat, text):
            return True
    return False


def list_marker(text: str, s: int, num: str, after: str, opened: str, closed: str) -> bool:
    """An enumerator: a number that opens its line followed by `.` or `)` (a numbered
    heading, a list item Markdown did not take as one), or `(1)`, or `1)` after a colon,
    semicolon or comma ("restrict tokens to 1) certain operations and 2) crates")."""
    if len(num) > 2 or not num.isdigit():
        return False
    if opened == "(" and (closed == ")" or after.startswith(".)")):
        return True  # (1), (1.)
    if after[:1] in ".)" and _sibling(text, s, num, after[:1]):
        return True  # "to 1. limit …, 2. for unifying …, 3. for", "to 1) … and 2) …"
    line_start = text.rfind("\n", 0, s) + 1
    lead = text[line_start:s]
    if not lead.strip(" \t#*>") and _LIST_AFTER.match(after):
        return True
    return after[:1] == ")" and bool(_ENUM_LEAD.search(lead, max(0, len(lead) - 8)))
