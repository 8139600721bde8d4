#!/usr/bin/env python3
"""Post distinct inventory.update deliveries to a webhook URL on 127.0.0.1, with bounded count and
concurrency; optionally kill -9 the web server's children (the intake) at random moments.

Delivery i carries product p-(i % products), outlet o1, count i % 97 and version base + i, so
every delivery is distinct and later deliveries have newer versions. Prints one JSON line of
figures (sent, ok, non-2xx, errors, per second, latency percentiles in ms, kills, the client's
own CPU seconds) and writes the numbers of the deliveries answered 2xx to --acked.
"""
import argparse, http.client, json, os, random, signal, threading, time, urllib.parse


def body_for(i, products, base):
    payload = {"id": f"inv-{i}", "product_id": f"p-{i % products}", "outlet_id": "o1",
               "count": i % 97, "version": base + i, "attributed_cost": "1.00"}
    return urllib.parse.urlencode({"payload": json.dumps(payload), "domain_prefix": "test"})


def children(parent):
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            if int(fields[1]) == parent:
                out.append(int(entry))
        except OSError:
            pass
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--secret-file", required=True)
    ap.add_argument("--type", default="inventory.update")
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--concurrency", type=int, default=4)
    ap.add_argument("--products", type=int, default=1000000)
    ap.add_argument("--version-base", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=1,
                    help="send each delivery 1..REPEAT times, all shuffled (seeded)")
    ap.add_argument("--acked")
    ap.add_argument("--kill-parent", type=int, default=0)
    ap.add_argument("--kills", type=int, default=0)
    ap.add_argument("--min-children", type=int, default=0,
                    help="kill only while at least this many children live (FastCGI servers)")
    ap.add_argument("--max-seconds", type=float, default=120)
    args = ap.parse_args()

    secret = open(args.secret_file).read().strip()
    parsed = urllib.parse.urlparse(args.url)
    path = f"{parsed.path}?type={args.type}&secret={urllib.parse.quote(secret)}"
    lock = threading.Lock()
    state = {"next": 0, "ok": [], "bad": 0, "errors": 0, "lat": [], "kills": 0, "killing": False}
    stop_at = time.monotonic() + args.max_seconds
    order = None
    if args.repeat > 1:
        rng = random.Random(args.count)
        order = [i for i in range(args.count) for _ in range(rng.randint(1, args.repeat))]
        rng.shuffle(order)

    def take():
        with lock:
            if time.monotonic() > stop_at:
                return None
            if order is not None:
                if state["next"] >= len(order):
                    return None
                state["next"] += 1
                return order[state["next"] - 1]
            # While a killer still has kills to do, keep the traffic going past --count.
            if state["next"] >= args.count and not state["killing"]:
                return None
            state["next"] += 1
            return state["next"] - 1

    def worker():
        conn = None
        while (i := take()) is not None:
            body = body_for(i, args.products, args.version_base)
            t0 = time.monotonic()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
                conn.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})
                resp = conn.getresponse()
                resp.read()
                status = resp.status
            except (OSError, http.client.HTTPException):
                status = None
                conn = None
            dt = time.monotonic() - t0
            with lock:
                if status is None:
                    state["errors"] += 1
                elif 200 <= status < 300:
                    state["ok"].append(i)
                    state["lat"].append(dt)
                else:
                    state["bad"] += 1
                    state["lat"].append(dt)

    def killer():
        rng = random.Random(args.kill_parent)
        while state["kills"] < args.kills and time.monotonic() < stop_at:
            pids = children(args.kill_parent)
            if not pids or len(pids) < args.min_children:
                time.sleep(0.0005)
                continue
            time.sleep(rng.uniform(0, 0.004))
            try:
                os.kill(rng.choice(pids), signal.SIGKILL)
                state["kills"] += 1
            except OSError:
                pass
        state["killing"] = False

    threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
    if args.kills and args.kill_parent:
        state["killing"] = True
        threads.append(threading.Thread(target=killer))
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t0
    lat = sorted(state["lat"])

    def pct(p):
        return round(lat[min(len(lat) - 1, int(p / 100 * len(lat)))] * 1000, 2) if lat else None

    if args.acked:
        with open(args.acked, "w") as f:
            f.write("".join(f"{i}\n" for i in sorted(set(state["ok"]))))
    print(json.dumps({"sent": state["next"], "ok": len(state["ok"]), "non_2xx": state["bad"],
                      "errors": state["errors"], "seconds": round(elapsed, 3),
                      "per_second": round(state["next"] / elapsed, 1) if elapsed else None,
                      "p50_ms": pct(50), "p95_ms": pct(95), "p99_ms": pct(99), "kills": state["kills"],
                      "client_cpu_s": round(sum(os.times()[:2]), 3)}))


if __name__ == "__main__":
    main()
