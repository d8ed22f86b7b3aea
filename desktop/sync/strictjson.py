"""JSON that refuses the traps: duplicate keys, NaN/Infinity, 1e400, deep nesting, huge strings."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from typing import Any

MAX_DEPTH = 8
MAX_STRING = 1_000_000
# JSON's \uXXXX escapes can spell half a UTF-16 pair, which no UTF-8 encoder (SQLite's
# included) accepts: such text would crash the write long after the checks passed.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Only such an escape can put one into parsed text (the UTF-8 decoding refuses them raw); a
# text without any skips the search through every string.
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


class StrictJSONError(ValueError):
    """Input that is not plain, well-formed JSON within the limits; message in Chinese."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise StrictJSONError(f"JSON 中有重复的键：{key[:40]}")
            seen.add(key)
    return out


def _constant(name: str) -> Any:
    raise StrictJSONError(f"JSON 中有非法数值：{name}")


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise StrictJSONError(f"JSON 中的数值超出范围：{text[:40]}")
    return value


def _check(value: Any, max_string: int, *, flat: bool = False) -> None:
    # A bundle's row, the common case: one flat object (its text has a single bracket, so no
    # value is a container), no longer than the longest text allowed.
    if flat and isinstance(value, dict) and value:
        if max(map(len, value)) > 200:
            raise StrictJSONError("JSON 中的键过长")
        return
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if len(item) > max_string:
                raise StrictJSONError("JSON 中的文本过长")
        elif isinstance(item, dict | list):
            if depth > MAX_DEPTH:
                raise StrictJSONError("JSON 嵌套过深")
            children = item.items() if isinstance(item, dict) else enumerate(item)
            for key, child in children:
                if isinstance(key, str) and len(key) > 200:
                    raise StrictJSONError("JSON 中的键过长")
                stack.append((child, depth + 1))


def _check_surrogates(value: Any) -> None:
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                raise StrictJSONError("JSON 中的文本不是有效的 Unicode（含不成对的代理字符）")
        elif isinstance(item, dict):
            for key, child in item.items():
                if _SURROGATE.search(key):
                    raise StrictJSONError("JSON 中的键不是有效的 Unicode（含不成对的代理字符）")
                stack.append(child)
        elif isinstance(item, list):
            stack.extend(item)


# What json.loads builds afresh on every call given these hooks (a bundle parses a line at a
# time); a BOM is refused before it is used.
_DECODER = json.JSONDecoder(object_pairs_hook=_pairs, parse_constant=_constant, parse_float=_float)


def loads(data: bytes, *, max_string: int = MAX_STRING) -> Any:
    """Parse UTF-8 bytes (no BOM) strictly, or raise StrictJSONError."""
    if data.startswith(b"\xef\xbb\xbf"):
        raise StrictJSONError("JSON 文本带有 BOM")
    try:
        text = data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        raise StrictJSONError("JSON 文本不是有效的 UTF-8") from exc
    # A cheap upper bound before parsing: the parser recurses once per bracket.
    brackets = text.count("[") + text.count("{")
    if brackets > 100_000 and _nesting(text) > MAX_DEPTH:
        raise StrictJSONError("JSON 嵌套过深")
    try:
        value = _DECODER.decode(text)
    except RecursionError as exc:
        raise StrictJSONError("JSON 嵌套过深") from exc
    except json.JSONDecodeError as exc:
        raise StrictJSONError(f"JSON 格式错误（第 {exc.lineno} 行）") from exc
    except StrictJSONError:
        raise
    except ValueError as exc:
        # An integer of more digits than int() converts (sys.get_int_max_str_digits()).
        raise StrictJSONError("JSON 中的数值超出范围") from exc
    if _ESCAPED_SURROGATE.search(text):  # else no text can hold one (strict UTF-8 above)
        _check_surrogates(value)
    flat = len(text) <= max_string and brackets == 1
    _check(value, max_string, flat=flat)
    return value


def loads_lines(lines: Sequence[bytes], *, max_string: int = MAX_STRING) -> list[Any]:
    """`loads` of each line. Lines of one flat object each, a bundle's rows, are parsed in one
    go; any other, line by line, so that a refusal is the one `loads` gives."""
    values = _flat_objects(lines, max_string)
    if values is None:
        values = [loads(line, max_string=max_string) for line in lines]
    return values


def _flat_objects(lines: Sequence[bytes], max_string: int) -> list[Any] | None:
    """The lines parsed as one JSON array, or None where that could answer otherwise than
    `loads` line by line. Each line opening with the only bracket it has, and as many
    objects coming out as lines went in, each line holds exactly its own object: no object
    runs on past its line, none starts in another's string (a text holding a bracket takes
    the long way)."""
    for line in lines:
        if line[:1] != b"{" or line.count(b"{") != 1 or b"[" in line or len(line) > max_string:
            return None
    try:
        text = b"".join((b"[", b",".join(lines), b"]")).decode("utf-8", errors="strict")
    except UnicodeDecodeError:
        return None
    if _ESCAPED_SURROGATE.search(text):
        return None
    try:
        values = _DECODER.decode(text)
    except (ValueError, RecursionError):  # a refusal, or bad JSON: worded line by line
        return None
    if not isinstance(values, list) or len(values) != len(lines):
        return None
    for value in values:
        if not isinstance(value, dict) or (value and max(map(len, value)) > 200):
            return None
    return values


def _nesting(text: str) -> int:
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                return deepest
        elif char in "]}":
            depth -= 1
    return deepest


def dumps(value: Any) -> bytes:
    """Canonical JSON: sorted keys, no spaces, UTF-8."""
    return json.dumps(
        value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")
