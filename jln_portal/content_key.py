"""Cache keys made of the data itself, read in SQL (the other half of jln_portal.cache).

Some pages show rows that have no version, or that change by paths bumping none: the
admin's inlines (answers, team members, questions, profiles), status changes and
extensions (no `updated_at`), a country's region, an evaluation's decision. For those
the versions passed to `versioned_key` are the shown values themselves, aggregated by
the database into one text per set of rows (`RowsText(RowText(...))`): one small value
to read instead of the rows, and any change to any of them, by whatever path, is a new
key. Each row is a JSON array (RowText), so a text decodes one way only: two different
sets of rows cannot give the same text, whatever they contain. The order of the rows is the
database's; another order gives another key (a miss, never a stale hit).
"""

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Aggregate, F, Func, TextField
from django.db.models.expressions import RawSQL


class RowText(Func):
    """One row's fields (names or expressions) as a JSON array, written by the database: a
    text that says where each value starts and ends, and NULL apart from "null". Not Django's
    JSONArray: it casts every value (more SQL to compile per request) and returns JSON to
    decode in Python, where the key needs one plain text."""

    function = "JSON_ARRAY"  # SQLite
    output_field = TextField()

    def __init__(self, *fields):
        super().__init__(*(F(field) if isinstance(field, str) else field for field in fields))

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSON_BUILD_ARRAY",
                           template="CAST(%(function)s(%(expressions)s) AS TEXT)", **extra_context)


class RowsText(Aggregate):
    """Every row's text (RowText) joined by commas into one value (NULL for no rows): each
    row's array is closed, so the text still decodes one way."""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s, ',')"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="STRING_AGG", **extra_context)


def compiled_once(queryset, **annotations):
    """`queryset` annotated with `annotations` (subqueries of row texts) whose SQL Django
    compiled once, here, for the default database: the copy returned carries it as RawSQL,
    so a request no longer pays Django's compiling of the subqueries (≈ 0.2 ms each). For a
    queryset built once per process and used as the outer query (its table by its name)."""
    annotated = queryset.annotate(**annotations)
    compiler = annotated.query.get_compiler(DEFAULT_DB_ALIAS)
    raw = {}
    for name in annotations:
        sql, params = compiler.compile(annotated.query.annotations[name])
        raw[name] = RawSQL(sql, params, output_field=TextField())
    return queryset.annotate(**raw)
