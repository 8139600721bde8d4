#include <kivals/sync/stock_gate.hpp>

namespace kivals::sync {

FileLock hold_stock_gate(db::Db& db, FileLock::Mode mode) {
    const auto& path = db.path();
    if (path.empty() || path == ":memory:")
        return {};
    return FileLock::acquire(path.string() + ".gate", mode);
}

} // namespace kivals::sync
