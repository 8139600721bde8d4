#include <kivals/db/schema.hpp>

#include <array>

namespace kivals::db {
namespace {

// Quantities (Lightspeed levels, reservations) are stored as integers in thousandths of a
// unit (see kivals::Qty): Lightspeed levels may be fractional, and sums must be exact.
// Times are ISO 8601 UTC text ("2026-11-27T20:48:05Z").
constexpr const char* k_schema_v1 = R"sql(
CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

-- What kivals keeps for itself: cursors, last runs, ids of objects it created in Lightspeed.
CREATE TABLE state (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

-- Lightspeed products (one row per variant), imported for linking.
CREATE TABLE ls_products (
    id                TEXT PRIMARY KEY,
    name              TEXT NOT NULL,
    variant_name      TEXT,
    sku               TEXT,
    barcode           TEXT,
    handle            TEXT,
    variant_parent_id TEXT,
    has_inventory     INTEGER NOT NULL DEFAULT 1,
    is_composite      INTEGER NOT NULL DEFAULT 0,
    active            INTEGER NOT NULL DEFAULT 1,
    deleted_at        TEXT,
    version           INTEGER NOT NULL DEFAULT 0,
    imported_at       TEXT NOT NULL,
    updated_at        TEXT NOT NULL
) STRICT;
CREATE INDEX ls_products_sku ON ls_products(sku);

-- The store's catalogue, imported with `kivals kiva import`.
CREATE TABLE kiva_products (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    sku         TEXT,
    barcode     TEXT,
    imported_at TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

-- One Lightspeed product <-> one Kiva product.
CREATE TABLE links (
    lightspeed_id TEXT PRIMARY KEY REFERENCES ls_products(id),
    kiva_id       TEXT NOT NULL UNIQUE REFERENCES kiva_products(id),
    linked_at     TEXT NOT NULL
) STRICT;

-- The four stored numbers of INVENTORY-MODEL.md per linked product at the configured outlet:
-- L = ls_count, v = ls_version, R = reserved, S = synced.
CREATE TABLE stock (
    lightspeed_id TEXT PRIMARY KEY REFERENCES ls_products(id),
    ls_count      INTEGER NOT NULL DEFAULT 0,
    ls_version    INTEGER NOT NULL DEFAULT 0,
    reserved      INTEGER NOT NULL DEFAULT 0,
    synced        INTEGER NOT NULL DEFAULT 0,
    observed_at   TEXT,
    updated_at    TEXT NOT NULL
) STRICT;

-- Online order lines; idempotent per (order_id, line).
CREATE TABLE order_lines (
    order_id   TEXT NOT NULL,
    line       INTEGER NOT NULL,
    kiva_id    TEXT NOT NULL,
    qty        INTEGER NOT NULL,
    state      TEXT NOT NULL CHECK (state IN ('reserved', 'cancelled', 'fulfilled')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (order_id, line)
) STRICT;
CREATE INDEX order_lines_kiva ON order_lines(kiva_id, state);

-- Every change to L, v, R or S, so that any number can be explained.
CREATE TABLE ledger (
    id            INTEGER PRIMARY KEY,
    lightspeed_id TEXT NOT NULL,
    field         TEXT NOT NULL CHECK (field IN ('L', 'v', 'R', 'S')),
    before        INTEGER,
    after         INTEGER,
    source        TEXT NOT NULL,
    source_ref    TEXT,
    ls_version    INTEGER,
    at            TEXT NOT NULL
) STRICT;
CREATE INDEX ledger_product ON ledger(lightspeed_id, id);

-- Webhook deliveries taken in from the spool.
CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    spool_name      TEXT UNIQUE,
    type            TEXT NOT NULL,
    received_at     TEXT NOT NULL,
    payload         TEXT NOT NULL,
    product_id      TEXT,
    outlet_id       TEXT,
    version         INTEGER,
    status          TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'applied', 'ignored', 'failed', 'dead')),
    reason          TEXT,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX events_status ON events(status, id);

CREATE TABLE event_attempts (
    id       INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    at       TEXT NOT NULL,
    outcome  TEXT NOT NULL,
    detail   TEXT
) STRICT;

-- Pull-sync and push runs.
CREATE TABLE sync_runs (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    status      TEXT NOT NULL DEFAULT 'running',
    cursor_from INTEGER,
    cursor_to   INTEGER,
    requests    INTEGER NOT NULL DEFAULT 0,
    pages       INTEGER NOT NULL DEFAULT 0,
    seen        INTEGER NOT NULL DEFAULT 0,
    corrected   INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0,
    message     TEXT
) STRICT;
)sql";

// Pushes sent to Lightspeed whose outcome is not yet recorded locally: written before the
// request, deleted in the transaction that records the answer. A row left behind (kivals
// killed, or a timeout or 5xx that may have come after the write landed) is resolved before
// the product is pushed again, against Lightspeed's adjustment log (relative) or the record's
// version (absolute), so a change is never sent twice.
constexpr const char* k_schema_v2 = R"sql(
CREATE TABLE push_inflight (
    lightspeed_id  TEXT PRIMARY KEY,
    run_id         INTEGER NOT NULL,
    outlet_id      TEXT NOT NULL,
    pending        INTEGER NOT NULL,  -- R - S when planned (thousandths); sent as -pending
    kind           TEXT NOT NULL CHECK (kind IN ('relative', 'absolute')),
    reason_id      TEXT,              -- relative: the custom reason sent
    log_after      INTEGER,           -- relative: our adjustment has a log version above this
    written        INTEGER,           -- absolute: the level written (thousandths)
    version_before INTEGER,           -- absolute: the record's version read just before
    sent_at        TEXT NOT NULL
) STRICT;
)sql";

// The change feed of the store API (GET /v1/changes, `kivals stock --changes-since CURSOR`): one
// row per change of a linked product's L, R or S and per link and unlink, written by StockStore in
// the transaction of the change. The cursor only grows (AUTOINCREMENT: never reused), and
// SQLite's one writer at a time gives it out in commit order, so a reader that has seen cursor
// N never later finds a new row at or below N. Products linked at the upgrade start the feed
// with their numbers, so that a store reading from cursor 0 sees every linked product.
constexpr const char* k_schema_v3 = R"sql(
CREATE TABLE stock_changes (
    cursor        INTEGER PRIMARY KEY AUTOINCREMENT,
    kiva_id       TEXT NOT NULL,
    lightspeed_id TEXT NOT NULL,
    linked        INTEGER NOT NULL,  -- 0: the link was removed (the numbers are the last ones)
    ls_count      INTEGER NOT NULL,  -- L, R and S in thousandths, as in `stock`
    reserved      INTEGER NOT NULL,
    synced        INTEGER NOT NULL,
    source        TEXT NOT NULL,     -- the ledger's source: webhook, pull-sync, push, order, link
    at            TEXT NOT NULL
) STRICT;
INSERT INTO stock_changes(kiva_id, lightspeed_id, linked, ls_count, reserved, synced, source, at)
SELECT l.kiva_id, s.lightspeed_id, 1, s.ls_count, s.reserved, s.synced, 'upgrade',
       strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM stock s JOIN links l ON l.lightspeed_id = s.lightspeed_id ORDER BY l.kiva_id;
-- The products with a push due: the background pusher looks for them every few seconds.
CREATE INDEX stock_pending ON stock(lightspeed_id) WHERE reserved != synced;
)sql";

