"""Reading a registry file's YAML: plain values that remember their lines, from a reader
that cannot be bombed.

The reader walks PyYAML's event stream (its C parser when present) and builds the values
itself, iteratively: every mapping and list remembers its line and the line of each key
or item; duplicate keys are reported; nesting deeper than `MAX_DEPTH` is refused; an
alias reuses the anchored value (nothing is copied) and the values aliases stand for are
counted, so a file whose aliases would expand past `MAX_ALIASED` values (a "billion
laughs") is refused before anything is expanded. Scalars that YAML 1.1 reads as
something other than text (`no`, `12:30`, `2024-12-05`, `1.9e+10`) keep their source
text, so a message can say what YAML did and how to quote it.

PyYAML is imported when a file is read, not when this module is.
"""

from __future__ import annotations

from typing import Any

MAX_DEPTH = 64  # a registry file needs 5 levels (top, list, entry, sources, source)
MAX_ALIASED = 100_000  # values that aliases may stand for in one file


class Node(dict[Any, Any]):
    """A YAML mapping with the line it starts on, the line of each key, and the source
    text of scalars that YAML 1.1 did not read as text (key -> (text, tag))."""

    __slots__ = ("key_lines", "line", "raw")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[Any, int] = {}
        self.raw: dict[Any, tuple[str, str]] = {}


class Seq(list[Any]):
    """A YAML list with its line, the line of each item and their source text (as Node)."""

    __slots__ = ("item_lines", "line", "raw")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []
        self.raw: dict[Any, tuple[str, str]] = {}


class YamlProblem(Exception):
    """What this reader refuses in a file (alias bomb, too deep, duplicate keys): each
    problem's line and message."""

    def __init__(self, problems: list[tuple[int, str]]) -> None:
        super().__init__(problems[0][1])
        self.problems = problems


_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_KEY_PENDING = object()
_MERGE_KEY = object()


class _Frame:
    """A mapping or list being read: its value, size when aliases are expanded, the key
    waiting for its value, and the mappings `<<:` merges into it."""

    __slots__ = ("anchor", "box", "key", "key_line", "mark", "merges", "size")

    def __init__(self, box: Node | Seq, anchor: str | None, mark: Any) -> None:
        self.box = box
        self.anchor = anchor
        self.size = 1
        self.key: Any = _KEY_PENDING
        self.key_line = 0
        self.merges: list[Any] = []
        self.mark = mark


def _looks_like_exponent(text: str) -> bool:
    """Text YAML 1.1 keeps as a string that a reader takes for a number (`1.9e10`)."""
    mantissa, e, exponent = text.lstrip("+-").lower().partition("e")
    return bool(e) and mantissa.replace(".", "", 1).isdigit() and exponent.lstrip("+-").isdigit()


