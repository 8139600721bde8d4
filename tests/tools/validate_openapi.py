#!/usr/bin/env python3
"""Check a running kivals-lssim against Lightspeed's OpenAPI documents.

Fetches a sample of every endpoint family with curl, then validates the status and the body
against the response schema of the matching operation (with every $ref resolved and OpenAPI
3.0 `nullable` turned into a JSON Schema null type). Also validates the request bodies that
kivals sends (stock adjustments, inventory POST, webhook create/update, product PUT) against
the request schemas.

Usage: validate_openapi.py --base http://127.0.0.1:PORT --token-file FILE --shared DIR

Known inconsistencies in the documents, and what this check does about them:
- 2.0 `Version` requires integer min/max, but says nothing about an empty page; the 2026-07
  `Version` (and API-NOTES §3) gives null for an empty page. The simulator answers null in both
  families; for the 2.0 empty page the check allows null min/max and reports it as a note.
- `/api/2.0/webhooks` is in the Postman collection but not in the 2.0 OpenAPI document; its
  answers are validated against the 2026-07 webhook schemas, which describe the same objects.
- `PUT /api/2.1/products/{id}` is in neither OpenAPI document's 2.0 file; its body is checked
  against the 2026-07 `ProductUpdate21Request`, which is the same request.
"""
import argparse
import copy
import json
import os
import subprocess
import sys
import tempfile

import jsonschema
import yaml

FAILURES = []
NOTES = []
CHECKED = [0]


def load_docs(shared):
    docs = {"2.0": json.load(open(os.path.join(shared, "x-series-api-2.0.openapi.json")))}
    for part in ("outlets", "products", "inventory", "webhooks"):
        path = os.path.join(shared, f"x-series-2026-07-{part}-api.openapi.yml")
        docs[f"2026-07/{part}"] = yaml.safe_load(open(path))
    return docs


def to_json_schema(node, doc, depth=0):
    """Inline $refs and turn OpenAPI nullable into JSON Schema null types."""
    if depth > 40:
        return {}
    if isinstance(node, list):
        return [to_json_schema(n, doc, depth + 1) for n in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target = doc
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        return to_json_schema(target, doc, depth + 1)
    out = {}
    for key, value in node.items():
        if key in ("example", "examples", "x-examples", "description", "format"):
            continue
        out[key] = to_json_schema(value, doc, depth + 1) if key != "enum" else value
    if out.pop("nullable", False):
        t = out.get("type")
        if isinstance(t, str):
            out["type"] = [t, "null"]
        elif isinstance(t, list) and "null" not in t:
            out["type"] = t + ["null"]
        if "enum" in out and None not in out["enum"]:
            out["enum"] = out["enum"] + [None]
    return out


def response_schema(doc, path, method, status):
    op = doc["paths"][path][method]
    resp = op["responses"].get(str(status))
    if resp is None:
        return None, False
    content = resp.get("content", {}).get("application/json")
    if not content or "schema" not in content:
        return None, True
    return to_json_schema(content["schema"], doc), True


def request_schema(doc, path, method):
    body = doc["paths"][path][method]["requestBody"]
    return to_json_schema(body["content"]["application/json"]["schema"], doc)


class Api:
    def __init__(self, base, token_file):
        self.base = base
        token = open(token_file).read().strip()
        # Keep the token out of curl's argv: pass the header through a file.
        fd, self.header_file = tempfile.mkstemp()
        with os.fdopen(fd, "w") as f:
            f.write(f"Authorization: Bearer {token}\n")

    def call(self, method, path, body=None, auth=True):
        cmd = ["curl", "-s", "-X", method, "-D", "-", "-o", "-", "-w", "\n%{http_code}"]
        if auth:
            cmd += ["-H", f"@{self.header_file}"]
        if body is not None:
            cmd += ["-H", "Content-Type: application/json", "--data-binary", json.dumps(body)]
        out = subprocess.run(cmd + [self.base + path], capture_output=True, text=True, check=True).stdout
        # text=True turns CRLF into LF.
        head, _, rest = out.partition("\n\n")
        text, _, code = rest.rpartition("\n")
        headers = {}
        for line in head.split("\n")[1:]:
            k, _, v = line.partition(":")
            headers[k.strip().lower()] = v.strip()
        return int(code), headers, (json.loads(text) if text.strip() else None)


def check(name, cond, detail=""):
    CHECKED[0] += 1
    if not cond:
        FAILURES.append(f"{name}: {detail}")


def validate(name, schema, instance):
    CHECKED[0] += 1
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(instance), key=lambda e: list(e.path))
    for e in errors[:3]:
        FAILURES.append(f"{name}: {'/'.join(map(str, e.path))}: {e.message[:200]}")


