#!/usr/bin/env python3
# ruff: noqa: E501  (prose templates are long strings)
"""Generate a deterministic, realistic corpus for benchmarking mesacheck.

    python bench/generate.py OUT_DIR --articles N --claims M --seed S

writes

    OUT_DIR/docs/<section>/<slug>.md   N wiki-style articles
    OUT_DIR/claims/<topic>.yaml        a registry of M claims, in mesacheck's format
    OUT_DIR/sources/<source>.yaml      the sources those claims cite
    OUT_DIR/corpus.json                the parameters and the totals printed at the end

and needs no configuration file: run `mesacheck check --claims OUT_DIR/claims
--sources OUT_DIR/sources OUT_DIR/docs`.

The articles look like the pages of a real wiki about AI safety research (front matter
with title and description, headings, prose paragraphs, pipe tables, bullet lists,
links, footnotes, a fenced code block now and then, `\\$` escapes), with figures of every
kind mesacheck reads: percents ("12%"), ranges ("12-78%"), multipliers ("30×"),
currency ("\\$152B"), changes ("8.7% → 0.3%"), counts ("6,000 examples") and dates
("February 2025"). About a third of the figures quote a registry claim, using its
subject phrases in the sentence and its value (a few deliberately misquoted, a few
hedged, a few naming the claim with `<!-- claim: id -->`), so that resolution does real
work; the rest are the unsourced figures every real wiki is full of.

Sizes are calibrated on a real wiki: an average article of ~24 KB with ~42 "figure-like"
matches of the regex below (the one bench/run.py gives ripgrep), so that `--articles 572`
comes to ~13.7 MB and ~23,900 matches. The shipped example article
(examples/mesa-optimization.md, 38 KB) has 58 such matches, 65 figures and 67 dates.

Determinism: the same arguments give byte-identical output. Article i depends only on
(seed, i) and the registry, so a corpus of 10N articles starts with the N articles of the
smaller one; the registry is generated claim by claim from one stream, so the registry
of 10,000 claims starts with the 1,000 claims of the smaller one (up to the last topic,
which is cut short). `--registry-only` writes just claims/ and sources/.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

GENERATOR_VERSION = 2  # 2: consistency shapes (issue 13), from their own random stream

# What ripgrep counts in bench/run.py: a number with a percent sign, a multiplier sign, a
# scale letter or the word "percent". Counts ("6,000 examples") and dates do not match.
FIGURE_LIKE = re.compile(r"[$€£]?\d[\d,.]*\s?(%|×|x\b|[MBK]\b|percent)")

# Calibration (see the module docstring): bytes per article and figure-like matches per KB.
MEAN_ARTICLE_BYTES = 22_930
FIGURES_PER_KB = 1.661
CLAIM_SHARE = 1 / 3  # share of an article's figures that quote a registry claim
MISQUOTE_RATE = 0.08  # of claim quotes
HEDGE_RATE = 0.08
MARKER_RATE = 0.04

# --------------------------------------------------------------------------- vocabulary

_ONSETS = "b br c ch d dr f fl g gr h k kl l m n p pr qu r s sh st t tr v w z".split()
_VOWELS = "a e i o u a e i o ai ea io ou".split()
_CODAS = ["", "", "n", "r", "l", "s", "x", "nd", "rk", "st", "th", "m", "ll", "rn"]

FIRST_NAMES = (
    "Ada Alan Amara Ana Ben Carla Chen Dario Elena Emil Farah Greta Hana Ines Ivan Jonas "
    "Kai Lena Leo Lucia Maya Mei Nadia Noor Omar Paula Priya Rafael Rosa Sam Sara Tomas "
    "Uma Vera Wen Yara Yusuf Zoe"
).split()

CONCEPTS = [
    "deceptive alignment",
    "reward hacking",
    "goal misgeneralization",
    "situational awareness",
    "sandbagging",
    "scheming",
    "specification gaming",
    "power-seeking behaviour",
    "sycophancy",
    "inner misalignment",
    "mesa-optimization",
    "distributional shift",
    "oversight evasion",
    "model organisms of misalignment",
    "scalable oversight",
    "mechanistic interpretability",
    "activation steering",
    "red-teaming",
    "capability elicitation",
    "chain-of-thought faithfulness",
    "emergent misalignment",
    "backdoor persistence",
    "evaluation awareness",
    "corrigibility",
    "value learning",
    "constitutional training",
    "AI debate",
    "process supervision",
    "weak-to-strong generalization",
    "representation engineering",
    "jailbreak robustness",
    "self-exfiltration",
    "alignment faking",
    "unlearning",
    "control evaluations",
    "dangerous capability evaluations",
]
FIELDS = [
    "AI alignment",
    "machine learning safety",
    "interpretability research",
    "AI governance",
    "frontier model evaluation",
    "technical AI safety",
]
SECTIONS = ["risks", "responses", "organizations", "models", "metrics", "history", "debates"]
PCT_METRICS = [
    "refusal rate",
    "jailbreak success rate",
    "covert action rate",
    "sabotage rate",
    "task completion rate",
    "false positive rate",
    "detection accuracy",
    "alignment-faking rate",
    "sandbagging rate",
    "reward hacking rate",
    "deception rate",
    "harmful compliance rate",
    "eval-awareness rate",
    "probe accuracy",
    "win rate",
    "attack success rate",
    "oversight evasion rate",
    "self-exfiltration rate",
    "blackmail rate",
    "goal-guarding rate",
    "backdoor trigger rate",
    "sycophancy rate",
    "hallucination rate",
    "monitor recall",
    "unfaithful reasoning rate",
    "exploit rate",
    "shutdown resistance rate",
    "data leakage rate",
]
INTERVENTIONS = [
    "deliberative alignment",
    "adversarial training",
    "refusal fine-tuning",
    "constitutional training",
    "activation steering",
    "RLHF",
    "targeted unlearning",
    "chain-of-thought monitoring",
    "safety fine-tuning",
    "input filtering",
    "probe-based gating",
    "debate training",
]
FUNDING_AREAS = [
    "safety research funding",
    "interpretability funding",
    "compute spending",
    "industry investment",
    "philanthropic grants",
    "evaluation budgets",
    "governance funding",
    "alignment grants",
    "data centre capital expenditure",
    "red-teaming contracts",
]
COUNT_THINGS = [
    "red-team prompts",
    "evaluation scenarios",
    "training examples",
    "agentic tasks",
    "human raters",
    "model checkpoints",
    "test environments",
    "insecure code samples",
    "fine-tuning examples",
    "scratchpad transcripts",
    "honeypot episodes",
    "audit games",
]
FREE_COUNT_NOUNS = [
    "researchers",
    "papers",
    "organizations",
    "grants",
    "startups",
    "signatories",
    "respondents",
    "incidents",
    "benchmarks",
    "workshops",
    "citations",
    "fellows",
]
STUDY_NOUNS = ["study", "evaluation", "audit", "benchmark", "stress test", "report", "suite"]
ORG_SUFFIXES = ["Labs", "Research", "Institute", "AI", "Foundation", "Alignment Center"]
SYSTEM_SUFFIXES = ["", "", "", " Mini", " Pro", "-XL", " Large", " Lite"]
DATE_PHRASES = ["preprint", "publication", "release"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
ADJECTIVES = [
    "striking",
    "worrying",
    "encouraging",
    "surprising",
    "preliminary",
    "robust",
    "fragile",
    "important",
    "suggestive",
    "narrow",
]

# Unsourced figures use their own words, composed from large word lists with a fresh
# proper name each, so that they neither quote a claim by accident nor read as the same
# statement as one another (as the unsourced figures of a real wiki do not).
W_ADJ = """
academic annual applied archived audited automated biannual broad candidate civilian
closed commercial comparable confidential cross-lab curated early external federal
flagged independent informal internal international junior longitudinal mandatory
multilingual national nonprofit open optional pilot preliminary private public
regional remote restricted retrospective reviewed scheduled senior sponsored
structured student surveyed third-party unpublished voluntary weekly
""".split()
W_POP = """
researchers respondents applications attendees cards incidents forecasters postings
submissions releases papers employees reports bounties proposals courses theses
fellows grantees startups volunteers reviewers auditors labs teams contractors
datasets repositories disclosures agreements pledges hearings consultations
""".split()
W_PRED = """
anticipated acknowledged adopted audited benchmarked budgeted catalogued challenged
cited confirmed described disclosed documented endorsed estimated evaluated expected
flagged funded highlighted ignored included listed measured mentioned named opposed
prioritised published questioned rated recommended rejected reported requested
retracted reviewed signed supported tracked withdrew
""".split()
W_OBJ = [
    "interpretability audits",
    "compute thresholds",
    "incident reporting",
    "evaluation budgets",
    "model weights",
    "red-team access",
    "release criteria",
    "capability forecasts",
    "export controls",
    "safety cases",
    "watermarking",
    "liability rules",
    "staged deployment",
    "whistleblower channels",
    "licensing regimes",
    "open weights",
    "bug bounties",
    "third-party testing",
    "energy reporting",
    "benchmark contamination",
    "alignment research",
    "hiring freezes",
    "insurance requirements",
    "data provenance",
    "chip tracking",
    "model registries",
    "audit trails",
    "sandbox testing",
    "usage policies",
    "kill switches",
]
W_THING = """
track leaderboard programme cohort fund consortium panel registry tracker census
fellowship hackathon pilot initiative coalition observatory clinic accelerator
archive index commission taskforce network alliance workshop seminar
""".split()
W_UNITS = "compute funding submissions hiring citations downloads traffic usage attendance enrolment throughput".split()
W_VERB_UP = "grew rose climbed expanded increased jumped surged".split()
W_VERB_MONEY = "raised committed pledged allocated spent received granted earmarked".split()
W_TAIL = [
    "according to {org2}",
    "in its first year",
    "during the {yr} pilot",
    "after the {yr} update",
    "over the following {n} months",
    "by the end of {yr}",
    "in the {yr} cycle",
    "as reported by {person}",
    "in a {yr} filing",
    "ahead of the {yr} summit",
    "before the programme paused",
    "in the {X} region",
    "across {n} countries",
    "in the second half of {yr}",
    "within the {X} partnership",
]
W_MONEY_FOR = """
its {adj} {thing} | a {adj} {thing} in {X} | the {X} {thing} | {adj} {obj} work |
research on {obj} | a {thing} for {obj} | the {adj} {X} {thing}
""".replace("\n", " ").split("|")
W_MONEY_FOR = [w.strip() for w in W_MONEY_FOR if w.strip()]
FREE_COUNT_NOUNS = [
    "researchers",
    "papers",
    "organizations",
    "grants",
    "startups",
    "signatories",
    "respondents",
    "incidents",
    "benchmarks",
    "workshops",
    "fellows",
    "volunteers",
    "auditors",
    "repositories",
    "submissions",
    "pledges",
    "hearings",
    "courses",
]

FILLER = [
    "{Concept} remains one of the central open problems in {field}.",
    "Researchers at {org} have argued that {concept} becomes more likely as models grow more capable.",
    "The {study} examined how {system} behaves when its training objective conflicts with {concept}.",
    "Critics point out that most of this evidence comes from controlled settings that may not transfer to deployment.",
    "In {year}, {org} published a follow-up that extended the analysis to {concept}.",
    "A useful distinction is between {concept} and {concept2}, which are often conflated in public discussion.",
    "See [{study_title}]({url}) for the full methodology and the released transcripts.",
    '{person} described the result as "{adj} but not yet conclusive" in an interview in {month} {year}.',
    "The underlying concern is that a system optimized for a proxy can pursue it in ways its designers did not intend.",
    "Whether these behaviours reflect stable goals or surface-level pattern matching is still debated.",
    "Work on {concept} at {org} has since shifted from toy environments to frontier models.",
    "The authors caution that their setup made the relevant information unusually salient to the model.",
    "This line of research connects {concept} to older ideas about {concept2}.",
    "Several groups, including {org} and {org2}, have tried to replicate the main result.",
    "Most of the proposed mitigations trade off capability against reliability in ways that are hard to measure.",
    "The {year} version of the framework added explicit guidance on {concept}.",
    'As {person} put it, "we are measuring what we can, not what matters most."',
    "Because {system} was not trained with this objective in mind, the behaviour has to be elicited rather than observed.",
    "An important caveat is that evaluation results depend heavily on prompting and sampling choices.",
    "Follow-up work by [{person} and colleagues]({url}) questioned whether the effect survives small changes to the prompt.",
    "The debate over {concept} intensified after {month} {year}, when {org} released its report.",
    "None of the current techniques offers guarantees that hold under adversarial pressure.",
    "Proponents of {concept} see it as a practical near-term research agenda.",
    "Skeptics argue that {concept} is better explained by {concept2} than by any internal goal.",
    "Independent evaluators such as {org} now run these tests before major releases.",
    "The field still lacks agreed-upon benchmarks for {concept}.",
    "One reading of the evidence is that {concept} is a property of the training process rather than of the model.",
    "These findings were discussed at length on the [Alignment Forum]({url}) and in a {month} {year} workshop.",
    "The code and data are available in the [project repository]({url}), including the `{code}` configuration.",
    "It is unclear how these results scale to systems trained with substantially more compute.",
    "Later versions of {system} were trained with mitigations aimed specifically at {concept}.",
    "Policy proposals have cited this work as evidence for mandatory pre-deployment testing.",
    "{org2} has been more cautious, describing the evidence as suggestive rather than decisive.",
    "The term was popularised by {person} in {year}, although related ideas are older.",
    "A common objection is that the models were explicitly told about the conflicting objective.",
    "This makes {concept} a useful model organism for studying failures that would otherwise be hypothetical.",
    "Between {year} and {year2}, attention moved from theoretical arguments to empirical demonstrations.",
    "In practice, the distinction matters most for how much weight to give to behavioural evaluations.",
    "See also the discussion of {concept2} below.",
    "The report was updated in {month} {year2} to correct an error in the appendix.",
]
HEADINGS = [
    "Background",
    "Key Findings",
    "Empirical Evidence",
    "Evaluation Results",
    "Methodology",
    "Funding and Investment",
    "Timeline",
    "Open Questions",
    "Criticisms and Limitations",
    "Implications for Safety",
    "Related Work",
    "Detection Methods",
    "Mitigation Approaches",
    "Expert Estimates",
    "Current State of Research",
    "Policy Relevance",
    "Replication Efforts",
]


def _name(rng: random.Random, syllables: int) -> str:
    parts = []
    for k in range(syllables):
        parts.append(rng.choice(_ONSETS) + rng.choice(_VOWELS))
        if k == syllables - 1:
            parts.append(rng.choice(_CODAS))
    return "".join(parts).capitalize()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _fmt_num(v: float, decimals: int) -> str:
    return f"{v:,.{decimals}f}"


# --------------------------------------------------------------------------- registry


@dataclass
class Claim:
    id: str
    kind: str
    value: str  # registry notation
    statement: str
    subject: list[str]
    topic: Topic
    numbers: tuple[float, ...]
    decimals: tuple[int, ...]
    unit: str = ""  # "%", "×", "$B"…, a count noun phrase, "date"
    metric: str | None = None
    phrases: dict[str, str] = field(default_factory=dict)  # for the article templates
    sources: list[tuple[str, str | None, str]] = field(default_factory=list)
    status: str = "active"
    superseded_by: str | None = None
    formula: str | None = None
    notes: str | None = None
    as_of: str | None = None


@dataclass
class SourceSpec:
    id: str
    title: str
    authors: list[str]
    year: int
    url: str
    kind: str
    published: str
    excerpts: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Topic:
    slug: str
    study: str  # "Larkspur audit"
    title: str  # paper title
    org: str
    org2: str
    system: str
    person: str
    year: int
    month: int
    concept: str
    claims: list[Claim] = field(default_factory=list)
    sources: list[SourceSpec] = field(default_factory=list)


class Names:
    """Unique synthetic proper names, drawn from one stream."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def new(self, syllables: int | None = None) -> str:
        for _ in range(1000):
            n = _name(self.rng, syllables or self.rng.choice((2, 2, 3)))
            if n not in self.used and 4 <= len(n) <= 12:
                self.used.add(n)
                return n
        raise RuntimeError("ran out of names")


