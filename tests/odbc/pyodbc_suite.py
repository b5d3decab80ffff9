"""What BI tools and notebooks do over ODBC, through pyodbc (Debian's python3-pyodbc) and the
registered driver with the DSN dynamosql_test: connect, read SQLGetInfo, list tables and columns,
parameterised and wrapped queries, 100,000 rows through fetchall, writes with row counts, error
SQLSTATEs and text round trips.

usage: pyodbc_suite.py BENCH_TOOL   (bench_tool loads the 100,000-item table)
"""
import datetime
import decimal
import json
import os
import random
import subprocess
import sys
import unittest

import pyodbc

BENCH_TOOL = sys.argv.pop(1) if len(sys.argv) > 1 else None
ENDPOINT = open(os.path.join(os.environ["DYNAMOSQL_TEST_STATE"], "endpoint")).read().strip()
CONNECTION_STRING = (
    "Driver=dynamosql;Endpoint=%s;Region=us-east-1;AccessKeyId=test;SecretAccessKey=test" % ENDPOINT
)


def unique(prefix):
    return "%s_%d_%d" % (prefix, os.getpid(), random.randrange(1 << 30))


def sqlstate(error):
    return error.args[0]


class PyodbcSuite(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.conn = pyodbc.connect("DSN=dynamosql_test", autocommit=True)
        cls.table = unique("py_items")
        cur = cls.conn.cursor()
        cur.execute("CREATE TABLE %s (id VARCHAR, PRIMARY KEY (id))" % cls.table)
        cur.execute("CREATE INDEX by_city ON %s (city VARCHAR)" % cls.table)
        cur.executemany(
            "INSERT INTO %s (id, city, amount) VALUES (?, ?, ?)" % cls.table,
            [("i%02d" % k, ["Oslo", "Zürich", "東京"][k % 3], decimal.Decimal(k) / 4) for k in range(30)],
        )

    @classmethod
    def tearDownClass(cls):
        cls.conn.close()

    def test_connect_by_connection_string(self):
        conn = pyodbc.connect(CONNECTION_STRING, autocommit=True)
        self.assertEqual(conn.cursor().execute("SELECT COUNT(*) FROM %s" % self.table).fetchval(), 30)
        conn.close()

    def test_getinfo(self):
        c = self.conn
        self.assertEqual(c.getinfo(pyodbc.SQL_DBMS_NAME), "DynamoDB")
        self.assertTrue(c.getinfo(pyodbc.SQL_DBMS_VER))
        self.assertEqual(c.getinfo(pyodbc.SQL_DRIVER_NAME), "libdynamosqlodbc.so")
        self.assertEqual(c.getinfo(pyodbc.SQL_IDENTIFIER_QUOTE_CHAR), '"')
        self.assertEqual(c.getinfo(pyodbc.SQL_SCHEMA_TERM), "schema")
        self.assertEqual(c.getinfo(pyodbc.SQL_DATA_SOURCE_NAME), "dynamosql_test")
        self.assertEqual(c.getinfo(pyodbc.SQL_TXN_CAPABLE), 1)  # SQL_TC_DML
        self.assertEqual(c.getinfo(pyodbc.SQL_MAX_TABLE_NAME_LEN), 255)
        self.assertIn("UPSERT", c.getinfo(pyodbc.SQL_KEYWORDS))
        self.assertTrue(c.getinfo(pyodbc.SQL_STRING_FUNCTIONS) & 0x200)  # SQL_FN_STR_UCASE

    def test_tables_and_columns(self):
        # A fresh connection, as a BI tool opens: columns inferred from the items there now.
        cur = pyodbc.connect("DSN=dynamosql_test", autocommit=True).cursor()
        names = [row.table_name for row in cur.tables(tableType="TABLE")]
        self.assertIn(self.table, names)
        columns = {row.column_name: row for row in cur.columns(table=self.table)}
        self.assertEqual(list(columns), ["id", "amount", "city", "_other"])
        self.assertEqual(columns["amount"].type_name, "DECIMAL")
        self.assertEqual(columns["amount"].data_type, pyodbc.SQL_DECIMAL)
        self.assertEqual(columns["amount"].decimal_digits, 38)  # NumberScale: more than the sample's 2
        self.assertEqual(columns["amount"].column_size, 76)  # 38 digits before the point
        self.assertEqual(columns["id"].nullable, pyodbc.SQL_NO_NULLS)
        keys = [row.column_name for row in cur.primaryKeys(self.table)]
        self.assertEqual(keys, ["id"])
        indexes = {row.index_name for row in cur.statistics(self.table) if row.index_name}
        self.assertEqual(indexes, {"PRIMARY", "by_city"})

    def test_parameterised_select(self):
        cur = self.conn.cursor()
        rows = cur.execute(
            "SELECT id, amount FROM %s WHERE city = ? AND amount > ? ORDER BY id" % self.table, "Oslo", 5
        ).fetchall()
        self.assertEqual([r.id for r in rows], ["i21", "i24", "i27"])
        self.assertEqual(rows[0].amount, decimal.Decimal("5.25"))
        self.assertEqual([d[0] for d in cur.description], ["id", "amount"])
        self.assertIs(cur.description[1][1], decimal.Decimal)

    def test_wrapped_count(self):
        cur = self.conn.cursor()
        inner = "SELECT id, city FROM %s WHERE city = 'Zürich'" % self.table
        count = cur.execute("SELECT COUNT(*) FROM (%s) AS t" % inner).fetchval()
        self.assertEqual(count, 10)
        self.assertIs(type(count), int)  # SQL_BIGINT, not a Decimal

    def test_text_round_trips(self):
        cur = self.conn.cursor()
        samples = ["plain", "ünïcödé", "日本語のテキスト", "emoji 😀🎉 and 𝄞", "quote ' and \" and \\", ""]
        for k, text in enumerate(samples):
            cur.execute("UPSERT INTO %s (id, note) VALUES (?, ?)" % self.table, "t%d" % k, text)
        for k, text in enumerate(samples):
            self.assertEqual(cur.execute("SELECT note FROM %s WHERE id = ?" % self.table, "t%d" % k).fetchval(), text)
        # Literal text in the statement itself, through SQLExecDirectW.
        self.assertEqual(cur.execute("SELECT '😀 ok' || city FROM %s WHERE id = 'i01'" % self.table).fetchval(), "😀 okZürich")
        cur.execute("DELETE FROM %s WHERE id IN ('t0', 't1', 't2', 't3', 't4', 't5')" % self.table)

    def test_exact_decimals(self):
        cur = self.conn.cursor()
        value = decimal.Decimal("12345678901234567890.123456789012345678")
        cur.execute("UPSERT INTO %s (id, big) VALUES ('dec', ?)" % self.table, value)
        self.assertEqual(cur.execute("SELECT big FROM %s WHERE id = 'dec'" % self.table).fetchval(), value)
        with decimal.localcontext() as ctx:
            ctx.prec = 50  # Python's default 28 digits would round the expectation itself
            self.assertEqual(cur.execute("SELECT big + 1 FROM %s WHERE id = 'dec'" % self.table).fetchval(), value + 1)
        cur.execute("DELETE FROM %s WHERE id = 'dec'" % self.table)

    def test_window_query(self):
        # A BI tool's top-N with a running total: ROW_NUMBER and SUM OVER, with parameters.
        cur = self.conn.cursor()
        rows = cur.execute(
            "SELECT id, ROW_NUMBER() OVER (ORDER BY amount DESC) AS rn, SUM(amount) OVER (ORDER BY id) AS running, "
            "LAG(id, ?) OVER (ORDER BY id) AS before FROM %s WHERE city = ? ORDER BY rn" % self.table, 1, "Oslo"
        ).fetchall()
        self.assertEqual([r.id for r in rows[:3]], ["i27", "i24", "i21"])
        self.assertEqual([r.rn for r in rows[:3]], [1, 2, 3])
        self.assertIs(type(rows[0].rn), int)
        self.assertEqual(rows[0].running, decimal.Decimal("33.75"))  # 0 + 0.75 + ... + 6.75, exact
        self.assertEqual(rows[0].before, "i24")
        self.assertEqual(rows[-1].id, "i00")
        self.assertIsNone(rows[-1].before)

    def test_cte_and_exists(self):
        # A BI tool's CTE with a bound parameter, read by a correlated EXISTS and NOT EXISTS: the items under
        # 1 whose city has (or has not) an item of at least 7.25 (only i29, in 東京).
        cur = self.conn.cursor()
        sql = ("WITH big AS (SELECT id, city FROM {t} WHERE amount >= ?) "
               "SELECT t.id FROM {t} t WHERE t.amount < 1 AND {neg} EXISTS (SELECT 1 FROM big b WHERE b.city = t.city) "
               "ORDER BY t.id")
        with_big = cur.execute(sql.format(t=self.table, neg=""), decimal.Decimal("7.25")).fetchall()
        self.assertEqual([r.id for r in with_big], ["i02"])
        without = cur.execute(sql.format(t=self.table, neg="NOT"), decimal.Decimal("7.25")).fetchall()
        self.assertEqual([r.id for r in without], ["i00", "i01", "i03"])

    def test_nested_outer_join_escape(self):
        # ODBC's nested outer join (SQL_OJ_NESTED): {oj a LEFT OUTER JOIN b LEFT OUTER JOIN c ON x ON y} is
        # a LEFT JOIN (b LEFT JOIN c ON x) ON y. The items under 0.75 (one a city) with the items of their
        # city of at least 7 (i28 in Zürich, i29 in 東京), and those again when over 7.1 (i29).
        self.assertTrue(self.conn.getinfo(pyodbc.SQL_OJ_CAPABILITIES) & pyodbc.SQL_OJ_NESTED)
        cur = self.conn.cursor()
        rows = cur.execute(
            "SELECT a.id, b.id, c.id FROM {{oj {t} a LEFT OUTER JOIN {t} b LEFT OUTER JOIN {t} c ON c.id = b.id AND c.amount > 7.1 "
            "ON b.city = a.city AND b.amount >= 7}} WHERE a.amount < 0.75 ORDER BY a.id".format(t=self.table)).fetchall()
        self.assertEqual([tuple(r) for r in rows], [("i00", None, None), ("i01", "i28", None), ("i02", "i29", "i29")])

    def test_dates(self):
        # ISO text read as dates: the SQL types pyodbc sees, a date hierarchy, the {fn} and {d} escapes.
        cur = self.conn.cursor()
        t = unique("py_dates")
        cur.execute("CREATE TABLE %s (id VARCHAR, PRIMARY KEY (id))" % t)
        cur.execute("INSERT INTO %s (id, placed) VALUES ('a', '2026-01-31T10:20:30Z'), ('b', '2026-02-01'), "
                    "('c', '2025-12-31 23:00:00-02:00'), ('d', 'soon')" % t)
        row = cur.execute("SELECT CAST(placed AS DATE) AS d, CAST(placed AS TIMESTAMP) AS ts FROM %s WHERE id = 'a'" % t).fetchone()
        self.assertEqual([c[1] for c in cur.description], [datetime.date, datetime.datetime])
        self.assertEqual(row.d, datetime.date(2026, 1, 31))
        self.assertEqual(row.ts, datetime.datetime(2026, 1, 31, 10, 20, 30))
        rows = cur.execute(
            "SELECT EXTRACT(YEAR FROM placed) AS y, EXTRACT(MONTH FROM placed) AS m, COUNT(*) AS n FROM %s "
            "WHERE placed IS NOT NULL GROUP BY EXTRACT(YEAR FROM placed), EXTRACT(MONTH FROM placed) ORDER BY y, m" % t).fetchall()
        # 'c' is 2026-01-01 01:00 UTC; 'soon' is not a date: its year and month are NULL.
        self.assertEqual([(r.y, r.m, r.n) for r in rows], [(None, None, 1), (2026, 1, 2), (2026, 2, 1)])
        row = cur.execute(
            "SELECT {fn YEAR(placed)}, {fn QUARTER(placed)}, {fn DAYOFWEEK(placed)}, {fn MONTHNAME(placed)}, "
            "{fn TIMESTAMPADD(SQL_TSI_DAY, 1, {d '2026-01-31'})}, "
            "{fn TIMESTAMPDIFF(SQL_TSI_HOUR, {ts '2026-01-31 00:00:00'}, placed)} FROM %s WHERE id = 'a'" % t).fetchone()
        self.assertEqual(list(row), [2026, 1, 7, "January", datetime.datetime(2026, 2, 1), 10])
        ids = [r.id for r in cur.execute("SELECT id FROM %s WHERE placed >= {d '2026-01-01'} ORDER BY id" % t)]
        self.assertEqual(ids, ["a", "b", "c"])
        with self.assertRaises(pyodbc.Error) as caught:
            cur.execute("SELECT CAST(placed AS DATE) FROM %s" % t).fetchall()
        self.assertEqual(sqlstate(caught.exception), "22007")
        cur.execute("DROP TABLE %s" % t)

    def test_inferred_date_columns(self):
        # A column whose sampled values are all ISO dates is a DATE column (SQLColumns, SQLDescribeCol,
        # Python dates); an item outside the sample holding 'not a date' reads as NULL (its fetch's 01000
        # warning, which pyodbc does not collect, is checked in test_odbc_api.cpp).
        t = unique("py_inferred")
        cur = self.conn.cursor()
        cur.execute("CREATE TABLE %s (pk VARCHAR, seq NUMBER, PRIMARY KEY (pk, seq))" % t)
        cur.execute("INSERT INTO %s (pk, seq, shipped, arrived) VALUES ('p', 1, '2026-01-31', '2026-01-31T10:20:30Z'), "
                    "('p', 2, '2026-02-01', '2026-02-01T00:00:00Z'), ('p', 3, '2025-12-31', '2025-12-31T23:59:59Z'), "
                    "('p', 4, 'not a date', '2026-03-01T12:00:00Z')" % t)
        # One partition: a sample of 3 items is seq 1 to 3, so item 4 is the later value.
        reader = pyodbc.connect("DSN=dynamosql_test;SchemaSampleSize=3", autocommit=True).cursor()
        types = {c.column_name: (c.data_type, c.type_name) for c in reader.columns(table=t)}
        self.assertEqual(types["shipped"], (pyodbc.SQL_TYPE_DATE, "DATE"))
        self.assertEqual(types["arrived"], (pyodbc.SQL_TYPE_TIMESTAMP, "TIMESTAMP"))
        reader.execute("SELECT seq, shipped, arrived FROM %s ORDER BY seq" % t)
        self.assertEqual([c[1] for c in reader.description], [decimal.Decimal, datetime.date, datetime.datetime])
        rows = [tuple(r) for r in reader.fetchall()]
        self.assertEqual(rows, [
            (1, datetime.date(2026, 1, 31), datetime.datetime(2026, 1, 31, 10, 20, 30)),
            (2, datetime.date(2026, 2, 1), datetime.datetime(2026, 2, 1)),
            (3, datetime.date(2025, 12, 31), datetime.datetime(2025, 12, 31, 23, 59, 59)),
            (4, None, datetime.datetime(2026, 3, 1, 12))])
        # Compared with a date, in WHERE, as before: 'not a date' matches nothing.
        ids = [r.seq for r in reader.execute("SELECT seq FROM %s WHERE shipped >= {d '2026-01-01'} ORDER BY seq" % t)]
        self.assertEqual(ids, [1, 2])
        # InferDates=0: the column is text, as stored.
        text = pyodbc.connect("DSN=dynamosql_test;SchemaSampleSize=3;InferDates=0", autocommit=True).cursor()
        row = text.execute("SELECT shipped FROM %s WHERE pk = 'p' AND seq = 4" % t).fetchone()
        self.assertEqual((text.description[0][1], row[0]), (str, "not a date"))
        # Dates bound as parameters (pyodbc sends date and timestamp structs) are written in the column's
        # form, the microseconds kept: they were stored as the driver's text of the struct, milliseconds only.
        reader.execute("UPDATE %s SET arrived = ?, shipped = ? WHERE pk = 'p' AND seq = 2" % t,
                       datetime.datetime(2026, 4, 1, 10, 0, 0, 123456), datetime.date(2026, 4, 2))
        row = text.execute("SELECT shipped, arrived FROM %s WHERE pk = 'p' AND seq = 2" % t).fetchone()
        self.assertEqual(tuple(row), ("2026-04-02", "2026-04-01T10:00:00.123456Z"))
        cur.execute("DROP TABLE %s" % t)

    def test_date_parameters_into_epoch_numbers(self):
        # A datetime or date bound for a number attribute is stored as its epoch number, as a TIMESTAMP
        # literal is: milliseconds where the sampled numbers are (opened_ms), else seconds (sent, and
        # the number key ts), fractions kept; a number still goes in as a number, other text is 22018.
        t = unique("py_epoch")
        cur = self.conn.cursor()
        cur.execute("CREATE TABLE %s (device VARCHAR, ts NUMBER, PRIMARY KEY (device, ts))" % t)
        cur.execute("INSERT INTO %s (device, ts, sent, opened_ms) VALUES ('d', 1, 1769854830, 1769854830500)" % t)
        writer = pyodbc.connect("DSN=dynamosql_test", autocommit=True).cursor()
        writer.execute("INSERT INTO %s (device, ts, sent, opened_ms) VALUES ('d', ?, ?, ?)" % t,
                       datetime.datetime(2026, 3, 5, 10, 0, 0), datetime.datetime(2026, 3, 5, 10, 0, 0, 250000),
                       datetime.datetime(2026, 3, 5, 10, 0, 0, 250000))
        writer.execute("UPDATE %s SET sent = ?, opened_ms = ? WHERE device = 'd' AND ts = 1" % t,
                       datetime.date(2026, 1, 2), decimal.Decimal("42"))
        rows = [tuple(r) for r in writer.execute("SELECT ts, sent, opened_ms FROM %s WHERE device = 'd' ORDER BY ts" % t)]
        self.assertEqual(rows, [(1, 1767312000, 42), (1772704800, decimal.Decimal("1772704800.25"), 1772704800250)])
        with self.assertRaises(pyodbc.Error) as caught:
            writer.execute("UPDATE %s SET sent = ? WHERE device = 'd' AND ts = 1" % t, "soon")
        self.assertEqual(sqlstate(caught.exception), "22018")
        cur.execute("DROP TABLE %s" % t)

    def test_other_written_back_keeps_every_type(self):
        # `_other` reads as DynamoDB JSON, so a client that writes the text back (RODBC's sqlSave of a
        # frame it read, a copied row) keeps sets, binary and exact numbers; as plain JSON they came
        # back as lists and base64 strings.
        t = unique("py_other")
        cur = self.conn.cursor()
        cur.execute("CREATE TABLE %s (id VARCHAR, PRIMARY KEY (id))" % t)
        cur.execute("INSERT INTO %s (id, tags, nums, blob, doc, flag, big) VALUES ('src', <<'a', 'b'>>, <<1.5, 2>>, ?, "
                    "{'l': ['x', NULL], 'nested': <<'z'>>}, TRUE, 12345678901234567890123456789012345678)" % t,
                    b"\x00\x01\xff")
        # A fresh connection sampling no items: every attribute but the key is in `_other`.
        reader = pyodbc.connect("DSN=dynamosql_test;SchemaSampleSize=0", autocommit=True).cursor()
        row = reader.execute("SELECT * FROM %s" % t).fetchone()
        self.assertEqual([d[0] for d in reader.description], ["id", "_other"])
        self.assertEqual(json.loads(row[1]), {
            "tags": {"SS": ["a", "b"]}, "nums": {"NS": ["1.5", "2"]}, "blob": {"B": "AAH/"},
            "doc": {"M": {"l": {"L": [{"S": "x"}, {"NULL": True}]}, "nested": {"SS": ["z"]}}},
            "flag": {"BOOL": True}, "big": {"N": "12345678901234567890123456789012345678"}})
        reader.execute("INSERT INTO %s (id, _other) VALUES (?, ?)" % t, "copy", row[1])
        types = "SELECT typeof(tags), typeof(nums), typeof(blob), typeof(doc.nested), typeof(flag), big FROM %s WHERE id = ?" % t
        self.assertEqual(list(reader.execute(types, "copy").fetchone()), list(reader.execute(types, "src").fetchone()))
        self.assertEqual(list(reader.execute(types, "copy").fetchone()),
                         ["SS", "NS", "B", "SS", "BOOL", decimal.Decimal("12345678901234567890123456789012345678")])
        # Read by another fresh connection, the copy's `_other` is the original's, to the byte.
        fresh = pyodbc.connect("DSN=dynamosql_test;SchemaSampleSize=0", autocommit=True).cursor()
        self.assertEqual(dict(fresh.execute("SELECT * FROM %s" % t).fetchall()), {"src": row[1], "copy": row[1]})
        cur.execute("DROP TABLE %s" % t)

    def test_writes_report_row_counts(self):
        cur = self.conn.cursor()
        t = unique("py_writes")
        cur.execute("CREATE TABLE %s (id VARCHAR, PRIMARY KEY (id))" % t)
        cur.execute("INSERT INTO %s (id, n) VALUES ('a', 1), ('b', 2), ('c', 3)" % t)
        self.assertEqual(cur.rowcount, 3)
        cur.execute("UPDATE %s SET n = n + 10 WHERE n >= ?" % t, 2)
        self.assertEqual(cur.rowcount, 2)
        cur.execute("DELETE FROM %s WHERE id = ?" % t, "a")
        self.assertEqual(cur.rowcount, 1)
        self.assertEqual(cur.execute("SELECT SUM(n) FROM %s" % t).fetchval(), 25)
        cur.execute("DROP TABLE %s" % t)

    def test_manual_commit(self):
        conn = pyodbc.connect("DSN=dynamosql_test")  # pyodbc's default: autocommit off
        cur = conn.cursor()
        cur.execute("INSERT INTO %s (id) VALUES ('txn1')" % self.table)
        other = self.conn.cursor()
        self.assertEqual(other.execute("SELECT COUNT(*) FROM %s WHERE id = 'txn1'" % self.table).fetchval(), 0)
        conn.commit()
        self.assertEqual(other.execute("SELECT COUNT(*) FROM %s WHERE id = 'txn1'" % self.table).fetchval(), 1)
        cur.execute("DELETE FROM %s WHERE id = 'txn1'" % self.table)
        conn.rollback()
        self.assertEqual(other.execute("SELECT COUNT(*) FROM %s WHERE id = 'txn1'" % self.table).fetchval(), 1)
        other.execute("DELETE FROM %s WHERE id = 'txn1'" % self.table)
        conn.close()

    def test_error_sqlstates(self):
        cur = self.conn.cursor()
        cases = [
            ("SELECT id FROM %s WHERE" % self.table, "42000"),
            ("SELECT * FROM no_such_table_%d" % os.getpid(), "42S02"),
            ("INSERT INTO %s (id) VALUES ('i01')" % self.table, "23000"),
            ("SELECT 1 / 0 FROM %s WHERE id = 'i01'" % self.table, "22012"),
        ]
        for sql, state in cases:
            with self.assertRaises(pyodbc.Error, msg=sql) as raised:
                cur.execute(sql).fetchall()
            self.assertEqual(sqlstate(raised.exception), state, sql)
        with self.assertRaises(pyodbc.Error) as raised:
            pyodbc.connect("Driver=dynamosql;Endpoint=http://127.0.0.1:9;Region=us-east-1;AccessKeyId=a;SecretAccessKey=b")
        self.assertEqual(sqlstate(raised.exception), "08001")

    def test_stream_table(self):
        import datetime
        cur = self.conn.cursor()
        t = unique("py_stream")
        cur.execute("CREATE TABLE %s (id VARCHAR, PRIMARY KEY (id)) WITH (stream = 'NEW_AND_OLD_IMAGES')" % t)
        cur.execute("INSERT INTO %s (id, status) VALUES ('a', 'new')" % t)
        cur.execute("UPDATE %s SET status = 'paid' WHERE id = 'a'" % t)
        tables = [(r.table_schem, r.table_name, r.table_type) for r in cur.tables(schema="streams")]
        self.assertIn(("streams", t, "VIEW"), tables)
        columns = {r.column_name: r.type_name for r in cur.columns(table=t, schema="streams")}
        self.assertEqual(columns["sequence_number"], "DECIMAL")
        self.assertEqual(columns["approximate_creation_time"], "TIMESTAMP")
        self.assertEqual(columns["id"], "VARCHAR")
        rows = cur.execute(
            "SELECT event_name, new_image.status, old_image.status, sequence_number, approximate_creation_time "
            "FROM streams.%s" % t).fetchall()
        self.assertEqual([tuple(r[:3]) for r in rows], [("INSERT", "new", None), ("MODIFY", "paid", "new")])
        self.assertIsInstance(rows[0][3], decimal.Decimal)
        self.assertLess(rows[0][3], rows[1][3])
        self.assertIsInstance(rows[0][4], datetime.datetime)
        with self.assertRaises(pyodbc.Error) as raised:
            cur.execute("SELECT * FROM streams.%s" % self.table)
        self.assertEqual(sqlstate(raised.exception), "55000")
        cur.execute("DROP TABLE %s" % t)

    @unittest.skipUnless(BENCH_TOOL, "needs bench_tool to load 100,000 items")
    def test_fetch_100000_rows(self):
        t = unique("py_big")
        subprocess.run([BENCH_TOOL, "load", ENDPOINT, t, "100000"], check=True, stdout=subprocess.DEVNULL,
                       env=dict(os.environ, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test"))
        cur = self.conn.cursor()
        rows = cur.execute("SELECT pk, n, name, price FROM %s" % t).fetchall()
        self.assertEqual(len(rows), 100000)
        self.assertEqual(len({r.pk for r in rows}), 100000)
        total = cur.execute("SELECT SUM(n), SUM(price) FROM %s" % t).fetchone()
        self.assertEqual(sum(r.n for r in rows), total[0])
        self.assertEqual(sum(r.price for r in rows if r.price is not None), total[1])
        cur.execute("DROP TABLE %s" % t)


if __name__ == "__main__":
    unittest.main(verbosity=2)
