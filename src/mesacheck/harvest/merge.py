"""Writing drafts: YAML entries, a new claims file, or a merge into an existing one.

A merge works on the file's text: existing entries stay byte for byte (comments and
all), only drafts whose id is not there yet are appended to its `claims:` list in the
file's own indentation, and the result is written atomically. Merging the same drafts
again changes nothing.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from pathlib import Path

import yaml

from mesacheck import atomic
from mesacheck.harvest.drafts import Draft

HEADER = (
    "# Draft claims written by `mesacheck harvest` for figures that no sourced claim backs.\n"
    "# Each is pinned to its figure (`scope`: the article, `anchor`: the words around it).\n"
    "# For each one: check the statement and value, add to `sources:` the source and the\n"
    "# quote that contains the value, then change `status: draft` to `status: active`.\n"
)

_NOT_PRINTABLE = re.compile("[\x7f-\x84\x86-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


class HarvestError(Exception):
    """A harvest that cannot be written; the message names the file."""


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's, plus a few more)."""
    s = json.dumps(text, ensure_ascii=False)
    return _NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", s)


def entry_lines(d: Draft, dash: int = 2, indent: int = 4) -> list[str]:
    """One claim as YAML lines: `- id:` at column `dash`, its other keys at `indent`."""
    pad = " " * indent
    head = " " * dash + "-" + " " * max(1, indent - dash - 1)
    sources = [f"{pad}sources: []"]
    if d.url:
        sources = [f"{pad}sources:", f"{pad}  - url: {quoted(d.url)}"]
    return [
        f"{head}id: {d.id}",
        f"{pad}statement: {quoted(d.statement)}",
        f"{pad}value: {quoted(d.value)}",
        f"{pad}subject: [{', '.join(quoted(p) for p in d.subject)}]",
        *sources,
        f"{pad}status: draft",
        f"{pad}scope: {quoted(d.scope)}",
        f"{pad}anchor: {quoted(d.anchor)}",
    ]


def render(drafts: Sequence[Draft]) -> str:
    """A complete claims file holding the drafts."""
    body = "\n\n".join("\n".join(entry_lines(d)) for d in drafts)
    return HEADER + ("claims:\n" + body + "\n" if drafts else "claims: []\n")


def merge(text: str, drafts: Sequence[Draft], name: str) -> tuple[str, list[Draft]]:
    """`text` (a claims file) with the drafts whose id it lacks appended to its `claims:`
    list, and those drafts; everything already in it is kept byte for byte."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark is not None else name
        what = getattr(e, "problem", None) or "it does not parse"
        raise HarvestError(
            f"{where}: not valid YAML ({what}); fix it or harvest into another file"
        ) from None
    if root is None:
        data = {}
    elif not isinstance(root, yaml.MappingNode) or not isinstance(data, dict):
        raise HarvestError(f"{name} is not a mapping with a `claims:` list")
    existing = data.get("claims") or []
    if not isinstance(existing, list):
        raise HarvestError(f"{name}: `claims:` is not a list")
    have = {e.get("id") for e in existing if isinstance(e, dict)}
    new = [d for d in drafts if d.id not in have]
    if not new:
        return text, []
    node = next(
        (v for k, v in (root.value if root is not None else []) if k.value == "claims"), None
    )
    if node is None:
        head = text if not text or text.endswith("\n") else text + "\n"
        blank = "\n" if head.strip() else ""
        body = "\n\n".join("\n".join(entry_lines(d)) for d in new)
        merged = head + blank + "claims:\n" + body + "\n"
    elif isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
        first = node.value[0]
        col = first.start_mark.column
        dash = text.rfind("-", 0, first.start_mark.index)
        dash_col = dash - (text.rfind("\n", 0, dash) + 1)
        at = node.end_mark.index
        head = text[:at] if text[:at].endswith("\n") else text[:at] + "\n"
        body = "\n\n".join("\n".join(entry_lines(d, dash_col, col)) for d in new)
        merged = head + "\n" + body + "\n" + text[at:]
    elif (isinstance(node, yaml.SequenceNode) and not node.value) or (
        isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")
    ):
        colon = text.rfind(":", 0, node.start_mark.index + 1)
        body = "\n\n".join("\n".join(entry_lines(d)) for d in new)
        merged = text[: colon + 1] + "\n" + body + text[node.end_mark.index :]
        if not merged.endswith("\n"):
            merged += "\n"
    else:
        raise HarvestError(
            f"{name}: its `claims:` list is written inline; harvest into a new file instead"
        )
    ids = [e.get("id") for e in yaml.safe_load(merged).get("claims") or [] if isinstance(e, dict)]
    if ids != [e.get("id") for e in existing if isinstance(e, dict)] + [d.id for d in new]:
        raise HarvestError(
            f"{name}: cannot append to its `claims:` list safely"
        )  # pragma: no cover
    return merged, new


def write(output: Path, drafts: Sequence[Draft]) -> list[Draft]:
    """Merge the drafts into the claims file `output` (created when missing or empty),
    atomically; the drafts that were added. HarvestError or OSError when it cannot be."""
    try:
        text = output.read_text(encoding="utf-8") if output.exists() else ""
    except (OSError, UnicodeDecodeError) as e:
        raise HarvestError(f"cannot read {output}: {e}") from None
    if text.strip():
        merged, new = merge(text, drafts, str(output))
    else:
        merged, new = (render(drafts), list(drafts)) if drafts else (text, [])
    if merged != text:
        output.parent.mkdir(parents=True, exist_ok=True)  # `claims/drafts/…` in a new repo
        atomic.write_text(output, merged)
    return new


def writable(target: Path) -> str | None:
    """Why drafts cannot be written to `target` (a file or a folder, which need not exist
    yet), or None: checked before the work, so that no run ends in a failed write."""
    probe = target
    while not probe.exists():
        if probe.parent == probe:
            return f"cannot write {target}: no such folder"
        probe = probe.parent
    if probe != target and not probe.is_dir():
        return f"cannot write {target}: {probe} is not a folder"
    if probe == target and target.is_file():
        if not os.access(target, os.W_OK) or not os.access(target.parent, os.W_OK):
            return f"cannot write {target}: permission denied"
        return None
    if not os.access(probe, os.W_OK | os.X_OK):
        return f"cannot write {target}: {probe} is not writable (permission denied)"
    return None
