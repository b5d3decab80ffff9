"""The Dask package (python/dynamosql_dask) against the test DynamoDB Local, through the registered
ODBC driver, on 127.0.0.1 only:

- a LocalCluster of 4 worker processes copies a 100,000-item table into another (UPSERT ... SELECT in
  16 segments, checkpoints in the DynamoDB table dynamosql_checkpoints) while one worker process is
  killed with SIGKILL in the middle of a segment: the target equals the source item for item, and the
  killed segment resumed from its checkpoint (the run that completed it read fewer rows than the
  segment holds);
- read_sql over 16 segments: 16 partitions whose row count and exact sum equal the console's answer,
  with Decimal values (or text, or floats when asked).

usage: dask_suite.py CONSOLE BENCH_TOOL   (run by ctest with the ODBC test environment and PYTHONPATH)
"""
import decimal
import os
import re
import signal
import sys
import threading
import time
import unittest

import boto3
from distributed import Client, LocalCluster

import dynamosql_dask
import scaleout_support as support
from scaleout_support import CONNECTION_STRING, ENDPOINT, console, unique

ITEMS = 100000
SEGMENTS = 16


def dynamodb():
    return boto3.client("dynamodb", endpoint_url=ENDPOINT, region_name="us-east-1",
                        aws_access_key_id="test", aws_secret_access_key="test")


def all_items(table):
    """Every item, typed as DynamoDB returns it (numbers as their exact text), by key."""
    items = {}
    for page in dynamodb().get_paginator("scan").paginate(TableName=table, ConsistentRead=True):
        for item in page["Items"]:
            key = item["pk"]["S"]
            assert key not in items, "duplicate key " + key
            items[key] = item
    return items