// The ledger without a per-product index. Each row names the same product's previous row
// (`prev`) and the stock row its newest (`stock.ledger_last`), so a product's history is a
// walk back from its stock row, and writing a row appends at the end of the table: the index
// on (lightspeed_id, id) it replaces took an insert at a random place per row, which made a
// pull that corrects 100,000 products cost twice its transfer. A product that is unlinked
// loses its stock row: its newest row is kept in `ledger_heads` until it is linked again.
constexpr const char* k_schema_v4 = R"sql(
ALTER TABLE ledger ADD COLUMN prev INTEGER;
ALTER TABLE stock ADD COLUMN ledger_last INTEGER;
CREATE TABLE ledger_heads (
    lightspeed_id TEXT PRIMARY KEY,
    last_id       INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
UPDATE ledger SET prev = chain.prev
FROM (SELECT id, lag(id) OVER (PARTITION BY lightspeed_id ORDER BY id) AS prev FROM ledger) AS chain
WHERE ledger.id = chain.id AND chain.prev IS NOT NULL;
UPDATE stock SET ledger_last = (SELECT max(id) FROM ledger WHERE lightspeed_id = stock.lightspeed_id);
INSERT INTO ledger_heads(lightspeed_id, last_id)
SELECT lightspeed_id, max(id) FROM ledger
WHERE lightspeed_id NOT IN (SELECT lightspeed_id FROM stock) GROUP BY lightspeed_id;
DROP INDEX ledger_product;
CREATE TRIGGER stock_unlinked_keeps_ledger AFTER DELETE ON stock
WHEN old.ledger_last IS NOT NULL BEGIN
    INSERT INTO ledger_heads(lightspeed_id, last_id) VALUES (old.lightspeed_id, old.ledger_last)
    ON CONFLICT(lightspeed_id) DO UPDATE SET last_id = excluded.last_id;
END;
CREATE TRIGGER stock_relinked_takes_ledger AFTER INSERT ON stock
WHEN EXISTS (SELECT 1 FROM ledger_heads WHERE lightspeed_id = new.lightspeed_id) BEGIN
    UPDATE stock SET ledger_last = (SELECT last_id FROM ledger_heads
                                    WHERE lightspeed_id = new.lightspeed_id)
    WHERE lightspeed_id = new.lightspeed_id;
    DELETE FROM ledger_heads WHERE lightspeed_id = new.lightspeed_id;
END;
)sql";