def read_yaml(text: str) -> Any:
    """The single document of `text` as Node/Seq/scalars. Raises yaml.YAMLError for what
    PyYAML rejects, YamlProblem for what this reader refuses."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        return _Reader(loader, yaml).document()
    finally:
        loader.dispose()


class _Reader:
    """PyYAML's events to values, without recursion and without expanding an alias."""

    def __init__(self, loader: Any, yaml: Any) -> None:
        self.loader = loader
        self.yaml = yaml
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int, Any]] = {}  # value, size, mark
        self.open: set[str] = set()  # anchors of mappings and lists not yet closed
        self.aliased = 0  # values the aliases so far stand for
        self.problems: list[tuple[int, str]] = []  # duplicate keys, unreadable scalars
        self.root: list[Any] = []

    def document(self) -> Any:
        ev = self.yaml.events
        loader = self.loader
        loader.get_event()  # StreamStart
        if loader.check_event(ev.StreamEndEvent):
            return None
        loader.get_event()  # DocumentStart
        first_mark = loader.peek_event().start_mark
        while not loader.check_event(ev.DocumentEndEvent):
            self.step(loader.get_event(), ev)
        loader.get_event()
        if self.problems:
            raise YamlProblem(sorted(self.problems))
        if not loader.check_event(ev.StreamEndEvent):
            raise self.yaml.composer.ComposerError(
                "expected a single document in the stream",
                first_mark,
                "but found another document",
                loader.get_event().start_mark,
            )
        return self.root[0] if self.root else None

    def step(self, event: Any, ev: Any) -> None:
        line = event.start_mark.line + 1
        anchor = getattr(event, "anchor", None)
        if (
            anchor is not None
            and not isinstance(event, ev.AliasEvent)
            and (anchor in self.anchors or anchor in self.open)
        ):
            raise self.yaml.composer.ComposerError(
                f"found duplicate anchor {anchor!r}; first occurrence",
                self.anchors[anchor][2] if anchor in self.anchors else None,
                "second occurrence",
                event.start_mark,
            )
        if isinstance(event, ev.ScalarEvent):
            self.scalar(event, line)
        elif isinstance(event, ev.AliasEvent):
            if anchor in self.open:
                raise YamlProblem([(line, f"alias *{anchor} is inside its own anchor &{anchor}")])
            if anchor not in self.anchors:
                raise self.yaml.composer.ComposerError(
                    None, None, f"found undefined alias {anchor!r}", event.start_mark
                )
            value, size, _ = self.anchors[anchor]
            self.aliased += size
            if self.aliased > MAX_ALIASED:
                raise YamlProblem(
                    [
                        (
                            line,
                            f"YAML aliases would expand to more than {MAX_ALIASED:,} values "
                            "(an alias bomb?); refused before expanding them: write the "
                            "values out instead",
                        )
                    ]
                )
            self.add(value, size, line, None, event.start_mark)
        elif isinstance(event, ev.SequenceStartEvent | ev.MappingStartEvent):
            if len(self.stack) >= MAX_DEPTH:
                raise YamlProblem(
                    [(line, f"YAML nested deeper than {MAX_DEPTH} levels; a registry needs 5")]
                )
            box = Seq(line) if isinstance(event, ev.SequenceStartEvent) else Node(line)
            if anchor is not None:
                self.open.add(anchor)
            self.stack.append(_Frame(box, anchor, event.start_mark))
        else:  # SequenceEnd, MappingEnd
            frame = self.stack.pop()
            box = frame.box
            if frame.merges:
                box = self.merged(frame)
            if frame.anchor is not None:
                self.open.discard(frame.anchor)
                self.anchors[frame.anchor] = (box, frame.size, frame.mark)
            self.add(box, frame.size, box.line, None, frame.mark)

    def scalar(self, event: Any, line: int) -> None:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(self.yaml.ScalarNode, event.value, event.implicit)
        top = self.stack[-1] if self.stack else None
        raw = None
        in_key = top is not None and isinstance(top.box, Node) and top.key is _KEY_PENDING
        if tag == _MERGE and in_key:
            assert top is not None
            top.key, top.key_line = _MERGE_KEY, line
            return
        if event.implicit[0] and (tag != _STR or _looks_like_exponent(event.value)):
            raw = (event.value, tag)
        node = self.yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        kind = tag.rsplit(":", 1)[-1]
        if tag.startswith("tag:yaml.org,2002:") and kind in _COLLECTIONS:
            # PyYAML would hand back an empty, half-built list, mapping or set
            self.problems.append((line, _collection_on_scalar(event.value, kind)))
            value: Any = event.value
        else:
            try:
                value = self.loader.construct_object(node)
            except self.yaml.YAMLError:
                raise
            except Exception as e:
                # PyYAML's constructors fail with whatever their code meets on text that
                # a tag or a type's pattern promises and that is no value of it:
                # ValueError (`2024-13-45`, 5,000 digits), IndexError (`!!int` alone),
                # AttributeError (`!!timestamp x`)
                self.problems.append((line, _unreadable(event.value, tag, e)))
                value = event.value
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1, event.start_mark)
        self.add(value, 1, line, raw, event.start_mark)

    def add(self, value: Any, size: int, line: int, raw: tuple[str, str] | None, mark: Any) -> None:
        if not self.stack:
            self.root.append(value)
            return
        top = self.stack[-1]
        top.size += size
        box = top.box
        if isinstance(box, Seq):
            if raw is not None:
                box.raw[len(box)] = raw
            box.append(value)
            box.item_lines.append(line)
            return
        if top.key is _KEY_PENDING:
            if isinstance(value, list | dict):
                raise self.yaml.constructor.ConstructorError(
                    "while constructing a mapping", top.mark, "found unhashable key", mark
                )
            top.key, top.key_line = value, line
            return
        key, key_line = top.key, top.key_line
        top.key = _KEY_PENDING
        if key is _MERGE_KEY:
            top.merges.append(value)
        elif key in box:
            self.problems.append(
                (
                    key_line,
                    f"duplicate key `{key}` (first at line {box.key_lines[key]}): YAML would "
                    "keep only the last one; merge the two or remove one",
                )
            )
        else:
            box[key] = value
            box.key_lines[key] = key_line
            if raw is not None:
                box.raw[key] = raw

    def merged(self, frame: _Frame) -> Node:
        """`<<: *base` (or a list of them), as PyYAML merges: the merged mappings' keys
        first (of those, the first listed wins), the mapping's own keys win over them."""
        own = frame.box
        assert isinstance(own, Node)
        out = Node(own.line)
        bases: list[Any] = []
        for m in frame.merges:
            bases.extend(m if isinstance(m, list) else [m])
        for base in reversed(bases):
            if not isinstance(base, Node):
                raise self.yaml.constructor.ConstructorError(
                    "while constructing a mapping",
                    frame.mark,
                    f"expected a mapping for merging, but found {type(base).__name__}",
                    frame.mark,
                )
            out.update(base)
            out.key_lines.update(base.key_lines)
            out.raw.update(base.raw)
        out.update(own)
        out.key_lines.update(own.key_lines)
        out.raw.update(own.raw)
        return out


