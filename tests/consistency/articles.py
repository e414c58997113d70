# ruff: noqa: E501  (article texts: one line of Markdown per string reads best)
"""Small articles shaped like the eight causes of false consistency findings (issue 13),
each with its verdict, and true conflicts that must be found.

An article is {file name: text}; several files make a cross-file case. `NO_FINDING`
holds (cause, name, files); `CONFLICTS` holds (code, name, files, (line, figure)): the
finding that must be reported at the default confidence threshold.
"""

from __future__ import annotations

SURVEY_TABLE = """# Tiers

## Compliance by condition

| Condition | Harmful compliance |
|-----------|--------------------|
| Free tier | 14% |
| Paid tier | ~0% |

In the free tier, harmful compliance was 14% of monitored cases.
"""

NO_FINDING: list[tuple[int, str, dict[str, str]]] = [
    # 1. parallel table rows or list items about different entities
    (1, "conditions-table", {"a.md": SURVEY_TABLE}),
    (
        1,
        "funding-round-columns",
        {
            "a.md": "# Quorvant funding\n\n| Round | Valuation | Raised |\n|---|---|---|\n"
            "| Series A | \\$100M | \\$20M |\n| Series B | \\$400M | \\$60M |\n\n"
            "Quorvant raised \\$60M in its Series B round.\n"
        },
    ),
    (
        1,
        "list-items-lead-ins",
        {
            "a.md": "# Results\n\n- **Free tier:** harmful compliance in 14% of Orvex test cases\n"
            "- **Paid tier:** harmful compliance in 3% of Orvex test cases\n"
        },
    ),
    (
        1,
        "model-rows",
        {
            "a.md": "# Models\n\n| Model | Accuracy |\n|---|---|\n| Alpha | 82% |\n| Beta | 76% |\n\n"
            "Alpha reaches 82% accuracy on the Quill benchmark.\n"
        },
    ),
    (
        1,
        "prose-conditions",
        {
            "a.md": "# Monitoring\n\nWithout monitoring: Orvex models schemed in 12% of sandbox runs.\n\n"
            "With monitoring: Orvex models schemed in 3% of sandbox runs.\n"
        },
    ),
    (
        1,
        "year-rows",
        {
            "a.md": "# Daily use\n\n| Year | Daily users |\n|---|---|\n| 2022 | 47% |\n| 2023 | 49% |\n"
        },
    ),
    (
        1,
        "two-tables-two-years",
        {
            "a.md": "# Scores\n\n### 2023 Quill results\n\n| Model | Score |\n|---|---|\n"
            "| Alpha | 82% |\n\n### 2024 Quill results\n\n| Model | Score |\n|---|---|\n"
            "| Alpha | 88% |\n"
        },
    ),
    # 2. dates of different events of one entity
    (
        2,
        "trial-began-sentenced",
        {
            "a.md": "# Case\n\nThe Zephyr Quorn fraud trial of Marlo Venn began in October 2023.\n\n"
            "In the Zephyr Quorn fraud case, Marlo Venn was sentenced in March 2024.\n"
        },
    ),
    (
        2,
        "preprint-and-journal",
        {
            "a.md": "# Paper\n\nThe Betley Quillon Marsh study first appeared as an arXiv preprint "
            "in February 2025.\n\nThe Betley Quillon Marsh study was published in Nature in "
            "January 2026.\n"
        },
    ),
    (
        2,
        "founded-released",
        {
            "a.md": "# Orvex\n\nOrvex Labs Quantara was founded in 2019.\n\n"
            "Orvex Labs Quantara released its first model in 2022.\n"
        },
    ),
    (
        2,
        "recurring-meetings",
        {
            "a.md": "# Feb\n\nThe Orvex Quantara Steering Council meeting took place on 2022-02-21.\n",
            "b.md": "# Mar\n\nThe Orvex Quantara Steering Council meeting took place on 2022-03-21.\n",
        },
    ),
    (
        2,
        "year-in-a-name",
        {
            "a.md": "# GSoC\n\nThe Quorvant Project participates in Google Summer of Code (GSoC) 2024.\n",
            "b.md": "# GSoC\n\nThe Quorvant Project participates in Google Summer of Code (GSoC) 2025.\n",
        },
    ),
    (
        2,
        "announced-released",
        {
            "a.md": "# Marlo\n\nZephyr Quorn Marlo was announced in May 2024.\n\n"
            "Zephyr Quorn Marlo was released in September 2024.\n"
        },
    ),
    (
        2,
        "two-versions",
        {
            "a.md": "# Quill\n\nOrvex Quill Marlo 1.0 was released in 2015.\n\n"
            "Orvex Quill Marlo 2.0 was released in 2018.\n"
        },
    ),
    (
        2,
        "one-sentence-two-events",
        {
            "a.md": "# Marlo\n\nZephyr Quorn Marlo was announced in May 2024; "
            "Zephyr Quorn Marlo shipped in September 2024.\n"
        },
    ),
    # 3. a figure taken as the summary of a column that measures something else
    (
        3,
        "other-measure-column",
        {
            "a.md": "# Recovery\n\nAcross scenarios, the budget share spent on recovery ranges "
            "10-50%.\n\n### Recovery Probability by Scenario\n\n"
            "| Scenario | Recovery probability |\n|---|---|\n| Fast | 10-30% |\n| Slow | 40-70% |\n"
        },
    ),
    (
        3,
        "no-shared-end",
        {
            "a.md": "# Resources\n\nFunding rose from about 2% to 5-8% of resources.\n\n"
            "### Recovery Probability\n\n| Scenario | Recovery probability |\n|---|---|\n"
            "| Fast | 10-30% |\n| Slow | 40-70% |\n"
        },
    ),
    # 4. different subjects sharing a number or generic words, mostly across files
    (
        4,
        "two-markets",
        {
            "a.md": "# China\n\nZhongtai holds about 60% of China's surveillance camera market.\n",
            "b.md": "# World\n\nHikvision holds about 34% of the global surveillance camera market.\n",
        },
    ),
    (
        4,
        "two-funds",
        {
            "a.md": "# Aurora\n\nThe Aurora Fund committed up to \\$1 billion to climate research.\n",
            "b.md": "# Borealis\n\nThe Borealis Trust committed \\$2 billion to climate research.\n",
        },
    ),
    (
        4,
        "two-survey-years",
        {
            "a.md": "# 2022\n\nIn the 2022 survey, respondents came from the United States (25%), "
            "Germany (12%) and China (7%).\n",
            "b.md": "# 2023\n\nIn the 2023 survey, respondents came from the United States (22%), "
            "Germany (12%) and China (6%).\n",
        },
    ),
    (
        4,
        "generic-words-across-files",
        {
            "a.md": "# Use\n\nAbout 40% of respondents use the language daily at work.\n",
            "b.md": "# Use\n\nAbout 55% of respondents use the language daily at work.\n",
        },
    ),
    (
        4,
        "untimed-across-files",
        {
            "a.md": "# Survey\n\nThe Orvex survey should take about 5 to 10 minutes to complete.\n",
            "b.md": "# Survey\n\nThe Orvex survey should take about 10 to 15 minutes to complete.\n",
        },
    ),
    # 5. consistent values
    (
        5,
        "point-inside-range",
        {
            "a.md": "# Scheming\n\nOrvex scheming appeared in 2% of sandbox trials for Marlo.\n\n"
            "Across models, Orvex scheming appeared in 0.3-10% of sandbox trials.\n"
        },
    ),
    (
        5,
        "bound-meets-range",
        {
            "a.md": "# Accuracy\n\nOrvex benchmark accuracy is at most 60% on the Quill test.\n\n"
            "Orvex benchmark accuracy is 40-60% on the Quill test.\n"
        },
    ),
    (
        5,
        "hedged-overlap",
        {
            "a.md": "# Share\n\nOrvex Quill adoption reached roughly 20-30% of Marlo teams.\n\n"
            "Orvex Quill adoption reached 25-35% of Marlo teams.\n"
        },
    ),
    (
        5,
        "rounding",
        {
            "a.md": "# Share\n\nOrvex Quill adoption reached 33.3% of Marlo teams.\n\n"
            "Orvex Quill adoption reached 33% of Marlo teams.\n"
        },
    ),
    (
        5,
        "upper-bound-and-point",
        {
            "a.md": "# Errors\n\nOrvex Quill errors affect up to 5% of Marlo builds.\n\n"
            "Orvex Quill errors affect 4% of Marlo builds.\n"
        },
    ),
    # 6. ratio or change operands from another clause
    (
        6,
        "reduction-other-clause",
        {
            "a.md": "# Sleep\n\nScreen time fell from 22% to 12%, and nightly waking fell from "
            "8.2 to 5.3 times (35% reduction).\n"
        },
    ),
    (
        6,
        "multiplier-other-clause",
        {
            "a.md": "# Growth\n\nRevenue rose from \\$2M to \\$5M; meanwhile the Orvex team grew "
            "2× in size.\n"
        },
    ),
    (
        6,
        "correct-reduction",
        {"a.md": "# Errors\n\nErrors fell from 13% to 0.4%, a 97% reduction.\n"},
    ),
    (
        6,
        "correct-multiplier",
        {"a.md": "# Gap\n\nSafety received \\$100M vs \\$152B in industry investment (1,520×).\n"},
    ),
    (
        6,
        "correct-change-multiplier",
        {"a.md": "# Scheming\n\nDeliberative alignment reduced scheming 30× (8.7% → 0.3%).\n"},
    ),
    # 7. a value equal to one row taken as the summary of the column
    (
        7,
        "equal-to-one-row",
        {
            "a.md": "# Estimates\n\nHigh-concern experts estimate 40-70%.\n\n"
            "### Expert Estimates of Mesa-Optimization\n\n| Group | Estimate |\n|---|---|\n"
            "| High concern | 40-70% |\n| Moderate concern | 20-40% |\n| Low concern | 10-30% |\n"
        },
    ),
    (
        7,
        "summary-spans-column",
        {
            "a.md": "# Estimates\n\nExpert estimates of mesa-optimization range 10-70%.\n\n"
            "### Expert Estimates of Mesa-Optimization\n\n| Group | Estimate |\n|---|---|\n"
            "| High concern | 40-70% |\n| Moderate concern | 20-40% |\n| Low concern | 10-30% |\n"
        },
    ),
    # 8. a bound that is part of a name
    (
        8,
        "pledge",
        {
            "a.md": "# Giving\n\nOrvex members donate at least 10% of their income.\n\n"
            "Many Orvex members take the 10% Pledge of their income.\n"
        },
    ),
    (
        8,
        "bound-across-files",
        {
            "a.md": "# Users\n\nOver 30% of Orvex users build daily.\n",
            "b.md": "# Users\n\n30% of Orvex users build daily.\n",
        },
    ),
    # totals that add up (the same shapes as the true total conflicts below)
    (6, "parts-add-up", {"a.md": "# Split\n\nShares were 45%, 30% and 25%, a total of 100%.\n"}),
    (
        6,
        "parts-round",
        {"a.md": "# Split\n\nThe three teams got 33%, 33% and 33%, totalling 100%.\n"},
    ),
    (
        6,
        "total-row-adds-up",
        {
            "a.md": "# Budget\n\n| Team | Share |\n|---|---|\n| Research | 45% |\n| Policy | 35% |\n"
            "| Operations | 20% |\n| **Total** | 100% |\n"
        },
    ),
    # times that differ in one article (a crater run a year later; the previous survey)
    (
        4,
        "two-runs-a-year-apart",
        {
            "a.md": "# Crater\n\nA crater run in July 2024 found about 2.4% of Orvex projects "
            "affected. A crater run in June 2025 found 1.5% of Orvex projects affected.\n"
        },
    ),
    (
        4,
        "two-surveys-one-article",
        {
            "a.md": "# Use\n\nIn the 2019 survey, 82.8% of Orvex responders indicated they used "
            "Quill.\n\nIn the 2018 survey, 75% of Orvex responders indicated they used Quill.\n"
        },
    ),
    (
        1,
        "users-and-non-users",
        {
            "a.md": "# Use\n\nOf those who used Quill in 2023, 49% did so on a daily basis.\n\n"
            "31% of those who did not identify as Quill users cited the perception of "
            "difficulty as the primary reason for not having used it.\n"
        },
    ),
    (
        1,
        "two-charts",
        {
            "a.md": "# Charts\n\n![Chart: 0.5% less than a day, 4.2% less than a week, 13.1% less "
            "than a month, 42.5% over a year](a.png)\n\n![chart: 3.2% less than a day, 18.5% less "
            "than a week, 43.1% less than a month, 4.9% more than a year](b.png)\n"
        },
    ),
]

