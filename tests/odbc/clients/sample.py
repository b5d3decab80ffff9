"""The sample-like data the real-client tests read, loaded with boto3 (not through dynamosql, so a fault
in the driver or the engine cannot hide in the data), and the answers those tests check, computed here
in Python from the same data with exact decimals.

  sample.py load PREFIX OUT_DIR   creates PREFIX_orders and PREFIX_customers, writes OUT_DIR/expected.txt
  sample.py drop PREFIX           deletes both tables (ignoring ones that do not exist)

The endpoint is DYNAMOSQL_TEST_STATE/endpoint (the test fixture's DynamoDB Local).

orders: a string partition key (customer_id 'c0001'..'c0100') and a number sort key (order_id 1..20);
status (text), qty (whole numbers), price (two decimals), 38-digit numbers in `big` on some rows,
text with accents and emoji in `note` on some rows (missing on the others).
customers: customer_id, name and city with accents and emoji.

expected.txt holds one `name<TAB>value` per line; every value is text (numbers exact, as DynamoDB
holds them). Names: rows, customers, qty_over_5, key.qty / key.price / key.status (customer 'c0007',
order 3), row.<customer_id>.<order_id> (status|qty|price of every order), big.<customer_id>.<order_id>,
note.<customer_id>.<order_id>, name.<customer_id>, status.<S>.count / .qty / .price (GROUP BY status),
statuses (the statuses, comma-separated, sorted), join.<city>.count (orders per customer city), cities
(sorted, comma-separated).
"""
import decimal
import os
import sys

import boto3

CUSTOMERS = 100
ORDERS_PER_CUSTOMER = 20
STATUSES = ["NEW", "PAID", "SHIPPED", "CANCELLED"]
NOTES = ["Zürich café ☕", "naïve façade 😀", "東京 🎉", "Ærøskøbing", "emoji 👩‍💻 and 𝄞"]
NAMES = ["Chloé", "Inès", "Søren 😀", "José", "Ådne", "Zoë", "Björn", "Renée"]
CITIES = ["Zürich", "Kraków", "São Paulo", "Reykjavík"]
BIG = [
    "12345678901234567890123456789012345678",
    "-98765432109876543210987654321098765432",
    "1234567890123456789.0123456789012345678",
    "0.12345678901234567890123456789012345678",
]


def customer_id(c):
    return "c%04d" % c


def orders():
    for c in range(1, CUSTOMERS + 1):
        for o in range(1, ORDERS_PER_CUSTOMER + 1):
            k = c * ORDERS_PER_CUSTOMER + o
            item = {
                "customer_id": customer_id(c),
                "order_id": decimal.Decimal(o),
                "status": STATUSES[(c * o) % len(STATUSES)],
                "qty": decimal.Decimal((k * 7) % 13 + 1),
                "price": decimal.Decimal("%d.%02d" % (k % 97 + 1, (k * k * 7 + k) % 100)),
            }
            if k % 17 == 0:
                item["big"] = decimal.Decimal(BIG[(k // 17) % len(BIG)])
            if k % 9 == 0:
                item["note"] = NOTES[(k // 9) % len(NOTES)]
            yield item


def customers():
    for c in range(1, CUSTOMERS + 1):
        yield {"customer_id": customer_id(c), "name": "%s %d" % (NAMES[c % len(NAMES)], c),
               "city": CITIES[c % len(CITIES)]}


def resource():
    endpoint = open(os.path.join(os.environ["DYNAMOSQL_TEST_STATE"], "endpoint")).read().strip()
    return boto3.resource("dynamodb", endpoint_url=endpoint, region_name="us-east-1",
                          aws_access_key_id="test", aws_secret_access_key="test")


def create(db, name, keys):
    table = db.create_table(
        TableName=name, BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": a, "KeyType": k} for a, _, k in keys],
        AttributeDefinitions=[{"AttributeName": a, "AttributeType": t} for a, t, _ in keys])
    table.wait_until_exists()
    return table


def text(value):
    """A value as DynamoDB returns it: numbers without trailing zeros or exponent."""
    if not isinstance(value, decimal.Decimal):
        return str(value)
    plain = "{:f}".format(value)
    return plain.rstrip("0").rstrip(".") if "." in plain else plain


def expected_values(order_items, customer_items):
    with decimal.localcontext() as ctx:
        ctx.prec = 60
        out = {"rows": len(order_items), "customers": len(customer_items),
               "qty_over_5": sum(1 for i in order_items if i["qty"] > 5)}
        key = next(i for i in order_items if i["customer_id"] == "c0007" and i["order_id"] == 3)
        out.update({"key.qty": key["qty"], "key.price": key["price"], "key.status": key["status"]})
        for i in order_items:
            out["row.%s.%d" % (i["customer_id"], i["order_id"])] = "|".join(text(i[a]) for a in ("status", "qty", "price"))
            for attr in ("big", "note"):
                if attr in i:
                    out["%s.%s.%d" % (attr, i["customer_id"], i["order_id"])] = i[attr]
        for status in STATUSES:
            group = [i for i in order_items if i["status"] == status]
            out["status.%s.count" % status] = len(group)
            out["status.%s.qty" % status] = sum(i["qty"] for i in group)
            out["status.%s.price" % status] = sum(i["price"] for i in group)
        out["statuses"] = ",".join(sorted(STATUSES))
        city_of = {c["customer_id"]: c["city"] for c in customer_items}
        for c in customer_items:
            out["name.%s" % c["customer_id"]] = c["name"]
        for city in CITIES:
            out["join.%s.count" % city] = sum(1 for i in order_items if city_of[i["customer_id"]] == city)
        out["cities"] = ",".join(sorted(CITIES))
    return out


def load(prefix, out_dir):
    db = resource()
    order_items, customer_items = list(orders()), list(customers())
    for name, keys, items in [
        (prefix + "_orders", [("customer_id", "S", "HASH"), ("order_id", "N", "RANGE")], order_items),
        (prefix + "_customers", [("customer_id", "S", "HASH")], customer_items),
    ]:
        with create(db, name, keys).batch_writer() as writer:
            for item in items:
                writer.put_item(Item=item)
    with open(os.path.join(out_dir, "expected.txt"), "w", encoding="utf-8") as f:
        for name, value in expected_values(order_items, customer_items).items():
            f.write("%s\t%s\n" % (name, text(value)))


def read_expected(path=None):
    """expected.txt (DYNAMOSQL_SAMPLE_EXPECTED by default) as a dict of text."""
    with open(path or os.environ["DYNAMOSQL_SAMPLE_EXPECTED"], encoding="utf-8") as f:
        return dict(line.rstrip("\n").split("\t", 1) for line in f)


def drop(prefix):
    db = resource()
    for name in (prefix + "_orders", prefix + "_customers"):
        try:
            db.Table(name).delete()
        except db.meta.client.exceptions.ResourceNotFoundException:
            pass


if __name__ == "__main__":
    if sys.argv[1] == "load":
        load(sys.argv[2], sys.argv[3])
    else:
        drop(sys.argv[2])
