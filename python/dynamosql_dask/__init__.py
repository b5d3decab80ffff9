"""dynamosql on Dask: one scan, export or migration split over many processes and machines.

DynamoDB's unit of parallel work is the scan segment, and dynamosql runs any statement over one
segment (SET scan_segment / scan_total_segments). This package hands one segment per task to Dask:

    read_sql(connection_string, sql, segments=16)
        -> a dask.dataframe.DataFrame with one partition per segment; exact numbers stay exact
           (decimal.Decimal, or text with numbers="text"; floats only with numbers="float").

    run_segmented(connection_string, statement, segments=16, checkpoint="name", client=None)
        -> a RunSummary: rows read and written and retries per segment. One task per segment runs
           on a distributed.Client (a LocalCluster of this machine when none is given). A task that
           fails, or whose worker dies, is retried by Dask and, with a checkpoint, continues its
           segment where the dead one stopped (SET scan_checkpoint; checkpoint_store 'dynamodb' by
           default, so any machine can continue any segment).

Each task connects through the dynamosql ODBC driver with pyodbc, so every worker machine needs the
driver installed and registered (see the README's ODBC section) and this package importable (the
checkout's python/ directory on PYTHONPATH, or the installed share/dynamosql/python).
"""
import dataclasses
import decimal
import os
import re
import socket
import time
import uuid

import pyodbc

__all__ = ["read_sql", "run_segmented", "RunSummary", "SegmentResult"]

# The notice a segmented or checkpointed write gives (ODBC 01000, see the README's Scale-out).
_NOTICE = re.compile(
    r"read (?P<read>\d+) rows, wrote (?P<written>\d+), retried (?P<retried>\d+)"
    r"(?:; checkpoint '[^']*' \(run (?P<run>\d+)(?:, resumed after (?P<resumed_after>\d+) rows written)?\))?"
    r"|nothing to do: completed under checkpoint '[^']*' \(run (?P<done_runs>\d+), (?P<done_written>\d+) rows written\)")


def _quote(value):
    """A SQL string literal."""
    return "'" + str(value).replace("'", "''") + "'"


def _connect(connection_string, segment, segments, settings):
    """A connection whose statements run over one segment, with `settings` applied by SET."""
    conn = pyodbc.connect(connection_string, autocommit=True)
    cursor = conn.cursor()
    for name, value in list((settings or {}).items()) + [("scan_total_segments", segments), ("scan_segment", segment)]:
        literal = str(value).lower() if isinstance(value, bool) else value if isinstance(value, (int, float)) else _quote(value)
        cursor.execute("SET %s = %s" % (name, literal))
    return conn


# ---- read_sql -----------------------------------------------------------------------------------

def _convert(values, type_code, numbers):
    if type_code is decimal.Decimal:
        if numbers == "text":
            return [None if v is None else str(v) for v in values]
        if numbers == "float":
            return [None if v is None else float(v) for v in values]
    return values


def _frame(description, rows, numbers):
    import pandas as pd

    columns = [d[0] for d in description]
    data = {}
    for i, d in enumerate(description):
        values = _convert([row[i] for row in rows], d[1], numbers)
        if d[1] is int:
            data[columns[i]] = pd.array(values, dtype="Int64")
        elif d[1] is decimal.Decimal and numbers == "float":
            data[columns[i]] = pd.array(values, dtype="float64")
        else:
            data[columns[i]] = pd.Series(values, dtype="object")
    return pd.DataFrame(data, columns=columns)


def _read_segment(connection_string, sql, segment, segments, numbers, settings):
    # Each partition is its segment's own answer, also where the query aggregates, DISTINCTs or LIMITs.
    conn = _connect(connection_string, segment, segments, dict(settings or {}, segment_partial_results=True))
    try:
        cursor = conn.cursor().execute(sql)
        rows = cursor.fetchall()
        return _frame(cursor.description, rows, numbers)
    finally:
        conn.close()


def read_sql(connection_string, sql, segments=16, numbers="decimal", settings=None):
    """The rows of `sql` as a dask DataFrame with one partition per scan segment.

    The statement's first FROM table is scanned in `segments` parts (see the README: joins read
    their other tables whole in every partition; key reads land in partition 0; GROUP BY, DISTINCT,
    ORDER BY and LIMIT apply within each partition, as SET segment_partial_results = true allows). DECIMAL columns hold decimal.Decimal values
    (numbers="decimal"), their exact text (numbers="text") or float64 (numbers="float", which rounds);
    counts are Int64; other columns are objects. `settings` are applied with SET in each task.
    Nothing is read until the DataFrame is computed, except the column description, which comes from
    one tiny segment of a million.
    """
    import dask
    import dask.dataframe as dd

    if numbers not in ("decimal", "text", "float"):
        raise ValueError("numbers is 'decimal', 'text' or 'float'")
    if not 1 <= segments <= 1000000:
        raise ValueError("segments is from 1 to 1000000")
    # The columns: a segment of a million reads almost nothing (and a key read nothing outside segment 0).
    meta = _read_segment(connection_string, sql, 999999, 1000000, numbers, settings).iloc[0:0]
    parts = [dask.delayed(_read_segment)(connection_string, sql, s, segments, numbers, settings,
                                         dask_key_name="dynamosql-read-%d-of-%d-%s" % (s, segments, uuid.uuid4().hex))
             for s in range(segments)]
    return dd.from_delayed(parts, meta=meta, verify_meta=False)


