"""pandas over pyodbc (python3-pandas, python3-pyodbc) and the driver, as an analyst in a notebook: list
tables and columns, read_sql a preview of 100 rows, a GROUP BY with the dtypes pandas gives (counts
int64; DECIMAL sums float64 by read_sql's default, exact Decimal objects with coerce_float=False),
parameters as pyodbc binds them, 38-digit numbers and text with accents and emoji.

Run by run_client.sh (sample tables PREFIX_orders and PREFIX_customers, expected answers).
"""
import decimal
import os
import sys
import unittest
import warnings

import pandas as pd
import pyodbc

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sample  # noqa: E402

PREFIX = os.environ["DYNAMOSQL_SAMPLE_PREFIX"]
ORDERS, CUSTOMERS = PREFIX + "_orders", PREFIX + "_customers"



class PandasClient(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # pandas warns that it only tests SQLAlchemy connections; a DBAPI2 connection is what analysts pass.
        warnings.filterwarnings("ignore", message="pandas only supports SQLAlchemy")
        cls.expected = sample.read_expected()
        cls.conn = pyodbc.connect("DSN=dynamosql_test", autocommit=True)
        cls.addClassCleanup(cls.conn.close)

    def expect(self, prefix):
        return {k: v for k, v in self.expected.items() if k.startswith(prefix)}

    def test_tables_and_columns(self):
        cursor = self.conn.cursor()
        tables = {row.table_name for row in cursor.tables(tableType="TABLE")}
        self.assertTrue({ORDERS, CUSTOMERS} <= tables)
        columns = {row.column_name: row.type_name for row in cursor.columns(table=ORDERS)}
        for name, type_name in [("customer_id", "VARCHAR"), ("order_id", "DECIMAL"), ("status", "VARCHAR"),
                                ("qty", "DECIMAL"), ("price", "DECIMAL"), ("_other", "JSON")]:
            self.assertEqual(columns[name], type_name, name)

    def test_preview_100_rows(self):
        df = pd.read_sql("SELECT * FROM %s LIMIT 100" % ORDERS, self.conn, coerce_float=False)
        self.assertEqual(len(df), 100)
        self.assertTrue({"customer_id", "order_id", "status", "qty", "price", "_other"} <= set(df.columns))
        for row in df.itertuples():
            expected = self.expected["row.%s.%s" % (row.customer_id, row.order_id)].split("|")
            self.assertEqual([row.status, row.qty, row.price], [expected[0]] + [decimal.Decimal(x) for x in expected[1:]])

    def test_group_by_dtypes_and_numbers(self):
        sql = "SELECT status, COUNT(*) AS n, SUM(qty) AS qty, SUM(price) AS price FROM %s GROUP BY status" % ORDERS
        df = pd.read_sql(sql, self.conn).set_index("status")
        self.assertEqual(str(df["n"].dtype), "int64")  # COUNT is SQL_BIGINT
        self.assertEqual(str(df["price"].dtype), "float64")  # read_sql's coerce_float turns Decimal into float
        exact = pd.read_sql(sql, self.conn, coerce_float=False).set_index("status")
        self.assertEqual(sorted(df.index), self.expected["statuses"].split(","))
        for status in df.index:
            self.assertEqual(df.loc[status, "n"], int(self.expected["status.%s.count" % status]))
            self.assertEqual(exact.loc[status, "qty"], decimal.Decimal(self.expected["status.%s.qty" % status]))
            self.assertEqual(exact.loc[status, "price"], decimal.Decimal(self.expected["status.%s.price" % status]))
            self.assertAlmostEqual(df.loc[status, "price"], float(self.expected["status.%s.price" % status]), places=6)

    def test_parameters(self):
        key = pd.read_sql("SELECT qty, price, status FROM %s WHERE customer_id = ? AND order_id = ?" % ORDERS,
                          self.conn, params=["c0007", 3], coerce_float=False)
        self.assertEqual(len(key), 1)
        self.assertEqual((str(key.qty[0]), str(key.price[0]), key.status[0]),
                         (self.expected["key.qty"], self.expected["key.price"], self.expected["key.status"]))
        for bound in (5, "5"):  # a number, and text as a value read from a form or a file arrives
            count = pd.read_sql("SELECT COUNT(*) AS n FROM %s WHERE qty > ?" % ORDERS, self.conn, params=[bound])
            self.assertEqual(count.n[0], int(self.expected["qty_over_5"]), repr(bound))

    def test_exact_numbers_and_text(self):
        df = pd.read_sql("SELECT customer_id, order_id, big, note FROM %s WHERE big IS NOT NULL OR note IS NOT NULL"
                         % ORDERS, self.conn, coerce_float=False)
        bigs = {"big.%s.%s" % (r.customer_id, r.order_id): r.big for r in df.itertuples() if r.big is not None}
        self.assertEqual(bigs, {k: decimal.Decimal(v) for k, v in self.expect("big.").items()})
        self.assertEqual({k: str(v) for k, v in bigs.items()}, self.expect("big."))  # digit for digit
        notes = {"note.%s.%s" % (r.customer_id, r.order_id): r.note for r in df.itertuples() if r.note is not None}
        self.assertEqual(notes, self.expect("note."))
        names = pd.read_sql("SELECT customer_id, name FROM %s" % CUSTOMERS, self.conn)
        self.assertEqual({"name.%s" % r.customer_id: r.name for r in names.itertuples()}, self.expect("name."))


if __name__ == "__main__":
    unittest.main(verbosity=2)
