"""Checks that a benchmark's output holds exactly the rows of the boto3 reference (order aside).

usage: same_rows.py REFERENCE_CSV FORMAT FILE
  REFERENCE_CSV  boto3_scan_to_csv.py's output: a header, then Python's rendering (True/False)
  FORMAT         csv    a header naming columns (other columns, e.g. _other, must be empty)
                 jsonl  one object per line, read by the reference's column names
                 plain  no header, the reference's columns in order (pyodbc_fetch.py's output)
Exits 1 naming the first difference.
"""
import csv
import json
import sys
from collections import Counter


def text(v):
    if v is None:
        return ""
    if v is True or v == "True":
        return "true"
    if v is False or v == "False":
        return "false"
    return str(v)


def main():
    reference, form, path = sys.argv[1:4]
    with open(reference, newline="") as f:
        rows = list(csv.reader(f))
    columns = rows[0]
    expected = Counter(tuple(text(v) for v in r) for r in rows[1:])
    got = Counter()
    with open(path, newline="") as f:
        if form == "jsonl":
            for line in f:
                obj = json.loads(line, parse_float=str, parse_int=str)
                extra = {k: v for k, v in obj.items() if k not in columns and v is not None}
                if extra:
                    sys.exit("unexpected attributes %r in %s" % (extra, path))
                got[tuple(text(obj.get(c)) for c in columns)] += 1
        else:
            reader = csv.reader(f)
            header = columns if form == "plain" else next(reader)
            index = [header.index(c) for c in columns]
            others = [i for i, name in enumerate(header) if name not in columns]
            for r in reader:
                if any(r[i] for i in others):
                    sys.exit("unexpected values %r in %s" % (r, path))
                got[tuple(text(r[i]) for i in index)] += 1
    if got != expected:
        missing = expected - got
        surplus = got - expected
        sys.exit("MISMATCH with boto3 in %s: %d rows missing (e.g. %r), %d unexpected (e.g. %r)" % (
            path, sum(missing.values()), next(iter(missing), None), sum(surplus.values()), next(iter(surplus), None)))


main()
