"""Numbers in names are no figures (DESIGN.md "Not figures"): versions, models and products,
identifiers and standards ("Rust 1.80", "GPT-4o", "RFC 2119", "ISO 9001", "Tier 3",
"CVE-2024-1234", "the 1.13 release").

`named` says whether a number is part of a name written just before it, by a rule that
generalises (a capitalised or hyphenated name joined to the number) more than by a list.
"""

from __future__ import annotations

import re

# Model and version names are not figures: "Claude 3.5 Sonnet", "GPT-4o", "Llama 3.1 405B";
# nor identifiers after a word that names them ("version 2", "section 2.3", "tier 1").
MODEL_BEFORE = re.compile(
    r"(?:\b(?:claude|gpt|gemini|llama|qwen|mistral|grok|deepseek|phi|opus|sonnet|haiku|"
    r"version|v|python|ios|android|windows|iphone|r|release|edition|section|sec\.|figure|"
    r"fig\.|article|art\.|chapter|ch\.|tier|issue|pr|rfc|iso|cve|step|phase|item|part|"
    r"preview|appendix|no\.|level|stage|round)[\s-]*(?:\d+(?:\.\d+)*[\s-]*)?)$",
    re.IGNORECASE,
)
# A name directly joined to a number is no figure: a capitalised or hyphenated word and
# one space or hyphen, then the number ("Rust 1.80", "RFC 2119", "ISO 9001", "PaLM 2",
# "DALL-E 3", "Tier 3", "LLVM 19", "Ryzen 1700X"). Words capitalised only because a
# sentence starts with them are not names: function words, qualifiers, months, and a
# word ending in -ed, -ing or -ly ("Merged 10 PRs", "Roughly 40 people").
_NAME_BEFORE = re.compile(r"(?<![\w-])(?P<name>[A-Z][\w]*(?:-[A-Za-z\d]+)*)[ \t\n\u00a0-]$")
NOT_NAMES = frozenset(
    """the a an in on at by for with of from to over under about around nearly almost only
    just all some each every after before since until during within across top first last
    next another and but or nor then now here there these those this that its our their his
    her we they it you i up exactly both between than most many also still already less more
    fewer least total so yet plus minus per via like unlike among approx circa ca average
    median is was are were has have had will would can could should may might must did does
    do see saw took takes made make got get spent ran run wrote write use add fix remove
    what when where which who why how whereas while though although if unless because as
    once twice whole just even only nearly another over no not none any other such same
    one two three four five six seven eight nine ten page rank number
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday q chart table""".split()
    # the first words of the grammar's qualifiers ("Roughly 40 people")
    + """a about above almost approx. approximately around as at below circa
    exceeding exceeds fewer greater in just less more nearly no over roughly under up""".split()
)


def named(text: str, s: int) -> bool:
    """Whether the number at `s` is part of a name written just before it."""
    before = text[max(0, s - 40) : s]
    if MODEL_BEFORE.search(before[-24:]):
        return True
    m = _NAME_BEFORE.search(before)
    if m is None:
        return False
    name = m.group("name")
    low = name.lower()
    return not (low in NOT_NAMES or (name[1:].islower() and low.endswith(("ed", "ing", "ly"))))


# A dotted number before a release word is a version ("the 1.13 release", "1.2 beta").
VERSION_AFTER = re.compile(
    r"\d+\.\d+\s(?:stable\s|beta\s|nightly\s)?(?:releases?|betas?|stable|nightly|"
    r"pre-?releases?|editions?|versions?|specification|toolchains?|branch|series|cycle)\b",
    re.IGNORECASE,
)


def identifier(text: str, s: int) -> bool:
    """A year inside an identifier ("CVE-2024-1234"): a capital and a hyphen just before
    it (`mid-2025` stays a date)."""
    return s > 1 and text[s - 1] == "-" and text[s - 2].isupper()
