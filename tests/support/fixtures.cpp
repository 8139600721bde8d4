#include "fixtures.hpp"

#include <kivals/db/schema.hpp>

namespace kivals::testing {

db::Db memory_db(std::string_view seed_sql) {
    db::Db db = db::Db::open(":memory:", db::OpenMode::create);
    db::migrate(db);
    if (!seed_sql.empty())
        db.exec(seed_sql);
    return db;
}

} // namespace kivals::testing