def _pct_value(rng: random.Random) -> tuple[float, int]:
    r = rng.random()
    if r < 0.6:
        return float(rng.randint(2, 97)), 0
    if r < 0.9:
        return round(rng.uniform(1, 99), 1), 1
    return round(rng.uniform(0.1, 2.0), 1), 1


def _money(rng: random.Random) -> tuple[float, int, str, str]:
    """(mantissa, decimals, scale letter, sign)"""
    scale = rng.choices(["B", "M", "K"], weights=[4, 5, 1])[0]
    if rng.random() < 0.5:
        v, d = float(rng.randint(2, 900)), 0
    else:
        v, d = round(rng.uniform(1, 99), 1), 1
    sign = rng.choices(["$", "€", "£"], weights=[8, 1, 1])[0]
    return v, d, scale, sign


_SCALE = {"K": 1e3, "M": 1e6, "B": 1e9}


def _count_value(rng: random.Random) -> tuple[float, int]:
    return float(
        rng.choice([rng.randint(3, 99), rng.randint(100, 999), rng.randint(10, 99) * 100])
    ), 0


def build_registry(claims_wanted: int, seed: int) -> list[Topic]:
    rng = random.Random(f"mesacheck-bench:{seed}:registry")
    names = Names(rng)
    topics: list[Topic] = []
    n = 0
    while n < claims_wanted:
        base = names.new()
        year = rng.randint(2019, 2025)
        concept = rng.choice(CONCEPTS)
        t = Topic(
            slug=_slug(base),
            study=f"{base} {rng.choice(STUDY_NOUNS)}",
            title=f"{concept[0].upper() + concept[1:]} in {names.new()} Language Models",
            org=f"{names.new()} {rng.choice(ORG_SUFFIXES)}",
            org2=f"{names.new()} {rng.choice(ORG_SUFFIXES)}",
            system=names.new() + rng.choice(SYSTEM_SUFFIXES),
            person=f"{rng.choice(FIRST_NAMES)} {names.new()}",
            year=year,
            month=rng.randint(1, 12),
            concept=concept,
        )
        size = min(rng.randint(6, 14), claims_wanted - n)
        _topic_sources(rng, names, t)
        _topic_claims(rng, t, size)
        n += len(t.claims)
        topics.append(t)
    return topics


