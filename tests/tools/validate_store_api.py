#!/usr/bin/env python3
"""Check what kivals printed against its documents.

  validate_store_api.py api [--every-operation] RECORD...
      every recorded answer of the store API (store_api.py --record) against
      docs/store-api.yaml: the path and method are documented, the status is one the
      operation lists, the body is JSON and valid against the response's schema; with
      --every-operation, every operation of the document must have been answered
  validate_store_api.py cli SCHEMA FILE [--lines]
      a CLI command's --json output (FILE: one JSON document, or with --lines one per line)
      against docs/schemas/SCHEMA.schema.json
  validate_store_api.py doc
      the document itself: OpenAPI 3.1, every schema a valid JSON Schema 2020-12, every
      $ref resolvable

Works with Debian 12's python3-jsonschema (4.10) and later ones.
"""
import json
import os
import re
import sys
import warnings
from urllib.parse import urljoin, urlparse
from urllib.request import pathname2url, url2pathname

import jsonschema
import yaml

warnings.filterwarnings("ignore", category=DeprecationWarning)

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.normpath(os.path.join(HERE, "..", "..", "docs"))
DOC_PATH = os.path.join(DOCS, "store-api.yaml")
# A count must be written as an integer when it is whole: JSON Schema counts 4.0 as an
# integer, kivals' documents do not (the text "4.0" parses to a Python float).
Validator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator,
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda _, value: isinstance(value, int) and not isinstance(value, bool)))


def load_file(uri):
    path = url2pathname(urlparse(uri).path)
    with open(path) as f:
        doc = yaml.safe_load(f) if path.endswith((".yaml", ".yml")) else json.load(f)
    # Every document here is 2020-12; without $schema a referenced file is checked by the
    # validator in use (with its integer rule) instead of the stock one its $schema names.
    if isinstance(doc, dict):
        doc.pop("$schema", None)
    return doc


def resolver_for(uri, document):
    return jsonschema.RefResolver(uri, document, handlers={"file": load_file})


def file_uri(path):
    return "file:" + pathname2url(os.path.abspath(path))


def validate(schema, instance, resolver):
    errors = sorted(Validator(schema, resolver=resolver).iter_errors(instance),
                    key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message[:300]}" for e in errors]


def deref(node, resolver):
    while isinstance(node, dict) and "$ref" in node:
        _, node = resolver.resolve(node["$ref"])
    return node


def path_pattern(template):
    return re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$")


def find_operation(doc, method, path):
    """Return (template, operation); literal templates win over ones with parameters."""
    found = [(t.count("{"), t, ops) for t, ops in doc["paths"].items() if path_pattern(t).match(path)]
    for _, template, ops in sorted(found):
        if method.lower() in ops:
            return template, ops[method.lower()]
    return (found[0][1] if found else None), None


def check_api(records, every_operation=False):
    doc = load_file(file_uri(DOC_PATH))
    resolver = resolver_for(file_uri(DOC_PATH), doc)
    failures, checked, seen = [], 0, set()
    for record_file in records:
        with open(record_file) as f:
            lines = [json.loads(line) for line in f if line.strip()]
        for n, r in enumerate(lines, 1):
            where = f"{os.path.basename(record_file)}:{n} {r['method']} {r['path']} -> {r['status']}"
            path = r["path"].split("?", 1)[0]
            template, op = find_operation(doc, r["method"], path)
            status = str(r["status"])
            if op is None:
                # Unknown paths and methods are answered with errors: those must be errors.
                expected = "404" if template is None else "405"
                if status != expected:
                    failures.append(f"{where}: not in the document, and not answered {expected}")
                    continue
                schema = {"$ref": "#/components/schemas/Error"}
            else:
                seen.add((template, r["method"]))
                responses = op["responses"]
                response = responses.get(status, responses.get("default"))
                if response is None:
                    failures.append(f"{where}: status {status} is not documented for {template}")
                    continue
                response = deref(response, resolver)
                schema = response.get("content", {}).get("application/json", {}).get("schema")
                if schema is None:
                    failures.append(f"{where}: the document gives no JSON body for {status}")
                    continue
            if not r["content_type"].startswith("application/json"):
                failures.append(f"{where}: Content-Type is '{r['content_type']}'")
                continue
            try:
                body = json.loads(r["body"])
            except ValueError:
                failures.append(f"{where}: the body is not JSON: {r['body'][:200]!r}")
                continue
            checked += 1
            for error in validate(schema, body, resolver):
                failures.append(f"{where}: {error}")
    operations = {(t, m.upper()) for t, ops in doc["paths"].items() for m in ops}
    if every_operation:
        failures += [f"{m} {t}: never answered" for t, m in sorted(operations - seen)]
    print(f"validate_store_api: {checked} answers checked against docs/store-api.yaml; "
          f"{len(seen)} of {len(operations)} operations seen")
    return failures


def check_cli(schema_name, path, lines):
    schema_path = os.path.join(DOCS, "schemas", f"{schema_name}.schema.json")
    schema = load_file(file_uri(schema_path))
    resolver = resolver_for(file_uri(schema_path), schema)
    with open(path) as f:
        text = f.read()
    docs = [json.loads(line) for line in text.splitlines() if line.strip()] if lines else [json.loads(text)]
    failures = []
    for n, instance in enumerate(docs, 1):
        for error in validate(schema, instance, resolver):
            failures.append(f"{os.path.basename(path)}:{n} against {schema_name}: {error}")
    print(f"validate_store_api: {len(docs)} document(s) checked against {schema_name}.schema.json")
    return failures


def check_doc():
    doc = load_file(file_uri(DOC_PATH))
    failures = []
    if not str(doc.get("openapi", "")).startswith("3.1."):
        failures.append("openapi must be 3.1.x")
    resolver = resolver_for(file_uri(DOC_PATH), doc)
    for name in sorted(os.listdir(os.path.join(DOCS, "schemas"))):
        with open(os.path.join(DOCS, "schemas", name)) as f:
            schema = json.load(f)
        if schema.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
            failures.append(f"schemas/{name}: $schema must be JSON Schema 2020-12")
        try:
            jsonschema.Draft202012Validator.check_schema(schema)
        except jsonschema.SchemaError as e:
            failures.append(f"schemas/{name}: {e.message}")

    def walk(node, where):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref" and isinstance(value, str):
                    try:
                        resolver.resolve(value)
                    except Exception as e:  # any failure to resolve is the finding
                        failures.append(f"{where}: $ref {value} does not resolve ({e})")
                else:
                    walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}/{i}")

    walk(doc, "#")
    for template, ops in doc["paths"].items():
        for method, op in ops.items():
            if "responses" not in op or "200" not in op["responses"]:
                failures.append(f"{method.upper()} {template}: no 200 answer documented")
    print("validate_store_api: docs/store-api.yaml and docs/schemas/ checked")
    return failures


def main(argv):
    if len(argv) >= 2 and argv[0] == "api":
        every = "--every-operation" in argv[1:]
        records = [a for a in argv[1:] if a != "--every-operation"]
        if not records:
            print(__doc__, file=sys.stderr)
            return 2
        failures = check_api(records, every)
    elif len(argv) >= 3 and argv[0] == "cli":
        failures = check_cli(argv[1], argv[2], "--lines" in argv[3:])
    elif argv == ["doc"]:
        failures = check_doc()
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for failure in failures[:50]:
        print("INVALID: " + failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
