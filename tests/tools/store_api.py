#!/usr/bin/env python3
"""A client of the store API (`kivals serve`) for the tests and benchmarks, over TCP or a
unix socket. Every exchange can be recorded (one JSON line each) so that
validate_store_api.py checks every answer against docs/store-api.yaml.

The store key is read from a file (never argv): --key-file FILE.

  store_api.py call  ADDR --key-file F [--record R] METHOD PATH [BODY]
        prints the status on the first line and the body after it
  store_api.py load  ADDR --key-file F --record R --clients N --orders M --kiva K1,K2 [--qty Q]
        N concurrent clients, each reserving M order lines (some retried), then prints a JSON
        summary: answers by status and code, lines reserved, latencies
  store_api.py wait-change ADDR --key-file F --after C [--wait S]
        long-polls once and prints the answer

ADDR is http://127.0.0.1:PORT or unix:/path/to/socket.
"""
import argparse
import http.client
import json
import random
import socket
import sys
import threading
import time

_record_lock = threading.Lock()


class UnixConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout):
        super().__init__("localhost", timeout=timeout)
        self._path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self._path)


class Client:
    """One keep-alive connection to the API; reconnects when the server closed it."""

    def __init__(self, addr, key, record=None, timeout=90):
        self.addr, self.key, self.record, self.timeout = addr, key, record, timeout
        self.conn = None

    def _connect(self):
        if self.addr.startswith("unix:"):
            return UnixConnection(self.addr[5:], self.timeout)
        host = self.addr.split("://", 1)[-1].rstrip("/")
        name, port = host.rsplit(":", 1)
        return http.client.HTTPConnection(name.strip("[]"), int(port), timeout=self.timeout)

    def call(self, method, path, body=None, headers=None, key=True):
        """Send one request; return (status, headers dict, body text)."""
        send = {}
        if key:
            send["Authorization"] = "Bearer " + self.key
        data = None
        if body is not None:
            data = body.encode() if isinstance(body, str) else body
            send["Content-Type"] = "application/json"
        send.update(headers or {})
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = self._connect()
            try:
                self.conn.request(method, path, body=data, headers=send)
                resp = self.conn.getresponse()
                text = resp.read().decode("utf-8", "replace")
                got = {k.lower(): v for k, v in resp.getheaders()}
                if got.get("connection", "").lower() == "close":
                    self.close()
                break
            except (ConnectionError, http.client.RemoteDisconnected, BrokenPipeError):
                self.close()
                if attempt == 2:
                    raise
        self._record(method, path, resp.status, got, text)
        return resp.status, got, text

    def _record(self, method, path, status, headers, text):
        if not self.record:
            return
        line = json.dumps({"method": method, "path": path, "status": status,
                           "content_type": headers.get("content-type", ""), "body": text})
        with _record_lock:
            with open(self.record, "a") as f:
                f.write(line + "\n")

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def read_key(path):
    with open(path) as f:
        return f.readline().strip()


def cmd_call(args):
    client = Client(args.addr, read_key(args.key_file), args.record)
    headers = dict(h.split(": ", 1) for h in args.header)
    body = args.body
    if args.body_file:
        with open(args.body_file, "rb") as f:
            body = f.read()
    status, _, text = client.call(args.method, args.path, body, headers, key=not args.no_key)
    sys.stdout.write(f"{status}\n{text}")


def cmd_wait_change(args):
    client = Client(args.addr, read_key(args.key_file), args.record)
    start = time.monotonic()
    status, _, text = client.call("GET", f"/v1/changes?after={args.after}&wait={args.wait}")
    print(json.dumps({"status": status, "seconds": time.monotonic() - start,
                      "answer": json.loads(text)}))


def cmd_load(args):
    """N clients reserve M lines each (one unit of a random product), every fifth retried at
    once, a few cancelled; the summary tells what the server answered."""
    kivas = args.kiva.split(",")
    key = read_key(args.key_file)
    results = {"by_status": {}, "by_code": {}, "reserved": [], "cancelled": [], "errors": 0,
               "latencies": []}
    lock = threading.Lock()
    deadline = time.monotonic() + args.timeout

    def note(status, text, latency):
        with lock:
            results["by_status"][str(status)] = results["by_status"].get(str(status), 0) + 1
            results["latencies"].append(latency)
            if status != 200:
                code = json.loads(text)["error"]["code"]
                results["by_code"][code] = results["by_code"].get(code, 0) + 1

    def client_main(n):
        rng = random.Random(n)
        client = Client(args.addr, key, args.record)
        try:
            for m in range(args.orders):
                if time.monotonic() > deadline:
                    break
                order, kiva = f"L{n}-{m}", rng.choice(kivas)
                body = json.dumps({"kiva_id": kiva, "qty": args.qty})
                tries = 2 if m % 5 == 0 else 1  # the store retries: the same line, once more
                for _ in range(tries):
                    t0 = time.monotonic()
                    status, _, text = client.call("POST", f"/v1/orders/{order}/lines/1", body)
                    note(status, text, time.monotonic() - t0)
                if status == 200:
                    with lock:
                        results["reserved"].append([order, kiva])
                    if m % 7 == 3:
                        t0 = time.monotonic()
                        status, _, text = client.call("POST", f"/v1/orders/{order}/cancel")
                        note(status, text, time.monotonic() - t0)
                        if status == 200:
                            with lock:
                                results["cancelled"].append(order)
        except Exception as e:  # a connection that broke: counted, never hidden
            with lock:
                results["errors"] += 1
                results.setdefault("exceptions", []).append(repr(e)[:200])
        finally:
            client.close()

    threads = [threading.Thread(target=client_main, args=(n,)) for n in range(args.clients)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lat = sorted(results.pop("latencies"))
    results["seconds"] = time.monotonic() - start
    results["requests"] = len(lat)
    if lat:
        results["p50_ms"] = lat[len(lat) // 2] * 1000
        results["p99_ms"] = lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000
        results["max_ms"] = lat[-1] * 1000
    print(json.dumps(results))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("call", "load", "wait-change"):
        p = sub.add_parser(name)
        p.add_argument("addr")
        p.add_argument("--key-file", required=True)
        p.add_argument("--record")
        if name == "call":
            p.add_argument("--header", action="append", default=[])
            p.add_argument("--body-file")
            p.add_argument("--no-key", action="store_true")
            p.add_argument("method")
            p.add_argument("path")
            p.add_argument("body", nargs="?")
        elif name == "load":
            p.add_argument("--clients", type=int, default=50)
            p.add_argument("--orders", type=int, default=20)
            p.add_argument("--kiva", required=True)
            p.add_argument("--qty", type=int, default=1)
            p.add_argument("--timeout", type=float, default=120)
        else:
            p.add_argument("--after", type=int, default=0)
            p.add_argument("--wait", type=int, default=10)
    args = ap.parse_args()
    {"call": cmd_call, "load": cmd_load, "wait-change": cmd_wait_change}[args.cmd](args)


if __name__ == "__main__":
    main()
