"""One document of each kind, rasterised and compared with an approved image (issue 17).

Each kind the app prints (notice, sign-in sheet, minutes in the record and 纪要 layouts,
feedback notice, ledger, 督办单, 履职档案, statistics report, enrolment sheet) is made from
demo data of a fixed seed, on a fixed clock, in the shipped fonts, and its first page (and
the last or another page where the layout ends or changes there) is drawn by
`pdftoppm -r 50 -gray`. The image must have the approved one's size, and at most
MAX_CHANGED_SHARE of its pixels may differ by more than LEVELS grey levels: small enough that
a line moved by a pixel fails, loose enough for another poppler's anti-aliasing. On failure
the actual image and a diff (changed pixels in red) are saved under the test's tmp dir.

After an intended layout change, approve the new images and look at each before committing:

    YISHI_APPROVE_IMAGES=1 .venv/bin/python -m pytest -n0 tests/documents/test_approved_images.py

which rewrites tests/documents/approved/*.png (the tests pass, having nothing to compare).
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pytest
import time_machine
from PIL import Image, ImageChops  # Pillow comes with reportlab
from pypdf import PdfReader
from sqlalchemy import func, select

from desktop.db import Database, open_database
from desktop.demo import generate
from desktop.documents.commands import make_document
from desktop.documents.enrolment_sheet import EnrolmentSheet, render_enrolment_sheet
from desktop.documents.minutes import Layout
from desktop.documents.stats_report import render_stats_report
from desktop.formatting import key_fingerprint
from desktop.models import Member, Outcome
from desktop.paths import Home
from desktop.setup import setup_district, setup_room
from desktop.stats import Period, compute_stats

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")

APPROVED = Path(__file__).parent / "approved"
APPROVE_ENV = "YISHI_APPROVE_IMAGES"
# 9:30 on a Sunday late in the year: the demo has a year of meetings behind it, some ahead.
NOW = datetime(2026, 11, 29, 9, 30)
TODAY = NOW.date()
DPI = 50
# A pixel has changed when its grey moved by more than a quarter of the scale: anti-aliasing
# of another poppler or FreeType moves edges by a few levels, a glyph or rule moved is black
# on white.
LEVELS = 64
MAX_CHANGED_SHARE = 0.005
LAST = -1


@dataclass
class World:
    """A room and a district filled with demo data, and the documents printed so far."""

    room: Database
    district: Database
    unit: str  # the responsible unit with most outcomes: its 督办单 runs onto a second page
    member_id: str
    folder: Path
    printed: dict[str, Path] = field(default_factory=dict)

    def pdf(self, kind: str) -> Path:
        """The PDF of `kind`, printed once per module."""
        if kind not in self.printed:
            self.printed[kind] = PRINTERS[kind](self, self.folder / f"{kind}.pdf")
        return self.printed[kind]


def _installation(root: Path) -> Database:
    home = Home(root)
    home.create_dirs()
    return open_database(home)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """Made on NOW, with every id drawn from a seeded stream, so that even an order by id
    (or a node id printed some day) is the same on every run."""
    root = tmp_path_factory.mktemp("approved-images")
    ids = random.Random(17)
    with pytest.MonkeyPatch.context() as patch, time_machine.travel(NOW.astimezone(), tick=False):
        patch.setattr(uuid, "uuid4", lambda: uuid.UUID(int=ids.getrandbits(128), version=4))
        room = _installation(root / "room")
        setup_room(room, name="和平桥社区协商议事室", village="和平桥社区", township="和平桥街道")
        generate(room, seed=3, rooms=1, years=1, today=TODAY)
        district = _installation(root / "district")
        setup_district(district, name="崇川区政协")
        generate(district, seed=3, rooms=2, years=1, today=TODAY)
    with district.session() as session:
        unit = session.execute(
            select(Outcome.responsible_unit)
            .where(Outcome.responsible_unit != "")
            .group_by(Outcome.responsible_unit)
            .order_by(func.count().desc(), Outcome.responsible_unit)
            .limit(1)
        ).scalar_one()
        member_id = session.scalars(select(Member.id).order_by(Member.name, Member.id)).first()
    assert member_id is not None
    yield World(room, district, unit, member_id, root)
    room.close()
    district.close()


@pytest.fixture(autouse=True)
def _fixed_clock_and_fonts(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Whatever day the suite runs on (YISHI_TEST_TODAY too), documents are printed on NOW,
    in the shipped fonts even on Windows (conftest already leaves fontconfig out)."""
    monkeypatch.setattr("desktop.documents.fonts.WINDOWS_FONTS_DIR", None)
    with time_machine.travel(NOW.astimezone(), tick=False):
        yield


def _room_document(kind: str, layout: Layout = "record") -> Callable[[World, Path], Path]:
    def printer(world: World, path: Path) -> Path:
        return make_document(world.room, kind=kind, path=path, layout=layout, today=TODAY)

    return printer


def _supervision(world: World, path: Path) -> Path:
    return make_document(
        world.district, kind="supervision", target=world.unit, path=path, today=TODAY
    )


def _duty(world: World, path: Path) -> Path:
    return make_document(
        world.district,
        kind="duty",
        target=world.member_id,
        year=TODAY.year,
        path=path,
        today=TODAY,
    )


def _stats(world: World, path: Path) -> Path:
    stats = compute_stats(world.district, period=Period.of_year(TODAY.year), today=TODAY)
    return render_stats_report(db=world.district, stats=stats, path=path, today=TODAY)


