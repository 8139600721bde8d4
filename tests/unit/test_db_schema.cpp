#include <kivals/db/schema.hpp>

#include <doctest/doctest.h>

#include <filesystem>

using namespace kivals;

TEST_CASE("migrations: numbered, applied once, idempotent") {
    int previous = 0;
    for (const auto& m : db::migrations()) {
        CHECK(m.version == previous + 1);
        previous = m.version;
    }
    db::Db db = db::Db::open(":memory:", db::OpenMode::create);
    CHECK(db::schema_version(db) == 0);
    CHECK_THROWS_AS(db::require_current_schema(db), Error);
    CHECK(db::migrate(db) == static_cast<int>(db::migrations().size()));
    CHECK(db::schema_version(db) == db::latest_schema_version());
    CHECK(db::migrate(db) == 0);
    CHECK_NOTHROW(db::require_current_schema(db));
}

TEST_CASE("migrations: a database newer than the binary is refused") {
    db::Db db = db::Db::open(":memory:", db::OpenMode::create);
    db.exec("PRAGMA user_version = 999");
    try {
        db::migrate(db);
        FAIL("a newer database must be refused");
    } catch (const Error& e) {
        CHECK(std::string(e.what()).find("newer than this kivals") != std::string::npos);
        CHECK(e.code() == Exit::failure);
    }
    CHECK_THROWS_AS(db::require_current_schema(db), Error);
}

TEST_CASE("db: errors map to exit codes and a rolled-back transaction leaves nothing") {
    db::Db db = db::Db::open(":memory:", db::OpenMode::create);
    db::migrate(db);
    {
        db::Txn txn(db);
        db.exec("INSERT INTO state(key, value, updated_at) VALUES ('a', 'b', 'c')");
    }
    auto stmt = db.prepare("SELECT count(*) FROM state");
    REQUIRE(stmt.step());
    CHECK(stmt.int64(0) == 0);
    try {
        db.exec("INSERT INTO settings(key) VALUES ('x')");
        FAIL("NOT NULL must fail");
    } catch (const db::DbError& e) {
        CHECK(e.code() == Exit::failure);
        CHECK(std::string(e.what()).find("SQLite code") != std::string::npos);
    }
}

TEST_CASE("db: WAL only where the WAL-reset bug is fixed") {
    struct Case {
        int version;
        bool safe;
    };
    const Case cases[] = {{3040001, false}, {3044005, false}, {3044006, true},
                          {3045000, false}, {3050006, false}, {3050007, true},
                          {3051002, false}, {3051003, true},  {3052000, true}};
    for (const auto& c : cases) {
        CAPTURE(c.version);
        CHECK(db::wal_is_safe(c.version) == c.safe);
    }
    db::Db db = db::Db::open(":memory:", db::OpenMode::create);
    if (!db::wal_is_safe(db::sqlite_version_number())) {
        auto path = std::filesystem::temp_directory_path() / "kivals-unit-journal.db";
        std::filesystem::remove(path);
        db::Db file = db::Db::open(path, db::OpenMode::create);
        CHECK(file.journal_mode() == "delete");
        std::filesystem::remove(path);
    }
}

TEST_CASE("savepoints: a released step stays, a rolled-back or abandoned one is undone") {
    db::Db db = db::Db::open(":memory:", db::OpenMode::create);
    db.exec("CREATE TABLE t(x INTEGER)");
    db::Txn txn(db);
    {
        db::Savepoint kept(db, "step");
        db.exec("INSERT INTO t VALUES (1)");
        kept.release();
    }
    {
        db::Savepoint undone(db, "step");
        db.exec("INSERT INTO t VALUES (2)");
        undone.rollback();
    }
    {
        db::Savepoint abandoned(db, "step"); // as when an exception leaves the step
        db.exec("INSERT INTO t VALUES (3)");
    }
    txn.commit();
    CHECK(db.scalar("SELECT group_concat(x) FROM t") == 1);
    CHECK(db.scalar("SELECT count(*) FROM t") == 1);
}