def expect(api, docs, docname, spec_path, method, status, url, body=None, name=None):
    """Call the simulator and validate the answer against the operation's schema."""
    name = name or f"{method.upper()} {url}"
    code, headers, data = api.call(method.upper(), url, body)
    check(name + " status", code == status, f"expected {status}, got {code}: {data}")
    check(name + " rate headers", "x-ratelimit-limit" in headers and "x-ratelimit-remaining" in headers,
          "X-RateLimit-* headers missing")
    if code != status:
        return data
    schema, documented = response_schema(docs[docname], spec_path, method, status)
    check(name + " documented status", documented, f"{status} is not a documented answer")
    if schema is not None:
        validate(name, schema, data)
    elif status >= 400:
        check(name + " error body", isinstance(data, dict) and isinstance(data.get("error"), str),
              f"error body {data}")
    return data


def relax_version(schema):
    s = copy.deepcopy(schema)
    s["properties"]["version"]["properties"]["min"]["type"] = ["integer", "null"]
    s["properties"]["version"]["properties"]["max"]["type"] = ["integer", "null"]
    return s


def check_reads(api, docs):
    d20 = "2.0"
    outlets = expect(api, docs, d20, "/outlets", "get", 200, "/api/2.0/outlets")
    outlet_id = outlets["data"][0]["id"]
    expect(api, docs, d20, "/outlets/{outlet_id}", "get", 200, f"/api/2.0/outlets/{outlet_id}")
    expect(api, docs, d20, "/retailer", "get", 200, "/api/2.0/retailer")
    products = expect(api, docs, d20, "/products", "get", 200, "/api/2.0/products?page_size=200&deleted=true")
    rows = products["data"]
    check("catalogue has variants", any(p["variant_parent_id"] for p in rows), "no variant rows")
    check("catalogue has composites", any(p["is_composite"] for p in rows), "no composite")
    check("catalogue has untracked", any(not p["has_inventory"] for p in rows), "no untracked product")
    check("catalogue has deleted", any(p["deleted_at"] for p in rows), "no deleted product")
    product = next(p for p in rows if p["has_inventory"] and not p["is_composite"] and not p["deleted_at"])
    pid = product["id"]
    expect(api, docs, d20, "/products", "get", 200, f"/api/2.0/products?sku={product['sku']}")
    expect(api, docs, d20, "/products/{product_id}", "get", 200, f"/api/2.0/products/{pid}")
    expect(api, docs, d20, "/inventory", "get", 200, "/api/2.0/inventory?page_size=50")
    expect(api, docs, d20, "/products/{product_id}/inventory", "get", 200, f"/api/2.0/products/{pid}/inventory")
    # The empty last page: see the module docstring.
    code, _, empty = api.call("GET", "/api/2.0/inventory?after=999999999999")
    schema, _ = response_schema(docs[d20], "/inventory", "get", 200)
    check("2.0 empty page status", code == 200, str(code))
    validate("2.0 empty page (null min/max allowed)", relax_version(schema), empty)
    check("2.0 empty page shape", empty == {"data": [], "version": {"min": None, "max": None}}, str(empty))
    NOTES.append("2.0 empty page answers version {min:null,max:null} (2.0 schema says integer; 2026-07 says null)")

    d = "2026-07/outlets"
    expect(api, docs, d, "/outlets", "get", 200, "/api/2026-07/outlets")
    expect(api, docs, d, "/outlets/{outlet_id}", "get", 200, f"/api/2026-07/outlets/{outlet_id}")
    d = "2026-07/products"
    expect(api, docs, d, "/products", "get", 200, "/api/2026-07/products?page_size=200&deleted=true")
    expect(api, docs, d, "/products/{product_id}", "get", 200, f"/api/2026-07/products/{pid}")
    empty = expect(api, docs, d, "/products", "get", 200, "/api/2026-07/products?after=999999999999")
    check("2026-07 empty page", empty == {"data": [], "version": {"min": None, "max": None}}, str(empty))
    d = "2026-07/inventory"
    body = {"after": 0, "size": 100, "sort_direction": "asc"}
    validate("request POST /inventory", request_schema(docs[d], "/inventory", "post"), body)
    expect(api, docs, d, "/inventory", "post", 200, "/api/2026-07/inventory", body)
    expect(api, docs, d, "/inventory/{product_id}", "get", 200, f"/api/2026-07/inventory/{pid}")
    return pid, outlet_id


