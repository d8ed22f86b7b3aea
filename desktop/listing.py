"""Paged, sorted reads behind every list page, so a list of 100 000 rows opens at once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    FromClause,
    Join,
    Label,
    Row,
    Select,
    Table,
    func,
    literal,
    null,
    select,
    union_all,
)
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import BinaryExpression, ColumnClause, UnaryExpression
from sqlalchemy.sql.selectable import Alias
from sqlalchemy.sql.visitors import iterate

from desktop.db import Database
from desktop.sql_dialect import nulls_as_sqlite, unindexed

# An execution option: a statement some of whose orders no index serves brings its own way
# to pick a page's ids in them, as OwnPages's three fields in a tuple (the queries sit beside
# this module, not above it, so they name the option rather than import the class).
OWN_PAGES = "yishi_own_pages"


@dataclass(frozen=True)
class OwnPages:
    """How a statement picks the ids of its rows `offset` to `offset + limit` sorted by one of
    `sorts` (ascending or descending), when that is faster found another way than by sorting
    every row: the outcomes, by the day agreed or by topic, merge three streams (meetings',
    activities' and cases' outcomes) that indexes hand out in order.

    `ids(sort, descending, offset, limit, server)` returns a select of the `key` column, its
    blanks where SQLite puts them on either engine; `server` says the ordering is the server's
    (desktop.sql_dialect.nulls_as_sqlite), whose planner may want another shape of query."""

    key: ColumnElement[Any]
    sorts: tuple[ColumnElement[Any], ...]
    ids: Callable[[int, bool, int, int, bool], Select[Any]]

    def page(self, ordering: list[ColumnElement[Any]], offset: int, limit: int) -> Any | None:
        """The page's ids for this ordering (its first term decides), or None."""
        found = _direction(ordering[0]) if ordering else None
        if found is None:
            return None
        element, descending = found
        server = _says_where_blanks_go(ordering[0])
        for number, sort in enumerate(self.sorts):
            # The very expression: the pages' sort keys are the statement's own objects.
            if element is sort:
                return self.ids(number, descending, offset, limit, server).scalar_subquery()
        return None


def _direction(term: ColumnElement[Any]) -> tuple[ColumnElement[Any], bool] | None:
    """The sorted expression of an ordering term and whether it goes down, for a bare
    ascending or descending term or one with its blanks where SQLite puts them (the server's
    ordering, desktop.sql_dialect.nulls_as_sqlite); None for any other term."""
    if not isinstance(term, UnaryExpression):
        return None
    if term.modifier is operators.asc_op or term.modifier is operators.desc_op:
        return term.element, term.modifier is operators.desc_op
    inner = term.element
    if not isinstance(inner, UnaryExpression):
        return None
    if term.modifier is operators.nulls_first_op and inner.modifier is operators.asc_op:
        return inner.element, False
    if term.modifier is operators.nulls_last_op and inner.modifier is operators.desc_op:
        return inner.element, True
    return None


def count_rows(db: Database, statement: Select[Any]) -> int:
    with db.session() as session:
        return session.scalar(count_statement(statement)) or 0


def count_statement(statement: Select[Any]) -> Select[Any]:
    """`SELECT count(*)` of the statement's rows, reading no more than its filters need.

    A list's joins fetch names for its columns (the room, the topic of a slip); a join that
    can match at most one row and that no filter reads cannot change the count, so it is
    left out: the outcomes' count read six tables for 0.2 s on the big district where the
    outcome table alone takes 3 ms. Grouped or distinct statements are counted as written.
    """
    plain = statement.order_by(None).limit(None).offset(None)
    froms = plain.get_final_froms()
    if plain._group_by_clauses or plain._distinct or plain._having_criteria or len(froms) != 1:
        return select(func.count()).select_from(plain.subquery())
    needed = _tables_read(plain.whereclause)
    lean = _without_lookups(froms[0], needed)
    counted = select(func.count()).select_from(lean)
    if plain.whereclause is not None:
        counted = counted.where(plain.whereclause)
    return counted


