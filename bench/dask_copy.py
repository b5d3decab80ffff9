"""Benchmark helper: the table-to-table copy of bench/run.sh split into scan segments on Dask
(python/dynamosql_dask.run_segmented: one UPSERT ... SELECT task per segment) over a LocalCluster of
WORKERS single-threaded worker processes. Prints the rows written and the seconds the job took; the
cluster's start-up is not timed (a real cluster is already running).
usage: dask_copy.py DRIVER_LIBRARY ENDPOINT SOURCE TARGET WORKERS SEGMENTS"""
import sys

from distributed import Client, LocalCluster

import dynamosql_dask


def main():
    driver, endpoint, source, target = sys.argv[1:5]
    workers, segments = int(sys.argv[5]), int(sys.argv[6])
    connection = "Driver=%s;Endpoint=%s;Region=us-east-1;AccessKeyId=bench;SecretAccessKey=bench" % (driver, endpoint)
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        summary = dynamosql_dask.run_segmented(connection, "UPSERT INTO %s SELECT * FROM %s" % (target, source),
                                               segments=segments, client=client)
    print("%d %.6f" % (summary.rows_written, summary.seconds))


if __name__ == "__main__":  # Dask's worker processes import this module too
    main()
