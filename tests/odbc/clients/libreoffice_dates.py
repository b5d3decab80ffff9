"""LibreOffice Base over the driver with inferred date columns (issue 16): a table whose attributes hold ISO 8601
dates and timestamps as text, loaded with boto3, is what a Base user sees as DATE and TIMESTAMP columns: the
column types Base lists and a result's metadata, the values as css.util.Date/DateTime equal to what was stored,
a date hierarchy (GROUP BY EXTRACT(YEAR ...), EXTRACT(MONTH ...)), the ODBC date functions in {fn} escapes
through Base's query paths (a RowSet command and a statement, with Base's escape processing, which parses and
rewrites the SQL, and without it), a date parameter as Base binds it, and an item written after the sample
whose text is not a date, which Base reads as NULL. Every expected value is computed here with Python's
datetime from the data loaded.

Run by run_client.sh (like libreoffice_client.py, whose headless soffice and connection it uses).
"""
import datetime
import os
import sys
import unittest

import uno  # python3-uno: makes the com.sun.star modules importable
from com.sun.star.sdb.CommandType import COMMAND, TABLE
from com.sun.star.sdbc.DataType import DATE, TIMESTAMP

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sample  # noqa: E402
from libreoffice_client import PREFIX, LibreOfficeBase  # noqa: E402

EVENTS = PREFIX + "_events"
EVENT_COUNT = 150
FIRST_DAY = datetime.date(2025, 11, 3)
FIRST_AT = datetime.datetime(2025, 12, 31, 22, 15, 30, 125000)


def events():
    """id e001..e150; `day` every third day from FIRST_DAY (YYYY-MM-DD); `at` every 61h 7m 13.25s from
    FIRST_AT (YYYY-MM-DDTHH:MM:SS.fffZ): both across a change of year and many months."""
    for k in range(EVENT_COUNT):
        day = FIRST_DAY + datetime.timedelta(days=3 * k)
        at = FIRST_AT + k * datetime.timedelta(hours=61, minutes=7, seconds=13, milliseconds=250)
        yield "e%03d" % (k + 1), day, at


