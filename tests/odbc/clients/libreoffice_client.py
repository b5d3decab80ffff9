"""LibreOffice Base over the driver, driven through UNO (python3-uno) in a headless soffice with a private
user profile on a free port, always stopped: what a Base user does with a DynamoDB data source. The
tables and columns Base lists, the table view (a RowSet on a table) with the DynamoDB requests it
costs, a filter and a sort set on the RowSet, the SQL Base's query designer writes for joins, a
GROUP BY, parameters as Base binds them, 38-digit numbers and text with accents and emoji, and
editing rows in the table view (insert, update with fractional numbers, delete) checked with a
SELECT.

Run by run_client.sh (sample tables PREFIX_orders and PREFIX_customers, expected answers); connects
through a counting proxy (request_counter.py) with a DSN of its own in a private ODBCINI.
"""
import decimal
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest

import uno  # noqa: F401  (python3-uno: makes the com.sun.star modules importable)
from com.sun.star.sdb.CommandType import COMMAND, TABLE

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sample  # noqa: E402
from request_counter import RequestCounter  # noqa: E402

PREFIX = os.environ["DYNAMOSQL_SAMPLE_PREFIX"]
ORDERS, CUSTOMERS = PREFIX + "_orders", PREFIX + "_customers"
ENDPOINT = open(os.path.join(os.environ["DYNAMOSQL_TEST_STATE"], "endpoint")).read().strip()


class Office:
    """A headless soffice with a private profile, listening on a free 127.0.0.1 port."""

    def __init__(self, environment):
        self.profile = tempfile.mkdtemp(prefix="dynamosql_lo_")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.process = subprocess.Popen(
            ["soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
             "-env:UserInstallation=file://" + self.profile,
             "--accept=socket,host=127.0.0.1,port=%d;urp;StarOffice.ComponentContext" % port],
            env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            self.context = self._connect(port)
        except BaseException:
            self.stop()
            raise

    def _connect(self, port):
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + 120
        while True:
            try:
                return resolver.resolve("uno:socket,host=127.0.0.1,port=%d;urp;StarOffice.ComponentContext" % port)
            except Exception:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("soffice did not start")
                time.sleep(0.2)

    def create(self, service):
        return self.context.ServiceManager.createInstanceWithContext(service, self.context)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)
                self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


class LibreOfficeBase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.expected = sample.read_expected()
        cls.counter = RequestCounter(ENDPOINT).__enter__()
        cls.addClassCleanup(cls.counter.__exit__, None, None, None)
        # A DSN of the test's own, through the counting proxy, beside the registered ones. With 1 MB of
        # rows in memory a scrollable cursor over the 2,000 orders keeps those past its first megabyte
        # in its temporary file, so the table view (last() included) reads through it.
        cls.odbc_ini = tempfile.NamedTemporaryFile("w", suffix=".ini", delete=False)
        cls.odbc_ini.write("[dynamosql_counted]\nDriver=dynamosql\nEndpoint=%s\nRegion=us-east-1\n"
                           "AccessKeyId=test\nSecretAccessKey=test\nStaticCursorMemoryMB=1\n" % cls.counter.endpoint)
        cls.odbc_ini.close()
        cls.addClassCleanup(os.unlink, cls.odbc_ini.name)
        cls.office = Office(dict(os.environ, ODBCINI=cls.odbc_ini.name))
        cls.addClassCleanup(cls.office.stop)
        source = cls.office.create("com.sun.star.sdb.DatabaseContext").createInstance()
        source.URL = "sdbc:odbc:dynamosql_counted"
        cls.conn = source.getConnection("", "")
        cls.addClassCleanup(cls.conn.close)

    def rowset(self, command, command_type=TABLE, **properties):
        rs = self.office.create("com.sun.star.sdb.RowSet")
        rs.ActiveConnection = self.conn
        rs.CommandType = command_type
        rs.Command = command
        for name, value in properties.items():
            setattr(rs, name, value)
        rs.execute()
        self.addCleanup(rs.dispose)
        return rs

    def query(self, sql):
        """Every row of `sql` as tuples of getString values (None for NULL)."""
        result = self.conn.createStatement().executeQuery(sql)
        count = result.getMetaData().getColumnCount()
        rows = []
        while result.next():
            row = []
            for i in range(1, count + 1):
                text = result.getString(i)
                row.append(None if result.wasNull() else text)
            rows.append(tuple(row))
        return rows

    @staticmethod
    def values(rs, *columns):
        return tuple(rs.getString(rs.findColumn(c)) for c in columns)

    def expected_row(self, customer_id, order_id):
        return tuple(self.expected["row.%s.%s" % (customer_id, order_id)].split("|"))