def _tables_read(clause: ColumnElement[Any] | None) -> set[FromClause]:
    if clause is None:
        return set()
    found: set[FromClause] = set()
    for element in iterate(clause):
        if isinstance(element, ColumnClause) and element.table is not None:
            found.add(_plain(element.table))
    return found


def _plain(source: FromClause) -> FromClause:
    """The table or alias itself: the ORM hands out annotated copies of both."""
    return source._deannotate()


def _without_lookups(source: FromClause, needed: set[FromClause]) -> FromClause:
    """The FROM clause less the joins that look one row up and that no filter needs."""
    if not isinstance(source, Join):
        return source
    if _plain(source.right) not in needed and _at_most_one_match(source):
        return _without_lookups(source.left, needed)
    left = _without_lookups(source.left, needed | _tables_read(source.onclause))
    return left.join(source.right, source.onclause, isouter=source.isouter, full=source.full)


def _at_most_one_match(join: Join) -> bool:
    """The join matches one row of its right side by that side's whole primary key; an outer
    join keeps its left rows either way, an inner one only when a NOT NULL foreign key (which
    SQLite enforces here) guarantees the row."""
    found = _lookup(join)
    if found is None:
        return False
    return join.isouter or found[1]


def _lookup(join: Join) -> tuple[ColumnClause[Any], bool, ColumnClause[Any]] | None:
    """For a join on its right side's whole primary key: the left side's column it matches,
    whether every left row finds its row (a NOT NULL foreign key to that key), and the key."""
    right, on = _plain(join.right), join.onclause
    table = _plain(right.element) if isinstance(right, Alias) else right
    if join.full or not isinstance(table, Table) or not isinstance(on, BinaryExpression):
        return None
    if on.operator is not operators.eq or len(table.primary_key.columns) != 1:
        return None
    key = table.primary_key.columns[0]
    sides = (on.left, on.right)
    for mine, other in (sides, sides[::-1]):
        if not (
            isinstance(mine, ColumnClause)
            and mine.table is not None
            and _plain(mine.table) is right
            and mine.name == key.name
        ):
            continue
        if not isinstance(other, ColumnClause):
            return None
        certain = not other.nullable and any(
            fk.column is key for fk in getattr(other, "foreign_keys", ())
        )
        return other, certain, mine
    return None


def _inner_where_certain(source: FromClause, ordered: set[FromClause]) -> FromClause:
    """The FROM clause with each outer lookup the order reads made inner where every row finds
    its match anyway: the same rows, but SQLite may then read the looked-up table first, in
    the order's index (a room's name), and stop after a page; an outer join pins it inside."""
    return _inner_where_certain_from(source, ordered)[0]


def _inner_where_certain_from(
    source: FromClause, ordered: set[FromClause]
) -> tuple[FromClause, set[FromClause]]:
    """`_inner_where_certain`, with the tables still outer joined: a NOT NULL foreign key
    promises no match when its own row may be missing (a meeting, looked up through an
    outcome's agenda item that an activity's outcome has not)."""
    if not isinstance(source, Join):
        return source, set()
    left, maybe_missing = _inner_where_certain_from(source.left, ordered)
    found = _lookup(source) if source.isouter and _plain(source.right) in ordered else None
    certain = (
        found is not None
        and found[1]
        and found[0].table is not None
        and _plain(found[0].table) not in maybe_missing
    )
    outer = source.isouter and not certain
    if outer:
        maybe_missing = maybe_missing | {_plain(source.right)}
    joined = left.join(source.right, source.onclause, isouter=outer, full=source.full)
    return joined, maybe_missing


def fetch_rows(
    db: Database,
    statement: Select[Any],
    *,
    order_by: Sequence[ColumnElement[Any]] = (),
    offset: int = 0,
    limit: int = 200,
) -> list[Row[Any]]:
    """One page of rows; `order_by` replaces the statement's own ordering when given."""
    statement = ordered(db, statement, order_by)
    with db.session() as session:
        return list(session.execute(page_statement(statement, offset=offset, limit=limit)).all())


