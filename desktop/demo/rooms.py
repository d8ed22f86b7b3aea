"""One room's records over the years: people, slips, topics, meetings, outcomes, activities, cases.

Everything is built in memory into one `Batch` owned by the room's node, in two passes: the
first walks the meetings in date order (topics raised, announced and claimed before each
meeting, attendance, agenda, speeches, consensus), the second decides where each discussed
topic has got to by today and writes outcomes, progress and feedback to match, so every
record agrees with the domain's invariants.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from desktop.demo import loose_slips
from desktop.demo import vocabulary as v
from desktop.demo.common import Batch, DemoRandom, at, chinese_number
from desktop.models import (
    Activity,
    ActivityMember,
    AgendaItem,
    Amendment,
    Attendance,
    CaseMember,
    Claim,
    MediationCase,
    Meeting,
    OpinionSlip,
    Outcome,
    Participant,
    ProgressNote,
    Speech,
    Topic,
)
from desktop.models.enums import (
    AttendanceRole,
    AttendanceStatus,
    CaseKind,
    CaseStatus,
    Consensus,
    EscalationKind,
    MeetingForm,
    MeetingStatus,
    OutcomeStatus,
    ParticipantKind,
    ResultClass,
    RoomKind,
    Satisfaction,
    TopicSource,
    TopicStatus,
)

# Days after a meeting before its outcomes are expected to have moved on.
SETTLING_DAYS = 21

REF_PATTERN = re.compile(r"〔(\d{4})〕第(\d+)")


@dataclass(frozen=True)
class PersonRef:
    """A member as the room builder needs it: id and name only (no ORM state across sessions)."""

    id: str
    name: str


@dataclass(frozen=True)
class RoomTarget:
    """A room to fill with records, and the members who work with it."""

    room_id: str
    node_id: str
    name: str
    village: str
    kind: RoomKind
    township: str
    members: tuple[PersonRef, ...]
    # People the room already holds (rows read earlier, only read here).
    participants: tuple[Participant, ...] = ()


class ReferenceNumbers:
    """Numbers for escalations (崇政提〔2025〕第12号), continuing those already in the database."""

    def __init__(self, prefix: str, existing: Iterable[tuple[EscalationKind, str]]) -> None:
        self.prefix = prefix
        self._last: dict[tuple[EscalationKind, int], int] = {}
        for kind, ref in existing:
            if match := REF_PATTERN.search(ref):
                key = (kind, int(match.group(1)))
                self._last[key] = max(self._last.get(key, 0), int(match.group(2)))

    def next(self, kind: EscalationKind, year: int, rng: DemoRandom) -> str:
        key = (kind, year)
        # Other rooms and members file too, so numbers advance by more than one.
        number = self._last.get(key, rng.randint(2, 12)) + rng.randint(1, 3)
        self._last[key] = number
        if kind is EscalationKind.PROPOSAL:
            return f"{self.prefix}政提〔{year}〕第{number}号"
        return f"{self.prefix}政信〔{year}〕第{number}期"


@dataclass
class _MeetingDraft:
    row: Meeting
    present_members: list[PersonRef] = field(default_factory=list)


@dataclass
class _TopicDraft:
    row: Topic
    theme: v.Theme
    fill: dict[str, str]
    claimers: list[PersonRef] = field(default_factory=list)
    # (agenda item, meeting) in date order
    agenda: list[tuple[AgendaItem, _MeetingDraft]] = field(default_factory=list)

    def text(self, template: str) -> str:
        return template.format_map(self.fill)


# Who was present at a meeting, by kind ("cadre", "grid", "resident", "expert", "unit:<name>").
_Present = dict[str, list[Participant]]


class RoomBuilder:
    """Builds one room's records into a batch owned by the room's node."""

    def __init__(
        self,
        rng: DemoRandom,
        target: RoomTarget,
        *,
        kinds: dict[str, str],
        refs: ReferenceNumbers,
        start: date,
        today: date,
    ) -> None:
        self.rng = rng
        self.target = target
        self.kinds = kinds
        self.refs = refs
        self.start = start
        self.today = today
        self.batch = Batch(target.node_id)
        self.members = list(target.members)
        self.community = target.kind is RoomKind.COMMUNITY
        where = "community" if self.community else "village"
        self.themes = [t for t in v.THEMES if t.where in ("both", where)]
        self.estates = rng.sample(v.ESTATES, 3)
        if not self.community:
            self.estates[0] = target.village.removesuffix("村") + "集中居住区"
        self.roads = rng.sample(v.ROADS, 2)
        self.rivers = rng.sample(v.RIVERS, 2)
        self.groups = [f"第{chinese_number(n)}村民小组" for n in rng.sample(range(1, 16), 3)]
        self.titles: set[str] = set()
        self.topics: list[_TopicDraft] = []
        self.departments: dict[str, Participant] = {}
        self.meeting_numbers: dict[int, int] = {}
        # Filled, when given, with each loose slip's problem (see loose_slips).
        self.loose_problems: dict[str, str] | None = None

    # --- people ---------------------------------------------------------------------------

    def _person(
        self, kind: ParticipantKind, *, position: str | None, unit: str | None = None
    ) -> Participant:
        rng = self.rng
        return self.batch.add(
            Participant(
                id=rng.uid(),
                room_id=self.target.room_id,
                name=rng.person_name(rng.gender()),
                kind=kind,
                unit=unit,
                position=position,
                phone=rng.phone(),
                active=True,
            )
        )

    def _participants(self) -> None:
        """The room's people: those it already holds, plus whoever is missing."""
        rng, village = self.rng, self.target.village
        held: dict[ParticipantKind, list[Participant]] = {kind: [] for kind in ParticipantKind}
        for person in self.target.participants:
            held[person.kind].append(person)
        cadre_titles = (
            ("社区党委书记", "居委会主任", "社区两委委员")
            if self.community
            else ("村党总支书记", "村委会主任", "村两委委员")
        )
        self.cadres = [
            next((p for p in held[ParticipantKind.CADRE] if p.position == title), None)
            or self._person(ParticipantKind.CADRE, position=title, unit=village)
            for title in cadre_titles
        ]
        self.grid_workers = held[ParticipantKind.GRID_WORKER] or [
            self._person(
                ParticipantKind.GRID_WORKER, position=f"第{chinese_number(number)}网格专职网格员"
            )
            for number in range(1, rng.randint(2, 3) + 1)
        ]
        self.grids = {
            worker.id: (worker.position or "").partition("网格")[0] + "网格"
            for worker in self.grid_workers
        }
        positions = (
            v.RESIDENT_POSITIONS_COMMUNITY if self.community else v.RESIDENT_POSITIONS_VILLAGE
        )
        self.residents = held[ParticipantKind.RESIDENT] + [
            self._person(ParticipantKind.RESIDENT, position=rng.choice(positions))
            for _ in range(max(0, rng.randint(6, 10) - len(held[ParticipantKind.RESIDENT])))
        ]
        unit, position = rng.choice(v.EXPERTS)
        self.experts = held[ParticipantKind.EXPERT] or [
            self._person(ParticipantKind.EXPERT, position=position, unit=unit)
        ]
        if self.community:
            other = (f"{self.estates[0]}物业服务中心", "项目经理")
        else:
            other = (f"{village}老年协会", "会长")
        self.others = held[ParticipantKind.OTHER] or [
            self._person(ParticipantKind.OTHER, position=other[1], unit=other[0])
        ]
        for person in held[ParticipantKind.DEPARTMENT]:
            if person.unit:
                self.departments.setdefault(person.unit, person)

    def _department(self, unit: str) -> Participant:
        """The representative of a department, met the first time a topic needs them."""
        if unit not in self.departments:
            position = self.rng.choice(("科员", "科长", "副科长", "主任", "副局长"))
            self.departments[unit] = self._person(
                ParticipantKind.DEPARTMENT, position=position, unit=unit
            )
        return self.departments[unit]

    # --- topics ---------------------------------------------------------------------------

    def _fill(self, rng: DemoRandom | None = None) -> dict[str, str]:
        rng = rng or self.rng
        return {
            "estate": rng.choice(self.estates),
            "n": str(rng.randint(1, 36)),
            "road": rng.choice(self.roads),
            "river": rng.choice(self.rivers),
            "group": rng.choice(self.groups),
            "village": self.target.village,
            "township": self.target.township,
            "unit": "",
        }

    def _theme(self, immediate: bool) -> v.Theme:
        urgent = [t for t in self.themes if t.immediate_titles]
        if immediate and urgent and self.rng.chance(0.6):
            return self.rng.choice(urgent)
        return self.rng.choice(self.themes)

    def _topic(
        self, *, source: TopicSource, raised_on: date, immediate: bool = False
    ) -> _TopicDraft:
        rng = self.rng
        if source is TopicSource.MEMBER and not self.members:
            source = TopicSource.RESIDENTS
        # A room comes back to a theme now and then, but rarely to the very same title.
        for _ in range(8):
            theme = self._theme(immediate)
            fill = self._fill()
            templates = (
                theme.immediate_titles if immediate and theme.immediate_titles else theme.titles
            )
            title = rng.choice(templates).format_map(fill)
            if title not in self.titles:
                break
        if title in self.titles:
            title = f"{title}（{raised_on.year}年）"
        self.titles.add(title)
        fill["unit"] = theme.units[0].format_map(fill)
        row = self.batch.add(
            Topic(
                id=rng.uid(),
                room_id=self.target.room_id,
                title=title,
                description=theme.description.format_map(fill),
                category=theme.category,
                source=source,
                status=TopicStatus.COLLECTED,
                immediate=immediate,
                raised_on=raised_on,
                proposed_by_member_id=(
                    rng.choice(self.members).id if source is TopicSource.MEMBER else None
                ),
            )
        )
        draft = _TopicDraft(row=row, theme=theme, fill=fill)
        self.topics.append(draft)
        if source is TopicSource.GRID:
            # Each slip of one topic in other words: residents don't file the same sentence.
            for template in rng.sample(theme.slips, k=min(len(theme.slips), rng.randint(2, 4))):
                self._slip(
                    on=rng.day_between(max(self.start, raised_on - timedelta(days=40)), raised_on),
                    theme=theme,
                    fill=fill,
                    topic_id=row.id,
                    template=template,
                )
        return draft

    def _slip(
        self,
        *,
        on: date,
        theme: v.Theme,
        fill: dict[str, str],
        topic_id: str | None,
        template: str | None = None,
        rng: DemoRandom | None = None,
        collector: Participant | None = None,
    ) -> OpinionSlip:
        rng = rng or self.rng
        collector = collector or rng.choice(self.grid_workers)
        anonymous = rng.chance(0.3)
        reporter = None
        if not anonymous:
            reporter = (
                rng.choice(self.residents).name
                if rng.chance(0.4)
                else rng.person_name(rng.gender())
            )
        content = (template or rng.choice(theme.slips)).format_map(fill)
        if rng.chance(0.4):
            content = "居民反映：" + content
        return self.batch.add(
            OpinionSlip(
                id=rng.uid(),
                room_id=self.target.room_id,
                collected_on=on,
                grid=self.grids[collector.id],
                collector_id=collector.id,
                reporter_name=reporter,
                anonymous=anonymous,
                content=content,
                category=theme.category,
                topic_id=topic_id,
            )
        )

    def _announce(self, draft: _TopicDraft, *, on: date, deadline: date, claim_until: date) -> None:
        """Shortlisted and announced on `on`; members may claim it up to `claim_until`."""
        rng = self.rng
        draft.row.announced_on = on
        draft.row.claim_deadline = max(on, deadline)
        if not self.members or not rng.chance(0.65):
            return
        last = min(claim_until, draft.row.claim_deadline)
        for member in rng.sample(self.members, min(len(self.members), rng.randint(1, 2))):
            claimed_on = rng.day_between(on, last)
            self.batch.add(
                Claim(
                    id=rng.uid(),
                    topic_id=draft.row.id,
                    member_id=member.id,
                    claimed_on=claimed_on,
                    note=rng.choice((None, "与本人专业相关，愿意牵头调研", "挂钩片区内议题")),
                )
            )
            self._drawn_for_duty()
            draft.claimers.append(member)

    def _meeting_topic(self, held_on: date, source: TopicSource) -> _TopicDraft:
        """A topic raised for a meeting: immediate, or announced (and perhaps claimed) first."""
        rng = self.rng
        immediate = source in (TopicSource.RESIDENTS, TopicSource.PARTY_GOVERNMENT) and (
            rng.chance(0.15)
        )
        if immediate:
            raised = max(self.start, held_on - timedelta(days=rng.randint(0, 3)))
            return self._topic(source=source, raised_on=raised, immediate=True)
        announced = max(self.start, held_on - timedelta(days=rng.randint(7, 20)))
        raised = max(self.start, announced - timedelta(days=rng.randint(5, 30)))
        draft = self._topic(source=source, raised_on=raised)
        deadline = min(announced + timedelta(days=rng.randint(3, 7)), held_on - timedelta(days=1))
        self._announce(draft, on=announced, deadline=deadline, claim_until=deadline)
        return draft

    # --- duty -----------------------------------------------------------------------------

    def _drawn_for_duty(self) -> None:
        """Demo data of earlier versions wrote a duty record here; acts are now read from the
        records themselves (desktop.queries.duty). The draw stays, so a seed still makes the
        same records as before."""
        self.rng.uid()

    # --- meetings -------------------------------------------------------------------------

    def _meeting_dates(self) -> list[date]:
        rng, today = self.rng, self.today
        rate = rng.randint(4, 10)
        dates: set[date] = set()
        for year in range(self.start.year, today.year + 1):
            first = max(self.start, date(year, 1, 1))
            last = min(date(year, 12, 31), today - timedelta(days=1))
            if last < first:
                continue
            if year < today.year:
                count = min(10, max(4, rate + rng.randint(-1, 1)))
            else:
                count = round(rate * ((last - first).days + 1) / 365)
            span = (last - first).days + 1
            for i in range(count):
                lo = first + timedelta(days=span * i // count)
                hi = first + timedelta(days=max(span * (i + 1) // count - 1, span * i // count))
                dates.add(rng.day_between(lo, hi))
        # The latest meeting was recent, so its outcomes are still open (已协商, 待办).
        recent = today - timedelta(days=rng.randint(3, 14))
        if recent >= self.start and (not dates or max(dates) < recent):
            dates.add(recent)
        return sorted(dates)

    def _statuses(self, count: int) -> list[MeetingStatus]:
        rng = self.rng
        statuses = [
            rng.weighted(
                (
                    (MeetingStatus.MINUTES_FINAL, 88),
                    (MeetingStatus.MINUTES_DRAFTED, 9),
                    (MeetingStatus.HELD, 3),
                )
            )
            for _ in range(count)
        ]
        if count >= 1:
            statuses[-1] = MeetingStatus.HELD
        if count >= 2:
            statuses[-2] = MeetingStatus.MINUTES_DRAFTED
        if count >= 5:
            statuses[rng.randrange(0, count - 2)] = MeetingStatus.CANCELLED
        return statuses

    def _forms(self, count: int) -> list[MeetingForm]:
        rng = self.rng
        forms = [
            rng.weighted(
                (
                    (MeetingForm.ONSITE, 45),
                    (MeetingForm.BENCH, 25),
                    (MeetingForm.NEIGHBOURHOOD, 20),
                    (MeetingForm.VIDEO, 10),
                )
            )
            for _ in range(count)
        ]
        if count >= len(MeetingForm):
            every = list(MeetingForm)
            rng.shuffle(every)
            for index, form in zip(rng.sample(range(count), len(every)), every, strict=True):
                forms[index] = form
        return forms

    def _place_and_time(self, form: MeetingForm) -> tuple[str, time]:
        rng, village = self.rng, self.target.village
        if form is MeetingForm.BENCH:
            place = rng.choice(
                (
                    f"{rng.choice(self.estates)}{rng.randint(1, 30)}幢楼下",
                    f"{village}文化广场",
                    f"{rng.choice(self.estates)}小游园",
                )
            )
            return place, rng.choice((time(9, 30), time(15, 0)))
        if form is MeetingForm.NEIGHBOURHOOD:
            place = rng.choice(
                (f"居民{rng.choice(self.residents).name}家中", f"{rng.choice(self.estates)}楼道")
            )
            return place, rng.choice((time(19, 0), time(19, 30)))
        if form is MeetingForm.VIDEO:
            return f"{village}协商议事室（远程视频连线）", time(10, 0)
        return f"{village}协商议事室", rng.choice((time(9, 0), time(14, 30)))

    def _meeting(self, held_on: date, status: MeetingStatus, form: MeetingForm) -> _MeetingDraft:
        rng = self.rng
        place, start = self._place_and_time(form)
        minutes = rng.choice((60, 90, 90, 120, 150))
        end = (at(held_on, start) + timedelta(minutes=minutes)).time()
        finalised = None
        if status is MeetingStatus.MINUTES_FINAL:
            day = min(self.today, held_on + timedelta(days=rng.randint(2, 10)))
            finalised = at(day, time(16, 30))
        row = self.batch.add(
            Meeting(
                id=rng.uid(),
                room_id=self.target.room_id,
                title="",
                held_on=held_on,
                start_time=start,
                end_time=end,
                place=place,
                form=form,
                host_name=self.cadres[0].name,
                recorder_name=self.cadres[2].name,
                # Minutes are drafted first and finalised once agenda and sign-in are in,
                # as the lock on final minutes allows no other order.
                status=MeetingStatus.MINUTES_DRAFTED if finalised else status,
                finalised_at=None,
            )
        )
        if finalised is not None:
            self.batch.later(row, status=MeetingStatus.MINUTES_FINAL, finalised_at=finalised)
        if finalised is not None and finalised.date() < self.today and rng.chance(0.12):
            reason, description = rng.choice(v.AMENDMENT_REASONS)
            made = rng.day_between(
                finalised.date() + timedelta(days=1),
                min(self.today, finalised.date() + timedelta(days=40)),
            )
            self.batch.add(
                Amendment(
                    id=rng.uid(),
                    meeting_id=row.id,
                    made_at=at(made, time(10, 0)),
                    reason=reason,
                    description=description,
                )
            )
        return _MeetingDraft(row=row)

    def _title(self, draft: _MeetingDraft, topics: list[_TopicDraft]) -> None:
        held_on = draft.row.held_on
        number = self.meeting_numbers.get(held_on.year, 0) + 1
        self.meeting_numbers[held_on.year] = number
        if len(topics) == 1:
            draft.row.title = f"关于{topics[0].row.title}的协商议事会"
        else:
            draft.row.title = (
                f"{self.target.village}{held_on.year}年第{chinese_number(number)}次协商议事活动"
            )

    def _attend(
        self,
        draft: _MeetingDraft,
        *,
        member: PersonRef | None = None,
        participant: Participant | None = None,
        role: AttendanceRole,
        sure: bool = False,
    ) -> bool:
        """One sign-in line; returns whether the person was present."""
        rng = self.rng
        roll = 0.0 if sure else rng.random()
        if roll < 0.86:
            status = AttendanceStatus.PRESENT
        elif roll < 0.95:
            status = AttendanceStatus.LEAVE
        else:
            status = AttendanceStatus.ABSENT
        reasons = v.LEAVE_REASONS if member is not None else v.PARTICIPANT_LEAVE_REASONS
        start = draft.row.start_time or time(9, 0)
        signed = None
        if status is AttendanceStatus.PRESENT:
            signed = (at(draft.row.held_on, start) - timedelta(minutes=rng.randint(0, 20))).time()
        self.batch.add(
            Attendance(
                id=rng.uid(),
                meeting_id=draft.row.id,
                member_id=member.id if member else None,
                participant_id=participant.id if participant else None,
                role=role,
                status=status,
                leave_reason=rng.choice(reasons) if status is AttendanceStatus.LEAVE else None,
                signed_in_at=signed,
            )
        )
        if member is not None:
            if status is AttendanceStatus.PRESENT:
                draft.present_members.append(member)
            if status is not AttendanceStatus.LEAVE:
                self._drawn_for_duty()
        return status is AttendanceStatus.PRESENT

    def _attendance(self, draft: _MeetingDraft, topics: list[_TopicDraft]) -> _Present:
        """Sign-in for a held meeting; returns who was present, by kind, for the speeches."""
        rng = self.rng
        present: _Present = {key: [] for key in ("resident", "cadre", "grid", "expert")}
        claimers: list[PersonRef] = []
        for topic in topics:
            claimers.extend(m for m in topic.claimers if m not in claimers)
        others = [m for m in self.members if m not in claimers]
        wanted = max(0, min(len(self.members), rng.randint(2, 4)) - len(claimers))
        members = claimers + rng.sample(others, min(wanted, len(others)))
        host_member = members[0] if members and rng.chance(0.15) else None
        if host_member is not None:
            draft.row.host_name = host_member.name
        recorder = self.cadres[2] if rng.chance(0.6) else rng.choice(self.grid_workers)
        draft.row.recorder_name = recorder.name
        for member in members:
            is_host = member is host_member
            role = AttendanceRole.HOST if is_host else AttendanceRole.MEMBER
            # Claimers and the host come: they asked for the topic or run the meeting.
            self._attend(draft, member=member, role=role, sure=is_host or member in claimers)
        for index, cadre in enumerate(self.cadres):
            if cadre is recorder:
                role = AttendanceRole.RECORDER
            elif index == 0 and host_member is None:
                role = AttendanceRole.HOST
            else:
                role = AttendanceRole.CADRE
            if self._attend(
                draft, participant=cadre, role=role, sure=index == 0 or cadre is recorder
            ):
                present["cadre"].append(cadre)
        for worker in self.grid_workers:
            if worker is recorder:
                self._attend(draft, participant=worker, role=AttendanceRole.RECORDER, sure=True)
                present["grid"].append(worker)
            elif rng.chance(0.6) and self._attend(
                draft, participant=worker, role=AttendanceRole.GRID_WORKER
            ):
                present["grid"].append(worker)
        for resident in rng.sample(self.residents, min(len(self.residents), rng.randint(3, 7))):
            if self._attend(draft, participant=resident, role=AttendanceRole.RESIDENT_REP):
                present["resident"].append(resident)
        units: list[str] = []
        for topic in topics:
            if topic.fill["unit"] not in units and rng.chance(0.8):
                units.append(topic.fill["unit"])
        for unit in units:
            department = self._department(unit)
            self._attend(
                draft, participant=department, role=AttendanceRole.DEPARTMENT_REP, sure=True
            )
            present.setdefault(f"unit:{unit}", []).append(department)
        if rng.chance(0.15):
            expert = rng.choice(self.experts)
            if self._attend(draft, participant=expert, role=AttendanceRole.EXPERT):
                present["expert"].append(expert)
        if rng.chance(0.2):
            self._attend(draft, participant=rng.choice(self.others), role=AttendanceRole.OBSERVER)
        return present

    def _speeches(
        self,
        item: AgendaItem,
        topic: _TopicDraft,
        present: _Present,
        members: list[PersonRef],
    ) -> None:
        rng = self.rng
        theme = topic.theme
        lines: list[tuple[PersonRef | Participant, str]] = []
        if present["cadre"]:
            lines.append((present["cadre"][0], rng.choice(v.SPEECH_CADRE)))
        # Different speakers make different points.
        residents = rng.sample(present["resident"], min(2, len(present["resident"])))
        views = rng.sample(theme.resident_views, len(theme.resident_views))
        for index, resident in enumerate(residents):
            lines.append((resident, views[index % len(views)]))
        if topic.row.source is TopicSource.GRID and present["grid"]:
            lines.append((present["grid"][0], rng.choice(v.SPEECH_GRID)))
        for department in present.get(f"unit:{topic.fill['unit']}", []):
            lines.append((department, rng.choice(theme.department_views)))
        if present["expert"]:
            lines.append((present["expert"][0], rng.choice(v.SPEECH_EXPERT)))
        speaking_members = [m for m in topic.claimers if m in members]
        if not speaking_members and members:
            speaking_members = [rng.choice(members)]
        views = rng.sample(theme.member_views, len(theme.member_views))
        for index, member in enumerate(speaking_members):
            lines.append((member, views[index % len(views)]))
        for position, (speaker, summary) in enumerate(lines, 1):
            is_member = isinstance(speaker, PersonRef)
            self.batch.add(
                Speech(
                    id=rng.uid(),
                    agenda_item_id=item.id,
                    position=position,
                    speaker_name=speaker.name,
                    member_id=speaker.id if is_member else None,
                    participant_id=None if is_member else speaker.id,
                    summary=topic.text(summary),
                )
            )

    def _consensus(self, topic: _TopicDraft, *, allow_defer: bool) -> tuple[Consensus, str]:
        rng = self.rng
        if allow_defer and rng.chance(0.1):
            return (
                Consensus.DEFERRED,
                "与会人员意见分歧较大，同意暂缓作出决定，待进一步调查研究、听取意见后再行协商。",
            )
        text = topic.text(rng.choice(topic.theme.consensus))
        if text.startswith("原则同意"):
            return Consensus.AGREED_IN_PRINCIPLE, text
        if rng.chance(0.3):
            return Consensus.AGREED_IN_PRINCIPLE, "原则" + text + "具体细节会后进一步完善。"
        return Consensus.AGREED, "经充分协商，与会人员一致" + text

    def _agenda(
        self,
        draft: _MeetingDraft,
        topics: list[_TopicDraft],
        present: _Present | None,
        *,
        last_meeting: bool,
    ) -> list[_TopicDraft]:
        """Agenda items (with consensus when held); returns the topics deferred to later."""
        rng = self.rng
        deferred: list[_TopicDraft] = []
        voters = len(draft.present_members)
        voters += sum(len(group) for group in present.values()) if present else 0
        for position, topic in enumerate(topics, 1):
            item = self.batch.add(
                AgendaItem(
                    id=rng.uid(),
                    meeting_id=draft.row.id,
                    topic_id=topic.row.id,
                    position=position,
                    consensus=None,
                    consensus_text="",
                )
            )
            if present is None:
                continue
            topic.agenda.append((item, draft))
            first_time = len(topic.agenda) == 1
            consensus, text = self._consensus(topic, allow_defer=first_time and not last_meeting)
            item.consensus = consensus
            item.consensus_text = text
            if voters and rng.chance(0.35):
                against = rng.randint(0, 2) + (3 if consensus is Consensus.DEFERRED else 0)
                abstain = rng.randint(0, 2)
                item.votes_against = min(against, voters)
                item.votes_abstain = min(abstain, voters - item.votes_against)
                item.votes_for = voters - item.votes_against - item.votes_abstain
            self._speeches(item, topic, present, draft.present_members)
            if consensus is Consensus.DEFERRED:
                deferred.append(topic)
        return deferred

    # --- outcomes -------------------------------------------------------------------------

    def _notes(
        self,
        outcome: Outcome,
        topic: _TopicDraft | None,
        *,
        first: date,
        last: date,
        count: int,
        author: str,
    ) -> None:
        rng = self.rng
        if count <= 0 or last < first:
            return
        texts = [t.format(unit=outcome.responsible_unit) for t in rng.sample(v.GENERIC_PROGRESS, 1)]
        if topic is not None:
            texts += [topic.text(t) for t in topic.theme.progress]
        days = sorted(rng.day_between(first, last) for _ in range(count))
        for day, text in zip(days, texts, strict=False):
            self.batch.add(
                ProgressNote(
                    id=rng.uid(), outcome_id=outcome.id, noted_on=day, author_name=author, text=text
                )
            )

    def _settle(
        self,
        outcome: Outcome,
        status: OutcomeStatus,
        *,
        since: date,
        topic: _TopicDraft | None,
    ) -> None:
        """Put an outcome in `status` with dates, result class and progress to match."""
        rng, today = self.rng, self.today
        outcome.status = status
        author = outcome.responsible_person or self.cadres[0].name
        first = since + timedelta(days=1)
        if status is OutcomeStatus.PENDING:
            last = self._soon(since, 20, 20)
            self._notes(
                outcome, None, first=first, last=last, count=rng.randint(0, 1), author=author
            )
        elif status is OutcomeStatus.IN_PROGRESS:
            outcome.result_class = rng.weighted(
                ((None, 50), (ResultClass.B, 30), (ResultClass.C, 20))
            )
            self._notes(
                outcome, topic, first=first, last=today, count=rng.randint(1, 3), author=author
            )
        elif status is OutcomeStatus.COMPLETED:
            # Most work is done within the deadline; a few drag on.
            outcome.completed_on = self._soon(since, 14, rng.choice((90, 120, 150, 300)))
            outcome.result_class = rng.weighted(((ResultClass.A, 75), (ResultClass.B, 25)))
            self._notes(
                outcome,
                topic,
                first=first,
                last=outcome.completed_on,
                count=rng.randint(1, 3),
                author=author,
            )
        else:
            outcome.not_possible_reason = rng.choice(v.GENERIC_NOT_POSSIBLE)
            outcome.result_class = rng.weighted(((ResultClass.D, 70), (ResultClass.C, 30)))
            last = self._soon(since, 30, 120)
            self._notes(
                outcome, None, first=first, last=last, count=rng.randint(1, 2), author=author
            )

    def _soon(self, after: date, least: int, most: int) -> date:
        """A day `least`–`most` days after `after`, but never after today."""
        return min(self.today, after + timedelta(days=self.rng.randint(least, most)))

    def _feed_back(self, outcome: Outcome, *, since: date, topic: _TopicDraft | None) -> None:
        rng = self.rng
        # Residents hear back within weeks of the work being done (or found impossible).
        after = outcome.completed_on or self._soon(since, 20, 120)
        outcome.fed_back_on = self._soon(after, 2, 30)
        if outcome.status is OutcomeStatus.NOT_POSSIBLE:
            text = v.FEEDBACK_NOT_POSSIBLE.format(reason=outcome.not_possible_reason)
        elif topic is not None:
            text = topic.text(rng.choice(topic.theme.feedback))
        else:
            text = "建议已办理落实。"
        outcome.feedback = text + rng.choice(v.FEEDBACK_GENERIC)
        outcome.satisfaction = rng.weighted(
            (
                (Satisfaction.SATISFIED, 68),
                (Satisfaction.BASICALLY_SATISFIED, 26),
                (Satisfaction.UNSATISFIED, 6),
            )
        )

    def _escalate(
        self, outcome: Outcome, *, since: date, topic: _TopicDraft, meeting: _MeetingDraft
    ) -> None:
        rng = self.rng
        kind = rng.choice((EscalationKind.PROPOSAL, EscalationKind.SOCIAL_INFO))
        on = rng.day_between(since + timedelta(days=3), min(self.today, since + timedelta(days=45)))
        outcome.escalation_kind = kind
        outcome.escalation_ref = self.refs.next(kind, on.year, rng)
        outcome.escalated_on = on
        authors = topic.claimers or meeting.present_members or self.members
        if authors:
            rng.choice(authors)  # the author earlier versions drew (see _drawn_for_duty)
            self._drawn_for_duty()

    def _topic_outcomes(self, topic: _TopicDraft, target: TopicStatus) -> None:
        rng = self.rng
        item, meeting = topic.agenda[-1]
        since = meeting.row.held_on
        count = 1 if rng.chance(0.6) else 2
        contents = rng.sample(topic.theme.outcomes, min(count, len(topic.theme.outcomes)))
        S, OS = TopicStatus, OutcomeStatus  # short aliases keep the table below readable
        for index, content in enumerate(contents):
            unit = topic.theme.units[index % len(topic.theme.units)].format_map(topic.fill)
            person = self.departments[unit].name if unit in self.departments else ""
            outcome = self.batch.add(
                Outcome(
                    id=rng.uid(),
                    room_id=self.target.room_id,
                    agenda_item_id=item.id,
                    content=topic.text(content),
                    responsible_unit=unit,
                    responsible_person=person,
                    deadline=since + timedelta(days=rng.randint(30, 120)),
                )
            )
            escalate = False
            feed_back = False
            if target is S.DISCUSSED:
                status = OS.PENDING
            elif target is S.IN_PROGRESS:
                status = OS.IN_PROGRESS if index == 0 else rng.choice((OS.IN_PROGRESS, OS.PENDING))
            elif target is S.IMPLEMENTED:
                status = OS.COMPLETED
            elif target is S.NOT_IMPLEMENTED:
                status = OS.NOT_POSSIBLE if index == 0 else OS.COMPLETED
            elif target is S.ESCALATED:
                escalate = index == 0
                if (self.today - since).days > 365:  # a proposal answered long ago
                    status = OS.COMPLETED
                else:
                    later = rng.choice((OS.IN_PROGRESS, OS.COMPLETED))
                    status = OS.IN_PROGRESS if index == 0 else later
            else:
                status = OS.NOT_POSSIBLE if rng.chance(0.12) else OS.COMPLETED
                escalate = index == 0 and rng.chance(0.08)
                feed_back = True
            self._settle(outcome, status, since=since, topic=topic)
            if escalate:
                self._escalate(outcome, since=since, topic=topic, meeting=meeting)
            if feed_back:
                self._feed_back(outcome, since=since, topic=topic)

    def _settle_topics(self) -> None:
        """Decide where each discussed topic stands today, with outcomes to match."""
        rng, today = self.rng, self.today
        S = TopicStatus
        settled: list[_TopicDraft] = []
        for topic in self.topics:
            if not topic.agenda:
                continue
            item, meeting = topic.agenda[-1]
            topic.row.status = S.DISCUSSED
            if item.consensus is Consensus.DEFERRED:
                continue
            if (today - meeting.row.held_on).days < SETTLING_DAYS:
                self._topic_outcomes(topic, S.DISCUSSED)
            else:
                settled.append(topic)
        targets: dict[int, TopicStatus] = {}
        every = [S.IN_PROGRESS, S.IMPLEMENTED, S.NOT_IMPLEMENTED, S.ESCALATED, S.FED_BACK]
        rng.shuffle(every)
        # Every status occurs, preferably among recent topics: a real room rarely leaves an
        # outcome open for years, and the dashboard would be full of them.
        recent = range(len(settled) // 2, len(settled))
        candidates = recent if len(recent) >= len(every) else range(len(settled))
        for index, status in zip(
            rng.sample(candidates, min(len(every), len(candidates))), every, strict=False
        ):
            targets[index] = status
        for index, topic in enumerate(settled):
            age = (today - topic.agenda[-1][1].row.held_on).days
            if index not in targets:
                if age < 90:
                    weights = (
                        (S.IN_PROGRESS, 40),
                        (S.IMPLEMENTED, 25),
                        (S.NOT_IMPLEMENTED, 8),
                        (S.ESCALATED, 5),
                        (S.FED_BACK, 17),
                    )
                else:
                    weights = (
                        (S.IN_PROGRESS, 10 if age < 365 else 2),
                        (S.IMPLEMENTED, 12),
                        (S.NOT_IMPLEMENTED, 8),
                        (S.ESCALATED, 5),
                        (S.FED_BACK, 62),
                    )
                targets[index] = rng.weighted(weights)
            topic.row.status = targets[index]
            self._topic_outcomes(topic, targets[index])

    # --- the rest of the room's year ------------------------------------------------------

    def _pending_topics(self) -> None:
        """Topics not yet on any agenda: just collected, shortlisted, or declined."""
        rng, today = self.rng, self.today
        for _ in range(rng.randint(1, 2)):
            self._topic(
                source=self._source(),
                raised_on=rng.day_between(max(self.start, today - timedelta(days=20)), today),
            )
        shortlisted = self._topic(
            source=self._source(),
            raised_on=rng.day_between(
                max(self.start, today - timedelta(days=40)), today - timedelta(days=5)
            ),
        )
        shortlisted.row.status = TopicStatus.SHORTLISTED
        declined = 0
        for year in range(self.start.year, today.year + 1):
            count = rng.randint(1, 2) if year < today.year else rng.randint(0, 1)
            if year == today.year and declined == 0:
                count = max(count, 1)
            for _ in range(count):
                raised = rng.day_between(
                    max(self.start, date(year, 1, 1)), min(today, date(year, 12, 31))
                )
                topic = self._topic(source=self._source(), raised_on=raised)
                topic.row.status = TopicStatus.DECLINED
                topic.row.decline_reason = rng.choice(v.DECLINE_REASONS)
                declined += 1

    def _source(self) -> TopicSource:
        return self.rng.weighted(
            (
                (TopicSource.PARTY_GOVERNMENT, 25),
                (TopicSource.RESIDENTS, 35),
                (TopicSource.MEMBER, 20),
                (TopicSource.GRID, 20),
            )
        )

    def _planned(self) -> None:
        """Next weeks' meetings: announced topics, some already claimed; nobody signed in yet."""
        rng, today = self.rng, self.today
        days = [rng.randint(5, 25)]
        if rng.chance(0.35):
            days.append(rng.randint(26, 50))
        for number, ahead in enumerate(days):
            held_on = today + timedelta(days=ahead)
            form = rng.weighted(
                ((MeetingForm.ONSITE, 60), (MeetingForm.BENCH, 25), (MeetingForm.NEIGHBOURHOOD, 15))
            )
            draft = self._meeting(held_on, MeetingStatus.PLANNED, form)
            draft.row.recorder_name = rng.choice(self.grid_workers).name
            topics: list[_TopicDraft] = []
            for claimed in (True, False) if number == 0 else (False,):
                announced = max(self.start, today - timedelta(days=rng.randint(0, 6)))
                raised = max(self.start, announced - timedelta(days=rng.randint(5, 30)))
                topic = self._topic(source=self._source(), raised_on=min(raised, announced))
                topic.row.status = TopicStatus.ANNOUNCED
                deadline = held_on - timedelta(days=rng.randint(1, 3))
                topic.row.announced_on = announced
                topic.row.claim_deadline = deadline
                if claimed and self.members:
                    member = rng.choice(self.members)
                    on = rng.day_between(announced, today)
                    self.batch.add(
                        Claim(
                            id=rng.uid(),
                            topic_id=topic.row.id,
                            member_id=member.id,
                            claimed_on=on,
                            note=None,
                        )
                    )
                    self._drawn_for_duty()
                    topic.claimers.append(member)
                    topic.row.status = TopicStatus.CLAIMED
                topics.append(topic)
            self._title(draft, topics)
            self._agenda(draft, topics, None, last_meeting=False)

    def _loose_slips(self) -> None:
        """Slips collected lately and not yet merged into a topic (未处理)."""
        rng, today = self.rng, self.today
        first: list[loose_slips.Report] = []
        for _ in range(rng.randint(2, 4)):
            theme = rng.choice(self.themes)
            on = rng.day_between(max(self.start, today - timedelta(days=45)), today)
            fill = self._fill()
            slip = self._slip(on=on, theme=theme, fill=fill, topic_id=None)
            template = next(t for t in theme.slips if t.format_map(fill) in slip.content)
            first.append(loose_slips.Report(slip, theme, fill, template, len(first)))
        loose_slips.add_fellow_reports(self, first)

    def _activities(self) -> None:
        rng, today = self.rng, self.today
        codes = [code for code, _, _, _ in v.ACTIVITY_KINDS if code in self.kinds]
        if not codes:
            return
        for year in range(self.start.year, today.year + 1):
            first = max(self.start, date(year, 1, 1))
            last = min(today, date(year, 12, 31))
            share = ((last - first).days + 1) / 365
            for _ in range(round(rng.randint(2, 5) * share)):
                self._activity(rng.choice(codes), rng.day_between(first, last))

    def _activity(self, code: str, held_on: date) -> None:
        rng, village = self.rng, self.target.village
        members = rng.sample(self.members, min(len(self.members), rng.randint(1, 3)))
        names = "、".join(m.name for m in members)
        people = rng.randint(8, 30)
        unit = ""
        if code == "reading":
            book = rng.choice(v.BOOKS)
            title = f"书香政协读书活动：共读《{book}》"
            summary = f"委员{names}与居民共读《{book}》，{rng.randint(4, 10)}人交流读书心得。"
        elif code == "reception":
            title = "委员接待日"
            summary = (
                f"委员{names}接待居民{people}人次，收集意见建议{rng.randint(3, 12)}条，"
                f"现场解答{rng.randint(2, 8)}条。"
            )
        elif code == "visit":
            target = rng.choice(v.VISIT_TARGETS)
            title = f"走访联谊：走访{target}"
            summary = f"委员{names}走访{target}{rng.randint(3, 15)}户，了解困难和诉求。"
        elif code == "inspection":
            subject = rng.choice(v.INSPECTION_SUBJECTS)
            title = f"视察调研：{subject}"
            unit = f"{self.target.township}社会事业局"
            summary = f"委员{names}实地察看{subject}情况，听取情况介绍并座谈交流。"
        else:
            subject = rng.choice(v.SUPERVISION_SUBJECTS)
            title = f"民主监督：{subject}"
            unit = f"{self.target.township}城建办"
            summary = f"委员{names}围绕{subject}开展民主监督，查看现场、查阅资料、听取汇报。"
        activity = self.batch.add(
            Activity(
                id=rng.uid(),
                room_id=self.target.room_id,
                kind_id=self.kinds[code],
                title=title,
                held_on=held_on,
                place=f"{village}协商议事室" if code in ("reading", "reception") else village,
                others_present=f"{village}工作人员、居民代表等{people}人",
                summary=summary,
            )
        )
        for member in members:
            self.batch.add(
                ActivityMember(id=rng.uid(), activity_id=activity.id, member_id=member.id)
            )
            self._drawn_for_duty()
        if unit and rng.chance(0.5):
            outcome = self.batch.add(
                Outcome(
                    id=rng.uid(),
                    room_id=self.target.room_id,
                    activity_id=activity.id,
                    content=rng.choice(v.ACTIVITY_SUGGESTIONS).format(unit=unit),
                    responsible_unit=unit,
                    deadline=held_on + timedelta(days=rng.randint(30, 90)),
                )
            )
            age = (self.today - held_on).days
            if age < SETTLING_DAYS:
                status = OutcomeStatus.PENDING
            else:
                recent = age < 365
                status = rng.weighted(
                    (
                        (OutcomeStatus.COMPLETED, 50 if recent else 80),
                        (OutcomeStatus.IN_PROGRESS, 30 if recent else 5),
                        (OutcomeStatus.NOT_POSSIBLE, 10 if recent else 15),
                        (OutcomeStatus.PENDING, 10 if recent else 0),
                    )
                )
            self._settle(outcome, status, since=held_on, topic=None)
            if status is OutcomeStatus.COMPLETED and rng.chance(0.5):
                self._feed_back(outcome, since=held_on, topic=None)

    def _cases(self) -> None:
        rng, today = self.rng, self.today
        openings: list[date] = []
        for year in range(self.start.year, today.year + 1):
            first = max(self.start, date(year, 1, 1))
            last = min(today, date(year, 12, 31))
            openings += [rng.day_between(first, last) for _ in range(rng.randint(0, 2))]
        if not openings:
            openings.append(rng.day_between(self.start, today))
        for opened in sorted(openings):
            kind = CaseKind.MEDIATION if rng.chance(0.7) else CaseKind.PETITION
            subjects = v.MEDIATION_SUBJECTS if kind is CaseKind.MEDIATION else v.PETITION_SUBJECTS
            age = (today - opened).days
            if age < 30:
                status = rng.choice((CaseStatus.OPEN, CaseStatus.IN_PROGRESS))
            else:
                status = rng.weighted(
                    (
                        (CaseStatus.RESOLVED, 70),
                        (CaseStatus.UNRESOLVED, 15),
                        (CaseStatus.IN_PROGRESS, 15),
                    )
                )
            closed = None
            result = ""
            if status in (CaseStatus.RESOLVED, CaseStatus.UNRESOLVED):
                closed = rng.day_between(
                    opened + timedelta(days=3), min(today, opened + timedelta(days=90))
                )
                result = rng.choice(
                    v.CASE_RESOLVED if status is CaseStatus.RESOLVED else v.CASE_UNRESOLVED
                )
            first_party = rng.person_name(rng.gender())
            second_party = (
                rng.person_name(rng.gender()) if rng.chance(0.6) else "南通某物业服务有限公司"
            )
            case = self.batch.add(
                MediationCase(
                    id=rng.uid(),
                    room_id=self.target.room_id,
                    kind=kind,
                    subject=rng.choice(subjects),
                    parties=f"{first_party}；{second_party}",
                    opened_on=opened,
                    closed_on=closed,
                    status=status,
                    result=result,
                )
            )
            for member in rng.sample(self.members, min(len(self.members), rng.randint(1, 2))):
                self.batch.add(CaseMember(id=rng.uid(), case_id=case.id, member_id=member.id))
                self._drawn_for_duty()

    # --- the whole room -------------------------------------------------------------------

    def build(self) -> Batch:
        rng = self.rng
        self._participants()
        dates = self._meeting_dates()
        statuses = self._statuses(len(dates))
        forms = self._forms(len(dates))
        held = [
            (day, status, form) for day, status, form in zip(dates, statuses, forms, strict=True)
        ]
        sources = list(TopicSource)
        rng.shuffle(sources)
        carried: list[_TopicDraft] = []
        last_held = max(
            (i for i, (_, s, _) in enumerate(held) if s is not MeetingStatus.CANCELLED), default=-1
        )
        for index, (day, status, form) in enumerate(held):
            draft = self._meeting(day, status, form)
            if status is MeetingStatus.CANCELLED:
                draft.row.title = f"{self.target.village}协商议事活动（因故取消）"
                continue
            topics = carried + [
                self._meeting_topic(day, sources.pop() if sources else self._source())
                for _ in range(rng.weighted(((1, 50), (2, 35), (3, 15))))
            ]
            self._title(draft, topics)
            present = self._attendance(draft, topics)
            carried = self._agenda(draft, topics, present, last_meeting=index == last_held)
        self._planned()
        self._pending_topics()
        self._settle_topics()
        self._loose_slips()
        self._activities()
        self._cases()
        return self.batch


def build_room(
    rng: DemoRandom,
    target: RoomTarget,
    *,
    kinds: dict[str, str],
    refs: ReferenceNumbers,
    start: date,
    today: date,
    loose_problems: dict[str, str] | None = None,
) -> Batch:
    """All records of one room from `start` to `today`, owned by the room's node;
    `loose_problems`, when given, is filled with each unmerged slip's problem."""
    builder = RoomBuilder(rng, target, kinds=kinds, refs=refs, start=start, today=today)
    builder.loose_problems = loose_problems
    return builder.build()