def _enrolment(world: World, path: Path) -> Path:
    sheet = EnrolmentSheet(
        district="崇川区政协",
        township="和平桥街道",
        village="和平桥社区",
        room="和平桥社区协商议事室",
        code="R0001",
        file_name="和平桥社区协商议事室.yishi-enrol",
        district_fingerprint=key_fingerprint("signing key", "age recipient"),
        passphrase="4821-0937-5512-0066-7310-2295",
        day=TODAY,
    )
    return render_enrolment_sheet(db=world.district, sheet=sheet, path=path)


PRINTERS: dict[str, Callable[[World, Path], Path]] = {
    "notice": _room_document("notice"),
    "signin": _room_document("signin"),
    "minutes": _room_document("minutes"),
    "jiyao": _room_document("minutes", layout="jiyao"),
    "feedback": _room_document("feedback"),
    "ledger": _room_document("ledger"),
    "supervision": _supervision,
    "duty": _duty,
    "stats": _stats,
    "enrolment": _enrolment,
}
# (kind, page): the last page where the document ends in signatures, a 落款 or totals; the
# statistics' second page for its charts.
PAGES = [
    *((kind, 1) for kind in PRINTERS),
    *((kind, LAST) for kind in ("signin", "minutes", "jiyao", "ledger", "supervision", "duty")),
    ("stats", 2),
    ("stats", LAST),
]


def image_name(kind: str, page: int) -> str:
    if page == 1:
        return f"{kind}.png"
    return f"{kind}-last.png" if page == LAST else f"{kind}-p{page}.png"


def rasterise(pdf: Path, page: int, folder: Path) -> Image.Image:
    """Page `page` (1-based, LAST for the last) of `pdf` as poppler draws it in grey."""
    number = len(PdfReader(pdf).pages) if page == LAST else page
    prefix = folder / f"{pdf.stem}-{number}"
    pages = ["-f", str(number), "-l", str(number)]
    command = ["pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile", *pages]
    subprocess.run([*command, str(pdf), str(prefix)], check=True, capture_output=True)
    with Image.open(prefix.with_suffix(".png")) as drawn:
        return drawn.convert("L")  # some poppler versions write grey as RGB


def changed_mask(actual: Image.Image, approved: Image.Image) -> Image.Image:
    """255 where the two images differ by more than LEVELS, else 0 (same size, mode L)."""
    return ImageChops.difference(actual, approved).point(lambda v: 255 if v > LEVELS else 0)


def changed_share(mask: Image.Image) -> float:
    return mask.histogram()[255] / (mask.width * mask.height)


def diff_image(approved: Image.Image, mask: Image.Image) -> Image.Image:
    """The approved page faded, with the changed pixels in red."""
    faded = approved.point(lambda v: 160 + v * 95 // 255)
    others = ImageChops.subtract(faded, mask)
    return Image.merge("RGB", (faded, others, others))


def save_png(image: Image.Image, path: Path) -> None:
    image.save(path, optimize=True)


@pytest.mark.parametrize(("kind", "page"), PAGES, ids=[image_name(*p)[:-4] for p in PAGES])
def test_the_printed_page_looks_as_approved(
    world: World, kind: str, page: int, tmp_path: Path
) -> None:
    actual = rasterise(world.pdf(kind), page, tmp_path)
    approved_path = APPROVED / image_name(kind, page)
    if os.environ.get(APPROVE_ENV) == "1":
        APPROVED.mkdir(exist_ok=True)
        save_png(actual, approved_path)
        return
    actual_path = tmp_path / f"actual-{approved_path.name}"
    save_png(actual, actual_path)
    assert approved_path.is_file(), (
        f"no approved image {approved_path}; this page is at {actual_path}: look at it, "
        f"then approve it with {APPROVE_ENV}=1"
    )
    with Image.open(approved_path) as stored:
        approved = stored.convert("L")
    assert actual.size == approved.size, (
        f"{approved_path.name}: {actual.size} px, approved {approved.size}; actual at {actual_path}"
    )
    mask = changed_mask(actual, approved)
    share = changed_share(mask)
    if share > MAX_CHANGED_SHARE:
        diff_path = tmp_path / f"diff-{approved_path.name}"
        save_png(diff_image(approved, mask), diff_path)
        pytest.fail(
            f"{approved_path.name}: {share:.2%} of the pixels changed (at most "
            f"{MAX_CHANGED_SHARE:.2%}); actual {actual_path}, diff {diff_path}. If the change "
            f"is meant, approve it with {APPROVE_ENV}=1 (see this module's docstring)",
            pytrace=False,
        )


def test_a_page_moved_by_one_pixel_is_refused() -> None:
    """The tolerance lets anti-aliasing through, not a layout change: the approved notice
    moved down by one pixel (0.5 mm at 50 dpi) fails."""
    with Image.open(APPROVED / image_name("notice", 1)) as stored:
        approved = stored.convert("L")
    moved = Image.new("L", approved.size, 255)
    moved.paste(approved.crop((0, 0, approved.width, approved.height - 1)), (0, 1))
    assert changed_share(changed_mask(moved, approved)) > MAX_CHANGED_SHARE
    # …while anti-aliasing noise of a few levels on every pixel passes.
    noisy = approved.point(lambda v: max(0, v - 12))
    assert changed_share(changed_mask(noisy, approved)) == 0