def ordered(
    db: Database, statement: Select[Any], order_by: Sequence[ColumnElement[Any]] = ()
) -> Select[Any]:
    """The statement as fetch_rows pages it: `order_by` (when given) in place of its own
    ordering, and on the server its blanks where SQLite puts them."""
    if order_by:
        statement = statement.order_by(None).order_by(*order_by)
    if db.engine.dialect.name != "sqlite" and statement._order_by_clauses:
        # The pages' shortcuts (page_statement) know the server's ordering by its blanks
        # placed, and pick its pages in a shape of query its planner reads through indexes.
        # A column of the listed table that has no blanks is left as it is: the server's
        # indexes hand out no ascending order with blanks first, nor descending with blanks
        # last (the outcomes by state sorted all 58 000 rows of a 10-year district).
        main = _main_table(statement)
        ordering = [
            term if _never_blank(term, main) else nulls_as_sqlite([term])[0]
            for term in statement._order_by_clauses
        ]
        statement = statement.order_by(None).order_by(*ordering)
    return statement


def _main_table(statement: Select[Any]) -> FromClause | None:
    """The table a statement lists (the left end of its one FROM clause), or None."""
    froms = statement.get_final_froms()
    if len(froms) != 1:
        return None
    source = froms[0]
    while isinstance(source, Join):
        source = source.left
    return _plain(source)


def _never_blank(term: ColumnElement[Any], main: FromClause | None) -> bool:
    """Whether the ordering term sorts by a NOT NULL column of the listed table itself (a
    joined table's column is blank where the join finds no row), going up or down."""
    if main is None or not isinstance(term, UnaryExpression):
        return False
    if term.modifier is not operators.asc_op and term.modifier is not operators.desc_op:
        return False
    column = term.element
    return (
        isinstance(column, Column)
        and column.table is not None
        and _plain(column.table) is main
        and column.nullable is False
    )


def page_statement(statement: Select[Any], *, offset: int, limit: int) -> Select[Any]:
    """The rows `offset` to `offset + limit` of the ordered statement.

    Sorting by a column no index orders (a room's name, an outcome's text) sorts every row:
    the page's ids are picked first from the main table and the joins the order and the
    filters need, then only those rows are read whole, with their names and counts. Sorting
    the whole outcome rows by room took 0.4 s on the big district, the ids alone a tenth.
    """
    ordering = list(statement._order_by_clauses)
    given = statement.get_execution_options().get(OWN_PAGES)
    own = OwnPages(*given) if given is not None else None
    ids = own.page(ordering, offset, limit) if own is not None else None
    if own is not None and ids is not None:
        return statement.where(own.key.in_(ids))
    froms = statement.get_final_froms()
    if not ordering or statement._group_by_clauses or statement._distinct or len(froms) != 1:
        return statement.offset(offset).limit(limit)
    source = froms[0]
    main = source
    while isinstance(main, Join):
        main = main.left
    main = _plain(main)
    if not isinstance(main, Table) or len(main.primary_key.columns) != 1:
        return statement.offset(offset).limit(limit)
    key = main.primary_key.columns[0]
    split = _split_at_nulls(statement, source, ordering, key, offset=offset, limit=limit)
    if split is not None:
        return statement.where(key.in_(split.scalar_subquery()))
    ordered: set[FromClause] = set()
    for clause in ordering:
        ordered |= _tables_read(clause)
    needed = _tables_read(statement.whereclause) | ordered
    ids = select(key).select_from(_inner_where_certain(_without_lookups(source, needed), ordered))
    if statement.whereclause is not None:
        ids = ids.where(statement.whereclause)
    ids = ids.order_by(*ordering).offset(offset).limit(limit)
    return statement.where(key.in_(ids.scalar_subquery()))


