"""The few SQL expressions SQLite and PostgreSQL spell differently, each written once here.

Each renders on SQLite exactly the SQL the queries used before (their plans are checked by
tests/test_query_plans.py) and on PostgreSQL its own spelling of the same thing (issue 20).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Boolean, ColumnElement, Integer, Select, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import operators
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import TextClause, UnaryExpression, _label_reference
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.visitors import InternalTraversal


class year_month(FunctionElement[str]):
    """A DATE column's "YYYY-MM": SQLite stores dates as ISO text, PostgreSQL as dates."""

    type = String()
    name = "year_month"
    inherit_cache = True


@compiles(year_month)
def _year_month(element: year_month, compiler: SQLCompiler, **kw: Any) -> str:
    return f"substr({compiler.process(element.clauses, **kw)}, 1, 7)"


@compiles(year_month, "postgresql")
def _year_month_postgresql(element: year_month, compiler: SQLCompiler, **kw: Any) -> str:
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY-MM')"


class position(FunctionElement[int]):
    """Where `needle` first starts in `haystack` (1-based, 0 when absent): SQLite's
    instr(haystack, needle), PostgreSQL's strpos(haystack, needle)."""

    type = Integer()
    name = "position"
    inherit_cache = True


@compiles(position)
def _position(element: position, compiler: SQLCompiler, **kw: Any) -> str:
    return f"instr({compiler.process(element.clauses, **kw)})"


@compiles(position, "postgresql")
def _position_postgresql(element: position, compiler: SQLCompiler, **kw: Any) -> str:
    return f"strpos({compiler.process(element.clauses, **kw)})"


class IndexedBy(TextClause):
    """A table named in FROM with the index SQLite must read it by (`INDEXED BY`, which
    SQLAlchemy does not spell); other databases get the bare table and choose for themselves."""

    inherit_cache = True
    _traverse_internals = [  # noqa: RUF012 -- SQLAlchemy's own declaration, extended
        *TextClause._traverse_internals,
        ("index", InternalTraversal.dp_string),
    ]

    def __init__(self, table: str, index: str) -> None:
        super().__init__(table)
        self.index = index


def _table(element: IndexedBy, compiler: SQLCompiler, **kw: Any) -> str:
    return str(compiler.visit_textclause(element, **kw))  # type: ignore[no-untyped-call]


@compiles(IndexedBy)
def _indexed_by(element: IndexedBy, compiler: SQLCompiler, **kw: Any) -> str:
    return _table(element, compiler, **kw)


@compiles(IndexedBy, "sqlite")
def _indexed_by_sqlite(element: IndexedBy, compiler: SQLCompiler, **kw: Any) -> str:
    return f"{_table(element, compiler, **kw)} INDEXED BY {element.index}"


class unindexed(FunctionElement[Any]):
    """The column, kept off its indexes on SQLite by a unary + (SQLite's documented way to
    disqualify an index for a term); other databases get the bare column."""

    name = "unindexed"
    inherit_cache = True

    def __init__(self, column: ColumnElement[Any]) -> None:
        super().__init__(column)
        self.type = column.type


@compiles(unindexed)
def _unindexed(element: unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(unindexed, "sqlite")
def _unindexed_sqlite(element: unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return f"+ {compiler.process(element.clauses, **kw)}"


class not_among(ColumnElement[bool]):
    """`column NOT IN (subquery)`, on PostgreSQL `column <> ALL (ARRAY(subquery))`.

    The server answers NOT IN from a hashed subplan, which it will not test inside a join's
    index lookups: slips sorted by their topic then joined and sorted every topic (70 ms on a
    10-year district) instead of reading the topics in their title's index. The array is
    worked out once, before the first row, and tested like any value. The subquery must
    return no NULL (NOT IN and <> ALL differ there)."""

    type = Boolean()
    inherit_cache = True
    _is_implicitly_boolean = True  # a condition as it stands: SQLite gets no "= 1" after it
    _traverse_internals = [  # noqa: RUF012 -- SQLAlchemy's own declaration
        ("column", InternalTraversal.dp_clauseelement),
        ("subquery", InternalTraversal.dp_clauseelement),
    ]

    def __init__(self, column: ColumnElement[Any], subquery: Select[Any]) -> None:
        self.column = column
        self.subquery = subquery.scalar_subquery()


@compiles(not_among)
def _not_among(element: not_among, compiler: SQLCompiler, **kw: Any) -> str:
    return str(compiler.process(element.column.not_in(element.subquery), **kw))


@compiles(not_among, "postgresql")
def _not_among_postgresql(element: not_among, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.column, **kw)
    return f"{column} <> ALL (ARRAY({compiler.process(element.subquery, **kw)}))"


def nulls_as_sqlite(ordering: Sequence[ColumnElement[Any]]) -> list[ColumnElement[Any]]:
    """The ordering with blanks where SQLite puts them (first going up, last going down):
    PostgreSQL puts them the other way round, and a list sorted on the server should look
    as it does on a room's computer."""
    found: list[ColumnElement[Any]] = []
    for given in ordering:
        # A statement keeps a term that names a label of its own columns (`room_name ASC`)
        # wrapped as a reference to it: the term itself is inside.
        term = given.element if isinstance(given, _label_reference) else given
        if isinstance(term, UnaryExpression) and term.modifier is operators.desc_op:
            found.append(term.nulls_last())
        elif isinstance(term, UnaryExpression) and term.modifier is operators.asc_op:
            found.append(term.nulls_first())
        elif isinstance(term, UnaryExpression):
            found.append(term)  # already says where its blanks go
        else:
            found.append(term.asc().nulls_first())
    return found