def check_writes(api, docs, pid, outlet_id):
    d = "2026-07/products"
    put = {"details": {"inventory": [{"outlet_id": outlet_id, "current_amount": 21}]}}
    validate("request PUT /products/{id}", request_schema(docs[d], "/products/{product_id}", "put"), put)
    expect(api, docs, d, "/products/{product_id}", "put", 200, f"/api/2026-07/products/{pid}", put)
    expect(api, docs, d, "/products/{product_id}", "put", 200, f"/api/2.1/products/{pid}", put,
           name="PUT /api/2.1/products/{id}")
    expect(api, docs, d, "/products/{product_id}", "put", 404,
           "/api/2026-07/products/00000000-0000-0000-0000-000000000000", put)

    d = "2026-07/inventory"
    reason = {"name": "Online sale", "enabled": True, "type": "NEGATIVE"}
    validate("request POST reason", request_schema(docs[d], "/custom_inventory_adjustment_reasons", "post"), reason)
    created = expect(api, docs, d, "/custom_inventory_adjustment_reasons", "post", 200,
                     "/api/2026-07/custom_inventory_adjustment_reasons", reason)
    expect(api, docs, d, "/custom_inventory_adjustment_reasons", "post", 409,
           "/api/2026-07/custom_inventory_adjustment_reasons", reason)
    expect(api, docs, d, "/custom_inventory_adjustment_reasons", "get", 200,
           "/api/2026-07/custom_inventory_adjustment_reasons")
    adj = {"stock_adjustments": [
        {"product_id": pid, "outlet_id": outlet_id, "quantity": "-2", "reason": "CUSTOM",
         "custom_inventory_adjustment_reason_id": created["data"]["id"]},
        {"product_id": pid, "outlet_id": outlet_id, "quantity": "5", "reason": "STOCK_FOUND"}]}
    validate("request POST /stock_adjustments", request_schema(docs[d], "/stock_adjustments", "post"), adj)
    expect(api, docs, d, "/stock_adjustments", "post", 201, "/api/2026-07/stock_adjustments", adj)
    bad = {"stock_adjustments": [{"product_id": pid, "outlet_id": outlet_id, "quantity": "5", "reason": "THEFT"}]}
    expect(api, docs, d, "/stock_adjustments", "post", 422, "/api/2026-07/stock_adjustments", bad)


def check_webhooks(api, docs):
    d = "2026-07/webhooks"
    for family in ("2.0", "2026-07"):
        base = f"/api/{family}/webhooks"
        req = {"type": "inventory.update", "url": f"http://127.0.0.1:9/{family}", "active": True}
        validate("request POST /webhooks", request_schema(docs[d], "/webhooks", "post"), req)
        hook = expect(api, docs, d, "/webhooks", "post", 201, base, req)
        expect(api, docs, d, "/webhooks", "post", 409, base, req)
        expect(api, docs, d, "/webhooks", "get", 200, base)
        hid = hook["data"]["id"]
        one = "/webhooks/{webhookId}"
        expect(api, docs, d, one, "get", 200, f"{base}/{hid}")
        expect(api, docs, d, one, "put", 200, f"{base}/{hid}", dict(req, active=False))
        expect(api, docs, d, one, "delete", 200, f"{base}/{hid}")
        expect(api, docs, d, one, "get", 404, f"{base}/{hid}")
        expect(api, docs, d, one, "put", 404, f"{base}/{hid}", req)
        expect(api, docs, d, one, "delete", 404, f"{base}/{hid}")


def self_test(docs):
    """Prove the validator can fail: a product with a numeric id must be rejected."""
    schema, _ = response_schema(docs["2.0"], "/products", "get", 200)
    bad = {"data": [{"id": 1, "name": "x", "handle": "x", "sku": "x"}], "version": {"min": 1, "max": 1}}
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(bad))
    check("validator self-test", len(errors) > 0, "a wrong type was accepted")


def check_errors(api):
    code, _, body = api.call("GET", "/api/2.0/outlets", auth=False)
    check("401 without token", code == 401 and isinstance(body.get("error"), str), f"{code} {body}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--token-file", required=True)
    ap.add_argument("--shared", required=True)
    args = ap.parse_args()
    docs = load_docs(args.shared)
    api = Api(args.base, args.token_file)
    self_test(docs)
    try:
        pid, outlet_id = check_reads(api, docs)
        check_writes(api, docs, pid, outlet_id)
        check_webhooks(api, docs)
        check_errors(api)
    finally:
        os.unlink(api.header_file)
    for n in NOTES:
        print("note:", n)
    for f in FAILURES:
        print("FAIL:", f)
    print(f"{CHECKED[0]} checks, {len(FAILURES)} failures")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