// New migrations are appended here, never edited once released.
constexpr std::array k_migrations{
    Migration{1, "initial schema", k_schema_v1},
    Migration{2, "push in-flight records", k_schema_v2},
    Migration{3, "stock change feed", k_schema_v3},
    Migration{4, "ledger rows chained per product", k_schema_v4},
};

} // namespace

std::span<const Migration> migrations() {
    return k_migrations;
}

int latest_schema_version() {
    return k_migrations.back().version;
}

int schema_version(Db& db) {
    auto stmt = db.prepare("PRAGMA user_version");
    stmt.step();
    return static_cast<int>(stmt.int64(0));
}

int migrate(Db& db) {
    int current = schema_version(db);
    if (current > latest_schema_version())
        fail(Exit::failure,
             "database {} has schema version {}, newer than this kivals understands ({}): "
             "upgrade kivals",
             db.path().string(), current, latest_schema_version());
    int applied = 0;
    for (const Migration& m : k_migrations) {
        if (m.version <= current)
            continue;
        Txn txn(db);
        db.exec(m.sql);
        db.exec(fmt::format("PRAGMA user_version = {}", m.version));
        txn.commit();
        ++applied;
    }
    return applied;
}

void require_current_schema(Db& db) {
    int current = schema_version(db);
    if (current == latest_schema_version())
        return;
    if (current > latest_schema_version())
        fail(Exit::failure,
             "database {} has schema version {}, newer than this kivals understands ({}): "
             "upgrade kivals",
             db.path().string(), current, latest_schema_version());
    if (current == 0)
        fail(Exit::config, "database {} is not initialised: run `kivals init`", db.path().string());
    fail(Exit::config, "database {} has schema version {}; this kivals needs {}: run `kivals init`",
         db.path().string(), current, latest_schema_version());
}

} // namespace kivals::db
