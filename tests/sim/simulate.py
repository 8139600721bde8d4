#!/usr/bin/env python3
"""Deterministic simulation of kivals against kivals-lssim (INVENTORY-MODEL.md invariants).

A seed drives every choice: POS sales, online reserve/cancel/fulfill, pushes, pull-syncs,
webhook deliveries and queue runs. Webhooks go from the simulator through a real lighttpd
running kivals-webhook (FastCGI) into the spool, and `kivals queue process` applies them.
The simulator holds every delivery until the driver releases them (delay), then sends them
in a seeded shuffle (reorder); it drops and duplicates some, answers 5xx and 429, and sells a
unit right after some reads. Push, pull-sync and queue runs are killed with SIGKILL at seeded
crash points (KIVALS_CRASH_AT), so a replayed seed crashes at the same places. With --follow,
`kivals queue follow` runs throughout in place of the queue's cron runs (cron's pushes and
pull-syncs still run beside it); it is killed -9 now and then and restarted, some of the time
to be killed at one of its own crash points (its steps', its background pusher's).

After quiescence (faults off, every webhook delivered and applied, push until done, a full
pull-sync) every invariant is checked. A failure prints the seed and the command that
replays it.

  simulate.py --bin BUILD_DIR --seed 7 --steps 300 [--api 2.0] [--unsafe-stale-absolute]
              [--webhook-versions same|larger|smaller|unrelated] [--follow]

Exit 0: invariants hold. Exit 1: an invariant failed (with --expect-violation: none did).
"""
import argparse
import hashlib
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
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from webserver import Lighttpd  # noqa: E402

TOKEN = "sim-token-0123456789abcdef"


