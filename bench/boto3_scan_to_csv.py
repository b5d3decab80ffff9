"""What a user would otherwise write: a boto3 paginated Scan of the whole table into CSV.

usage: boto3_scan_to_csv.py ENDPOINT TABLE OUTPUT
"""
import csv
import sys

import boto3
from boto3.dynamodb.types import TypeDeserializer

endpoint, table, output = sys.argv[1:4]
client = boto3.client("dynamodb", endpoint_url=endpoint, region_name="us-east-1",
                      aws_access_key_id="bench", aws_secret_access_key="bench")
deserializer = TypeDeserializer()
columns = ["pk", "active", "n", "name", "price"]
rows = 0
with open(output, "w", newline="") as f:
    writer = csv.writer(f)
    writer.writerow(columns)
    for page in client.get_paginator("scan").paginate(TableName=table):
        for item in page["Items"]:
            plain = {k: deserializer.deserialize(v) for k, v in item.items()}
            writer.writerow(["" if plain.get(c) is None else plain[c] for c in columns])
            rows += 1
print(rows)