# ---- run_segmented ------------------------------------------------------------------------------

@dataclasses.dataclass
class SegmentResult:
    segment: int
    rows_read: int        # by the run that completed the segment (key reads: rows the statement produced)
    rows_written: int     # by that run (SQLRowCount)
    retried: int          # requests and items that run sent again (throttling, errors, UnprocessedItems)
    run: int              # runs of this segment under the checkpoint, counting this one (1 without one)
    resumed_after: int    # rows earlier runs had written below the checkpoint it continued from
    already_done: bool    # the checkpoint said the segment had completed: nothing was done
    seconds: float
    worker: str           # host:pid of the process that ran it


@dataclasses.dataclass
class RunSummary:
    statement: str
    segments: list        # of SegmentResult, by segment
    seconds: float

    @property
    def rows_read(self):
        return sum(s.rows_read for s in self.segments)

    @property
    def rows_written(self):
        return sum(s.rows_written for s in self.segments)

    @property
    def retried(self):
        return sum(s.retried for s in self.segments)

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame([dataclasses.asdict(s) for s in self.segments])


def _run_segment(connection_string, statement, segment, segments, checkpoint, checkpoint_store, settings):
    start = time.monotonic()
    all_settings = dict(settings or {})
    if checkpoint:
        all_settings.update(checkpoint_store=checkpoint_store, scan_checkpoint=checkpoint)
    conn = _connect(connection_string, segment, segments, all_settings)
    try:
        cursor = conn.cursor()
        cursor.execute(statement)
        written = max(cursor.rowcount, 0)
        notice = " ".join(str(m[1]) for m in getattr(cursor, "messages", None) or [])
    finally:
        conn.close()
    match = _NOTICE.search(notice)
    result = SegmentResult(segment, written, written, 0, 1, 0, False, time.monotonic() - start,
                           "%s:%d" % (socket.gethostname(), os.getpid()))
    if match and match.group("done_runs"):
        result.rows_read = 0
        result.run = int(match.group("done_runs"))
        result.resumed_after = int(match.group("done_written"))
        result.already_done = True
    elif match:
        result.rows_read = int(match.group("read"))
        result.retried = int(match.group("retried"))
        result.run = int(match.group("run") or 1)
        result.resumed_after = int(match.group("resumed_after") or 0)
    return result


def run_segmented(connection_string, statement, segments=16, checkpoint=None, client=None, checkpoint_store="dynamodb",
                  settings=None, retries=3):
    """Runs `statement` once per scan segment, one Dask task each, and returns a RunSummary.

    `checkpoint` names a scan checkpoint (SET scan_checkpoint): a task that fails, or whose worker
    dies, is retried (up to `retries` times for errors; Dask reschedules tasks of a dead worker up to
    its allowed-failures) and continues where the failed run stopped; running the whole job again
    does only what is left. `checkpoint_store` is 'dynamodb' (the table dynamosql_checkpoints, which
    every machine reaches) or 'file' (this machine only). `settings` are applied with SET in every
    task (e.g. {"write_rows_per_second": 2000} holds each segment to that rate). Without `client`, a
    LocalCluster of this machine (one single-threaded worker process per core) runs the job.
    """
    from distributed import Client, LocalCluster

    if not 1 <= segments <= 1000000:
        raise ValueError("segments is from 1 to 1000000")
    own = client is None
    if own:
        cluster = LocalCluster(n_workers=min(segments, os.cpu_count() or 1), threads_per_worker=1, processes=True,
                               dashboard_address=None, host="127.0.0.1")
        client = Client(cluster)
    start = time.monotonic()
    try:
        job = uuid.uuid4().hex
        futures = [client.submit(_run_segment, connection_string, statement, s, segments, checkpoint, checkpoint_store,
                                 settings, key="dynamosql-segment-%d-of-%d-%s" % (s, segments, job), retries=retries,
                                 pure=False)
                   for s in range(segments)]
        results = client.gather(futures)
    finally:
        if own:
            client.close()
            cluster.close()
    return RunSummary(statement, sorted(results, key=lambda r: r.segment), time.monotonic() - start)
