#!/usr/bin/env python3
"""Data for bench/import_bench.sh: generates customers and invoices, and posts them to dulyd.

  import_feed.py generate DIR INVOICES CUSTOMERS BATCH
      writes DIR/customers.csv, DIR/invoices.csv (the `duly import` columns) and
      DIR/customers.jsonl, DIR/invoices.jsonl: one POST body per line, BATCH records each
      ({"customers": [...]} / {"invoices": [...]}, the /v1 bulk upsert shape).
  import_feed.py post BASE_URL TOKEN PATH FILE.jsonl CLIENTS
      POSTs every line of FILE.jsonl to BASE_URL+PATH over CLIENTS keep-alive connections
      (one thread each, lines dealt round-robin) and exits non-zero on the first answer that
      is not 2xx, printing it.

The data is deterministic (seeded), so runs compare: invoice i belongs to customer i % CUSTOMERS,
amounts are 10.00..5000.00 EUR, issued over 2026, due 30 days later.
"""
import datetime
import http.client
import json
import os
import random
import sys
import threading
import urllib.parse

CUSTOMER_CSV_HEADER = "id,name,kind,language,email\n"
INVOICE_CSV_HEADER = "id,customer,issued,due,amount,currency\n"


def customer(i):
    return {
        "id": "C%07d" % i,
        "name": "Customer %d B.V." % i,
        "kind": "b2b" if i % 5 else "b2c",
        "language": "nl" if i % 3 else "fr",
        "email": "ap%d@customer.example" % i,
    }


def generate(out_dir, invoices, customers, batch):
    os.makedirs(out_dir, exist_ok=True)
    rng = random.Random(20260101)
    start = datetime.date(2026, 1, 1)
    with open(os.path.join(out_dir, "customers.csv"), "w") as csv_out, open(
        os.path.join(out_dir, "customers.jsonl"), "w"
    ) as json_out:
        csv_out.write(CUSTOMER_CSV_HEADER)
        records = []
        for i in range(customers):
            c = customer(i)
            csv_out.write("%s,%s,%s,%s,%s\n" % (c["id"], c["name"], c["kind"], c["language"],
                                                c["email"]))
            records.append(c)
            if len(records) == batch:
                json_out.write(json.dumps({"customers": records}) + "\n")
                records = []
        if records:
            json_out.write(json.dumps({"customers": records}) + "\n")
    days = [(start + datetime.timedelta(days=d)).isoformat() for d in range(365 + 30)]
    with open(os.path.join(out_dir, "invoices.csv"), "w") as csv_out, open(
        os.path.join(out_dir, "invoices.jsonl"), "w"
    ) as json_out:
        csv_out.write(INVOICE_CSV_HEADER)
        records = []
        for i in range(invoices):
            day = rng.randrange(365)
            cents = rng.randrange(1000, 500001)
            inv = {
                "id": "INV%08d" % i,
                "customer": "C%07d" % (i % customers),
                "issued": days[day],
                "due": days[day + 30],
                "amount": "%d.%02d" % (cents // 100, cents % 100),
                "currency": "EUR",
            }
            csv_out.write("%s,%s,%s,%s,%s,%s\n" % (inv["id"], inv["customer"], inv["issued"],
                                                   inv["due"], inv["amount"], inv["currency"]))
            records.append(inv)
            if len(records) == batch:
                json_out.write(json.dumps({"invoices": records}) + "\n")
                records = []
        if records:
            json_out.write(json.dumps({"invoices": records}) + "\n")


def post(base_url, token, path, jsonl, clients):
    with open(jsonl, "rb") as f:
        bodies = [line.rstrip(b"\n") for line in f if line.strip()]
    url = urllib.parse.urlsplit(base_url)
    failure = []

    def worker(share):
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=300)
        headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
        for body in share:
            if failure:
                return
            conn.request("POST", path, body=body, headers=headers)
            answer = conn.getresponse()
            text = answer.read()
            if not 200 <= answer.status < 300:
                failure.append("POST %s answered %d: %s" % (path, answer.status, text[:2000]))
                return
        conn.close()

    threads = [threading.Thread(target=worker, args=(bodies[k::clients],)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failure:
        print(failure[0], file=sys.stderr)
        return 1
    return 0


def main(argv):
    if len(argv) == 6 and argv[1] == "generate":
        generate(argv[2], int(argv[3]), int(argv[4]), int(argv[5]))
        return 0
    if len(argv) == 7 and argv[1] == "post":
        return post(argv[2], argv[3], argv[4], argv[5], int(argv[6]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