def _split_at_nulls(
    statement: Select[Any],
    source: FromClause,
    ordering: list[ColumnElement[Any]],
    key: Any,
    *,
    offset: int,
    limit: int,
) -> Select[Any] | None:
    """The page's ids in the order of one column of a looked-up row that not every row has (a
    slip's topic, its collector), from a UNION ALL of the rows without one, whose key is NULL,
    and the rows with one read in that column's index order: sorting the outer join read
    every row (40 ms for the slips by topic on a 10-year district), the merge a page. None
    when the order or the filters do not allow it."""
    sorted_by = _direction(ordering[0]) if len(ordering) == 1 else None
    if sorted_by is None:
        return None
    column, descending = sorted_by
    if not isinstance(column, ColumnClause) or column.table is None:
        return None
    looked_up = _plain(column.table)
    where = statement.whereclause
    read = _tables_read(where)
    if looked_up in read:
        return None
    join = _join_of(source, looked_up)
    found = _lookup(join) if join is not None and join.isouter else None
    if join is None or found is None or found[1]:
        return None
    fk, _certain, right_key = found
    without = _without_lookups(source, read)
    if _join_of(without, looked_up) is not None:
        return None
    # Kept off the key's index, SQLite does not look the row up by its key but reads the
    # looked-up table first in the column's index order instead of every row and sorting.
    with_one = _without_lookups(source, read | {looked_up})
    with_one = _rejoin(with_one, looked_up, fk == unindexed(right_key))
    nulls = select(key.label("id"), null().label("sort_key")).select_from(without)
    ranked = select(key.label("id"), column.label("sort_key")).select_from(with_one)
    nulls = nulls.where(fk.is_(None))
    if where is not None:
        nulls, ranked = nulls.where(where), ranked.where(where)
    if _says_where_blanks_go(ordering[0]):
        return _server_split(nulls, ranked, key, descending=descending, offset=offset, limit=limit)
    merged = union_all(nulls, ranked)
    sort_key = merged.selected_columns.sort_key
    page = (
        merged.order_by(sort_key.desc() if descending else sort_key.asc())
        .offset(offset)
        .limit(limit)
        .subquery("page")
    )
    return select(page.c.id)


def _server_split(
    nulls: Select[Any],
    ranked: Select[Any],
    key: Any,
    *,
    descending: bool,
    offset: int,
    limit: int,
) -> Select[Any]:
    """`_split_at_nulls` on PostgreSQL: the rows without a value (first going up, last going
    down, as SQLite puts blanks) and those with one, each side read to the page's end on its
    own and the two then sorted, ties by id. The server merges no UNION ALL through indexes
    here, and its indexes hand out no ascending order with blanks first (nor the reverse):
    by a column that has no blanks, the side with values is sorted without saying where
    they go, so the index serves it."""
    value = ranked.selected_columns.sort_key
    order: ColumnElement[Any] = value.desc() if descending else value.asc()
    if getattr(value.element if isinstance(value, Label) else value, "nullable", True):
        order = nulls_as_sqlite([order])[0]
    sides = (
        (nulls.order_by(key), 1 if descending else 0),
        (ranked.order_by(order, key), 0 if descending else 1),
    )
    pieces = []
    for side, part in sides:
        piece = side.add_columns(literal(part).label("part")).limit(offset + limit).subquery()
        pieces.append(select(piece.c.id, piece.c.sort_key, piece.c.part))
    merged = union_all(*pieces).subquery("merged")
    # A few pages' rows: sorted with blanks placed, whatever the column.
    sort_key = nulls_as_sqlite([merged.c.sort_key.desc() if descending else merged.c.sort_key])
    return (
        select(merged.c.id)
        .order_by(merged.c.part, *sort_key, merged.c.id)
        .offset(offset)
        .limit(limit)
    )


def _says_where_blanks_go(term: ColumnElement[Any]) -> bool:
    return isinstance(term, UnaryExpression) and term.modifier in (
        operators.nulls_first_op,
        operators.nulls_last_op,
    )


def _join_of(source: FromClause, right: FromClause) -> Join | None:
    while isinstance(source, Join):
        if _plain(source.right) is right:
            return source
        source = source.left
    return None


def _rejoin(source: FromClause, right: FromClause, onclause: ColumnElement[bool]) -> FromClause:
    """The FROM clause with the join of `right` made inner, on `onclause`."""
    if not isinstance(source, Join):
        return source
    left = _rejoin(source.left, right, onclause)
    if _plain(source.right) is right:
        return left.join(source.right, onclause)
    return left.join(source.right, source.onclause, isouter=source.isouter, full=source.full)
