#pragma once

#include <kivals/core/error.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace kivals::db {

// A database failure: the message names the SQL step and SQLite's extended result code.
// Busy or locked maps to Exit::temporary, everything else to Exit::failure.
class DbError : public Error {
public:
    DbError(Exit code, const std::string& message, int sqlite_code)
        : Error(code, message), m_sqlite_code(sqlite_code) {}

    int sqlite_code() const { return m_sqlite_code; }

private:
    int m_sqlite_code;
};

// One prepared statement. Parameters are bound, never spliced into SQL.
class Stmt {
public:
    Stmt(sqlite3* db, sqlite3_stmt* stmt);
    Stmt(Stmt&&) noexcept;
    Stmt& operator=(Stmt&&) noexcept;
    ~Stmt();

    // Bind parameter `index` (1-based).
    Stmt& bind(int index, std::string_view value);
    Stmt& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Stmt& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Stmt& bind(int index, std::int64_t value);
    Stmt& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Stmt& bind(int index, double value);
    Stmt& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value)); }
    Stmt& bind(int index, std::nullopt_t);
    template <typename T> Stmt& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind(index, std::nullopt);
    }

    // Bind every argument in order, starting at parameter 1.
    template <typename... Args> Stmt& bind_all(const Args&... args) {
        int index = 0;
        (bind(++index, args), ...);
        return *this;
    }

    // Advance: true when a row is available, false when the statement is done.
    bool step();
    // Run a statement that returns no rows.
    void run();
    // Make the statement ready to run again; bindings are kept.
    void reset();

    // Read column `index` (0-based) of the current row.
    bool is_null(int index) const;
    std::string text(int index) const;
    std::optional<std::string> opt_text(int index) const;
    std::int64_t int64(int index) const;
    std::optional<std::int64_t> opt_int64(int index) const;
    double real(int index) const;

private:
    sqlite3* m_db;
    sqlite3_stmt* m_stmt;
};

enum class OpenMode { read_write, create };

// An open SQLite connection configured the way kivals writes: foreign keys on,
// synchronous=FULL, a busy timeout, a page cache of up to 32 MiB, and WAL only where the library
// is free of the WAL-reset bug (see wal_is_safe()); else a persistent rollback journal.
class Db {
public:
    static Db open(const std::filesystem::path& path, OpenMode mode,
                   std::chrono::milliseconds busy_timeout = std::chrono::milliseconds(5000));
    Db(Db&&) noexcept;
    Db& operator=(Db&&) noexcept;
    ~Db();

    // Prepare one statement.
    Stmt prepare(std::string_view sql);
    // Return the statement for `sql`, prepared on first use and kept with the connection, reset
    // and ready to bind (its old bindings kept). For SQL run again and again (a queue run or a
    // pull applies 100,000s of records); do not ask for it again while it is still stepping.
    Stmt& cached(std::string_view sql);
    // Run SQL without parameters (may hold several statements).
    void exec(std::string_view sql);
    // Run a query without parameters that yields one integer (count, max...); 0 when no row or
    // NULL.
    std::int64_t scalar(std::string_view sql);
    std::int64_t last_insert_rowid() const;
    int changes() const;
    const std::filesystem::path& path() const { return m_path; }
    // Return the journal mode in use ("wal" or "persist").
    std::string journal_mode();
    // Run PRAGMA quick_check (the structure of every b-tree, without matching indexes to
    // tables); return its complaints, at most `most`, or nothing when the file is sound.
    std::vector<std::string> quick_check(int most = 5);
    // Throw Error (Exit::failure) naming the file, the first complaint and how to recover
    // when quick_check() finds the file corrupt.
    void require_sound();

private:
    Db(sqlite3* db, std::filesystem::path path);
    // Transparent hashing, so that cached() looks up a string_view without a copy.
    struct SqlHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view sql) const {
            return std::hash<std::string_view>{}(sql);
        }
    };

    sqlite3* m_db;
    std::filesystem::path m_path;
    std::unordered_map<std::string, Stmt, SqlHash, std::equal_to<>> m_cache;
};

// A transaction that rolls back unless commit() is called. Writers use Kind::immediate
// so that the write lock is taken at BEGIN, where the busy timeout applies.
class Txn {
public:
    enum class Kind { deferred, immediate };
    explicit Txn(Db& db, Kind kind = Kind::immediate);
    Txn(const Txn&) = delete;
    Txn& operator=(const Txn&) = delete;
    ~Txn();

    // Make the transaction's changes durable.
    void commit();

private:
    Db& m_db;
    bool m_open = true;
};

// A savepoint inside the caller's transaction, so that one failed step of a bulk run leaves
// nothing behind while the steps before it stay: rolled back to unless released.
class Savepoint {
public:
    Savepoint(Db& db, std::string name);
    Savepoint(const Savepoint&) = delete;
    Savepoint& operator=(const Savepoint&) = delete;
    ~Savepoint();

    // Keep this step's changes (they commit with the transaction).
    void release();
    // Undo this step's changes now.
    void rollback();

private:
    Db& m_db;
    std::string m_name;
    bool m_open = true;
};

// Return true when the linked SQLite is free of the WAL-reset corruption bug
// (fixed in 3.51.3, backported to 3.44.6 and 3.50.7).
bool wal_is_safe(int libversion_number);

// Return the linked SQLite's version number (e.g. 3040001).
int sqlite_version_number();

} // namespace kivals::db
