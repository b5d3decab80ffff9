# What a Python user writes to load JSON lines into DynamoDB: boto3's Table.batch_writer (25-item
# BatchWriteItem requests, UnprocessedItems re-sent), numbers as Decimal so they stay exact.
# usage: boto3_load.py ENDPOINT TABLE FILE.jsonl     prints the number of items written
import decimal
import json
import sys

import boto3

endpoint, table_name, path = sys.argv[1:4]
ddb = boto3.resource("dynamodb", endpoint_url=endpoint, region_name="us-east-1",
                     aws_access_key_id="bench", aws_secret_access_key="bench")
table = ddb.create_table(TableName=table_name, BillingMode="PAY_PER_REQUEST",
                         KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                         AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}])
table.wait_until_exists()
n = 0
with open(path) as f, table.batch_writer() as writer:
    for line in f:
        writer.put_item(Item=json.loads(line, parse_float=decimal.Decimal, parse_int=decimal.Decimal))
        n += 1
print(n)