def _topic_sources(rng: random.Random, names: Names, t: Topic) -> None:
    for k in range(rng.choice((1, 2, 2, 3))):
        last = names.new()
        year = t.year if k == 0 else min(2026, t.year + rng.randint(0, 1))
        month = t.month if k == 0 else rng.randint(1, 12)
        if k == 0 or rng.random() < 0.5:
            kind, url = (
                "paper",
                f"https://arxiv.org/abs/{year % 100:02d}{month:02d}.{rng.randint(1000, 29999):05d}",
            )
            title = (
                t.title
                if k == 0
                else f"{t.study.title()}: {rng.choice(ADJECTIVES).title()} Results"
            )
        else:
            kind, url = "web", f"https://{_slug(t.org)}.example.org/research/{t.slug}-{k}"
            title = f"{t.study.title()} (blog post)"
        authors = [f"{rng.choice(FIRST_NAMES)} {last}"] + [
            f"{rng.choice(FIRST_NAMES)} {names.new()}" for _ in range(rng.randint(0, 4))
        ]
        if rng.random() < 0.2:
            authors.append("et al.")
        published = f"{year}-{month:02d}-{rng.randint(1, 28):02d}"
        sid = f"{_slug(last)}-{year}-{t.slug}" + ("" if k == 0 else f"-{k + 1}")
        s = SourceSpec(sid, title, authors, year, url, kind, published)
        s.excerpts.append(
            (
                f"We study {t.concept} in {t.system} and report results from the {t.study}.",
                "abstract",
            )
        )
        t.sources.append(s)


def _claim_source(rng: random.Random, t: Topic, c: Claim, quote_value: str, quote: str) -> None:
    """Attach one or two sources; the quote contains the value (a few, deliberately, not)."""
    src = rng.choice(t.sources)
    locator = rng.choice(
        ["abstract", "Table 1", "Table 2", "Figure 3", "section 4.2", "summary", "appendix B"]
    )
    r = rng.random()
    if r < 0.03:
        c.sources.append((src.id, None, "cited by secondary coverage; no quote found"))
        return
    if r < 0.035:
        quote = quote.replace(quote_value, "a substantial fraction")  # MC103: quote lacks value
    src.excerpts.append((quote, locator))
    c.sources.append((src.id, quote, locator))
    if len(t.sources) > 1 and rng.random() < 0.1:
        other = next(s for s in t.sources if s.id != src.id)
        q2 = f"{t.study} reports {quote_value} for {t.system}"
        other.excerpts.append((q2, "results summary"))
        c.sources.append((other.id, q2, "results summary"))