class Sim:
    def __init__(self, binary, seed, products, workdir, webhook_versions):
        token_file = os.path.join(workdir, "sim.token")
        with open(token_file, "w") as f:
            f.write(TOKEN + "\n")
        self.proc = subprocess.Popen(
            [binary, "--port", "0", "--token-file", token_file, "--products", str(products),
             "--outlets", "1", "--seed", str(seed), "--rate-limit", "1000000",
             "--retry-base-ms", "50", "--webhook-versions", webhook_versions],
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


# Where each job can be killed (crash_point names in the sources).
CRASH_POINTS = {
    "push": ["push.recorded", "push.sent", "push.committed"],
    "pull-sync": ["pull.fetched", "pull.committed"],
    "queue": ["queue.ingested", "queue.committed"],
    # `queue follow` (--follow): its steps, and its background pusher mid-push.
    "follow": ["queue.ingested", "queue.committed", "push.recorded", "push.sent", "push.committed"],
}


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
                    '[http]\nconnect_timeout_s = 2\ntimeout_s = 10\nmax_retries = 4\n'
                    # The simulator's reads never lag its webhooks: a doorbell that found
                    # another level (a late duplicate) is read again at the next run.
                    '[queue]\nrecheck_s = 0\n')
        self.sim = Sim(os.path.join(args.bin, "kivals-lssim"), args.seed, args.products, workdir,
                       args.webhook_versions)
        self.web = None
        self.log = []
        self.kills = 0
        self.sold = {}  # POS units sold per product by the driver (race sales not included)
        self.webhooks = 0
        self.echo_pushes = self.echo_adjustments = 0
        self.pos_units = 0
        self.pos_sales = 0
        self.lines = {}  # (order, line) -> [kiva_id, qty, state]
        self.next_order = 1
        self.follower = None  # the running `kivals queue follow` (--follow)

    def kv(self, *argv, stdin=None, crash=None):
        env = dict(self.env, KIVALS_CRASH_AT=crash) if crash else self.env
        p = subprocess.run([self.kivals, *argv], env=env, input=stdin, capture_output=True,
                           text=True, timeout=300)
        if p.returncode == -signal.SIGKILL:
            self.kills += 1
        return p.returncode, p.stdout, p.stderr

    def crash_for(self, job):
        """A seeded crash point for one run of `job`, or None (most runs are not killed)."""
        if self.rng.random() >= self.args.kill_rate:
            return None
        if job == "push" and self.args.unsafe_stale_absolute:
            return None  # the lost-update proof must fail for its own reason, not a kill
        points = CRASH_POINTS[job]
        if job == "push" and self.args.api == "2.0":
            # API 2.0 has no adjustment log: a push recorded but never sent, then POS sales
            # of at least its units, is misjudged as landed (push_inflight.hpp). The sends
            # themselves, and every 2026-07 point, are killed.
            points = [p for p in points if p != "push.recorded"]
        return f"{self.rng.choice(points)}:{1 if self.rng.random() < 0.8 else 2}"

    def setup(self):
        assert self.kv("init")[0] == 0
        self.kv("config", "set", "store_url", self.sim.url)
        self.kv("config", "set", "token", stdin=TOKEN + "\n")
        outlet = self.sim.call("GET", "/api/2.0/outlets", auth=True)["data"][0]["id"]
        self.outlet = outlet
        self.kv("config", "set", "outlet_id", outlet)
        self.kv("config", "set", "api.version", self.args.api)
        self.web = Lighttpd(self.work, os.path.join(self.args.bin, "kivals-webhook"),
                            self.env["KIVALS_CONFIG"])
        self.kv("config", "set", "webhook.base_url", self.web.url)
        rc, _, err = self.kv("webhooks", "create")
        assert rc == 0, f"webhooks create: {err}"
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
        self.faults(error_rate=0.05, throttle_rate=self.args.throttle, race_rate=self.args.race,
                    drop_rate=self.args.drop, duplicate_rate=self.args.duplicate,
                    hold_deliveries=1)
        assert self.kv("pull-sync", "--full", "--force")[0] in (0, 1, 75)
        if self.args.follow:
            self.start_follow(None)

    def start_follow(self, crash):
        """Start `kivals queue follow` (killed at `crash` when given), after the last one."""
        self.stop_follow(signal.SIGKILL)
        env = dict(self.env, KIVALS_CRASH_AT=crash) if crash else self.env
        self.follower = subprocess.Popen([self.kivals, "queue", "follow", "--rescan", "1"], env=env,
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def stop_follow(self, how):
        if self.follower is None:
            return
        if self.follower.poll() is None:
            self.follower.send_signal(how)
        rc = self.follower.wait(timeout=120)
        if rc == -signal.SIGKILL:
            self.kills += 1
        else:
            assert rc == 0 or how == signal.SIGKILL, f"queue follow exit {rc}"
        self.follower = None

    def restart_follow(self):
        """Instead of a cron run of the queue: now and then kill -9 follow, and start a new
        one, killed at a seeded crash point of its own some of the time."""
        if self.rng.random() >= self.args.kill_rate:
            return "follow runs"
        crash = self.crash_for("follow")
        self.start_follow(crash)
        return f"follow killed, restarted{' @' + crash if crash else ''}"

    def faults(self, **kw):
        self.sim.call("PUT", "/_sim/faults", kw)

    def level(self, pid):
        v = self.sim.call("GET", f"/_sim/level?product_id={pid}&outlet_id={self.outlet}")["level"]
        return float(v)

    def push_args(self):
        return ["push", "--unsafe-stale-absolute"] if self.args.unsafe_stale_absolute else ["push"]

    def deliver(self):
        """Release every held webhook (seeded order) and wait until the intake has them."""
        self.sim.call("POST", "/_sim/deliveries/release")
        if not self.args.follow:
            self.sim.call("POST", "/_sim/quiesce?timeout_ms=60000")
            return
        # Follow reads Lightspeed meanwhile, and a read may race a sale whose webhook is held
        # again: release until the queue is idle (the races are seeded chances, so it ends).
        for _ in range(60):
            try:
                self.sim.call("POST", "/_sim/quiesce?timeout_ms=1000")
                return
            except urllib.error.HTTPError as e:
                if e.code != 504:
                    raise
            self.sim.call("POST", "/_sim/deliveries/release")
        raise AssertionError("the simulator's deliveries do not settle beside queue follow")

    def job(self, name, argv, ok):
        crash = self.crash_for(name)
        rc, _, err = self.kv(*argv, crash=crash)
        assert rc in ok or rc == -signal.SIGKILL, f"{' '.join(argv)} exit {rc}: {err}"
        return f"{' '.join(argv)}{' @' + crash if crash else ''} -> {rc}"

    def step(self, n):
        r = self.rng.random()
        pid = self.rng.choice(self.ids)
        open_lines = sorted(k for k, v in self.lines.items() if v[2] == "reserved")
        if r < 0.28:
            q = self.rng.randint(1, 2)
            self.sim.call("POST", "/_sim/sale", {"product_id": pid, "outlet_id": self.outlet, "quantity": q})
            self.pos_units += q
            self.pos_sales += 1
            self.sold[pid] = self.sold.get(pid, 0) + q
            self.log.append(f"{n} sale {self.kiva[pid]} {q}")
        elif r < 0.48:
            order, q = f"O{self.next_order}", self.rng.randint(1, 3)
            self.next_order += 1
            extra = ["--allow-oversell"] if self.rng.random() < 0.2 else []
            rc, _, err = self.kv("order", "reserve", order, self.kiva[pid], str(q), *extra)
            if rc == 0:
                self.lines[(order, 1)] = [self.kiva[pid], q, "reserved"]
            elif rc != 1:
                raise AssertionError(f"reserve exit {rc}: {err}")
            self.log.append(f"{n} reserve {order} {self.kiva[pid]} {q} -> {rc}")
        elif r < 0.58 and open_lines:
            key = self.rng.choice(open_lines)
            action = "cancel" if self.rng.random() < 0.5 else "fulfill"
            rc, _, err = self.kv("order", action, key[0], "--line", "1")
            assert rc == 0, f"{action} {key}: {err}"
            self.lines[key][2] = "cancelled" if action == "cancel" else "fulfilled"
            self.log.append(f"{n} {action} {key[0]}")
        elif r < 0.72:
            self.log.append(f"{n} " + self.job("push", self.push_args(), (0, 3, 75)))
        elif r < 0.80:
            argv = ["pull-sync", "--force"] + (["--full"] if self.rng.random() < 0.2 else [])
            self.log.append(f"{n} " + self.job("pull-sync", argv, (0, 75)))
        elif r < 0.90:
            self.deliver()
            self.log.append(f"{n} deliver")
        elif self.args.follow:
            self.log.append(f"{n} " + self.restart_follow())
        else:
            self.log.append(f"{n} " + self.job("queue", ["queue", "process"], (0, 75)))

    def drain_webhooks(self):
        """Deliver everything, then run the queue until no event waits (a doorbell is read
        again at most queue/policy.hpp's k_doorbell_rechecks times)."""
        self.deliver()
        if self.args.follow:
            return self.follow_drains()
        for _ in range(4):
            rc, _, err = self.kv("queue", "process")
            assert rc == 0, f"queue process does not finish: {err}"
            db = sqlite3.connect(self.db_path)
            waiting = db.execute("SELECT count(*) FROM events WHERE status = 'pending'").fetchone()[0]
            db.close()
            if not waiting:
                break

    def follow_drains(self):
        """Wait until follow has taken the spool in and no event waits (at most 120 s)."""
        if self.follower is None or self.follower.poll() is not None:
            self.start_follow(None)  # the seeded one died at its crash point
        spool = os.path.join(self.work, "spool", "new")
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            db = sqlite3.connect(self.db_path, timeout=30)
            waiting = db.execute("SELECT count(*) FROM events WHERE status IN ('pending', 'failed')").fetchone()[0]
            db.close()
            if not waiting and not os.listdir(spool):
                return
            time.sleep(0.2)
        raise AssertionError("queue follow does not drain the queue")

    def quiesce(self):
        self.faults(error_rate=0, throttle_rate=0, race_rate=0, drop_rate=0, duplicate_rate=0,
                    hold_deliveries=0)
        self.drain_webhooks()
        for _ in range(5):
            rc, _, err = self.kv(*self.push_args())
            if rc == 0:
                break
            if self.args.follow:
                time.sleep(0.5)  # follow's own push may hold the lock
        assert rc == 0, f"push does not finish: {err}"
        self.drain_webhooks()  # the pushes' echoes
        if self.args.follow:
            self.stop_follow(signal.SIGTERM)
        rc, _, err = self.kv("pull-sync", "--full", "--force")
        assert rc == 0, f"final pull-sync failed: {err}"
        # Invariant 5: the echoes and the pull-sync just applied planned no push.
        adjustments = self.sim.call("GET", "/_sim/state")["stock_adjustments"]
        rc, out, err = self.kv("push", "--json")
        assert rc == 0, f"push after quiescence: {err}"
        self.echo_pushes = json.loads(out)["pushed"] if out.strip() else 0
        self.echo_adjustments = self.sim.call("GET", "/_sim/state")["stock_adjustments"] - adjustments

    def leaks(self):
        """The secrets (webhook secret, API token) must not be in the web server's logs."""
        secret = open(os.path.join(self.work, "webhook.secret")).read().strip()
        found = []
        for name in sorted(os.listdir(self.web.dir)):
            path = os.path.join(self.web.dir, name)
            if name.endswith(".log") and os.path.isfile(path):
                text = open(path, errors="replace").read()
                found += [f"a secret is in web/{name}" for s in (secret, TOKEN) if s and s in text]
        return found

    def check(self):
        problems = []
        db = sqlite3.connect(self.db_path)
        self.webhooks = db.execute("SELECT count(*) FROM events").fetchone()[0]
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
        if self.echo_pushes or self.echo_adjustments:
            problems.append(f"observations planned {self.echo_pushes} push(es) (invariant 5)")
        left = db.execute("SELECT count(*) FROM events WHERE status NOT IN ('applied', 'ignored')").fetchone()[0]
        if left:
            problems.append(f"{left} webhook event(s) not applied after quiescence")
        if db.execute("SELECT count(*) FROM events").fetchone()[0] == 0:
            problems.append("no webhook reached the queue: the delivery path is broken")
        if db.execute("SELECT count(*) FROM push_inflight").fetchone()[0]:
            problems.append("a push is still in flight after quiescence")
        race_units = self.sim.call("GET", "/_sim/state")["sales"] - self.sales_before - self.pos_sales
        expected = sum(self.start_levels.values()) - self.pos_units - race_units - claimed
        if abs(total_level - expected) > 1e-9:
            problems.append(f"Lightspeed holds {total_level:g} units, expected {expected:g}: "
                            f"{total_level - expected:g} POS sale unit(s) lost or double-counted (invariant 2)")
            if race_units == 0:  # without racing sales each product can be told apart
                for pid in self.ids:
                    k = self.kiva[pid]
                    claimed_k = sum(q for (kv, q, st) in self.lines.values()
                                    if kv == k and st in ("reserved", "fulfilled"))
                    want = self.start_levels[pid] - self.sold.get(pid, 0) - claimed_k
                    if self.level(pid) != want:
                        problems.append(f"{k} ({pid}): Lightspeed {self.level(pid):g}, expected {want:g}")
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
    ap.add_argument("--drop", type=float, default=0.1, help="chance a webhook is lost")
    ap.add_argument("--duplicate", type=float, default=0.1, help="chance a webhook comes twice")
    ap.add_argument("--kill-rate", type=float, default=0.25,
                    help="chance a push, pull-sync or queue run is killed at a crash point")
    ap.add_argument("--webhook-versions", default="same",
                    choices=["same", "larger", "smaller", "unrelated"],
                    help="the simulator's counter for inventory.update versions (kivals-lssim)")
    ap.add_argument("--unsafe-stale-absolute", action="store_true")
    ap.add_argument("--expect-violation", action="store_true",
                    help="succeed only if an invariant fails (the proof the test can fail)")
    ap.add_argument("--follow", action="store_true",
                    help="`kivals queue follow` in place of the cron runs of the queue")
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
        if run.web:
            run.web.stop()
            problems += run.leaks()
    except AssertionError as e:
        problems = [f"step failed: {e}"]
    finally:
        if args.keep:
            with open(os.path.join(work, "history.txt"), "w") as f:
                f.write("\n".join(run.log) + "\n")
            print(f"kept {work} (history.txt has every step)")
        if run.follower is not None:
            run.stop_follow(signal.SIGKILL)
        if run.web:
            run.web.stop()
        run.sim.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    replay = (f"tests/sim/simulate.py --bin {args.bin} --seed {args.seed} --steps {args.steps} "
              f"--products {args.products} --api {args.api} --race {args.race} --throttle {args.throttle} "
              f"--drop {args.drop} --duplicate {args.duplicate} --kill-rate {args.kill_rate} "
              f"--webhook-versions {args.webhook_versions}"
              + (" --unsafe-stale-absolute" if args.unsafe_stale_absolute else "")
              + (" --follow" if args.follow else ""))
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
    # The history digest: a replay of the seed must print the same one.
    digest = hashlib.sha256("\n".join(run.log).encode()).hexdigest()[:16]
    print(f"seed {args.seed}: {args.steps} steps, invariants hold "
          f"({run.pos_units} POS units, {len(run.lines)} order lines, {run.kills} kills, "
          f"{run.webhooks} webhook events; history {digest})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
