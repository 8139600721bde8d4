// The only file that includes <sqlite3.h>.
#include <kivals/db/db.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <thread>
#include <utility>

namespace kivals::db {
namespace {

Exit exit_for(int code) {
    switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return Exit::temporary;
    default:
        return Exit::failure;
    }
}

std::string describe(int code) {
    switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return "the database is locked by another process";
    case SQLITE_READONLY:
        return "the database is read-only";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return "the database file is corrupt or not a SQLite database";
    case SQLITE_CANTOPEN:
        return "the database file cannot be opened";
    case SQLITE_FULL:
        return "the disk is full";
    default:
        return sqlite3_errstr(code);
    }
}

// SQLite's own busy handler sleeps 1, 2, 5, 10, 15, 20, 25 ms and more between tries: a server
// request waiting for a commit that takes a millisecond would wait far longer than it. This one
// starts at 0.1 ms and doubles up to 5 ms, until the busy timeout (in ms, carried in `arg`).
int busy_wait(void* arg, int count) {
    auto timeout_us = static_cast<std::int64_t>(reinterpret_cast<std::intptr_t>(arg)) * 1000;
    std::int64_t waited_us = 0, delay_us = 100;
    for (int i = 0; i < count; ++i) {
        waited_us += delay_us;
        delay_us = std::min<std::int64_t>(delay_us * 2, 5000);
    }
    if (waited_us >= timeout_us)
        return 0; // give up: the statement fails with SQLITE_BUSY
    std::this_thread::sleep_for(
        std::chrono::microseconds(std::min(delay_us, timeout_us - waited_us)));
    return 1;
}

[[noreturn]] void throw_db(sqlite3* db, int code, std::string_view what) {
    int extended = db ? sqlite3_extended_errcode(db) : code;
    std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    std::string message = fmt::format("database: {}: {} ({}, SQLite code {})", what,
                                      describe(extended), detail, extended);
    throw DbError(exit_for(extended), message, extended);
}

} // namespace

Stmt::Stmt(sqlite3* db, sqlite3_stmt* stmt) : m_db(db), m_stmt(stmt) {}
Stmt::Stmt(Stmt&& other) noexcept
    : m_db(other.m_db), m_stmt(std::exchange(other.m_stmt, nullptr)) {}
Stmt& Stmt::operator=(Stmt&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_db = other.m_db;
        m_stmt = std::exchange(other.m_stmt, nullptr);
    }
    return *this;
}
Stmt::~Stmt() {
    sqlite3_finalize(m_stmt);
}

Stmt& Stmt::bind(int index, std::string_view value) {
    int rc = sqlite3_bind_text64(m_stmt, index, value.data(), value.size(), SQLITE_TRANSIENT,
                                 SQLITE_UTF8);
    if (rc != SQLITE_OK)
        throw_db(m_db, rc, "bind");
    return *this;
}
Stmt& Stmt::bind(int index, std::int64_t value) {
    int rc = sqlite3_bind_int64(m_stmt, index, value);
    if (rc != SQLITE_OK)
        throw_db(m_db, rc, "bind");
    return *this;
}
Stmt& Stmt::bind(int index, double value) {
    int rc = sqlite3_bind_double(m_stmt, index, value);
    if (rc != SQLITE_OK)
        throw_db(m_db, rc, "bind");
    return *this;
}
Stmt& Stmt::bind(int index, std::nullopt_t) {
    int rc = sqlite3_bind_null(m_stmt, index);
    if (rc != SQLITE_OK)
        throw_db(m_db, rc, "bind");
    return *this;
}

bool Stmt::step() {
    int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    std::string sql = sqlite3_sql(m_stmt) ? sqlite3_sql(m_stmt) : "";
    if (sql.size() > 60)
        sql = sql.substr(0, 60) + "...";
    sqlite3_reset(m_stmt);
    throw_db(m_db, rc, fmt::format("running \"{}\"", sql));
}

void Stmt::run() {
    while (step()) {
    }
    reset();
}

void Stmt::reset() {
    sqlite3_reset(m_stmt);
}

bool Stmt::is_null(int index) const {
    return sqlite3_column_type(m_stmt, index) == SQLITE_NULL;
}

std::string Stmt::text(int index) const {
    const auto* data = sqlite3_column_blob(m_stmt, index);
    int size = sqlite3_column_bytes(m_stmt, index);
    return data ? std::string(static_cast<const char*>(data), static_cast<std::size_t>(size))
                : std::string();
}

std::optional<std::string> Stmt::opt_text(int index) const {
    if (is_null(index))
        return std::nullopt;
    return text(index);
}

std::int64_t Stmt::int64(int index) const {
    return sqlite3_column_int64(m_stmt, index);
}

std::optional<std::int64_t> Stmt::opt_int64(int index) const {
    if (is_null(index))
        return std::nullopt;
    return int64(index);
}

double Stmt::real(int index) const {
    return sqlite3_column_double(m_stmt, index);
}

