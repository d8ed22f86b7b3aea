"""The enrolment sheet (议事室登记单): what the district hands or reads to a room it enrols.

Room, district, the enrolment file's name, both fingerprints' places and the passphrase, on
one A4 page in the GB/T 9704 layout. The sheet holds the passphrase: it is kept apart from
the USB stick that carries the file, as the sheet itself says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop.db import Database
from desktop.documents.output import writer_for
from desktop.formatting import format_date


@dataclass(frozen=True)
class EnrolmentSheet:
    """What the sheet prints."""

    district: str
    township: str
    village: str
    room: str
    code: str
    file_name: str
    district_fingerprint: str
    passphrase: str
    day: date
    reenrolment: bool = False


def render_enrolment_sheet(*, db: Database, sheet: EnrolmentSheet, path: Path) -> Path:
    """Write the sheet at `path` (.pdf or .docx, atomically)."""
    title = "议事室重新登记单" if sheet.reenrolment else "议事室登记单"
    with db.session() as session:
        document = writer_for(path, title=title, session=session)
    document.title(title)
    for label, value in (
        ("区政协：", sheet.district),
        ("镇（街道）：", sheet.township),
        ("村（社区）：", sheet.village),
        ("议事室：", f"{sheet.room}（代码 {sheet.code}）"),
        ("登记文件：", sheet.file_name),
        ("区政协密钥指纹：", sheet.district_fingerprint),
        ("登记口令：", sheet.passphrase),
    ):
        document.labelled(label, value, record=label.rstrip("："))
    document.space()
    steps = [
        "议事室在“同步”页（或首次启动时）选择上述登记文件，输入登记口令，即完成登记。",
        "登记后请电话核对区政协密钥指纹，与本单一致方可使用。",
        "本单与存放登记文件的U盘须分开保管、分开传递；口令切勿写在U盘上。",
    ]
    if sheet.reenrolment:
        steps.append("原电脑的密钥已作废，其数据包不再接收；原有记录在区政协保留。")
    for number, step in enumerate(steps, start=1):
        document.paragraph(f"{number}. {step}", record="说明")
    document.sign_off(sheet.district, format_date(sheet.day), record="落款")
    return document.save(path)
