"""A township pack: the district writes one file for a township's rooms, each room imports its
own bundle from it; the pack's index is never trusted, and a hostile pack changes nothing."""

from __future__ import annotations

import io
import json
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import ColumnElement, and_, func, select

from desktop import clock
from desktop.db import Database
from desktop.models import Member, Room, SyncBundle, SyncPeer, Township
from desktop.models.enums import Gender, MemberLevel, RoomKind
from desktop.sync import SyncError
from desktop.sync.bundle import Limits, seal
from desktop.sync.enrolment import enroll_room, setup_room_from_enrolment
from desktop.sync.export import build_contents, export_bundle
from desktop.sync.identity import require_installation, short_code
from desktop.sync.keys import load_keys, recipient
from desktop.sync.pack import (
    FOR_ROOMS,
    NotForThisRoom,
    export_pack,
    folder_packs,
    import_file,
    import_pack,
    township_choices,
)
from desktop.sync.pack_format import PACK_INDEX, PACK_SUFFIX, pack_member_name, read_index
from desktop.sync.refusals import read_refusals
from desktop.sync.rooms import retire_room
from desktop.sync.status import BUNDLE_NAME
from tests.sync.conftest import OpenHome
from tests.sync.dishonest import snapshot
from tests.sync.helpers import add_topic, send

TOWN = "和平桥街道"
OTHER_TOWN = "城东街道"


@dataclass
class Towns:
    """The district, rooms A and B of 和平桥街道 and C of 城东街道, each heard from once."""

    district: Database
    a: Database
    b: Database
    c: Database
    usb: Path


@pytest.fixture
def township(district: Database, open_home: OpenHome, tmp_path: Path) -> Towns:
    usb = tmp_path / "usb"
    usb.mkdir()
    rooms = {}
    for name, town in (("和平桥社区", TOWN), ("桥北社区", TOWN), ("城东社区", OTHER_TOWN)):
        path = tmp_path / f"{name}.enrol"
        enrolment = enroll_room(
            district, room_name=f"{name}协商议事室", village=name, township=town, output=path
        )
        room = open_home(name)
        setup_room_from_enrolment(room, path, enrolment.passphrase)
        add_topic(room, f"{name}的路灯")
        send(room, district, tmp_path / "to-district")
        rooms[name] = room
    # Added to the roster after the rooms enrolled: the pack is how they hear of her.
    with district.session() as session:
        session.add(
            Member(
                name="李秀英",
                gender=Gender.FEMALE,
                sector="社会福利和社会保障界",
                level=MemberLevel.DISTRICT,
                phone="13800000002",
            )
        )
    return Towns(district, rooms["和平桥社区"], rooms["桥北社区"], rooms["城东社区"], usb)


def _members(db: Database) -> list[str]:
    """The members the district added after enrolment."""
    with db.session() as session:
        return sorted(session.scalars(select(Member.name).where(Member.name != "王建国")))


def _bundles_out() -> ColumnElement[bool]:
    """Bundles sent (the enrolment files are on record as sent too)."""
    return and_(SyncBundle.direction == "out", SyncBundle.file_name.like("%.yishi"))


def _out_bundles(db: Database) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).where(_bundles_out())) or 0)


def _node(db: Database) -> str:
    installation = db.installation()
    assert installation is not None
    return installation.node_id