_WHAT = {"timestamp": "a date", "int": "an integer", "float": "a number", "bool": "a boolean"}


_COLLECTIONS = frozenset({"seq", "map", "set", "omap", "pairs"})


def _shown(text: str) -> str:
    return text if len(text) <= 40 else f"{text[:37]}… ({len(text):,} characters)"


def _unreadable(text: str, tag: str, error: Exception) -> str:
    """The message for a scalar YAML takes for a type but cannot make a value of."""
    kind = tag.rsplit(":", 1)[-1]
    why = ""
    if isinstance(error, ValueError | OverflowError):  # these say what is wrong
        why = str(error)
        why = f" ({why.split(':')[0] if 'integer string conversion' in why else why})"
    shown = f"`{_shown(text)}`" if text else "an empty value"
    return (
        f"YAML reads {shown} as {_WHAT.get(kind, '!!' + kind)} but cannot make one of it"
        f"{why}: correct it, or quote it to keep it as text"
    )


def _collection_on_scalar(text: str, kind: str) -> str:
    shown = f"`{_shown(text)}`" if text else "an empty value"
    return (
        f"the tag `!!{kind}` is on {shown}, which is not a list or mapping: remove the tag, "
        "or quote the value to keep it as text"
    )


def what_yaml_did(raw: tuple[str, str] | None, value: Any) -> str | None:
    """What YAML 1.1 made of an unquoted scalar that a writer took for text (or a number)."""
    if raw is None:
        return None
    text, tag = raw
    kind = tag.rsplit(":", 1)[-1]
    shown = f"`{text}`" if text else "an empty value"
    if kind == "str":
        return (
            f"YAML 1.1 reads {shown} as text, not a number "
            "(its numbers need a dot and a signed exponent, as in 1.9e+10)"
        )
    if kind == "bool":
        return f"YAML 1.1 reads {shown} as the boolean {str(value).lower()}"
    if kind == "null":
        return f"YAML reads {shown} as null"
    if kind == "timestamp":
        return f"YAML reads {shown} as a date"
    if kind in ("int", "float"):
        if ":" in text:
            return f"YAML 1.1 reads {shown} as a base-60 number, {value}"
        if text.lstrip("+") in (str(value), repr(value)):
            return None  # a number as written: not a surprise
        return f"YAML reads {shown} as the number {value!r}"
    return f"YAML reads {shown} as {kind}"
