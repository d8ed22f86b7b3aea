"""Chinese line breaking: closing marks never begin a line, opening marks never end one."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.documents.fonts import load_fonts
from desktop.documents.layout import make_styles
from desktop.documents.paragraph import CANNOT_END, CANNOT_START, CJKParagraph, unbreakable

STYLES = make_styles(load_fonts())
ALPHABET = "协商议事居民路灯排水社区同意落实" + "。，、；：？！）》”』" + "（《“" + "0123456789年"
DIGITS = "0123456789"


def _lines(text: str, width: float) -> list[str]:
    paragraph = CJKParagraph(text, STYLES.body)
    paragraph.wrap(width, 10_000)
    return [line.text for line in paragraph.lines]


def _legal(text: str, index: int) -> bool:
    """Whether a line may end before text[index]."""
    in_number = text[index - 1] in DIGITS and text[index] in DIGITS + "年"
    return text[index] not in CANNOT_START and text[index - 1] not in CANNOT_END and not in_number


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet=ALPHABET, min_size=1, max_size=300),
    width=st.floats(min_value=80, max_value=442),
)
def test_rules_hold_for_any_text_and_width(text: str, width: float) -> None:
    lines = _lines(text, width)
    assert "".join(lines) == text  # nothing lost or duplicated
    for index in range(len(lines) - 1):
        line, following = lines[index], lines[index + 1]
        # However many closing marks come in a row (““““”””” at 80 pt), none starts a line:
        # they hang in the margin (标点悬挂) when the line has no legal break.
        assert following[0] not in CANNOT_START, (line, following)
        joined = line + following
        if _legal(joined, len(line)):
            continue
        # A number is split, or an opening mark ends a line, only when the line offers
        # no legal break anywhere.
        assert not any(_legal(joined, k) for k in range(1, len(line)))


def test_a_run_of_closing_marks_hangs_whole() -> None:
    assert _lines("““““””””", 80) == ["““““””””"]
    assert _lines("议议议议”””』议议", 80) == ["议议议", "议”””』", "议议"]


def test_lines_break_before_the_word_not_before_the_mark() -> None:
    rng = random.Random(4)
    text = "".join(rng.choice("议事协商") for _ in range(27)) + "。”下一句"
    lines = _lines(text, 156 * 72 / 25.4)  # 28 characters fit on the body's grid
    assert lines[1][0] not in CANNOT_START
    assert "".join(lines) == text


def test_a_paragraph_split_across_pages_keeps_its_line_breaks_and_names() -> None:
    width = 156 * 72 / 25.4
    names = "、".join(unbreakable(name) for name in ["欧阳建国", "沈峰文", "王秀英"] * 12)
    paragraph = CJKParagraph(names, STYLES.body)
    paragraph.wrap(width, 10_000)
    whole = [line.text for line in paragraph.lines]
    first, rest = paragraph.split(width, STYLES.body.leading * 3.5)
    rest.wrap(width, 10_000)
    # The rest continues exactly where the first part stopped: no space added at the old
    # line ends, and no name broken because the joiners were lost.
    assert [line.text for line in first.lines] == whole[:3]
    assert [line.text for line in rest.lines] == whole[3:]
    for line in whole[1:]:
        assert line.split("、")[0] in {"欧阳建国", "沈峰文", "王秀英", ""}


def test_no_line_is_left_alone_at_the_foot_or_the_head_of_a_page() -> None:
    width = 156 * 72 / 25.4
    paragraph = CJKParagraph("议事协商" * 25, STYLES.body)  # four lines
    paragraph.wrap(width, 10_000)
    assert len(paragraph.lines) == 4
    leading = STYLES.body.leading
    assert paragraph.split(width, leading * 1.5) == []  # one line would be an orphan
    first, rest = paragraph.split(width, leading * 3.5)  # the fourth would be a widow
    assert len(first.lines) == 2
    assert rest.wrap(width, 10_000)[1] == 2 * leading