def _topic_claims(rng: random.Random, t: Topic, size: int) -> None:
    metrics = rng.sample(PCT_METRICS, 6)
    interventions = rng.sample(INTERVENTIONS, 3)
    areas = rng.sample(FUNDING_AREAS, 3)
    things = rng.sample(COUNT_THINGS, 3)
    used: set[str] = set()

    def cid(stem: str) -> str:
        i, out = 1, f"{t.slug}.{_slug(stem)}"
        while out in used:
            i += 1
            out = f"{t.slug}.{_slug(stem)}-{i}"
        used.add(out)
        return out

    plan = [
        "date",
        *rng.choices(
            ["percent", "range", "change", "multiplier", "currency", "count"],
            weights=[40, 10, 10, 12, 14, 10],
            k=size - 1,
        ),
    ]
    if size >= 6 and rng.random() < 0.25:
        plan[-3:] = ["currency-pair", "currency-pair2", "derived"]
    pair: list[Claim] = []
    for kind in plan[:size]:
        c: Claim
        if kind == "date":
            phrase = rng.choice(DATE_PHRASES)
            c = Claim(
                cid(f"{phrase}-date"),
                "date",
                f"{MONTHS[t.month - 1]} {t.year}",
                f"The {t.study} {phrase} appeared in {MONTHS[t.month - 1]} {t.year}.",
                [f"{t.study} {phrase}", t.study],
                t,
                (t.year, t.month),
                (0,),
                "date",
                phrases={"st": t.study, "what": phrase},
            )
            q = f"{t.study} — {phrase}, {t.year}-{t.month:02d}-{rng.randint(1, 28):02d}"
            src = t.sources[0]
            src.excerpts.append((q, "listing"))
            c.sources.append((src.id, q, "listing"))
            t.claims.append(c)
            continue
        if kind == "percent":
            m = metrics.pop() if metrics else rng.choice(PCT_METRICS)
            v, d = _pct_value(rng)
            val = f"{_fmt_num(v, d)}%"
            cond = rng.choice(
                [
                    "",
                    "",
                    "in the monitored condition",
                    "without a system prompt",
                    "after fine-tuning",
                    "on held-out tasks",
                ]
            )
            c = Claim(
                cid(m),
                kind,
                val,
                f"In the {t.study}, {t.system} had a {m} of {val}{' ' + cond if cond else ''}.",
                [m, t.system, t.study],
                t,
                (v,),
                (d,),
                "%",
                metric=m if rng.random() < 0.2 else None,
                phrases={"m": m, "s": t.system, "st": t.study, "cond": cond},
            )
            q = rng.choice(
                [
                    f"{t.system} shows a {m} of {val}{' ' + cond if cond else ''}",
                    f"we observe a {m} of {val} for {t.system}",
                    f"the {m} reaches {val} ({t.system})",
                ]
            )
        elif kind == "range":
            m = metrics.pop() if metrics else rng.choice(PCT_METRICS)
            a, d = _pct_value(rng)
            b = min(99.0, a + rng.randint(5, 60))
            val = f"{_fmt_num(a, d)}-{_fmt_num(b, d)}%"
            c = Claim(
                cid(f"{m}-range"),
                kind,
                val,
                f"Across settings of the {t.study}, {t.system}'s {m} ranged {val}.",
                [m, t.system, t.study],
                t,
                (a, b),
                (d, d),
                "%",
                phrases={"m": m, "s": t.system, "st": t.study},
            )
            q = rng.choice(
                [
                    f"across settings the {m} of {t.system} is between {_fmt_num(a, d)}% and {_fmt_num(b, d)}%",
                    f"{m}: {val} across all settings",
                ]
            )
        elif kind == "change":
            m = metrics.pop() if metrics else rng.choice(PCT_METRICS)
            iv = interventions.pop() if interventions else rng.choice(INTERVENTIONS)
            a, d = _pct_value(rng)
            a = max(a, 2.0)
            b = round(a * rng.uniform(0.02, 0.5), 1)
            d2 = 1
            val = f"{_fmt_num(a, d)}% → {_fmt_num(b, d2)}%"
            c = Claim(
                cid(f"{_slug(iv)}-{m}"),
                kind,
                val,
                f"{iv[0].upper() + iv[1:]} reduced {t.system}'s {m} from {_fmt_num(a, d)}% to {_fmt_num(b, d2)}%.",
                [iv, m, t.system],
                t,
                (a, b),
                (d, d2),
                "%",
                metric=m if rng.random() < 0.3 else None,
                phrases={"m": m, "s": t.system, "iv": iv, "st": t.study},
            )
            q = rng.choice(
                [
                    f"{iv} reduces the {m} ({t.system}: {_fmt_num(a, d)}%→{_fmt_num(b, d2)}%)",
                    f"with {iv}, the {m} of {t.system} falls from {_fmt_num(a, d)}% to {_fmt_num(b, d2)}%",
                ]
            )
        elif kind == "multiplier":
            iv = interventions.pop() if interventions else rng.choice(INTERVENTIONS)
            m = rng.choice(PCT_METRICS)
            v = rng.choice([1.5, 1.8, 2.0, 2.5, 3.0, 3.4, 4.0, 5.0, 7.0, 12.0, 30.0, 40.0, 100.0])
            d = 1 if v != int(v) else 0
            val = f"{_fmt_num(v, d)}×"
            c = Claim(
                cid(f"{_slug(iv)}-factor"),
                kind,
                val,
                f"{iv[0].upper() + iv[1:]} reduced {t.system}'s {m} by a factor of {_fmt_num(v, d)}.",
                [f"{iv} reduction", iv, t.system, m],
                t,
                (v,),
                (d,),
                "×",
                phrases={"m": m, "s": t.system, "iv": iv, "st": t.study},
            )
            q = rng.choice(
                [
                    f"{iv} reduces the {m} by ~{_fmt_num(v, d)}x",
                    f"a {_fmt_num(v, d)}× reduction in {m} under {iv}",
                ]
            )
            if q.startswith(iv) and "~" in q:
                c.value = f"~{val}"
        elif kind in ("currency", "currency-pair", "currency-pair2"):
            area = areas.pop() if areas else rng.choice(FUNDING_AREAS)
            v, d, sc, sign = _money(rng)
            if kind == "currency-pair":
                v, d, sc, sign = float(rng.randint(20, 400)), 0, "B", "$"
            elif kind == "currency-pair2":
                v, d, sc, sign = float(rng.randint(2, 30) * 10), 0, "M", "$"
            val = f"{sign}{_fmt_num(v, d)}{sc}"
            yr = rng.randint(2020, 2025)
            c = Claim(
                cid(f"{area}-{yr}"),
                "currency",
                val,
                f"{area[0].upper() + area[1:]} at {t.org} reached {val} in {yr}.",
                [area, t.org, f"{area} in {yr}"],
                t,
                (v * _SCALE[sc],),
                (d,),
                f"{sign}{sc}",
                phrases={"area": area, "o": t.org, "yr": str(yr), "st": t.study},
                as_of=str(yr),
            )
            words = {"B": "billion", "M": "million", "K": "thousand"}[sc]
            q = rng.choice(
                [
                    f"{area} at {t.org} totalled {val} in {yr}",
                    f"{t.org} reported {sign}{_fmt_num(v, d)} {words} in {area} for {yr}",
                ]
            )
            if kind != "currency":
                pair.append(c)
        elif kind == "count":
            thing = things.pop() if things else rng.choice(COUNT_THINGS)
            v, d = _count_value(rng)
            val = f"{_fmt_num(v, 0)} {thing}"
            c = Claim(
                cid(f"{thing}-count"),
                kind,
                val,
                f"The {t.study} used {val} to evaluate {t.system}.",
                [thing, t.study, t.system],
                t,
                (v,),
                (0,),
                thing,
                phrases={"thing": thing, "s": t.system, "st": t.study},
            )
            q = rng.choice(
                [
                    f"our dataset comprises {val} collected for the {t.study}",
                    f"we evaluate {t.system} on {val}",
                ]
            )
        elif kind == "derived":
            if len(pair) < 2:
                continue
            big, small = pair
            ratio = big.numbers[0] / small.numbers[0]
            digits = max(0, 2 - math.floor(math.log10(ratio))) if ratio < 100 else 0
            shown = round(ratio, digits) if ratio < 100 else float(f"{ratio:.3g}")
            val = f"{_fmt_num(shown, digits if ratio < 100 else 0)}×"
            c = Claim(
                cid("funding-gap"),
                "multiplier",
                val,
                f"At {t.org}, {big.phrases['area']} exceeded {small.phrases['area']} by {val}.",
                [f"{t.org} funding gap", t.org],
                t,
                (shown,),
                (digits,),
                "×",
                phrases={
                    "o": t.org,
                    "big": big.value,
                    "small": small.value,
                    "big_area": big.phrases["area"],
                    "small_area": small.phrases["area"],
                },
                formula=f"{big.id} / {small.id}",
                notes=f"{big.value} / {small.value}.",
            )
            t.claims.append(c)
            continue
        else:  # pragma: no cover
            raise AssertionError(kind)
        _claim_source(rng, t, c, c.value.lstrip("~") if kind != "count" else c.value, q)
        r = rng.random()
        if r < 0.04:
            c.status = "disputed"
            c.notes = "Other groups report a different figure; see the replication section."
        elif r < 0.06:
            c.status = "deprecated"
        elif r < 0.08 and any(o.kind == c.kind for o in t.claims):
            c.status = "superseded"
            c.superseded_by = next(o.id for o in t.claims if o.kind == c.kind)
        elif r < 0.09:
            c.status = "draft"
        t.claims.append(c)


_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ._'()/-]*[A-Za-z0-9.)']")
_YAML_WORDS = {"yes", "no", "true", "false", "null", "on", "off", "y", "n", "~"}


def _q(s: str) -> str:
    """A YAML scalar: plain when unambiguous, else a double-quoted (JSON) string."""
    if _PLAIN.fullmatch(s) and ": " not in s and " #" not in s and s.lower() not in _YAML_WORDS:
        return s
    return json.dumps(s, ensure_ascii=False)