def test_a_pack_reaches_every_room_of_the_township(
    township: Towns, open_home: OpenHome, tmp_path: Path
) -> None:
    district, a, b, c, usb = township.district, township.a, township.b, township.c, township.usb
    # Rooms the pack must leave out, each named with its reason; the office host is no room.
    path = tmp_path / "silent.enrol"
    enroll_room(
        district, room_name="桥南社区协商议事室", village="桥南社区", township=TOWN, output=path
    )
    retired = tmp_path / "retired.enrol"
    gone = enroll_room(
        district, room_name="老街社区协商议事室", village="老街社区", township=TOWN, output=retired
    )
    retire_room(district, room_id=gone.room_id)
    with district.session() as session:
        town = session.scalars(select(Township).where(Township.name == TOWN)).one()
        session.add(
            Room(township_id=town.id, name="新村议事室", village="新村", kind=RoomKind.VILLAGE)
        )
        session.add(
            Room(
                township_id=town.id,
                name="和平桥街道办",
                village="和平桥街道",
                kind=RoomKind.TOWNSHIP_OFFICE,
            )
        )

    # Counted for the whole district at once, the same as the pack finds room by room.
    choices = {c.name: (c.ready, c.rooms) for c in township_choices(district)}
    assert choices == {TOWN: (2, 5), OTHER_TOWN: (1, 1)}

    result = export_pack(district, to_dir=usb, township=TOWN)

    assert result.path == usb / f"{TOWN}_下发_{clock.today():%Y%m%d}{PACK_SUFFIX}"
    assert list(usb.iterdir()) == [result.path]
    assert [(r.code, r.name) for r in result.rooms] == [
        ("R0001", "和平桥社区协商议事室"),
        ("R0002", "桥北社区协商议事室"),
    ]
    assert sorted(s.message for s in result.skipped) == [
        "R0004 桥南社区协商议事室：还没有发来第一个数据包，暂时不能发给它",
        "R0005 老街社区协商议事室：已停用",
        "新村议事室：尚未登记",
    ]
    with zipfile.ZipFile(result.path) as archive:
        assert {i.compress_type for i in archive.infolist()} == {zipfile.ZIP_STORED}
        index = json.loads(archive.read(PACK_INDEX))
    assert index["township"]["name"] == TOWN
    assert [e["node_id"] for e in index["entries"]] == [_node(a), _node(b)]
    # The same bookkeeping as bundles sent one by one: numbered and on record per room.
    with district.session() as session:
        sent = session.execute(
            select(SyncBundle.bundle_id, SyncBundle.sequence).where(_bundles_out())
        ).all()
        code = short_code(session, require_installation(session))
        # Inside the pack each bundle keeps the name older rooms look for (bundle id, no date).
        assert sorted(e["file"] for e in index["entries"]) == sorted(
            pack_member_name(code, row.sequence, row.bundle_id) for row in sent
        )
        assert all(BUNDLE_NAME.fullmatch(e["file"]) for e in index["entries"])
        peers = session.scalars(select(SyncPeer).where(SyncPeer.code.in_(["R0001", "R0002"])))
        assert {p.sequence_out for p in peers} == {1}

    # Each room takes its own bundle: the roster arrives.
    assert _members(a) == [] and _members(b) == []
    first = import_pack(a, result.path)
    assert first.path == result.path and first.tables["member"].added == 1
    assert import_file(b, result.path).tables["member"].added == 1
    assert _members(a) == ["李秀英"] and _members(b) == ["李秀英"]
    assert import_pack(a, result.path).already_imported
    assert [f.imported for f in folder_packs(a, usb)] == [True]

    # A room of another township: nothing for it, said plainly, and not logged as a refusal.
    before = snapshot(c)
    with pytest.raises(NotForThisRoom, match="此文件中没有发给本议事室的数据包"):
        import_file(c, result.path)
    assert snapshot(c) == before and read_refusals(c.home) == []
    listed = folder_packs(c, usb)
    assert [(f.for_us, f.township) for f in listed] == [(False, TOWN)]

    # The district keeps its packs to itself: never listed there, and explained if imported.
    assert folder_packs(district, usb) == []
    with pytest.raises(SyncError, match="只能在议事室导入"):
        import_file(district, result.path)
    assert FOR_ROOMS not in [r.reason for r in read_refusals(district.home)]

    # Acknowledged as usual: the next pack carries only the changes since.
    send(a, district, tmp_path / "to-district")
    again = export_pack(district, to_dir=usb, township=TOWN)
    by_code = {r.code: r.bundle for r in again.rooms}
    assert not by_code["R0001"].full and "member" not in by_code["R0001"].counts
    assert by_code["R0002"].sequence == 2
    assert import_pack(a, again.path).tables.get("member") is None


def test_township_by_id_and_the_choices(township: Towns) -> None:
    district = township.district
    choices = {c.name: c for c in township_choices(district)}
    assert (choices[TOWN].ready, choices[TOWN].rooms) == (2, 2)
    assert choices[OTHER_TOWN].ready == 1
    result = export_pack(district, to_dir=township.usb, township=choices[OTHER_TOWN].township_id)
    assert [r.code for r in result.rooms] == ["R0003"]
    assert result.path.name.startswith(f"{OTHER_TOWN}_下发_")


def test_refused_before_anything_is_written(township: Towns, tmp_path: Path) -> None:
    district, usb = township.district, township.usb
    with pytest.raises(
        SyncError, match=f"找不到镇（街道）：不存在街道（已有：{TOWN}、{OTHER_TOWN}）"
    ):
        export_pack(district, to_dir=usb, township="不存在街道")
    with pytest.raises(SyncError, match="目标文件夹不存在"):
        export_pack(district, to_dir=usb / "missing", township=TOWN)
    with pytest.raises(SyncError, match="只有区政协"):
        export_pack(township.a, to_dir=usb, township=TOWN)
    retire_room(district, room_id=_room_id(township.c))
    with pytest.raises(SyncError, match=f"{OTHER_TOWN}没有可以下发的议事室.*已停用"):
        export_pack(district, to_dir=usb, township=OTHER_TOWN)
    assert list(usb.iterdir()) == [] and _out_bundles(district) == 0