class LibreOfficeClient(LibreOfficeBase):
    def test_tables_and_columns(self):
        tables = self.conn.getTables()
        self.assertIn(ORDERS, tables.getElementNames())
        self.assertIn(CUSTOMERS, tables.getElementNames())
        orders = tables.getByName(ORDERS)
        columns = orders.getColumns()
        types = {name: (columns.getByName(name).TypeName, columns.getByName(name).Precision, columns.getByName(name).Scale)
                 for name in columns.getElementNames()}
        self.assertEqual(types["customer_id"][0], "VARCHAR")
        self.assertEqual(types["status"][0], "VARCHAR")
        self.assertEqual(types["_other"][0], "JSON")
        # Numbers: 38 digits before the point and NumberScale's 38 after (the sample shows 0 and 2): the
        # decimals Base shows, and cuts what it writes to. The table view's RowSet sees the same.
        for number in ("order_id", "qty", "price"):
            self.assertEqual(types[number], ("DECIMAL", 76, 38), number)
        view = self.rowset(ORDERS).getColumns()
        for number in ("order_id", "qty", "price"):
            self.assertEqual((view.getByName(number).Precision, view.getByName(number).Scale), (76, 38), number)
        keys = orders.getKeys()
        primary = [keys.getByIndex(i) for i in range(keys.getCount()) if keys.getByIndex(i).Type == 1]
        self.assertEqual(sorted(primary[0].getColumns().getElementNames()), ["customer_id", "order_id"])

    def test_table_view_and_its_requests(self):
        self.counter.reset()
        rs = self.rowset(ORDERS)
        opened = self.counter.counts()
        self.counter.reset()
        # The first 100 rows, as the table view shows them, checked against the data loaded.
        self.assertTrue(rs.first())
        for _ in range(100):
            customer_id, order_id = self.values(rs, "customer_id", "order_id")
            self.assertEqual(self.values(rs, "status", "qty", "price"), self.expected_row(customer_id, order_id))
            rs.next()
        forward = self.counter.counts()
        # Rows read forward come from the Scan's pages; Base re-reads only the few rows where its cache
        # window moves (about 4 in 100 here), never one per row.
        self.assertLessEqual(forward.get("GetItem", 0), 10)
        self.assertEqual(set(forward) - {"GetItem"}, set())
        self.counter.reset()
        # Back to a screen of 40 rows seen before: Base's keyset cache re-reads rows it has let go of by
        # their key, one GetItem each, refilling its window (FetchSize rows) around the row it moves to.
        rs.absolute(20)
        for _ in range(40):
            rs.next()
            self.values(rs, "qty")
        back = self.counter.counts()
        self.assertLessEqual(back.get("GetItem", 0), rs.FetchSize + 41)
        self.assertEqual(set(back) - {"GetItem"}, set())
        self.counter.reset()
        self.assertTrue(rs.last())
        self.assertEqual(rs.getRow(), int(self.expected["rows"]))
        print("\nLibreOffice table view on %s rows (FetchSize %d): opening %s; first 100 rows %s; back to a "
              "screen of 40 rows seen before %s; to the last row %s" % (
                  self.expected["rows"], rs.FetchSize, opened, forward or "{}", back, self.counter.counts() or "{}"),
              file=sys.stderr)

    def test_filter_and_sort_on_the_rowset(self):
        rs = self.rowset(ORDERS, Filter="\"status\" = 'PAID'", ApplyFilter=True,
                         Order="\"qty\" DESC, \"customer_id\", \"order_id\"")
        seen = []
        while rs.next():
            seen.append(self.values(rs, "customer_id", "order_id", "status", "qty"))
        self.assertEqual(len(seen), int(self.expected["status.PAID.count"]))
        self.assertEqual({row[2] for row in seen}, {"PAID"})
        keys = [(-int(row[3]), row[0], int(row[1])) for row in seen]
        self.assertEqual(keys, sorted(keys))
        paid = {tuple(name.split(".")[1:]) for name, value in self.expected.items()
                if name.startswith("row.") and value.startswith("PAID|")}
        self.assertEqual({row[:2] for row in seen}, paid)

    def test_group_by(self):
        sums = self.rowset('SELECT SUM("price") AS "p" FROM "%s"' % ORDERS, COMMAND).getColumns().getByName("p")
        self.assertEqual(sums.Scale, 38)  # was 0: Base would show a sum of prices without its cents
        rows = self.query('SELECT "status", COUNT(*), SUM("qty"), SUM("price") FROM "%s" GROUP BY "status"' % ORDERS)
        self.assertEqual(sorted(r[0] for r in rows), self.expected["statuses"].split(","))
        for status, count, qty, price in rows:
            self.assertEqual((count, qty, price), tuple(self.expected["status.%s.%s" % (status, k)]
                                                        for k in ("count", "qty", "price")))

    def test_dates(self):
        # A date column's type as Base sees it, a date hierarchy, and the {d} / {fn} escapes Base passes
        # on: dates made from the orders' numbers (DATE + integer days), order_id 1..20 per customer.
        result = self.conn.createStatement().executeQuery(
            "SELECT DATE '2026-01-20' + order_id AS placed, CAST('2026-01-31 10:20:30' AS TIMESTAMP) AS at FROM %s "
            "WHERE customer_id = 'c0001' AND order_id = 1" % ORDERS)
        meta = result.getMetaData()
        self.assertEqual((meta.getColumnTypeName(1), meta.getColumnTypeName(2)), ("DATE", "TIMESTAMP"))
        self.assertTrue(result.next())
        placed = result.getDate(1)
        self.assertEqual((placed.Year, placed.Month, placed.Day), (2026, 1, 21))
        self.assertEqual(result.getTimestamp(2).Hours, 10)
        months = self.query(
            "SELECT EXTRACT(YEAR FROM DATE '2026-01-20' + order_id) AS y, EXTRACT(MONTH FROM DATE '2026-01-20' + order_id) AS m, "
            "COUNT(*) AS n FROM %s GROUP BY EXTRACT(YEAR FROM DATE '2026-01-20' + order_id), "
            "EXTRACT(MONTH FROM DATE '2026-01-20' + order_id) ORDER BY y, m" % ORDERS)
        per_customer_in_january = 31 - 20  # order_id 1..11 fall in January, 12..20 in February
        self.assertEqual(months, [("2026", "1", str(sample.CUSTOMERS * per_customer_in_january)),
                                  ("2026", "2", str(sample.CUSTOMERS * (sample.ORDERS_PER_CUSTOMER - per_customer_in_january)))])
        row = self.query(
            "SELECT {fn YEAR({d '2026-01-31'})}, {fn DAYOFWEEK({d '2026-01-31'})}, {fn MONTHNAME({ts '2026-03-01 10:00:00'})}, "
            "{fn TIMESTAMPDIFF(SQL_TSI_DAY, {d '2026-01-01'}, {d '2026-03-01'})} FROM %s "
            "WHERE customer_id = 'c0001' AND order_id = 1" % ORDERS)
        self.assertEqual(row, [("2026", "7", "March", "59")])

    def test_query_designer_joins(self):
        # What Base's query designer writes for two tables joined on customer_id, grouped by city:
        # an inner join as a comma join with the condition in WHERE, a left join in the {oj} escape
        # (dbaccess QueryDesignView: GenerateFromClause, BuildJoin, GenerateInnerJoinCriterias).
        o, c = '"%s"' % ORDERS, '"%s"' % CUSTOMERS
        inner = ('SELECT %s."city", COUNT( %s."order_id" ) FROM %s, %s WHERE ( %s."customer_id" = %s."customer_id" ) '
                 'GROUP BY %s."city"' % (c, o, o, c, o, c, c))
        left = ('SELECT %s."city", COUNT( %s."order_id" ) FROM { oj %s LEFT OUTER JOIN %s ON %s."customer_id" = '
                '%s."customer_id" } GROUP BY %s."city"' % (c, o, c, o, c, o, c))
        # Three tables (customers, orders, customers again as customers_1), each link a left join: one {oj}
        # chain, each join added on the right of the chain so far, never parenthesised (BuildJoin switches
        # LEFT and RIGHT rather than nest a join on the right).
        c1 = '"customers_1"'
        chain = ('SELECT %s."city", COUNT( %s."order_id" ) FROM { oj %s LEFT OUTER JOIN %s ON %s."customer_id" = %s."customer_id" '
                 'LEFT OUTER JOIN %s %s ON %s."customer_id" = %s."customer_id" } GROUP BY %s."city"' % (c, o, c, o, c, o, c, c1, o, c1, c))
        for sql in (inner, left, chain):
            rs = self.rowset(sql, COMMAND)
            counts = {}
            while rs.next():
                counts[rs.getString(1)] = rs.getString(2)
            self.assertEqual(counts, {city: self.expected["join.%s.count" % city]
                                      for city in self.expected["cities"].split(",")}, sql)

    def test_parameters(self):
        statement = self.conn.prepareStatement(
            'SELECT "qty", "price", "status" FROM "%s" WHERE "customer_id" = ? AND "order_id" = ?' % ORDERS)
        # setString for the number, as Base's parameter dialog and macros that read text fields do.
        for bind in (lambda: statement.setInt(2, 3), lambda: statement.setString(2, "3")):
            statement.setString(1, "c0007")
            bind()
            result = statement.executeQuery()
            self.assertTrue(result.next())
            self.assertEqual((result.getString(1), result.getString(2), result.getString(3)),
                             (self.expected["key.qty"], self.expected["key.price"], self.expected["key.status"]))
            self.assertFalse(result.next())
        count = self.conn.prepareStatement('SELECT COUNT(*) FROM "%s" WHERE "qty" > ?' % ORDERS)
        for bind in (lambda: count.setDouble(1, 5.0), lambda: count.setString(1, "5")):
            bind()
            result = count.executeQuery()
            self.assertTrue(result.next())
            self.assertEqual(result.getString(1), self.expected["qty_over_5"])

    def test_exact_numbers_and_text(self):
        rows = self.query('SELECT "customer_id", "order_id", "big", "note" FROM "%s" '
                          'WHERE "big" IS NOT NULL OR "note" IS NOT NULL' % ORDERS)
        bigs = {"big.%s.%s" % (r[0], r[1]): r[2] for r in rows if r[2] is not None}
        notes = {"note.%s.%s" % (r[0], r[1]): r[3] for r in rows if r[3] is not None}
        self.assertEqual(bigs, {k: v for k, v in self.expected.items() if k.startswith("big.")})
        self.assertEqual(notes, {k: v for k, v in self.expected.items() if k.startswith("note.")})
        names = {"name.%s" % r[0]: r[1] for r in self.query('SELECT "customer_id", "name" FROM "%s"' % CUSTOMERS)}
        self.assertEqual(names, {k: v for k, v in self.expected.items() if k.startswith("name.")})

    def test_editing_rows_in_the_table_view(self):
        # The rows added here leave with the test, so the other tests see the data as loaded.
        self.addCleanup(lambda: self.conn.createStatement().executeUpdate(
            'DELETE FROM "%s" WHERE "customer_id" = \'lo_edit\'' % ORDERS))
        rs = self.rowset(ORDERS, Filter="\"customer_id\" = 'lo_edit'", ApplyFilter=True, Order='"order_id"')
        for order_id, qty, note in ((1, 2.5, "Grüße 👋"), (2, 4, "to be deleted")):
            rs.moveToInsertRow()
            rs.updateString(rs.findColumn("customer_id"), "lo_edit")
            rs.updateInt(rs.findColumn("order_id"), order_id)
            rs.updateDouble(rs.findColumn("qty"), qty)  # fractional, in a column sampled with whole numbers
            rs.updateString(rs.findColumn("note"), note)
            rs.insertRow()
        self.assertEqual(self.query('SELECT "order_id", "qty", "note" FROM "%s" WHERE "customer_id" = '
                                    "'lo_edit' ORDER BY \"order_id\"" % ORDERS),
                         [("1", "2.5", "Grüße 👋"), ("2", "4", "to be deleted")])
        rs.execute()
        self.assertTrue(rs.first())
        rs.updateDouble(rs.findColumn("qty"), 7.25)
        rs.updateString(rs.findColumn("price"), "12345678901234567890123456789012.123456")  # 32 + 6 digits
        rs.updateRow()
        self.assertEqual(self.query('SELECT "qty", "price" FROM "%s" WHERE "customer_id" = \'lo_edit\' AND "order_id" = 1'
                                    % ORDERS), [("7.25", "12345678901234567890123456789012.123456")])
        # More decimals than any sampled value (the sample has 0 in qty, 2 in price), typed after the
        # sample: kept exactly. Base cuts what it writes to the column's scale, so with a scale of 6 (the
        # default before) 0.1234567 became 0.123456, and 0.00001234, which Base turns into the text
        # 1.234E-05 before cutting it, became 1.234.
        for qty, price in ((0.00001234, "0.12345678901234567890123456789"), (1.5e20, "-0.1234567")):
            rs.updateDouble(rs.findColumn("qty"), qty)
            rs.updateString(rs.findColumn("price"), price)
            rs.updateRow()
            self.assertEqual(self.query('SELECT "qty", "price" FROM "%s" WHERE "customer_id" = \'lo_edit\' AND '
                                        '"order_id" = 1' % ORDERS), [(sample.text(decimal.Decimal(repr(qty))), price)])
        rs.updateDouble(rs.findColumn("qty"), 7.25)
        rs.updateString(rs.findColumn("price"), "12345678901234567890123456789012.123456")
        rs.updateRow()
        self.assertTrue(rs.next())
        self.assertEqual(rs.getString(rs.findColumn("order_id")), "2")
        rs.deleteRow()
        self.assertEqual(self.query('SELECT "order_id", "qty", "price", "note" FROM "%s" WHERE "customer_id" = '
                                    "'lo_edit'" % ORDERS), [("1", "7.25", "12345678901234567890123456789012.123456", "Grüße 👋")])


if __name__ == "__main__":
    unittest.main(verbosity=2)