class DaskSuite(support.LoadedTableCase):
    PREFIX = "dask_src"
    ITEMS = ITEMS

    def test_read_sql_partitions_count_and_exact_sum(self):
        sql = "SELECT pk, n, price FROM %s" % self.table
        frame = dynamosql_dask.read_sql(CONNECTION_STRING, sql, segments=SEGMENTS)
        self.assertEqual(frame.npartitions, SEGMENTS)
        self.assertEqual(list(frame.columns), ["pk", "n", "price"])
        answer = console("--format", "csv", "-c", "SELECT COUNT(*), SUM(price), SUM(n) FROM %s" % self.table)
        count, price_sum, n_sum = answer.splitlines()[1].split(",")
        local = frame.compute(scheduler="threads")
        self.assertEqual(len(local), int(count))
        self.assertEqual(local["pk"].nunique(), ITEMS)
        self.assertTrue(all(isinstance(v, decimal.Decimal) for v in local["price"].head(100)))
        self.assertEqual(sum(local["price"], decimal.Decimal(0)), decimal.Decimal(price_sum))
        self.assertEqual(sum(local["n"], decimal.Decimal(0)), decimal.Decimal(n_sum))
        # Every partition holds part of the table.
        sizes = frame.map_partitions(len).compute(scheduler="threads")
        self.assertEqual(len(sizes), SEGMENTS)
        self.assertTrue(all(0 < size < ITEMS / 4 for size in sizes))
        # Aggregates answer per partition (each segment's own), and combine exactly.
        partial = dynamosql_dask.read_sql(CONNECTION_STRING, "SELECT COUNT(*) AS c, SUM(price) AS s FROM %s" % self.table,
                                          segments=SEGMENTS).compute(scheduler="threads")
        self.assertEqual(len(partial), SEGMENTS)
        self.assertEqual(int(partial["c"].sum()), int(count))
        self.assertEqual(sum(partial["s"], decimal.Decimal(0)), decimal.Decimal(price_sum))
        # Text keeps the exact digits; floats only when asked.
        as_text = dynamosql_dask.read_sql(CONNECTION_STRING, sql + " WHERE n < 100", segments=4, numbers="text")
        console_text = [line.split(",")[2] for line in console("--format", "csv", "-c", sql + " WHERE n < 100").splitlines()[1:]]
        self.assertEqual(sorted(as_text.compute(scheduler="threads")["price"]), sorted(console_text))
        as_float = dynamosql_dask.read_sql(CONNECTION_STRING, sql + " WHERE n < 100", segments=4, numbers="float")
        self.assertEqual(str(as_float.dtypes["price"]), "float64")

    def test_run_segmented_survives_a_killed_worker(self):
        target, checkpoint = unique("dask_dst"), unique("dask_copy")
        self.tables.append(target)
        console("-c", "CREATE TABLE %s (pk VARCHAR PRIMARY KEY)" % target)
        statement = "UPSERT INTO %s SELECT * FROM %s" % (target, self.table)
        cluster = LocalCluster(n_workers=4, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None)
        client = Client(cluster)
        outcome = {}

        def run():
            try:
                # Each segment held to 1,500 rows/s, so the job lasts long enough to kill a worker mid-segment.
                outcome["summary"] = dynamosql_dask.run_segmented(
                    CONNECTION_STRING, statement, segments=SEGMENTS, checkpoint=checkpoint, client=client,
                    settings={"write_rows_per_second": 1500})
            except Exception as e:  # reported by the main thread
                outcome["error"] = e

        job = threading.Thread(target=run)
        job.start()
        try:
            killed_segment, killed_pid = self.kill_a_worker_mid_segment(checkpoint, client, job)
            job.join(600)
            self.assertFalse(job.is_alive(), "the job did not finish")
        finally:
            client.close()
            cluster.close()
        self.assertNotIn("error", outcome, outcome.get("error"))
        summary = outcome["summary"]
        print(summary.to_frame().to_string(), file=sys.stderr)
        self.assertEqual([s.segment for s in summary.segments], list(range(SEGMENTS)))
        self.assertEqual(summary.rows_read, summary.rows_written)
        # The killed segment continued from its checkpoint: its completing run is a later run, started
        # after rows were saved, and read fewer rows than the segment holds.
        killed = summary.segments[killed_segment]
        segment_size = int(console("--format", "csv", "--scan-segment", str(killed_segment), "--scan-total-segments",
                                   str(SEGMENTS), "--segment-partial-results",
                                   "-c", "SELECT COUNT(*) FROM %s" % self.table).splitlines()[1])
        self.assertGreaterEqual(killed.run, 2, killed)
        self.assertGreater(killed.resumed_after, 0, killed)
        self.assertLess(killed.rows_read, segment_size, killed)
        self.assertEqual(killed.resumed_after + killed.rows_read, segment_size, killed)
        self.assertNotEqual(killed.worker.split(":")[-1], str(killed_pid))
        # Everything written once per segment's completing runs, and the target is the source, item for item.
        self.assertEqual(sum(s.resumed_after for s in summary.segments) + summary.rows_written, ITEMS)
        source, copy = all_items(self.table), all_items(target)
        self.assertEqual(len(copy), ITEMS)
        self.assertTrue(source == copy, "the copy differs from the source")
        # The job again: every segment is done, nothing is written.
        again = dynamosql_dask.run_segmented(CONNECTION_STRING, statement, segments=SEGMENTS, checkpoint=checkpoint)
        self.assertEqual(again.rows_written, 0)
        self.assertTrue(all(s.already_done for s in again.segments))

    def kill_a_worker_mid_segment(self, checkpoint, client, job):
        """Waits until some segment has saved a position part-way, then SIGKILLs the worker process
        running it (the checkpoint entry names host:pid of the process that saved it)."""
        ddb = dynamodb()
        worker_pids = set(client.run(os.getpid).values())
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and job.is_alive():
            try:
                items = ddb.query(TableName="dynamosql_checkpoints", ConsistentRead=True,
                                  KeyConditionExpression="#n = :n", ExpressionAttributeNames={"#n": "name"},
                                  ExpressionAttributeValues={":n": {"S": checkpoint}})["Items"]
            except ddb.exceptions.ResourceNotFoundException:
                items = []  # the job's first save creates the table
            for entry in items:
                written = int(entry.get("rows_written", {"N": "0"})["N"])
                pid = int(entry["host"]["S"].rsplit(":", 1)[1])
                if not entry["done"]["BOOL"] and 1000 <= written <= 3000 and pid in worker_pids:
                    os.kill(pid, signal.SIGKILL)
                    return int(re.search(r":(\d+)/\d+$", entry["entry"]["S"]).group(1)), pid
            time.sleep(0.05)
        self.fail("no segment saved a position part-way")


if __name__ == "__main__":
    support.take_programs(sys.argv)
    unittest.main(verbosity=2)
