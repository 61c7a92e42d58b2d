"""Cache keys made of the data itself, read in SQL (the other half of jln_portal.cache).

Some pages show rows that have no version, or that change by paths bumping none: the
admin's inlines (answers, team members, questions, profiles), status changes and
extensions (no `updated_at`), a country's region, an evaluation's decision. For those
the versions passed to `versioned_key` are the shown values themselves, aggregated by
the database into one text per set of rows (`RowsText(RowText(...))`): one small value
to read instead of the rows, and any change to any of them, by whatever path, is a new
key. Each value is escaped (RowText), so a text decodes one way only: two different sets
of rows cannot give the same text, whatever they contain. The order of the rows is the
database's; another order gives another key (a miss, never a stale hit).
"""

from django.db.models import Aggregate, F, Func, TextField


class RowText(Func):
    """One row's fields (names or expressions) as one text: each value with its backslashes
    and commas escaped (NULL as `\\N`), joined by commas. The SQL is written here in one
    piece: Django's Concat and Cast cost ≈ 0.2 ms a value to build, and nest too deep for
    SQLite's parser; each value is computed once (a subquery runs once a row)."""

    output_field = TextField()

    def __init__(self, *fields):
        super().__init__(*(F(field) if isinstance(field, str) else field for field in fields))

    def as_sql(self, compiler, connection, **extra_context):
        parts, params = [], []
        for expression in self.get_source_expressions():
            sql, expression_params = compiler.compile(expression)
            parts.append(_ESCAPED % sql)
            params += expression_params
        return "(" + " || ',' || ".join(parts) + ")", params


_ESCAPED = r"COALESCE(REPLACE(REPLACE(CAST(%s AS TEXT), '\', '\\'), ',', '\,'), '\N')"


class RowsText(Aggregate):
    """Every row's text (RowText) joined by commas into one value (NULL for no rows): as
    every row has the same number of values, the text still decodes one way."""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s, ',')"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="STRING_AGG", **extra_context)
