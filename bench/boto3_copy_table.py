# What a Python user writes to copy one table into another: a paginated Scan feeding batch_writer.
# usage: boto3_copy_table.py ENDPOINT SOURCE TARGET     prints the number of items copied
import sys

import boto3

endpoint, source, target = sys.argv[1:4]
ddb = boto3.resource("dynamodb", endpoint_url=endpoint, region_name="us-east-1",
                     aws_access_key_id="bench", aws_secret_access_key="bench")
table = ddb.create_table(TableName=target, BillingMode="PAY_PER_REQUEST",
                         KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                         AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}])
table.wait_until_exists()
n = 0
kwargs = {}
with table.batch_writer() as writer:
    while True:
        page = ddb.Table(source).scan(**kwargs)
        for item in page["Items"]:
            writer.put_item(Item=item)
            n += 1
        if "LastEvaluatedKey" not in page:
            break
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]
print(n)