def iso_at(at):
    return at.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (at.microsecond // 1000)


class LibreOfficeDates(LibreOfficeBase):
    @classmethod
    def setUpClass(cls):
        db = sample.resource()
        table = sample.create(db, EVENTS, [("id", "S", "HASH")])
        cls.addClassCleanup(table.delete)
        with table.batch_writer() as writer:
            for event_id, day, at in events():
                writer.put_item(Item={"id": event_id, "day": day.isoformat(), "at": iso_at(at)})
        cls.events_table = table
        super().setUpClass()

    def statement_rows(self, sql, escape_processing=True):
        """Every row of `sql` run as a Base statement, each value read with the getter its column's type
        calls for (getDate, getTimestamp, getString), None for NULL."""
        statement = self.conn.createStatement()
        statement.EscapeProcessing = escape_processing
        return self.read_all(statement.executeQuery(sql))

    def rowset_rows(self, sql, escape_processing=True):
        """Every row of `sql` as a RowSet command, the way a Base query runs (escape processing: Base
        parses the SQL and sends its own rendering of it)."""
        rs = self.rowset(sql, COMMAND, EscapeProcessing=escape_processing)
        return self.read_all(rs)

    @staticmethod
    def read_all(result):
        meta = result.getMetaData()
        types = [meta.getColumnType(i) for i in range(1, meta.getColumnCount() + 1)]
        rows = []
        while result.next():
            row = []
            for i, column_type in enumerate(types, 1):
                if column_type == DATE:
                    d = result.getDate(i)
                    value = datetime.date(d.Year, d.Month, d.Day) if not result.wasNull() else None
                elif column_type == TIMESTAMP:
                    t = result.getTimestamp(i)
                    value = (datetime.datetime(t.Year, t.Month, t.Day, t.Hours, t.Minutes, t.Seconds, t.NanoSeconds // 1000)
                             if not result.wasNull() else None)
                else:
                    value = result.getString(i)
                    value = None if result.wasNull() else value
                row.append(value)
            rows.append(tuple(row))
        return rows

    def test_column_types(self):
        columns = self.conn.getTables().getByName(EVENTS).getColumns()
        self.assertEqual((columns.getByName("day").Type, columns.getByName("day").TypeName), (DATE, "DATE"))
        self.assertEqual((columns.getByName("at").Type, columns.getByName("at").TypeName), (TIMESTAMP, "TIMESTAMP"))
        self.assertEqual(columns.getByName("id").TypeName, "VARCHAR")
        meta = self.rowset(EVENTS, TABLE).getMetaData()
        types = {meta.getColumnName(i): meta.getColumnType(i) for i in range(1, meta.getColumnCount() + 1)}
        self.assertEqual((types["day"], types["at"]), (DATE, TIMESTAMP))

    def test_values_equal_what_was_stored(self):
        stored = {event_id: (day, at) for event_id, day, at in events()}
        for rows in (self.statement_rows('SELECT "id", "day", "at" FROM "%s"' % EVENTS),
                     self.rowset_rows('SELECT "id", "day", "at" FROM "%s"' % EVENTS)):
            self.assertEqual({r[0]: r[1:] for r in rows}, stored)

    def test_date_hierarchy(self):
        expected = {}
        for _, day, _ in events():
            expected[(day.year, day.month)] = expected.get((day.year, day.month), 0) + 1
        want = [(str(y), str(m), str(n)) for (y, m), n in sorted(expected.items())]
        extract = ('SELECT EXTRACT(YEAR FROM "day") AS "y", EXTRACT(MONTH FROM "day") AS "m", COUNT(*) AS "n" FROM "%s" '
                   'GROUP BY EXTRACT(YEAR FROM "day"), EXTRACT(MONTH FROM "day") ORDER BY "y", "m"' % EVENTS)
        for escape_processing in (True, False):
            self.assertEqual(self.statement_rows(extract, escape_processing), want)
        # A RowSet command with escape processing (a Base query not run "directly") goes through Base's
        # parser, whose GROUP BY takes only names (it refuses the query above): the hierarchy grouped by
        # the items' aliases (an output column's name, as in PostgreSQL), or by {fn} calls.
        self.assertEqual(self.rowset_rows(extract, escape_processing=False), want)
        by_alias = ('SELECT EXTRACT(YEAR FROM "day") AS "y", EXTRACT(MONTH FROM "day") AS "m", COUNT(*) AS "n" FROM "%s" '
                    'GROUP BY "y", "m" ORDER BY "y", "m"' % EVENTS)
        fn = ('SELECT {fn YEAR("day")} AS "y", {fn MONTH("day")} AS "m", COUNT(*) AS "n" FROM "%s" '
              'GROUP BY {fn YEAR("day")}, {fn MONTH("day")} ORDER BY "y", "m"' % EVENTS)
        for sql in (by_alias, fn):
            for escape_processing in (True, False):
                self.assertEqual(self.rowset_rows(sql, escape_processing), want, sql)

    def test_odbc_date_functions(self):
        sql = ('SELECT "id", {fn YEAR("day")}, {fn MONTH("day")}, {fn DAYOFWEEK("day")}, '
               '{fn TIMESTAMPADD(SQL_TSI_DAY, 40, "day")}, {fn TIMESTAMPADD(SQL_TSI_HOUR, 5, "at")}, {fn CURDATE()} '
               'FROM "%s"' % EVENTS)
        before = datetime.datetime.now(datetime.timezone.utc).date()
        results = [self.statement_rows(sql, escape_processing) for escape_processing in (True, False)]
        results += [self.rowset_rows(sql, escape_processing) for escape_processing in (True, False)]
        after = datetime.datetime.now(datetime.timezone.utc).date()
        for rows in results:
            self.assertEqual(len(rows), EVENT_COUNT)
            today = rows[0][6]
            self.assertIn(today, (before, after))  # UTC, one value for the statement
            # DAYOFWEEK: Sunday 1 .. Saturday 7; isoweekday: Monday 1 .. Sunday 7.
            want = {event_id: (str(day.year), str(day.month), str(day.isoweekday() % 7 + 1),
                               datetime.datetime.combine(day + datetime.timedelta(days=40), datetime.time()),
                               at + datetime.timedelta(hours=5), today)
                    for event_id, day, at in events()}
            self.assertEqual({r[0]: r[1:] for r in rows}, want)

    def test_date_parameter(self):
        # Base binds a date parameter (its parameter dialog, a form's filter) with setDate.
        statement = self.conn.prepareStatement('SELECT COUNT(*) FROM "%s" WHERE "day" >= ?' % EVENTS)
        since = FIRST_DAY + datetime.timedelta(days=100)
        statement.setDate(1, self.uno_date(since))
        result = statement.executeQuery()
        self.assertTrue(result.next())
        self.assertEqual(result.getLong(1), sum(1 for _, day, _ in events() if day >= since))

    @staticmethod
    def uno_date(day):
        return uno.createUnoStruct("com.sun.star.util.Date", day.day, day.month, day.year)

    def test_editing_dates_in_the_table_view(self):
        # Typed into Base's table view (updateDate, updateTimestamp on a RowSet on the table), dates are
        # stored as text in the form the column holds; a fraction finer than the form's is kept.
        self.addCleanup(self.events_table.delete_item, Key={"id": "y_new"})
        rs = self.rowset(EVENTS, TABLE, Filter="\"id\" = 'y_new'", ApplyFilter=True)
        rs.moveToInsertRow()
        rs.updateString(rs.findColumn("id"), "y_new")
        rs.updateDate(rs.findColumn("day"), self.uno_date(datetime.date(2026, 2, 28)))
        rs.updateTimestamp(rs.findColumn("at"), uno.createUnoStruct(
            "com.sun.star.util.DateTime", 123456000, 30, 20, 10, 1, 3, 2026, False))
        rs.insertRow()
        stored = self.events_table.get_item(Key={"id": "y_new"}, ConsistentRead=True)["Item"]
        self.assertEqual((stored["day"], stored["at"]), ("2026-02-28", "2026-03-01T10:20:30.123456Z"))
        rs.execute()
        self.assertTrue(rs.first())
        rs.updateTimestamp(rs.findColumn("at"), uno.createUnoStruct(
            "com.sun.star.util.DateTime", 0, 0, 0, 9, 2, 3, 2026, False))
        rs.updateRow()
        stored = self.events_table.get_item(Key={"id": "y_new"}, ConsistentRead=True)["Item"]
        self.assertEqual(stored["at"], "2026-03-02T09:00:00.000Z")

    def test_later_text_that_is_not_a_date_reads_as_null(self):
        # The columns were inferred when this connection first read the table (the tests above, or this
        # statement); an item written afterwards, behind the driver's back, holds text that is not a date.
        self.assertEqual(len(self.statement_rows('SELECT "id" FROM "%s"' % EVENTS)), EVENT_COUNT)
        self.events_table.put_item(Item={"id": "z_odd", "day": "not a date", "at": "soon"})
        self.addCleanup(self.events_table.delete_item, Key={"id": "z_odd"})
        sql = 'SELECT "id", "day", "at", {fn YEAR("day")} FROM "%s" WHERE "id" >= \'z\'' % EVENTS
        for rows in (self.statement_rows(sql), self.rowset_rows(sql)):
            self.assertEqual(rows, [("z_odd", None, None, None)])
        # The table view: the RowSet on the table reads every row, the odd one with empty dates.
        rs = self.rowset(EVENTS, TABLE)
        seen = 0
        while rs.next():
            seen += 1
            if rs.getString(rs.findColumn("id")) == "z_odd":
                rs.getDate(rs.findColumn("day"))
                self.assertTrue(rs.wasNull())
        self.assertEqual(seen, EVENT_COUNT + 1)


if __name__ == "__main__":
    unittest.main(verbosity=2)