# (code, name, files, (line, figure as written) that must carry the finding)
CONFLICTS: list[tuple[str, str, dict[str, str], tuple[int, str]]] = [
    (
        "MC004",
        "multiplier",
        {
            "a.md": "# Gap\n\nAI safety received \\$100M vs \\$152B industry investment "
            "(2,500× disparity).\n"
        },
        (3, "2,500×"),
    ),
    (
        "MC004",
        "reduction",
        {"a.md": "# Scheming\n\nScheming fell from 8.7% to 0.3%, a 50% reduction.\n"},
        (3, "50%"),
    ),
    (
        "MC004",
        "increase-multiplier",
        {"a.md": "# Uptake\n\nUptake rose from 17.7% to 46.5%, a 3.46× increase.\n"},
        (3, "3.46×"),
    ),
    (
        "MC004",
        "percentage-points",
        {"a.md": "# Uptake\n\nUptake rose from 20% to 30% (+15 pp).\n"},
        (3, "+15 pp"),  # LABELS.md: a sign belongs to the figure
    ),
    (
        "MC004",
        "parts-vs-total",
        {"a.md": "# Split\n\nThe grant went 12%, 23% and 5% to three labs, a total of 45%.\n"},
        (3, "45%"),
    ),
    (
        "MC004",
        "amounts-vs-total",
        {"a.md": "# Grants\n\nThe fund gave \\$12M, \\$23M and \\$7M, for a total of \\$48M.\n"},
        (3, "\\$48M"),
    ),
    (
        "MC004",
        "total-row",
        {
            "a.md": "# Budget\n\n| Team | Share |\n|---|---|\n| Research | 45% |\n| Policy | 25% |\n"
            "| Operations | 20% |\n| **Total** | 100% |\n"
        },
        (8, "100%"),
    ),
    (
        "MC004",
        "total-row-amounts",
        {
            "a.md": "# Grants\n\n| Lab | Grant |\n|---|---|\n| Orvex | \\$12M |\n| Quill | \\$23M |\n"
            "| Total | \\$41M |\n"
        },
        (7, "\\$41M"),
    ),
    (
        "MC004",
        "gap-multiplier",
        {"a.md": "# Gap\n\nOrvex spent \\$2M vs \\$10M at Quill (3× gap).\n"},
        (3, "3×"),
    ),
    (
        "MC003",
        "summary-range",
        {
            "a.md": "# Estimates\n\nExpert estimates of mesa-optimization range 20-70%.\n\n"
            "### Expert Estimates of Mesa-Optimization\n\n| Group | Estimate |\n|---|---|\n"
            "| High concern | 40-70% |\n| Moderate concern | 20-40% |\n| Low concern | 10-30% |\n"
        },
        (3, "20-70%"),
    ),
    (
        "MC003",
        "prose-vs-row",
        {
            "a.md": "# Scheming\n\nApollo Research found scheming in 0.3-13% of frontier model "
            "runs.\n\n## Studies\n\n| Study | Organization | Results |\n|---|---|---|\n"
            "| Frontier Models Scheming | Apollo Research | scheming in 0.3-10% of frontier runs |\n"
        },
        (3, "0.3-13%"),
    ),
    (
        "MC003",
        "same-article-prose",
        {
            "a.md": "# Quill\n\nIn 2024, Marlo-7 reached a 62% pass rate on the Orvex Quill "
            "benchmark.\n\nLater that year the team confirmed that in 2024 Marlo-7 reached a 68% "
            "pass rate on the Orvex Quill benchmark.\n"
        },
        (3, "62%"),
    ),
    (
        "MC003",
        "across-files-named-and-timed",
        {
            "a.md": "# Audit\n\nIn 2024 the Zephyrine Quillon audit found defects in 12% of "
            "Marbeck modules.\n",
            "b.md": "# Audit\n\nIn 2024 the Zephyrine Quillon audit found defects in 21% of "
            "Marbeck modules.\n",
        },
        (3, "12%"),
    ),
    (
        "MC003",
        "summary-range-amounts",
        {
            "a.md": "# Costs\n\nQuorvant cost estimates of the migration range \\$2-9M.\n\n"
            "### Quorvant Cost Estimates\n\n| Option | Cost estimate |\n|---|---|\n"
            "| Rewrite | \\$5-9M |\n| Port | \\$1-4M |\n"
        },
        (3, "\\$2-9M"),
    ),
    (
        "MC005",
        "metric-accuracy",
        {
            "a.md": "# Probes\n\nQuorvant linear probes achieve greater than 99% AUROC on "
            "sleeper agents.\n\nOn Quorvant sleeper agents, linear probes reach greater than 99% "
            "AUROC.\n\nQuorvant linear probes detect sleeper agents with greater than 99% accuracy.\n"
        },
        (7, "greater than 99%"),
    ),
    (
        "MC005",
        "metric-precision",
        {
            "a.md": "# Filter\n\nThe Orvex Quill spam filter reaches 95% recall on Marlo mail.\n\n"
            "Orvex Quill filtering of Marlo mail keeps 95% recall.\n\n"
            "The Orvex Quill spam filter reaches 95% precision on Marlo mail.\n"
        },
        (7, "95%"),
    ),
    (
        "MC007",
        "nature-paper",
        {
            "a.md": "# Misalignment\n\n**Emergent Misalignment Discovery:** A February 2025 Nature "
            "paper by Betley et al. showed broad misalignment.\n\n## Timeline\n\n"
            "| Date | Event |\n|---|---|\n| 2026 Jan | Emergent Misalignment published in Nature |\n"
        },
        (3, "February 2025"),
    ),
    (
        "MC007",
        "published-across-files",
        {
            "a.md": "# Audit\n\nThe Zephyrine Quillon audit by Marbeck was published in "
            "February 2025.\n",
            "b.md": "# Audit\n\nThe Zephyrine Quillon audit by Marbeck was published in "
            "January 2026.\n",
        },
        (3, "February 2025"),
    ),
    (
        "MC007",
        "released-same-article",
        {
            "a.md": "# Marlo\n\nOrvex Quill Marlo was released in March 2019.\n\n"
            "When Orvex Quill Marlo was released in March 2021, teams moved to it.\n"
        },
        (3, "March 2019"),
    ),
    (
        "MC007",
        "founded-same-article",
        {
            "a.md": "# Zephyr\n\nQuorvant Labs Zephyr was founded in 2015 in Oslo.\n\n"
            "Quorvant Labs Zephyr, founded in 2017, builds Oslo's ferries.\n"
        },
        (3, "2015"),
    ),
    (
        "MC004",
        "remainder",
        {
            "a.md": "# Build\n\nA build spends 70% of its time in LLVM, so the remaining 40% is ours.\n"
        },
        (3, "40%"),
    ),
    (
        "MC004",
        "share-of-base",
        {
            "a.md": "# Platforms\n\nWindows was used by 1,130 of the 3,588 total respondents, "
            "putting it at 35.5% of respondents.\n"
        },
        (3, "35.5%"),
    ),
]

