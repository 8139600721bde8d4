#!/usr/bin/env python3
"""Deterministic simulation of kivals against kivals-lssim (INVENTORY-MODEL.md invariants).

A seed drives every choice: POS sales, online reserve/cancel/fulfill, pushes, pull-syncs
(some killed with SIGKILL mid-run), with the simulator's 5xx, 429 and read/write race
faults seeded by the same number. After quiescence (faults off, push until done, a full
pull-sync) every invariant is checked. A failure prints the seed and the command that
replays it.

  simulate.py --bin BUILD_DIR --seed 7 --steps 300 [--unsafe-stale-absolute]

Exit 0: invariants hold. Exit 1: an invariant failed (with --expect-violation: none did).
Webhooks are not driven yet (the intake's queue runner has not landed): observations come
from pull-sync and the push's read-back only.
"""
import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

TOKEN = "sim-token-0123456789abcdef"


class Sim:
    def __init__(self, binary, seed, products, workdir):
        token_file = os.path.join(workdir, "sim.token")
        with open(token_file, "w") as f:
            f.write(TOKEN + "\n")
        self.proc = subprocess.Popen(
            [binary, "--port", "0", "--token-file", token_file, "--products", str(products),
             "--outlets", "1", "--seed", str(seed), "--rate-limit", "1000000"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline().strip()
        if not line.startswith("listening on "):
            raise RuntimeError("kivals-lssim did not start")
        self.url = "http://" + line.split()[-1]

    def call(self, method, path, body=None, auth=False):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method=method)
        req.add_header("Content-Type", "application/json")
        if auth:
            req.add_header("Authorization", "Bearer " + TOKEN)
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.loads(r.read() or b"{}")

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


class Run:
    def __init__(self, args, workdir):
        self.args = args
        self.rng = random.Random(args.seed)
        self.work = workdir
        self.kivals = os.path.join(args.bin, "kivals")
        self.env = dict(os.environ, KIVALS_CONFIG=os.path.join(workdir, "kivals.toml"))
        self.db_path = os.path.join(workdir, "kivals.db")
        with open(self.env["KIVALS_CONFIG"], "w") as f:
            f.write(f'[database]\npath = "{self.db_path}"\n[intake]\nspool_dir = "{workdir}/spool"\n'
                    f'secret_file = "{workdir}/webhook.secret"\n[locks]\ndir = "{workdir}/locks"\n'
                    '[http]\nconnect_timeout_s = 2\ntimeout_s = 10\nmax_retries = 4\n')
        self.sim = Sim(os.path.join(args.bin, "kivals-lssim"), args.seed, args.products, workdir)
        self.log = []
        self.pos_units = 0
        self.pos_sales = 0
        self.lines = {}  # (order, line) -> [kiva_id, qty, state]
        self.next_order = 1

    def kv(self, *argv, stdin=None, kill_after=None):
        cmd = [self.kivals, *argv]
        p = subprocess.Popen(cmd, env=self.env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
        if kill_after is None:
            out, err = p.communicate(stdin)
            return p.returncode, out, err
        try:
            out, err = p.communicate(stdin, timeout=kill_after)
            return p.returncode, out, err
        except subprocess.TimeoutExpired:
            p.send_signal(signal.SIGKILL)
            p.communicate()
            return -9, "", "killed"

    def setup(self):
        assert self.kv("init")[0] == 0
        self.kv("config", "set", "store_url", self.sim.url)
        self.kv("config", "set", "token", stdin=TOKEN + "\n")
        outlet = self.sim.call("GET", "/api/2.0/outlets", auth=True)["data"][0]["id"]
        self.outlet = outlet
        self.kv("config", "set", "outlet_id", outlet)
        self.kv("config", "set", "api.version", self.args.api)
        products = self.sim.call("GET", "/api/2.0/products?page_size=10000", auth=True)["data"]
        self.ids = [p["id"] for p in products if p.get("has_inventory", True)]
        db = sqlite3.connect(self.db_path)
        for i, pid in enumerate(self.ids):
            k = f"K{i + 1}"
            db.execute("INSERT INTO ls_products(id, name, imported_at, updated_at) VALUES (?, ?, 'x', 'x')", (pid, k))
            db.execute("INSERT INTO kiva_products(id, name, imported_at, updated_at) VALUES (?, ?, 'x', 'x')", (k, k))
            db.execute("INSERT INTO links(lightspeed_id, kiva_id, linked_at) VALUES (?, ?, 'x')", (pid, k))
            db.execute("INSERT INTO stock(lightspeed_id, updated_at) VALUES (?, 'x')", (pid,))
        db.commit()
        db.close()
        self.kiva = {pid: f"K{i + 1}" for i, pid in enumerate(self.ids)}
        self.start_levels = {pid: self.level(pid) for pid in self.ids}
        self.sales_before = self.sim.call("GET", "/_sim/state")["sales"]
        self.faults(error_rate=0.05, throttle_rate=self.args.throttle, race_rate=self.args.race)
        assert self.kv("pull-sync", "--full", "--force")[0] in (0, 1, 75)

    def faults(self, **kw):
        self.sim.call("PUT", "/_sim/faults", kw)

    def level(self, pid):
        v = self.sim.call("GET", f"/_sim/level?product_id={pid}&outlet_id={self.outlet}")["level"]
        return float(v)

    def push_args(self):
        return ["push", "--unsafe-stale-absolute"] if self.args.unsafe_stale_absolute else ["push"]

    def step(self, n):
        r = self.rng.random()
        pid = self.rng.choice(self.ids)
        open_lines = sorted(k for k, v in self.lines.items() if v[2] == "reserved")
        if r < 0.30:
            q = self.rng.randint(1, 2)
            self.sim.call("POST", "/_sim/sale", {"product_id": pid, "outlet_id": self.outlet, "quantity": q})
            self.pos_units += q
            self.pos_sales += 1
            self.log.append(f"{n} sale {self.kiva[pid]} {q}")
        elif r < 0.55:
            order, q = f"O{self.next_order}", self.rng.randint(1, 3)
            self.next_order += 1
            extra = ["--allow-oversell"] if self.rng.random() < 0.2 else []
            rc, _, err = self.kv("order", "reserve", order, self.kiva[pid], str(q), *extra)
            if rc == 0:
                self.lines[(order, 1)] = [self.kiva[pid], q, "reserved"]
            elif rc != 1:
                raise AssertionError(f"reserve exit {rc}: {err}")
            self.log.append(f"{n} reserve {order} {self.kiva[pid]} {q} -> {rc}")
        elif r < 0.65 and open_lines:
            key = self.rng.choice(open_lines)
            action = "cancel" if self.rng.random() < 0.5 else "fulfill"
            rc, _, err = self.kv("order", action, key[0], "--line", "1")
            assert rc == 0, f"{action} {key}: {err}"
            self.lines[key][2] = "cancelled" if action == "cancel" else "fulfilled"
            self.log.append(f"{n} {action} {key[0]}")
        elif r < 0.85:
            rc, _, err = self.kv(*self.push_args())
            assert rc in (0, 3, 75), f"push exit {rc}: {err}"
            self.log.append(f"{n} push -> {rc}")
        else:
            full = self.rng.random() < 0.2
            kill = self.rng.uniform(0.01, 0.3) if self.rng.random() < 0.3 else None
            argv = ["pull-sync", "--force"] + (["--full"] if full else [])
            rc, _, err = self.kv(*argv, kill_after=kill)
            assert rc in (0, 75, -9), f"pull-sync exit {rc}: {err}"
            self.log.append(f"{n} pull-sync{' --full' if full else ''} -> {rc}")

    def quiesce(self):
        self.faults(error_rate=0, throttle_rate=0, race_rate=0)
        for _ in range(5):
            rc, _, err = self.kv(*self.push_args())
            if rc == 0:
                break
        assert rc == 0, f"push does not finish: {err}"
        rc, _, err = self.kv("pull-sync", "--full", "--force")
        assert rc == 0, f"final pull-sync failed: {err}"

    def check(self):
        problems = []
        db = sqlite3.connect(self.db_path)
        if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            problems.append("integrity_check failed")
        stock = {r[0]: r[1:] for r in db.execute("SELECT lightspeed_id, ls_count, ls_version, reserved, synced FROM stock")}
        open_by_kiva = {}
        claimed = 0
        for (kiva, qty, state) in self.lines.values():
            if state == "reserved":
                open_by_kiva[kiva] = open_by_kiva.get(kiva, 0) + qty
            if state in ("reserved", "fulfilled"):
                claimed += qty
        total_level = 0.0
        for pid in self.ids:
            L, v, R, S = stock[pid]
            truth = self.level(pid)
            total_level += truth
            k = self.kiva[pid]
            if L / 1000 != truth:
                problems.append(f"{k}: L={L / 1000} but Lightspeed has {truth} (invariant 1)")
            if R != S:
                problems.append(f"{k}: R={R / 1000} S={S / 1000} after quiescence (invariant 1)")
            if R != open_by_kiva.get(k, 0) * 1000 or R < 0:
                problems.append(f"{k}: R={R / 1000}, open lines {open_by_kiva.get(k, 0)} (invariant 4)")
            versions = [a for (a,) in db.execute("SELECT after FROM ledger WHERE lightspeed_id = ? AND field = 'v' ORDER BY id", (pid,))]
            if versions != sorted(versions):
                problems.append(f"{k}: version went backwards in the ledger (invariant 3)")
        race_units = self.sim.call("GET", "/_sim/state")["sales"] - self.sales_before - self.pos_sales
        expected = sum(self.start_levels.values()) - self.pos_units - race_units - claimed
        if abs(total_level - expected) > 1e-9:
            problems.append(f"Lightspeed holds {total_level:g} units, expected {expected:g}: "
                            f"{total_level - expected:g} POS sale unit(s) lost or double-counted (invariant 2)")
        db.close()
        return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--steps", type=int, default=300)
    ap.add_argument("--products", type=int, default=8)
    ap.add_argument("--api", default="2026-07", choices=["2026-07", "2.0"])
    ap.add_argument("--throttle", type=float, default=0.005)
    ap.add_argument("--race", type=float, default=0.3,
                    help="chance of a POS sale right after each read (API 2.0 cannot survive "
                         "one between its read and its write: use 0 there)")
    ap.add_argument("--unsafe-stale-absolute", action="store_true")
    ap.add_argument("--expect-violation", action="store_true",
                    help="succeed only if an invariant fails (the proof the test can fail)")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix=f"kivals-sim-{args.seed}-")
    run = Run(args, work)
    problems = []
    try:
        run.setup()
        for n in range(args.steps):
            run.step(n)
        run.quiesce()
        problems = run.check()
    except AssertionError as e:
        problems = [f"step failed: {e}"]
    finally:
        run.sim.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    replay = (f"tests/sim/simulate.py --bin {args.bin} --seed {args.seed} --steps {args.steps} "
              f"--products {args.products} --api {args.api} --race {args.race} --throttle {args.throttle}"
              + (" --unsafe-stale-absolute" if args.unsafe_stale_absolute else ""))
    if args.expect_violation:
        if problems:
            print(f"seed {args.seed}: violation detected as expected: {problems[0]}")
            return 0
        print(f"seed {args.seed}: expected a violation, none found; replay: {replay}")
        return 1
    if problems:
        print(f"FAILED seed {args.seed} ({len(problems)} problem(s)); replay: {replay}")
        for p in problems[:20]:
            print("  " + p)
        print("last steps: " + "; ".join(run.log[-15:]))
        return 1
    print(f"seed {args.seed}: {args.steps} steps, invariants hold "
          f"({run.pos_units} POS units, {len(run.lines)} order lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
