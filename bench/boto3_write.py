# What a Python user writes to fill a table with boto3: Table.batch_writer (25-item BatchWriteItem
# requests, UnprocessedItems re-sent), from a JSON lines file (numbers as Decimal so they stay exact) or
# from another table's paginated Scan. Creates TARGET (pk S, on demand) first.
# usage: boto3_write.py ENDPOINT load FILE.jsonl TARGET | boto3_write.py ENDPOINT copy SOURCE TARGET
# Prints the number of items written.
import decimal
import json
import sys

import boto3


def items_from_file(path):
    with open(path) as f:
        for line in f:
            yield json.loads(line, parse_float=decimal.Decimal, parse_int=decimal.Decimal)


def items_from_table(table):
    kwargs = {}
    while True:
        page = table.scan(**kwargs)
        yield from page["Items"]
        if "LastEvaluatedKey" not in page:
            return
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


endpoint, mode, source, target_name = sys.argv[1:5]
ddb = boto3.resource("dynamodb", endpoint_url=endpoint, region_name="us-east-1",
                     aws_access_key_id="bench", aws_secret_access_key="bench")
target = ddb.create_table(TableName=target_name, BillingMode="PAY_PER_REQUEST",
                          KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                          AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}])
target.wait_until_exists()
items = items_from_file(source) if mode == "load" else items_from_table(ddb.Table(source))
n = 0
with target.batch_writer() as writer:
    for item in items:
        writer.put_item(Item=item)
        n += 1
print(n)