def _qq(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(_q(i) for i in items) + "]"


def write_registry(out: Path, topics: list[Topic]) -> tuple[int, int]:
    (out / "claims").mkdir(parents=True)
    (out / "sources").mkdir(parents=True)
    n_claims = n_sources = 0
    for t in topics:
        lines = [
            f"# Generated by bench/generate.py: claims of the {t.study} ({t.org}).",
            "claims:",
        ]
        for c in t.claims:
            lines.append(f"  - id: {c.id}")
            lines.append(f"    statement: {_q(c.statement)}")
            lines.append(f"    value: {_qq(c.value)}")
            lines.append(f"    subject: {_flow(c.subject)}")
            if c.metric:
                lines.append(f"    metric: {_q(c.metric)}")
            if c.formula:
                lines.append(f"    formula: {_qq(c.formula)}")
            if c.sources:
                lines.append("    sources:")
                for sid, quote, loc in c.sources:
                    lines.append(f"      - source: {sid}")
                    if quote is not None:
                        lines.append(f"        quote: {_qq(quote)}")
                    lines.append(f"        locator: {_q(loc)}")
            if c.as_of:
                lines.append(f"    as_of: {_qq(c.as_of)}")
            lines.append(f"    status: {c.status}")
            if c.superseded_by:
                lines.append(f"    superseded_by: {c.superseded_by}")
            if c.notes:
                lines.append(f"    notes: {_q(c.notes)}")
            lines.append("")
            n_claims += 1
        (out / "claims" / f"{t.slug}.yaml").write_text(
            "\n".join(lines), encoding="utf-8", newline="\n"
        )
        for s in t.sources:
            sl = [
                "# Generated by bench/generate.py.",
                "sources:",
                f"  - id: {s.id}",
                f"    title: {_q(s.title)}",
                f"    authors: {_flow(s.authors)}",
                f"    year: {s.year}",
                f"    url: {_qq(s.url)}",
                f"    kind: {s.kind}",
                f"    published: {_qq(s.published)}",
                "    excerpts:",
            ]
            for quote, loc in s.excerpts:
                sl.append(f"      - quote: {_qq(quote)}")
                sl.append(f"        locator: {_q(loc)}")
            (out / "sources" / f"{s.id}.yaml").write_text(
                "\n".join(sl) + "\n", encoding="utf-8", newline="\n"
            )
            n_sources += 1
    return n_claims, n_sources


# --------------------------------------------------------------------------- articles


@dataclass
class Stats:
    figures: int = 0  # figures written, dates excluded
    claim_quotes: int = 0
    misquotes: int = 0
    date_quotes: int = 0
    dates: int = 0


class Article:
    def __init__(self, rng: random.Random, topics: list[Topic], index: int) -> None:
        self.rng = rng
        self.topics = topics
        self.index = index
        k = min(len(topics), rng.randint(2, 5))
        self.focus = rng.sample(topics, k)
        self.stats = Stats()
        self.figure_like = 0
        self.bytes = 0
        # lognormal sizes: median ~19 KB, mean ~24 KB, long tail
        self.target = int(
            min(140_000, max(3_000, rng.lognormvariate(math.log(MEAN_ARTICLE_BYTES) - 0.25, 0.7)))
        )
        self.density = FIGURES_PER_KB * rng.uniform(0.6, 1.4)
        self.wrap = rng.random() < 0.5
        self.escape_dollars = rng.random() < 0.9

    # -- helpers ---------------------------------------------------------------
    def topic(self) -> Topic:
        if self.rng.random() < 0.9:
            return self.rng.choice(self.focus)
        return self.rng.choice(self.topics)

    def dollar(self, s: str) -> str:
        return s.replace("$", "\\$") if self.escape_dollars else s

    def want_figure(self) -> bool:
        expected = (self.bytes + 150) / 1024 * self.density
        return self.figure_like < expected and self.rng.random() < 0.85

    def want_claim(self) -> bool:
        return (
            self.stats.claim_quotes < CLAIM_SHARE * (self.stats.figures + 1)
            and self.rng.random() < 0.8
        )

    def fill(self, tpl: str) -> str:
        rng = self.rng
        t = self.topic()
        t2 = self.topic()
        # an event keeps its date wherever it is mentioned: dates come from the topic
        year = t.year
        out = tpl.format(
            Concept=t.concept[0].upper() + t.concept[1:],
            concept=t.concept,
            concept2=rng.choice(CONCEPTS),
            field=rng.choice(FIELDS),
            org=t.org,
            org2=t2.org2,
            study=t.study,
            study_title=t.title,
            system=t.system,
            person=t.person,
            adj=rng.choice(ADJECTIVES),
            month=MONTHS[t.month - 1],
            year=year,
            year2=min(2026, year + 1),
            url=rng.choice(t.sources).url,
            code=rng.choice(
                ["eval.yaml", "configs/probe_v2.json", "run --seed 42", "max_tokens=4096"]
            ),
        )
        self.stats.dates += len(re.findall(r"\b(?:19|20)\d\d\b", out))
        return out

    def count(self, text: str) -> str:
        self.figure_like += len(FIGURE_LIKE.findall(text))
        return text

    # -- figures -----------------------------------------------------------------
    def claim_sentence(self, short: bool = False) -> str | None:
        rng = self.rng
        t = self.topic()
        c = rng.choice(t.claims)
        fig, mis = self.render(c)
        self.stats.claim_quotes += 1
        self.stats.misquotes += mis
        self.stats.figures += 1
        if rng.random() < MARKER_RATE:
            fig += f" <!-- claim: {c.id} -->"
        p = c.phrases
        if c.kind == "date":  # a date quotes a claim too, but is not counted as a figure
            self.stats.figures -= 1
            self.stats.claim_quotes -= 1
            self.stats.date_quotes += 1
            self.stats.dates += 1
            opts = [
                f"The {p['st']} {p['what']} appeared in {fig}.",
                f"{t.org} released the {p['st']} {p['what']} in {fig}, to considerable attention.",
            ]
        elif c.kind == "percent":
            cond = f" {p['cond']}" if p["cond"] else ""
            opts = [
                f"In the {p['st']}, {p['s']} showed a {p['m']} of {fig}{cond}.",
                f"{t.org} reports that {p['s']} had a {p['m']} of {fig}{cond}.",
                f"The {p['m']} for {p['s']} was {fig}{cond} ({t.org}, {t.year}).",
                f"{p['s']} reached a {p['m']} of {fig} in the {p['st']}.",
            ]
            if short:
                opts = [f"{p['s']} {p['m']}: {fig}", f"{p['m']} of {fig} for {p['s']}"]
        elif c.kind == "range":
            opts = [
                f"Across settings, {p['s']}'s {p['m']} ranged {fig} in the {p['st']}.",
                f"The {p['st']} found a {p['m']} of {fig} for {p['s']} across settings.",
            ]
            if short:
                opts = [f"{p['s']} {p['m']} of {fig} across settings"]
        elif c.kind == "change":
            opts = [
                f"{p['iv'][0].upper() + p['iv'][1:]} reduced {p['s']}'s {p['m']} {fig}.",
                f"After {p['iv']}, the {p['m']} of {p['s']} went {fig}.",
            ]
            if short:
                opts = [f"{p['iv']} cut {p['s']} {p['m']} {fig}"]
        elif c.kind == "multiplier" and c.formula is None:
            opts = [
                f"{p['iv'][0].upper() + p['iv'][1:]} produced a {fig} reduction in {p['s']}'s {p['m']}.",
                f"The {p['iv']} reduction was {fig} for {p['s']}, according to the {p['st']}.",
            ]
            if short:
                opts = [f"{fig} {p['iv']} reduction ({p['s']})"]
        elif c.kind == "multiplier":
            big, small = self.dollar(p["big"]), self.dollar(p["small"])
            self.stats.figures += 2
            opts = [
                f"With {big} going to {p['big_area']} and {small} to {p['small_area']}, "
                f"the {p['o']} funding gap comes to {fig}.",
                f"{p['o']} spent {big} on {p['big_area']} against {small} on {p['small_area']}, "
                f"a {fig} disparity.",
            ]
            if short:
                opts = [f"{big} vs {small} ({fig} funding gap)"]
        elif c.kind == "currency":
            opts = [
                f"{p['area'][0].upper() + p['area'][1:]} at {p['o']} reached {fig} in {p['yr']}.",
                f"{p['o']} put {p['area']} at {fig} for {p['yr']}.",
            ]
            if short:
                opts = [f"{p['area']} of {fig} at {p['o']} ({p['yr']})"]
        elif c.kind == "count":
            opts = [
                f"The {p['st']} evaluated {p['s']} on {fig}.",
                f"To test {p['s']}, the {p['st']} assembled {fig}.",
            ]
            if short:
                opts = [f"{fig} in the {p['st']}"]
        else:  # pragma: no cover
            return None
        return rng.choice(opts)

    def render(self, c: Claim) -> tuple[str, int]:
        """The claim's value as a writer types it; sometimes hedged, a few misquoted."""
        rng = self.rng
        nums = list(c.numbers)
        decs = list(c.decimals)
        if c.kind == "currency":
            nums = [nums[0] / _SCALE[c.unit[1]]]  # the mantissa, as written
        mis = 0
        if rng.random() < MISQUOTE_RATE and c.kind != "date":
            mis = 1
            i = rng.randrange(len(nums))
            if rng.random() < 0.3:  # gross: another order of magnitude, or the other direction
                nums[i] = nums[i] * 10 if nums[i] < 9 else nums[i] / 10
                if c.kind == "change":
                    nums.reverse()
            else:  # minor: outside rounding, but close
                nums[i] = _nudge(
                    rng, nums[i], decs[i], percent=c.kind in ("percent", "range", "change")
                )
            if c.kind == "range" and nums[0] > nums[1]:
                nums.reverse()
        hedge = ""
        if rng.random() < HEDGE_RATE and c.kind in ("percent", "multiplier", "currency", "count"):
            hedge = rng.choice(["about ", "roughly ", "approximately ", "~", "nearly "])
        if c.kind == "date":
            y, mo = int(nums[0]), int(nums[1])
            if rng.random() < MISQUOTE_RATE:
                mis = 1
                y += rng.choice([-1, 1])
            return rng.choice([f"{MONTHS[mo - 1]} {y}", f"{MONTHS[mo - 1][:3]} {y}"]), mis
        if c.kind == "percent":
            return f"{hedge}{_fmt_num(nums[0], decs[0])}%", mis
        if c.kind == "range":
            dash = rng.choice(["-", "-", "–"])
            return f"{_fmt_num(nums[0], decs[0])}{dash}{_fmt_num(nums[1], decs[1])}%", mis
        if c.kind == "change":
            a, b = _fmt_num(nums[0], decs[0]), _fmt_num(nums[1], decs[1])
            return rng.choice([f"from {a}% to {b}%", f"({a}% → {b}%)", f"({a}%→{b}%)"]), mis
        if c.kind == "multiplier":
            sign = rng.choice(["×", "×", "×", "x"])
            return f"{hedge}{_fmt_num(nums[0], decs[0])}{sign}", mis
        if c.kind == "currency":
            sign, sc = c.unit[0], c.unit[1]
            mant = nums[0]
            d = decs[0] if mant != int(mant) or decs[0] else 0
            words = {"B": " billion", "M": " million", "K": "K"}[sc]
            unit = rng.choice([sc, sc, sc, words])
            return self.dollar(f"{hedge}{sign}{_fmt_num(mant, d)}{unit}"), mis
        if c.kind == "count":
            return f"{hedge}{_fmt_num(nums[0], 0)} {c.unit}", mis
        raise AssertionError(c.kind)  # pragma: no cover

    def free_sentence(self, short: bool = False) -> str:
        """An unsourced figure about something of its own (a fresh name, its own words)."""
        rng = self.rng
        t = self.topic()
        kind = rng.choices(
            ["percent", "range", "change", "multiplier", "currency", "count", "two"],
            weights=[38, 10, 7, 12, 14, 11, 8],
        )[0]
        self.stats.figures += 2 if kind in ("two", "change") else 1
        self.stats.dates += 1
        yr = rng.randint(2018, 2024)
        ch = rng.choice
        X, Y = _name(rng, ch((2, 3))), _name(rng, 2)
        slots = {"X": X, "yr": yr, "org2": t.org2, "person": t.person, "n": rng.randint(3, 30)}
        tail = ch(W_TAIL).format(**slots)
        adj, adj2, pop, pred, obj = ch(W_ADJ), ch(W_ADJ), ch(W_POP), ch(W_PRED), ch(W_OBJ)
        thing = ch(W_THING)
        if kind == "percent":
            v, d = _pct_value(rng)
            fig = f"{_fmt_num(v, d)}{ch(['%', '%', '%', '%', ' percent'])}"
            if short:
                return f"{fig} of {adj} {pop} {pred} {obj} ({X} {thing}, {yr})"
            return ch(
                [
                    f"In the {X} {thing}, {fig} of {adj} {pop} {pred} {obj} {tail}.",
                    f"{fig[0].upper() + fig[1:]} of the {adj} {pop} tracked by the {X} {thing} {pred} {obj}.",
                    f"The {X} {thing} found that {fig} of {adj} {pop} {pred} {obj}, {tail}.",
                    f"{Y}'s review of {adj2} {pop} at {X} says {fig} {pred} {obj}.",
                ]
            )
        if kind == "two":
            a, d = _pct_value(rng)
            v, d2, sc, sign = _money(rng)
            money = self.dollar(f"{sign}{_fmt_num(v, d2)}{sc}")
            if short:
                return f"{_fmt_num(a, d)}% of {money} for {obj} ({X})"
            return ch(
                [
                    f"Only {_fmt_num(a, d)}% of the {money} the {X} {thing} {ch(W_VERB_MONEY)} in {yr} went to {obj}.",
                    f"Of {money} {ch(W_VERB_MONEY)} by {X} {tail}, {_fmt_num(a, d)}% was {pred} for {obj}.",
                ]
            )
        if kind == "range":
            a = rng.randint(1, 60)
            fig = f"{a}{ch(['-', '–'])}{a + rng.randint(5, 39)}%"
            text = ch(
                [
                    f"{Y} puts the share of {adj} {pop} that {pred} {obj} at {fig}",
                    f"estimates from the {X} {thing} for {adj} {obj} run {fig} {tail}",
                    f"{adj} {pop} in {X} {pred} {obj} at rates of {fig}",
                ]
            )
        elif kind == "change":
            a, b = rng.randint(5, 60), rng.randint(5, 60)
            fig = ch([f"{a}% → {b}%", f"from {a}% to {b}%"])
            text = ch(
                [
                    f"at the {X} {thing}, the share of {adj} {pop} that {pred} {obj} went {fig} {tail}",
                    f"{X}'s {adj} {obj} rate moved {fig} between {yr} and {yr + 1}",
                ]
            )
        elif kind == "multiplier":
            v = ch([2, 3, 4, 5, 10, 1.5, 2.5, 6, 8, 20, 50, 100, 1000])
            fig = f"{v}{ch(['×', '×', 'x'])}"
            text = ch(
                [
                    f"{ch(W_UNITS)} at the {X} {thing} {ch(W_VERB_UP)} {fig} {tail}",
                    f"the {X} {thing} reported {fig} more {ch(W_UNITS)} for {adj} {obj}",
                    f"{adj} {obj} at {X} became {fig} cheaper {tail}",
                ]
            )
        elif kind == "currency":
            v, d, sc, sign = _money(rng)
            fig = self.dollar(f"{sign}{_fmt_num(v, d)}{sc}")
            target = ch(W_MONEY_FOR).format(adj=adj, thing=thing, X=Y, obj=obj)
            text = ch(
                [
                    f"{X} {ch(W_VERB_MONEY)} {fig} for {target} {tail}",
                    f"the {X} {thing} {ch(W_VERB_MONEY)} {fig} {tail}",
                    f"{fig} went to {target}, {tail}",
                ]
            )
        else:
            v = ch([rng.randint(3, 99), rng.randint(100, 999), rng.randint(1, 40) * 1000])
            fig = f"{_fmt_num(v, 0)} {ch(FREE_COUNT_NOUNS)}"
            text = ch(
                [
                    f"the {X} {thing} had {pred} {fig} {tail}",
                    f"{X} counted {fig} working on {obj} {tail}",
                    f"the {adj} {X} {thing} listed {fig} in {yr}",
                ]
            )
        return text if short else text[0].upper() + text[1:] + "."

    def sentence(self) -> str:
        if self.want_figure():
            s = self.claim_sentence() if self.want_claim() else self.free_sentence()
            if s is not None:
                return self.count(s)
        return self.count(self.fill(self.rng.choice(FILLER)))

    # -- blocks ------------------------------------------------------------------
    def paragraph(self) -> str:
        sents = [self.sentence() for _ in range(self.rng.randint(3, 8))]
        if self.rng.random() < 0.06:
            sents[-1] += f"[^{self.rng.randint(1, 9)}]"
        text = " ".join(sents)
        return _wrap(text, 100) if self.wrap else text

    def table(self) -> str:
        rng = self.rng
        style = rng.choice(["findings", "findings", "assessment", "numbers"])
        rows: list[list[str]] = []
        if style == "findings":
            head = ["Study", "Year", "Key Finding", "Relevance"]
            for _ in range(rng.randint(3, 7)):
                t = self.topic()
                if self.want_figure() or rng.random() < 0.5:
                    cell = (
                        self.claim_sentence(short=True)
                        if self.want_claim()
                        else self.free_sentence(short=True)
                    )
                else:
                    cell = f"Evidence of {t.concept} in {t.system}"
                rows.append(
                    [
                        f"[{t.study.title()}]({t.sources[0].url})",
                        str(t.year),
                        self.count(cell or ""),
                        f"Bears on {rng.choice(CONCEPTS)}",
                    ]
                )
                self.stats.dates += 1
        elif style == "assessment":
            head = ["Dimension", "Assessment", "Evidence"]
            for dim in rng.sample(
                [
                    "Severity",
                    "Likelihood",
                    "Timeline",
                    "Trend",
                    "Detectability",
                    "Tractability",
                    "Funding",
                ],
                rng.randint(3, 6),
            ):
                ev = (
                    self.claim_sentence(short=True)
                    if self.want_claim()
                    else self.free_sentence(short=True)
                )
                rows.append(
                    [
                        dim,
                        rng.choice(
                            [
                                "High",
                                "Moderate",
                                "Low",
                                "Uncertain",
                                "Increasing",
                                "Near-term (1-5 years)",
                            ]
                        ),
                        self.count(ev or ""),
                    ]
                )
        else:  # a results table: one row per registered percent, with the model and the metric
            head = ["Model", "Metric", "Result", "Source"]
            for _ in range(rng.randint(3, 6)):
                t = self.topic()
                pcts = [c for c in t.claims if c.kind == "percent"]
                if not pcts:
                    continue
                c = rng.choice(pcts)
                fig, mis = self.render(c)
                self.stats.figures += 1
                self.stats.claim_quotes += 1
                self.stats.misquotes += mis
                rows.append(
                    [
                        c.phrases["s"],
                        c.phrases["m"],
                        self.count(fig),
                        f"{t.study.title()} ({t.year})",
                    ]
                )
            if not rows:
                return self.bullets()
        pad = rng.random() < 0.3
        widths = (
            [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)] if pad else None
        )

        def line(cells: list[str]) -> str:
            if widths:
                cells = [c.ljust(w) for c, w in zip(cells, widths, strict=False)]
            return "| " + " | ".join(cells) + " |"

        sep = [":" + "-" * ((widths[i] if widths else 3) - 1) for i in range(len(head))]
        return "\n".join([line(head), "| " + " | ".join(sep) + " |"] + [line(r) for r in rows])

    def bullets(self) -> str:
        rng = self.rng
        items = []
        mark = rng.choice("-*-")
        for _ in range(rng.randint(3, 7)):
            t = self.topic()
            s = self.sentence()
            items.append(
                rng.choice([f"{mark} **{t.study.title()}** ({t.year}): {s}", f"{mark} {s}"])
            )
            self.stats.dates += 1
        return "\n".join(items)

    def code(self) -> str:
        rng = self.rng
        lang = rng.choice(["python", "mermaid", "yaml", "bash"])
        if lang == "python":
            body = [
                "import numpy as np",
                "",
                f"THRESHOLD = 0.{rng.randint(50, 99)}  # flag if 95% of probes fire",
                "def covert_rate(transcripts):",
                "    flagged = [t for t in transcripts if t.score > THRESHOLD]",
                "    return 100 * len(flagged) / max(1, len(transcripts))  # e.g. 8.7% -> 0.3%",
            ]
        elif lang == "mermaid":
            body = [
                "flowchart TD",
                "    A[Base optimizer] --> |SGD, 10x compute| B[Learned model]",
                "    B --> C{Mesa-objective}",
                "    C --> |If matches (30%?)| D[Aligned]",
                "    C --> |If diverges| E[Misaligned]",
            ]
        elif lang == "yaml":
            body = [
                "eval:",
                f"  samples: {rng.randint(100, 9000)}",
                "  budget: $150M",
                "  pass_rate: 99%",
                f"  seed: {rng.randint(1, 99)}",
            ]
        else:
            body = [
                "pip install inspect-ai==0.3.40",
                "inspect eval scheming.py --model openai/o3 --limit 500 --temperature 0.7",
            ]
        return "```" + lang + "\n" + "\n".join(body) + "\n```"

    def quote(self) -> str:
        t = self.topic()
        return f'> "{self.fill(self.rng.choice(FILLER))}"\n>\n> — {t.person}, {t.year}'

    # -- the article -------------------------------------------------------------
    def render_article(self) -> tuple[str, str, str]:
        rng = self.rng
        main = self.focus[0]
        concept = main.concept[0].upper() + main.concept[1:]
        title = rng.choice(
            [concept, f"{concept} in {main.system}", f"{main.study.title()}", f"{main.org}"]
        )
        slug = _slug(title)
        section = rng.choice(SECTIONS)
        fm = ["---", f"title: {_q(title)}"]
        desc = f"An overview of {main.concept} and the evidence from the {main.study}."
        if rng.random() < 0.6:
            s = self.claim_sentence(short=False) if rng.random() < 0.6 else self.free_sentence()
            desc = f"{desc[:-1]}: {s}"
        fm.append(
            f"description: {_qq(desc.replace(chr(92) + '$', '$') if not self.escape_dollars else desc)}"
        )
        if rng.random() < 0.3:
            fm.append(f"summary: {_qq(self.sentence())}")
        fm += [
            f'lastEdited: "{rng.randint(2024, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"',
            f"quality: {rng.randint(1, 5)}",
            f"importance: {rng.randint(10, 95)}.{rng.randint(0, 9)}",
            f"tags: [{', '.join(_slug(c) for c in rng.sample(CONCEPTS, 3))}]",
            "---",
        ]
        blocks: list[str] = ["\n".join(fm), f"# {title}"]
        self.count(blocks[0])
        self.bytes = sum(len(b.encode()) + 2 for b in blocks)

        def add(b: str) -> None:
            blocks.append(b)
            self.bytes += len(b.encode()) + 2

        if rng.random() < 0.5:
            add("## Quick Assessment")
            self.stats.dates += 0
            add(self.table())
        add("## Overview")
        add(self.paragraph())
        headings = rng.sample(HEADINGS, len(HEADINGS))
        h = 0
        while self.bytes < self.target:
            add(
                f"## {headings[h % len(headings)]}"
                + ("" if h < len(headings) else f" ({h // len(headings) + 1})")
            )
            h += 1
            for _ in range(rng.randint(1, 3)):
                if rng.random() < 0.4:
                    t = self.topic()
                    add(f"### {t.study.title()} ({t.year})")
                    self.stats.dates += 1
                for _ in range(rng.randint(1, 3)):
                    add(self.paragraph())
                r = rng.random()
                if r < 0.30:
                    add(self.table())
                elif r < 0.55:
                    add(self.bullets())
                elif r < 0.60:
                    add(self.code())
                elif r < 0.65:
                    add(self.quote())
                elif r < 0.68:
                    add(
                        "<details>\n<summary>Methodological notes</summary>\n\n"
                        + self.paragraph()
                        + "\n\n</details>"
                    )
                if self.bytes >= self.target:
                    break
        # the shapes the consistency rules must read right (issue 13), from a stream of
        # their own, so that the rest of the article is what generator version 1 wrote
        shapes = random.Random(f"mesacheck-bench:{self.index}:consistency:{rng.random()}")
        for _ in range(shapes.choice((0, 1, 1, 2))):
            add(consistency_shape(shapes, self.dollar))
        notes = sorted({int(n) for n in re.findall(r"\[\^(\d)\]", "\n".join(blocks))})
        if notes:
            add("## References")
            add(
                "\n".join(
                    f"[^{n}]: [{self.topic().title}]({self.topic().sources[0].url})" for n in notes
                )
            )
        text = "\n\n".join(blocks) + "\n"
        self.figure_like = len(FIGURE_LIKE.findall(text))
        return f"{section}/{slug}.md", text, title


