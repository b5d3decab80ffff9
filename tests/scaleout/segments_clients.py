"""One segment as a statement through the real client programs: the console's --scan-segment /
--scan-total-segments flags and the ODBC driver's ScanSegment / ScanTotalSegments keys (and SET
through pyodbc). For each, the rows of all segments together equal the whole table's, each row once;
a segmented write's notice reaches the console's stderr and pyodbc's cursor.messages.

usage: segments_clients.py CONSOLE BENCH_TOOL   (run by ctest with the ODBC test environment)
"""
import collections
import subprocess
import sys
import unittest

import pyodbc

import scaleout_support as support
from scaleout_support import CONNECTION_STRING, ENDPOINT, ENV, console, unique

ITEMS = 3000
QUERY = "SELECT pk, n, price, name, active FROM %s WHERE n >= 10"


class SegmentsThroughClients(support.LoadedTableCase):
    PREFIX = "seg_clients"
    ITEMS = ITEMS

    def console_rows(self, *flags):
        lines = console("--format", "csv", *flags, "-c", QUERY % self.table).splitlines()
        self.assertEqual(lines[0], "pk,n,price,name,active")
        return collections.Counter(lines[1:])

    def test_console_segments_together_are_the_table(self):
        whole = self.console_rows()
        self.assertEqual(sum(whole.values()), ITEMS - 10)
        for total in (1, 3, 8):
            together = collections.Counter()
            for segment in range(total):
                part = self.console_rows("--scan-segment", str(segment), "--scan-total-segments", str(total))
                if total > 1:
                    self.assertLess(sum(part.values()), sum(whole.values()))
                together.update(part)
            self.assertEqual(together, whole, "%d segments" % total)

    def test_console_rejects_a_bad_segment(self):
        r = subprocess.run([support.CONSOLE, "--endpoint", ENDPOINT, "--scan-segment", "4", "--scan-total-segments", "4",
                            "-c", QUERY % self.table], env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.assertEqual(r.returncode, 1)
        self.assertIn("ERROR 22023: scan_segment 4 is not below scan_total_segments 4", r.stderr)
        r = subprocess.run([support.CONSOLE, "--scan-segment", "x"], env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.assertEqual(r.returncode, 2)

    def odbc_rows(self, connection_string, set_statements=()):
        conn = pyodbc.connect(connection_string, autocommit=True)
        cur = conn.cursor()
        for statement in set_statements:
            cur.execute(statement)
        rows = collections.Counter(tuple(row) for row in cur.execute(QUERY % self.table).fetchall())
        conn.close()
        return rows

    def test_odbc_keys_and_set_segments_together_are_the_table(self):
        whole = self.odbc_rows(CONNECTION_STRING)
        self.assertEqual(sum(whole.values()), ITEMS - 10)
        total = 5
        by_keys, by_set = collections.Counter(), collections.Counter()
        for segment in range(total):
            by_keys.update(self.odbc_rows("%s;ScanSegment=%d;ScanTotalSegments=%d" % (CONNECTION_STRING, segment, total)))
            by_set.update(self.odbc_rows(CONNECTION_STRING, ["SET scan_total_segments = %d" % total,
                                                             "SET scan_segment = %d" % segment]))
        self.assertEqual(by_keys, whole)
        self.assertEqual(by_set, whole)

    def test_a_segmented_write_reports_what_it_did(self):
        target = unique("seg_clients_copy")
        self.tables.append(target)
        console("-c", "CREATE TABLE %s (pk VARCHAR PRIMARY KEY)" % target)
        # The console prints the notice on stderr; the driver returns it as an 01000 diagnostic.
        r = subprocess.run([support.CONSOLE, "--endpoint", ENDPOINT, "--scan-segment", "0", "--scan-total-segments", "2",
                            "-c", "UPSERT INTO %s SELECT * FROM %s" % (target, self.table)],
                           env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, check=True)
        first = int(r.stdout.split()[0])
        self.assertIn("NOTICE: segment 0 of 2: read %d rows, wrote %d, retried " % (first, first), r.stderr)
        conn = pyodbc.connect(CONNECTION_STRING + ";ScanSegment=1;ScanTotalSegments=2", autocommit=True)
        cur = conn.cursor()
        cur.execute("UPSERT INTO %s SELECT * FROM %s" % (target, self.table))
        self.assertEqual(first + cur.rowcount, ITEMS)
        self.assertEqual(len(cur.messages), 1)
        self.assertIn("[01000]", cur.messages[0][0])
        self.assertIn("segment 1 of 2: read %d rows, wrote %d, retried " % (cur.rowcount, cur.rowcount), cur.messages[0][1])
        conn.close()

    def test_aggregates_over_a_segment_are_refused_unless_asked_for(self):
        # A DSN left with ScanSegment must not make a BI tool's COUNT silently partial.
        restricted = "%s;ScanSegment=1;ScanTotalSegments=3" % CONNECTION_STRING
        count = "SELECT COUNT(*) FROM %s" % self.table
        conn = pyodbc.connect(restricted, autocommit=True)
        with self.assertRaises(pyodbc.Error) as e:
            conn.cursor().execute(count).fetchall()
        self.assertIn("42000", str(e.exception))
        self.assertIn("COUNT(*) over segment 1 of 3 would answer for that segment alone", str(e.exception))
        conn.close()
        r = subprocess.run([support.CONSOLE, "--endpoint", ENDPOINT, "--scan-segment", "1", "--scan-total-segments", "3",
                            "-c", count], env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.assertEqual(r.returncode, 1)
        self.assertIn("ERROR 42000: COUNT(*) over segment 1 of 3", r.stderr)
        # Asked for, each segment counts its own items, and the counts add up to the table's.
        counts = []
        for segment in range(3):
            conn = pyodbc.connect("%s;ScanSegment=%d;ScanTotalSegments=3;SegmentPartialResults=1" % (CONNECTION_STRING, segment),
                                  autocommit=True)
            counts.append(conn.cursor().execute(count).fetchone()[0])
            conn.close()
        self.assertTrue(all(0 < c < ITEMS for c in counts), counts)
        self.assertEqual(sum(counts), ITEMS)
        by_console = [int(console("--format", "csv", "--scan-segment", str(s), "--scan-total-segments", "3",
                                  "--segment-partial-results", "-c", count).splitlines()[1]) for s in range(3)]
        self.assertEqual(by_console, counts)

    def test_odbc_rejects_a_bad_key(self):
        with self.assertRaises(pyodbc.Error) as e:
            pyodbc.connect(CONNECTION_STRING + ";ScanTotalSegments=lots", autocommit=True)
        self.assertIn("ScanTotalSegments", str(e.exception))
        with self.assertRaises(pyodbc.Error) as e:
            pyodbc.connect(CONNECTION_STRING + ";CheckpointStore=floppy", autocommit=True)
        self.assertIn("CheckpointStore", str(e.exception))


if __name__ == "__main__":
    support.take_programs(sys.argv)
    unittest.main(verbosity=2)
