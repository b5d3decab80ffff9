"""Benchmark helper: fetches a query's rows through pyodbc and the dynamosql ODBC driver and writes them
as CSV (to compare with boto3's output). MODE fetchall: one fetchall(), as a notebook or BI extract does;
the seconds and CPU are from connecting to the end of fetchall (interpreter start-up and the CSV writing,
which the comparison needs but a notebook does not, are left out). MODE stream: fetchmany(1000) pages
written as they come, as an export script does, so memory holds a page, not the result; the CSV writing
is inside the timed interval there. Prints the rows, the seconds and the CPU seconds of this process.
usage: pyodbc_fetch.py DRIVER_LIBRARY ENDPOINT SQL OUT_CSV [fetchall|stream]"""
import csv
import resource
import sys
import time

import pyodbc


def cpu():
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def csv_row(r):
    return ["" if v is None else ("true" if v is True else "false" if v is False else v) for v in r]


driver, endpoint, sql, out = sys.argv[1:5]
mode = sys.argv[5] if len(sys.argv) > 5 else "fetchall"
start, cpu_start = time.monotonic(), cpu()
conn = pyodbc.connect(
    "Driver=%s;Endpoint=%s;Region=us-east-1;AccessKeyId=bench;SecretAccessKey=bench" % (driver, endpoint),
    autocommit=True,
)
cursor = conn.cursor().execute(sql)
with open(out, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    if mode == "stream":
        count = 0
        while page := cursor.fetchmany(1000):
            w.writerows(csv_row(r) for r in page)
            count += len(page)
        elapsed, cpu_used = time.monotonic() - start, cpu() - cpu_start
    else:
        rows = cursor.fetchall()
        elapsed, cpu_used = time.monotonic() - start, cpu() - cpu_start
        w.writerows(csv_row(r) for r in rows)
        count = len(rows)
print("%d %.6f %.6f" % (count, elapsed, cpu_used))