def test_a_pack_that_fails_to_write_leaves_no_bundle_on_record(
    township: Towns, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.sync import pack

    def refuse(path: Path, *_args: object) -> None:
        raise SyncError(f"写入后读回的内容不一致，U 盘可能有问题：{path}")

    monkeypatch.setattr(pack, "_write_pack", refuse)
    with pytest.raises(SyncError, match="读回"):
        export_pack(township.district, to_dir=township.usb, township=TOWN)
    assert _out_bundles(township.district) == 0
    assert list(township.usb.iterdir()) == []
    assert not list(township.district.home.root.glob("yishi-pack-*"))


def test_a_per_room_export_is_unchanged(township: Towns) -> None:
    exported = export_bundle(township.district, to_dir=township.usb, room="R0002")
    assert exported.path.parent == township.usb and exported.sequence == 1
    assert import_file(township.b, exported.path).tables["member"].added == 1


# --- dishonest packs --------------------------------------------------------------------------


def _room_id(db: Database) -> str:
    installation = db.installation()
    assert installation is not None and installation.room_id is not None
    return installation.room_id


def _pack(
    path: Path,
    members: dict[str, bytes],
    *,
    index: dict[str, object] | bytes | None = None,
    compress: int = zipfile.ZIP_STORED,
) -> Path:
    """A pack written by hand: `index` (built from the members when None), then the members."""
    if index is None:
        index = _index([(name, "00000000-0000-4000-8000-000000000000") for name in members])
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate names some tests want
        with zipfile.ZipFile(buffer, "w", compression=compress) as archive:
            data = index if isinstance(index, bytes) else json.dumps(index).encode()
            archive.writestr(PACK_INDEX, data)
            for name, content in members.items():
                archive.writestr(name, content)
    path.write_bytes(buffer.getvalue())
    return path


def _index(files: list[tuple[str, str]]) -> dict[str, object]:
    return {
        "format": "yishi-pack",
        "format_version": 1,
        "township": {"id": "11111111-1111-4111-8111-111111111111", "name": TOWN},
        "created_at": "2026-12-05T08:00:00+00:00",
        "entries": [
            {
                "room_id": "22222222-2222-4222-8222-222222222222",
                "node_id": node,
                "room": "和平桥社区协商议事室",
                "file": name,
            }
            for name, node in files
        ],
    }


@pytest.fixture
def honest(township: Towns) -> dict[str, bytes]:
    """The members of an honest pack by file name: A's bundle, then B's."""
    result = export_pack(township.district, to_dir=township.usb, township=TOWN)
    with zipfile.ZipFile(result.path) as archive:
        entries = json.loads(archive.read(PACK_INDEX))["entries"]
        assert [e["node_id"] for e in entries] == [_node(township.a), _node(township.b)]
        members = {e["file"]: archive.read(e["file"]) for e in entries}
    result.path.unlink()
    return members


def test_a_pack_naming_its_bundles_by_room_and_day_is_read_too(
    township: Towns, honest: dict[str, bytes]
) -> None:
    """Packs written by the version that named pack members like bundles on their own (room,
    day, sender, recipient, number) are still on sticks: listed, imported, then seen as done."""
    a, b = township.a, township.b
    (a_name, a_bundle), (_b_name, b_bundle) = honest.items()
    code, sequence, _id = a_name.removesuffix(".yishi").split("_")
    day = f"{clock.today():%Y-%m-%d}"
    dated_a = f"和平桥社区协商议事室_{day}_{code}_R0001_{sequence}.yishi"
    dated_b = f"桥北社区协商议事室_{day}_{code}_R0002_{sequence}.yishi"
    path = _pack(
        township.usb / f"{TOWN}_下发_20261205{PACK_SUFFIX}",
        {dated_a: a_bundle, dated_b: b_bundle},
        index=_index([(dated_a, _node(a)), (dated_b, _node(b))]),
    )
    listed = folder_packs(a, township.usb)
    assert [(f.code, f.sequence, f.bundle_id, f.for_us, f.imported) for f in listed] == [
        (code, int(sequence), "", True, False)
    ]
    assert import_file(a, path).tables["member"].added == 1
    assert _members(a) == ["李秀英"]
    assert [f.imported for f in folder_packs(a, township.usb)] == [True]
    assert import_file(b, path).tables["member"].added == 1


def _refused(township: Towns, path: Path, match: str, **options: object) -> None:
    """A refuses the pack by reason, changes nothing, and logs the pack's name."""
    a = township.a
    before = snapshot(a)
    with pytest.raises(SyncError, match=match) as refused:
        import_file(a, path, **options)  # type: ignore[arg-type]
    assert not isinstance(refused.value, NotForThisRoom)
    assert snapshot(a) == before and _members(a) == []
    assert not list(a.home.root.glob("yishi-pack-*"))
    logged = read_refusals(a.home)
    assert logged and logged[0].reason == str(refused.value)


def _names(honest: dict[str, bytes]) -> tuple[str, str]:
    a_name, b_name = honest
    return a_name, b_name


def test_an_index_naming_a_but_holding_bs_bundle_is_refused(
    township: Towns, honest: dict[str, bytes], tmp_path: Path
) -> None:
    a_name, b_name = _names(honest)
    assert a_name != b_name
    path = _pack(
        tmp_path / "swapped.yishipack",
        {b_name: honest[b_name]},
        index=_index([(b_name, _node(township.a))]),
    )
    _refused(township, path, "不是发给本单位的|不是发给本机的")
    # B's bundle renamed as A's: the name is no more trusted than the index.
    renamed = _pack(
        tmp_path / "renamed.yishipack",
        {a_name: honest[b_name]},
        index=_index([(a_name, _node(township.a))]),
    )
    _refused(township, renamed, "不是发给本单位的|不是发给本机的")


def test_a_bundle_forged_by_a_room_inside_a_pack_is_refused(
    township: Towns, honest: dict[str, bytes], tmp_path: Path
) -> None:
    """Room B holds real keys: it writes the district's bundle for A and signs it itself."""
    district, a, b = township.district, township.a, township.b
    with district.session() as session:
        installation = require_installation(session)
        peer = session.get(SyncPeer, _node(a))
        assert peer is not None
        contents = build_contents(
            session,
            district.home,
            installation=installation,
            peer=peer,
            keys=load_keys(district.home),
            sequence=9,
            full=True,
        )
    forger = load_keys(b.home)
    contents.manifest["origin"]["signing_key"] = forger.signing_public
    a_recipient = recipient(load_keys(a.home).recipient)
    sealed, _ = seal(contents, sign=forger.sign, recipients=[a_recipient])
    a_name, _b = _names(honest)
    path = _pack(
        tmp_path / "forged.yishipack", {a_name: sealed}, index=_index([(a_name, _node(a))])
    )
    _refused(township, path, "签名密钥与登记的不一致")


@pytest.mark.parametrize(
    ("case", "says"),
    [
        ("traversal", "不允许的文件名（含路径）"),
        ("backslash", "不允许的文件名（含路径）"),
        ("absolute", "不允许的文件名（含路径）"),
        ("other-name", "不允许的文件名"),
        ("compressed", "压缩过的文件"),
        ("duplicate", "重复的文件"),
        ("no-index", "缺少目录"),
        ("bad-json", "目录格式错误"),
        ("not-a-pack-index", "这不是议事的街道数据包"),
        ("newer", "更新版本"),
        ("unlisted-member", "目录未列出的文件"),
        ("listed-but-missing", "目录与内容不符"),
        ("bad-node-id", "目录字段格式错误：node_id"),
    ],
)
def test_a_hostile_pack_is_refused_before_any_member_is_read(
    township: Towns, honest: dict[str, bytes], tmp_path: Path, case: str, says: str
) -> None:
    a_name, b_name = _names(honest)
    mine = honest[a_name]
    node = _node(township.a)
    path = tmp_path / f"{case}.yishipack"
    good = _index([(a_name, node)])
    if case in ("traversal", "backslash", "absolute"):
        evil = {
            "traversal": "../" + a_name,
            "backslash": "..\\" + a_name,
            "absolute": str(tmp_path / "evil.yishi"),
        }
        _pack(path, {evil[case]: mine}, index=_index([(evil[case], node)]))
    elif case == "other-name":
        _pack(path, {"setup.exe": mine}, index=_index([("setup.exe", node)]))
    elif case == "compressed":
        _pack(path, {a_name: mine}, index=good, compress=zipfile.ZIP_DEFLATED)
    elif case == "duplicate":
        buffer = tmp_path / "dup.zip"
        _pack(buffer, {a_name: mine}, index=good)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with zipfile.ZipFile(buffer, "a") as archive:
                archive.writestr(a_name, mine)
        buffer.rename(path)
    elif case == "no-index":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr(a_name, mine)
    elif case == "bad-json":
        _pack(path, {a_name: mine}, index=b'{"format": "yishi-pack", ')
    elif case == "not-a-pack-index":
        _pack(path, {a_name: mine}, index={**good, "format": "yishi-bundle"})
    elif case == "newer":
        _pack(path, {a_name: mine}, index={**good, "format_version": 2})
    elif case == "unlisted-member":
        _pack(path, {a_name: mine, b_name: honest[b_name]}, index=good)
    elif case == "listed-but-missing":
        _pack(path, {}, index=good)
    elif case == "bad-node-id":
        _pack(path, {a_name: mine}, index=_index([(a_name, "../../etc")]))
    _refused(township, path, says)
    assert not (tmp_path / a_name).exists() and not (tmp_path / "evil.yishi").exists()


def test_oversized_members_and_too_many_entries_are_refused(
    township: Towns, honest: dict[str, bytes], tmp_path: Path
) -> None:
    a_name, _b = _names(honest)
    node = _node(township.a)
    path = _pack(
        tmp_path / "big.yishipack", {a_name: honest[a_name]}, index=_index([(a_name, node)])
    )
    _refused(township, path, "文件过大", limits=Limits(file_bytes=100))

    code, _seq, bundle_id = a_name.removesuffix(".yishi").split("_")
    names = [pack_member_name(code, n, bundle_id) for n in range(1, 2002)]
    many = _pack(
        tmp_path / "many.yishipack",
        dict.fromkeys(names, b"x"),
        index=_index([(n, node) for n in names]),
    )
    _refused(township, many, "文件过多")


@pytest.mark.parametrize(
    "garbage",
    [b"", b"not a zip at all", b"PK\x03\x04" + b"\x00" * 100, b"PK\x05\x06" + b"\xff" * 18],
)
def test_garbage_is_not_a_pack(township: Towns, tmp_path: Path, garbage: bytes) -> None:
    path = tmp_path / "garbage.yishipack"
    path.write_bytes(garbage)
    _refused(township, path, "街道数据包")
    # Listed for the room, so that importing it says why.
    listed = folder_packs(township.a, tmp_path)
    assert [(f.for_us, f.township) for f in listed] == [(True, "")]


def test_a_truncated_pack_is_refused(
    township: Towns, honest: dict[str, bytes], tmp_path: Path
) -> None:
    a_name, _b = _names(honest)
    whole = _pack(
        tmp_path / "whole.zip",
        {a_name: honest[a_name]},
        index=_index([(a_name, _node(township.a))]),
    )
    cut = tmp_path / "cut.yishipack"
    cut.write_bytes(whole.read_bytes()[:-30])
    _refused(township, cut, "街道数据包")
    with pytest.raises(SyncError):
        read_index(cut)


def test_a_damaged_member_is_refused_by_the_bundle_checks(
    township: Towns, honest: dict[str, bytes], tmp_path: Path
) -> None:
    a_name, _b = _names(honest)
    damaged = bytearray(honest[a_name])
    damaged[-40] ^= 0xFF
    path = _pack(
        tmp_path / "damaged.yishipack",
        {a_name: bytes(damaged)},
        index=_index([(a_name, _node(township.a))]),
    )
    a = township.a
    before = snapshot(a)
    with pytest.raises(SyncError, match="已损坏"):
        import_file(a, path)
    assert snapshot(a) == before


def test_damaged_bytes_anywhere_are_refused_or_harmless(township: Towns) -> None:
    """Bytes flipped anywhere in an honest pack: imported whole, or refused by reason with
    nothing changed; never another error, never a listing that fails."""
    import random

    result = export_pack(township.district, to_dir=township.usb, township=TOWN)
    honest = result.path.read_bytes()
    a = township.a
    chance = random.Random(20261205)
    damaged = township.usb / "damaged.yishipack"
    for _round in range(25):
        data = bytearray(honest)
        for _flip in range(chance.randint(1, 4)):
            where = chance.randrange(len(data))
            data[where] = chance.randrange(256)
        damaged.write_bytes(bytes(data))
        assert len(folder_packs(a, township.usb)) == 2
        before = snapshot(a)
        try:
            imported = import_file(a, damaged)
        except SyncError:
            assert snapshot(a) == before
            continue
        # A flip the checks cannot see (a ZIP header's date): the honest bundle went in.
        assert imported.tables["member"].added == 1
        assert _members(a) == ["李秀英"]
        break
    assert not list(a.home.root.glob("yishi-pack-*"))
