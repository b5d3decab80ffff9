"""What the scale-out client suites share: the test DynamoDB Local, the console, and a table of the
bench tool's items, loaded before a suite and dropped after it with every table the suite adds."""
import os
import random
import subprocess
import unittest

ENDPOINT = open(os.path.join(os.environ["DYNAMOSQL_TEST_STATE"], "endpoint")).read().strip()
CONNECTION_STRING = "DSN=dynamosql_test"  # registered by the odbc fixture
ENV = dict(os.environ, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test", AWS_REGION="us-east-1")
# The programs under test, from a suite's command line (take_programs).
CONSOLE = BENCH_TOOL = None


def take_programs(argv):
    """Takes CONSOLE and BENCH_TOOL off `argv` (a suite's `CONSOLE BENCH_TOOL [unittest args]`)."""
    global CONSOLE, BENCH_TOOL
    CONSOLE, BENCH_TOOL = argv.pop(1), argv.pop(1)


def unique(prefix):
    return "%s_%d_%d" % (prefix, os.getpid(), random.randrange(1 << 30))


def console(*args):
    """The console's stdout, run against the test endpoint; fails the test when it fails."""
    return subprocess.run([CONSOLE, "--endpoint", ENDPOINT] + list(args), env=ENV, check=True,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True).stdout


class LoadedTableCase(unittest.TestCase):
    """`table` holds ITEMS items of the bench tool's shape (pk, n, price, name, active); it and the
    tables a test appends to `tables` are dropped when the suite ends."""
    PREFIX = "scaleout"
    ITEMS = 1000

    @classmethod
    def setUpClass(cls):
        cls.table = unique(cls.PREFIX)
        cls.tables = [cls.table]
        subprocess.run([BENCH_TOOL, "load", ENDPOINT, cls.table, str(cls.ITEMS)], check=True,
                       stdout=subprocess.DEVNULL, env=ENV)

    @classmethod
    def tearDownClass(cls):
        for table in cls.tables:
            console("-c", "DROP TABLE IF EXISTS " + table)
