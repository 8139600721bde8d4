#include <kivals/db/group_writer.hpp>
#include <kivals/db/schema.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <future>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace kivals;

namespace {

// A database file of its own (a GroupWriter opens its own connection).
struct TempDb {
    TempDb()
        : path(std::filesystem::temp_directory_path() /
               fmt::format("kivals-group-writer-{}.db", ::getpid())) {
        std::filesystem::remove(path);
        db::Db db = db::Db::open(path, db::OpenMode::create);
        db.exec("CREATE TABLE t (n INTEGER PRIMARY KEY)");
    }
    ~TempDb() { std::filesystem::remove(path); }
    std::filesystem::path path;
};

std::int64_t rows(const std::filesystem::path& path, const char* where = "1") {
    db::Db db = db::Db::open(path, db::OpenMode::read_write);
    return db.scalar(fmt::format("SELECT count(*) FROM t WHERE {}", where));
}

} // namespace

TEST_CASE("group writer: requests that share a transaction keep or undo only their own work") {
    TempDb temp;
    db::GroupWriter writer(temp.path, std::chrono::milliseconds(2000));
    // The first request holds the writer until the others are queued: they then go in one
    // transaction together, kept, refused (false) and failed (thrown) in turn.
    std::promise<void> release;
    auto first = std::async(std::launch::async, [&] {
        writer.run([&](db::Db& db) {
            release.get_future().wait();
            db.exec("INSERT INTO t VALUES (0)");
            return true;
        });
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::vector<std::future<std::string>> others;
    for (int n = 1; n <= 30; ++n)
        others.push_back(std::async(std::launch::async, [&writer, n]() -> std::string {
            try {
                writer.run([n](db::Db& db) {
                    db.exec(fmt::format("INSERT INTO t VALUES ({})", n));
                    if (n % 3 == 1)
                        throw std::runtime_error("failed");
                    return n % 3 == 0; // n % 3 == 2: refused
                });
                return "done";
            } catch (const std::exception& e) {
                return e.what();
            }
        }));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    release.set_value();
    first.get();
    for (int n = 1; n <= 30; ++n)
        CHECK(others[static_cast<std::size_t>(n - 1)].get() == (n % 3 == 1 ? "failed" : "done"));
    CHECK(rows(temp.path) == 11); // 0 and the ten multiples of 3
    CHECK(rows(temp.path, "n % 3 = 0") == 11);
}

TEST_CASE("group writer: a database locked by another process fails the batch, nothing written") {
    TempDb temp;
    db::GroupWriter writer(temp.path, std::chrono::milliseconds(100));
    db::Db other = db::Db::open(temp.path, db::OpenMode::read_write);
    {
        db::Txn hold(other); // another writer holds the lock past the busy timeout
        try {
            writer.run([](db::Db& db) {
                db.exec("INSERT INTO t VALUES (1)");
                return true;
            });
            FAIL("a locked database must fail the request");
        } catch (const Error& e) {
            CHECK(e.code() == Exit::temporary);
        }
    }
    CHECK(rows(temp.path) == 0);
    writer.run([](db::Db& db) {
        db.exec("INSERT INTO t VALUES (2)");
        return true;
    });
    CHECK(rows(temp.path) == 1);
}
