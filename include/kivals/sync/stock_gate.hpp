#pragma once

#include <kivals/db/db.hpp>
#include <kivals/util/files.hpp>

// The stock gate orders Lightspeed observations against pushes, across processes.
//
// A relative push moves L by its own change when Lightspeed accepts it. If an observation
// that already includes that change (its echo webhook, a pull-sync page) were applied between
// Lightspeed's answer and the push's commit, the change would be counted twice, and the
// observation's version would stop the read-back from repairing it. So a push holds the gate
// exclusively from just before it sends until it has committed, and every transaction that
// applies observations holds it shared. Both take the gate before their SQLite transaction,
// so the two locks are always taken in the same order.
namespace kivals::sync {

// Hold the gate of this database (a lock file beside it). An in-memory database (unit tests,
// one process) has no gate: the returned lock holds nothing.
FileLock hold_stock_gate(db::Db& db, FileLock::Mode mode);

// A write transaction that applies observations: the gate held shared, then BEGIN IMMEDIATE.
class ObservationTxn {
public:
    explicit ObservationTxn(db::Db& db)
        : m_gate(hold_stock_gate(db, FileLock::Mode::shared)), m_txn(db) {}

    // Make the transaction's changes durable (the gate is released on destruction).
    void commit() { m_txn.commit(); }

private:
    FileLock m_gate; // declared first: released after the transaction ends
    db::Txn m_txn;
};

} // namespace kivals::sync