def consistency_shape(rng: random.Random, dollar: Callable[[str], str]) -> str:
    """One passage shaped like a cause of false consistency findings (issue 13): figures
    about different things (parallel rows and lead-ins, two events of one thing, a year
    in a name, a value equal to one row), or values that agree (a point in a range, parts
    that add up); one in ten is a true conflict (parts that do not add up, a remainder
    that does not make the whole, a total row that is not the column's sum)."""
    n = Names(rng)
    who, what = f"{n.new(2).title()} {rng.choice(ORG_SUFFIXES)}", n.new(3).title()
    a, b = rng.randint(5, 40), rng.randint(41, 90)
    wrong = rng.random() < 0.1
    shape = rng.randrange(7)
    if shape == 0:  # parallel conditions in a table, and one quoted in prose
        return (
            f"| Condition | {what} compliance |\n|---|---|\n| Free tier | {a}% |\n"
            f"| Paid tier | {b}% |\n\nIn the free tier, {what} compliance was {a}%."
        )
    if shape == 1:  # two events of one thing
        y = rng.randint(2015, 2024)
        return (
            f"The {who} {what} study first appeared as a preprint in {rng.choice(MONTHS)} {y}. "
            f"The {who} {what} study was published in a journal in {rng.choice(MONTHS)} {y + 1}."
        )
    if shape == 2:  # lead-in labels: parallel cases
        return (
            f"- **Without monitoring:** {what} models schemed in {b}% of {who} runs\n"
            f"- **With monitoring:** {what} models schemed in {a}% of {who} runs"
        )
    if shape == 3:  # a point inside a range
        return (
            f"{what} scheming appeared in {a}% of {who} trials. Across models, {what} scheming "
            f"appeared in {a - 3}-{b}% of {who} trials."
        )
    if shape == 4:  # parts and their stated total
        p, q = rng.randint(10, 30), rng.randint(10, 30)
        total = 100 + (rng.choice((-10, 10)) if wrong else 0)
        return f"The {who} grant was split {p}%, {q}% and {100 - p - q}%, a total of {total}%."
    if shape == 5:  # a remainder of the whole
        rest = 100 - b + (rng.choice((-10, 10)) if wrong else 0)
        return f"A {what} build spends {b}% of its time in {who} code, so the remaining {rest}% is ours."
    x, y = rng.randint(2, 30), rng.randint(2, 30)  # a table column and its total row
    total = x + y + (rng.choice((-5, 5)) if wrong else 0)
    return (
        f"| Lab | {what} grant |\n|---|---|\n| {who} | {dollar(f'${x}M')} |\n"
        f"| {n.new(2).title()} Institute | {dollar(f'${y}M')} |\n| **Total** | {dollar(f'${total}M')} |"
    )