CONFLICTS.append(
    (
        "MC003",
        "summary-table-vs-prose",  # the "$1-15M/year" against "$15-35M" elsewhere
        {
            "a.md": "# Quorvant Alignment Research\n\n## Quick Assessment\n\n"
            "| Dimension | Assessment | Evidence |\n|---|---|---|\n"
            "| **Current research investment** | Small | Quorvant alignment research receives \\$1-15M/year |\n\n"
            "## Overview\n\nQuorvant alignment research receives \\$15-35M/year in current research investment.\n\n"
            "## Funding\n\nThe current research investment in Quorvant alignment research is \\$15-35M/year.\n"
        },
        (7, "\\$1-15M/year"),
    )
)

# (code, name, files, (line, figure)): graded below the default threshold, to review
TO_REVIEW: list[tuple[str, str, dict[str, str], tuple[int, str]]] = [
    (
        "MC004",
        "remainder-of-a-bound",
        {
            "a.md": "# Build\n\nA build spends more than 80% of its time in LLVM, so reducing the "
            "remaining 20% by 5% saves 1%.\n"
        },
        (3, "20%"),
    ),
    (
        "MC004",
        "share-of-a-base-elsewhere",
        {
            "a.md": "# Tools\n\nMany now use rustup, totalling 3,205 of the responses, which moves "
            "it from last year's 52.8% to 90.2%.\n\nWindows was used by 1,130 of the 3,588 "
            "total respondents, putting it at 31.5% of respondents.\n"
        },
        (3, "from last year's 52.8% to 90.2%"),
    ),
    (
        "MC003",
        "list-item-and-prose",
        {
            "a.md": "# Editors\n\n![Chart: 45.8% vim, 33.8% vscode, 16.1% intellij, 15.7% atom]"
            "(editors.png)\n\nAmong editors, vim remains king, though we see healthy growth in "
            "VSCode adoption at 34.1% (up from last year's 3.8%).\n"
        },
        (5, "34.1%"),
    ),
    (
        "MC005",
        "bound-same-article",
        {
            "a.md": "# Speed\n\nThe Orvex Quill build got up to 20% faster on Marlo.\n\n"
            "The Orvex Quill build got 20% faster on Marlo.\n"
        },
        (5, "20%"),  # one against one: the finding is on one of them
    ),
]
