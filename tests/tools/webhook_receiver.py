#!/usr/bin/env python3
"""A tiny webhook receiver on 127.0.0.1 for the simulator's tests.

Usage: webhook_receiver.py PORT_FILE LOG_FILE [--fail-first N]
Binds a free port on 127.0.0.1 and writes it to PORT_FILE. Each POST is appended to LOG_FILE
as one JSON line {path, content_type, fields, payload, status}; the first N answers are 500.
"""
import http.server
import json
import sys
import urllib.parse

port_file, log_file = sys.argv[1], sys.argv[2]
fail_first = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--fail-first" else 0
seen = [0]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        fields = urllib.parse.parse_qs(body, keep_blank_values=True)
        seen[0] += 1
        status = 500 if seen[0] <= fail_first else 200
        record = {
            "path": self.path,
            "content_type": self.headers.get("Content-Type"),
            "fields": {k: v[0] for k, v in fields.items() if k != "payload"},
            "payload": json.loads(fields["payload"][0]) if "payload" in fields else None,
            "status": status,
        }
        with open(log_file, "a") as f:
            f.write(json.dumps(record) + "\n")
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
import os
os.replace(port_file + ".tmp", port_file)
server.serve_forever()
