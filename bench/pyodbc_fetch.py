"""Benchmark helper: fetches a query's rows through pyodbc (fetchall) and the dynamosql ODBC driver,
as a notebook or BI extract does, and writes them as CSV (to compare with boto3's output).
Prints the rows, the seconds from connecting to the end of fetchall and the CPU seconds of this
process in that interval (interpreter start-up and the CSV writing, which the comparison needs but a
notebook does not, are left out).
usage: pyodbc_fetch.py DRIVER_LIBRARY ENDPOINT SQL OUT_CSV"""
import csv
import resource
import sys
import time

import pyodbc


def cpu():
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


driver, endpoint, sql, out = sys.argv[1:5]
start, cpu_start = time.monotonic(), cpu()
conn = pyodbc.connect(
    "Driver=%s;Endpoint=%s;Region=us-east-1;AccessKeyId=bench;SecretAccessKey=bench" % (driver, endpoint),
    autocommit=True,
)
rows = conn.cursor().execute(sql).fetchall()
elapsed, cpu_used = time.monotonic() - start, cpu() - cpu_start
with open(out, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    for r in rows:
        w.writerow(["" if v is None else ("true" if v is True else "false" if v is False else v) for v in r])
print("%d %.6f %.6f" % (len(rows), elapsed, cpu_used))