def _halfwidth(v: float, decimals: int, percent: bool) -> float:
    """mesacheck's rounding rule: half a unit of the last significant digit written."""
    if decimals:
        return 0.5 * 10.0**-decimals
    if percent or v == 0:
        return 0.5
    digits = str(round(v))
    return 0.5 * 10.0 ** (len(digits) - len(digits.rstrip("0")))


def _nudge(rng: random.Random, v: float, decimals: int, percent: bool) -> float:
    """A different value, written to the same precision, outside the rounding interval."""
    for _ in range(6):
        new = round(v * rng.choice([0.7, 0.8, 1.2, 1.3]), decimals)
        if new > 0 and abs(new - v) > _halfwidth(v, decimals, percent) + _halfwidth(
            new, decimals, percent
        ):
            return new
    return round(v + 3 * 10.0**-decimals, decimals)


def _wrap(text: str, width: int) -> str:
    """Wrap at spaces; never start a line with something Markdown would read as a block."""
    words = text.split(" ")
    lines: list[str] = []
    cur = ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width and not re.match(r"[>#|=+*\-]|\d+[.)](\s|$)", w):
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    if cur:
        lines.append(cur)
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def generate(out: Path, articles: int, claims: int, seed: int, registry_only: bool = False) -> dict:
    if out.exists():
        stale = [out / d for d in ("docs", "claims", "sources") if (out / d).exists()]
        if stale and not (out / "corpus.json").exists():
            raise SystemExit(
                f"{out} holds docs/, claims/ or sources/ not written by this generator; "
                "choose an empty folder"
            )
        for d in stale:
            shutil.rmtree(d)
    out.mkdir(parents=True, exist_ok=True)
    topics = build_registry(claims, seed)
    n_claims, n_sources = write_registry(out, topics)
    totals: dict = {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "claims": n_claims,
        "sources": n_sources,
        "claim_files": len(topics),
    }
    if not registry_only:
        docs = out / "docs"
        seen: set[str] = set()
        stats = Stats()
        size = figure_like = 0
        biggest = 0
        for i in range(articles):
            art = Article(random.Random(f"mesacheck-bench:{seed}:article:{i}"), topics, i)
            rel, text, _ = art.render_article()
            if rel in seen:
                stem = rel[:-3]
                k = 2
                while f"{stem}-{k}.md" in seen:
                    k += 1
                rel = f"{stem}-{k}.md"
            seen.add(rel)
            path = docs / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            data = text.encode("utf-8")
            path.write_bytes(data)
            size += len(data)
            biggest = max(biggest, len(data))
            figure_like += art.figure_like
            for k in ("figures", "claim_quotes", "misquotes", "date_quotes", "dates"):
                setattr(stats, k, getattr(stats, k) + getattr(art.stats, k))
        totals.update(
            articles=articles,
            bytes=size,
            mb=round(size / 1e6, 2),
            mean_article_bytes=round(size / max(1, articles)),
            largest_article_bytes=biggest,
            figure_like_matches=figure_like,
            figures_written=stats.figures,
            claim_quotes=stats.claim_quotes,
            misquotes=stats.misquotes,
            date_quotes=stats.date_quotes,
            dates_written_approx=stats.dates,
        )
    (out / "corpus.json").write_text(
        json.dumps(
            {
                "params": {
                    "articles": 0 if registry_only else articles,
                    "claims": claims,
                    "seed": seed,
                    "registry_only": registry_only,
                },
                "totals": totals,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    return totals


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out", type=Path, help="output folder (docs/, claims/, sources/ go here)")
    p.add_argument("--articles", type=int, default=572, help="number of articles (default 572)")
    p.add_argument(
        "--claims", type=int, default=1000, help="number of registry claims (default 1000)"
    )
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--registry-only", action="store_true", help="write only claims/ and sources/")
    p.add_argument("--quiet", action="store_true", help="print nothing")
    a = p.parse_args(argv)
    if a.claims < 1 or a.articles < 0:
        p.error("--claims must be at least 1 and --articles at least 0")
    totals = generate(a.out, a.articles, a.claims, a.seed, a.registry_only)
    if not a.quiet:
        t = totals
        print(
            f"registry: {t['claims']:,} claims in {t['claim_files']:,} files, {t['sources']:,} sources"
        )
        if not a.registry_only:
            print(
                f"corpus: {t['articles']:,} articles, {t['bytes'] / 1e6:.2f} MB "
                f"({t['bytes'] / 2**20:.2f} MiB; mean {t['mean_article_bytes'] / 1e3:.1f} KB, "
                f"largest {t['largest_article_bytes'] / 1e3:.1f} KB), "
                f"{t['figure_like_matches']:,} figure-like matches"
            )
            print(
                f"written: {t['figures_written']:,} figures (dates excluded), "
                f"{t['claim_quotes']:,} quoting a claim ({t['misquotes']:,} misquoted), "
                f"~{t['dates_written_approx']:,} dates"
            )
        print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