Db::Db(sqlite3* db, std::filesystem::path path) : m_db(db), m_path(std::move(path)) {}
Db::Db(Db&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_path(std::move(other.m_path)),
      m_cache(std::move(other.m_cache)) {}
Db& Db::operator=(Db&& other) noexcept {
    if (this != &other) {
        m_cache.clear(); // finalized before their connection closes
        sqlite3_close_v2(m_db);
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
        m_cache = std::move(other.m_cache);
    }
    return *this;
}
Db::~Db() {
    m_cache.clear();
    sqlite3_close_v2(m_db);
}

Db Db::open(const std::filesystem::path& path, OpenMode mode,
            std::chrono::milliseconds busy_timeout) {
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (mode == OpenMode::create)
        flags |= SQLITE_OPEN_CREATE;
    sqlite3* handle = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
    Db db(handle, path);
    if (rc != SQLITE_OK)
        throw_db(handle, rc, fmt::format("opening {}", path.string()));
    sqlite3_extended_result_codes(handle, 1);
    sqlite3_busy_handler(handle, busy_wait,
                         reinterpret_cast<void*>(static_cast<std::intptr_t>(busy_timeout.count())));
    // Reading the schema is the first real access: a file that is not a database fails here.
    db.exec("PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;");
    // The pages a pull of 100,000 products keeps touching (the stock table and its index) stay
    // in memory instead of being read again for every page; memory grows only as pages are used.
    db.exec("PRAGMA cache_size=-32768;");
    // Without WAL, the rollback journal is created and removed with each transaction
    // (DELETE), never kept: a kept one (PERSIST) is born with its creator's umask, and an
    // administrator in group kivals who cannot open it cannot read the database at all
    // (the package test's `kivals status` as an administrator holds this).
    db.exec(wal_is_safe(sqlite3_libversion_number()) ? "PRAGMA journal_mode=WAL;"
                                                     : "PRAGMA journal_mode=DELETE;");
    return db;
}

Stmt Db::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK)
        throw_db(m_db, rc, fmt::format("preparing \"{}\"", sql.substr(0, 60)));
    return Stmt(m_db, stmt);
}

Stmt& Db::cached(std::string_view sql) {
    auto it = m_cache.find(sql);
    if (it == m_cache.end())
        it = m_cache.emplace(std::string(sql), prepare(sql)).first;
    it->second.reset();
    return it->second;
}

void Db::exec(std::string_view sql) {
    std::string text(sql);
    int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK)
        throw_db(m_db, rc, fmt::format("running \"{}\"", sql.substr(0, 60)));
}

std::int64_t Db::scalar(std::string_view sql) {
    auto stmt = prepare(sql);
    return stmt.step() ? stmt.int64(0) : 0;
}

std::int64_t Db::last_insert_rowid() const {
    return sqlite3_last_insert_rowid(m_db);
}

int Db::changes() const {
    return sqlite3_changes(m_db);
}

std::string Db::journal_mode() {
    auto stmt = prepare("PRAGMA journal_mode");
    return stmt.step() ? stmt.text(0) : std::string();
}

std::vector<std::string> Db::quick_check(int most) {
    std::vector<std::string> problems;
    auto stmt = prepare(fmt::format("PRAGMA quick_check({})", std::max(most, 1)));
    try {
        while (stmt.step()) {
            // A row may hold several lines, the first naming the schema ("*** in database
            // main ***"): keep one line per complaint.
            std::string row = stmt.text(0);
            for (std::size_t start = 0; start < row.size();) {
                std::size_t end = std::min(row.find('\n', start), row.size());
                std::string line = row.substr(start, end - start);
                if (line != "ok" && !line.starts_with("*** in database"))
                    problems.push_back(std::move(line));
                start = end + 1;
            }
        }
    } catch (const DbError& e) {
        // A damaged page can also end the check itself; that is a finding, a busy lock is not.
        int code = e.sqlite_code() & 0xff;
        if (code != SQLITE_CORRUPT && code != SQLITE_NOTADB)
            throw;
        if (problems.empty())
            problems.push_back(e.what());
    }
    return problems;
}

void Db::require_sound() {
    if (auto problems = quick_check(); !problems.empty())
        fail(Exit::failure,
             "database {} is corrupt (PRAGMA quick_check: {}): stop the cron jobs, restore a "
             "backup or rebuild it with `sqlite3 OLD .recover | sqlite3 NEW`, then run `kivals "
             "pull-sync --full`",
             m_path.string(), problems.front());
}

Txn::Txn(Db& db, Kind kind) : m_db(db) {
    m_db.exec(kind == Kind::immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

Txn::~Txn() {
    if (m_open) {
        try {
            m_db.exec("ROLLBACK");
        } catch (...) {
            // A failed rollback leaves SQLite to roll back when the connection closes.
        }
    }
}

void Txn::commit() {
    m_db.exec("COMMIT");
    m_open = false;
}

Savepoint::Savepoint(Db& db, std::string name) : m_db(db), m_name(std::move(name)) {
    m_db.exec("SAVEPOINT " + m_name);
}

Savepoint::~Savepoint() {
    if (m_open) {
        try {
            rollback();
        } catch (...) {
            // The transaction around it rolls back as it unwinds too.
        }
    }
}

void Savepoint::release() {
    m_db.exec("RELEASE " + m_name);
    m_open = false;
}

void Savepoint::rollback() {
    m_open = false;
    m_db.exec("ROLLBACK TO " + m_name + "; RELEASE " + m_name);
}

bool wal_is_safe(int v) {
    return v >= 3051003 || (v >= 3050007 && v < 3051000) || (v >= 3044006 && v < 3045000);
}

int sqlite_version_number() {
    return sqlite3_libversion_number();
}

} // namespace kivals::db
