#include <kivals/core/error.hpp>
#include <kivals/util/files.hpp>
#include <kivals/webhook/spool.hpp>
#include <kivals/webhook/spool_reader.hpp>

#include <doctest/doctest.h>

#include <fcntl.h>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace kivals;
using namespace kivals::webhook;

namespace {

// A spool laid out in a fresh temporary directory, removed at the end of the test.
struct TempSpool {
    std::filesystem::path root;
    std::filesystem::path dir;
    TempSpool() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "kivals-spool-XXXXXX").string();
        root = ::mkdtemp(pattern.data());
        dir = root / "spool";
        for (const char* sub : {"", "tmp", "new"})
            std::filesystem::create_directories(dir / sub);
    }
    ~TempSpool() { std::filesystem::remove_all(root); }
    void write(const std::string& rel, const std::string& text) const {
        std::ofstream(dir / rel, std::ios::binary) << text;
    }
};

std::string delivery(const std::string& body) {
    return format_spool_file({"inventory.update", "2026-01-01T00:00:00Z", body});
}

SysTime now() {
    return std::chrono::system_clock::now();
}

} // namespace

TEST_CASE("spool: names the intake writes, now and before") {
    CHECK(is_spool_name("1764576000000000.4242.1.9e3779b9"));
    CHECK(is_spool_name("a.delivery"));
    CHECK_FALSE(is_spool_name(""));
    CHECK_FALSE(is_spool_name(".hidden"));
    CHECK_FALSE(is_spool_name("bad name"));
    CHECK_FALSE(is_spool_name("caf\xC3\xA9"));
    CHECK_FALSE(is_spool_name(std::string(129, 'a')));
    CHECK(max_spool_file_bytes(1024 * 1024) > 1024 * 1024);
}

TEST_CASE("spool reader: odd entries are quarantined, never followed, and deliveries still read") {
    TempSpool spool;
    spool.write("new/2-valid", delivery("payload=%7B%7D"));
    spool.write("outside", "a private file");
    REQUIRE(::mkfifo((spool.dir / "new" / "1-fifo").c_str(), 0644) == 0);
    std::filesystem::create_symlink(spool.dir / "outside", spool.dir / "new" / "3-link");
    std::filesystem::create_directory(spool.dir / "new" / "4-dir");
    spool.write("new/5-big", std::string(5000, 'x'));
    spool.write("new/6-latin1", "caf\xE9");
    spool.write("new/.hidden", delivery("payload=%7B%7D"));

    SpoolReader reader(spool.dir, 4096, now());
    auto names = reader.list(); // the FIFO, the link, the directory and .hidden go at once
    CHECK(names == std::vector<std::string>{"2-valid", "5-big", "6-latin1"});
    CHECK(reader.read("2-valid") == delivery("payload=%7B%7D"));
    CHECK_FALSE(reader.read("5-big"));
    CHECK_FALSE(reader.read("6-latin1"));
    CHECK_FALSE(reader.read("gone"));
    reader.remove({"2-valid"});
    reader.finish_removals();

    const auto& odd = reader.quarantined();
    REQUIRE(odd.size() == 6);
    auto reason_of = [&](const std::string& from) {
        for (const auto& e : odd)
            if (e.from == from)
                return e.reason;
        return std::string("(not quarantined)");
    };
    CHECK(reason_of("new/1-fifo") == "a FIFO, not a regular file");
    CHECK(reason_of("new/3-link") == "a symbolic link, not a regular file");
    CHECK(reason_of("new/4-dir") == "a directory, not a regular file");
    CHECK(reason_of("new/5-big").find("5000 bytes, more than the 4096") != std::string::npos);
    CHECK(reason_of("new/6-latin1") == "byte 0xe9 at column 4 is not UTF-8");
    CHECK(reason_of("new/.hidden").find("whose name the intake does not write") !=
          std::string::npos);
    CHECK(std::filesystem::is_empty(spool.dir / "new"));
    CHECK(read_file(spool.dir / "outside") == "a private file"); // the link was not followed

    auto report = inspect_spool(spool.dir, std::nullopt);
    CHECK(report.waiting == 0);
    REQUIRE(report.quarantined.size() == 6);
    CHECK(report.quarantined.front().where.starts_with("quarantine/"));
}

TEST_CASE("spool reader: a file the previous intake wrote (mode 0640, its name) is read") {
    TempSpool spool;
    const std::string name = "1764576000000000.4242.1.9e3779b9";
    spool.write("new/" + name, delivery("payload=%7B%22id%22%3A1%7D"));
    REQUIRE(::chmod((spool.dir / "new" / name).c_str(), 0640) == 0);
    SpoolReader reader(spool.dir, max_spool_file_bytes(1024 * 1024), now());
    CHECK(reader.list() == std::vector<std::string>{name});
    CHECK(reader.read(name) == delivery("payload=%7B%22id%22%3A1%7D"));
    CHECK(reader.quarantined().empty());
}

TEST_CASE("spool reader: a link in place of tmp/ is moved aside; nothing behind it is deleted") {
    TempSpool spool;
    std::filesystem::remove(spool.dir / "tmp");
    std::filesystem::create_directory(spool.root / "private");
    spool.write("../private/old", "keep me");
    struct timespec old_times[2] = {{0, 0}, {0, 0}}; // 1970: far older than an hour
    ::utimensat(AT_FDCWD, (spool.root / "private" / "old").c_str(), old_times, 0);
    std::filesystem::create_directory_symlink(spool.root / "private", spool.dir / "tmp");
    spool.write("new/1-valid", delivery("payload=%7B%7D"));

    SpoolReader reader(spool.dir, 4096, now());
    CHECK(reader.remove_stale_tmp(std::chrono::hours(1)) == 0);
    CHECK(read_file(spool.root / "private" / "old") == "keep me");
    CHECK(reader.list() == std::vector<std::string>{"1-valid"});
    REQUIRE(reader.quarantined().size() == 1);
    CHECK(reader.quarantined()[0].from == "tmp");
    CHECK_FALSE(std::filesystem::exists(std::filesystem::symlink_status(spool.dir / "tmp")));
}

TEST_CASE("spool reader: a link in place of new/ stops the run before anything is read") {
    TempSpool spool;
    std::filesystem::remove(spool.dir / "new");
    std::filesystem::create_directory(spool.root / "database");
    spool.write("../database/kivals.db", "the database");
    std::filesystem::create_directory_symlink(spool.root / "database", spool.dir / "new");
    try {
        SpoolReader reader(spool.dir, 4096, now());
        FAIL("a link in place of new/ was accepted");
    } catch (const Error& e) {
        CHECK(e.code() == Exit::config);
        CHECK(std::string(e.what()).find("run `kivals init`") != std::string::npos);
    }
    CHECK(read_file(spool.root / "database" / "kivals.db") == "the database");
    CHECK_FALSE(std::filesystem::exists(std::filesystem::symlink_status(spool.dir / "new")));
    CHECK(inspect_spool(spool.dir, std::nullopt).quarantined.size() == 1);
}

TEST_CASE("spool reader: a spool that does not exist yet is empty") {
    TempSpool spool;
    SpoolReader reader(spool.root / "never-made", 4096, now());
    CHECK(reader.list().empty());
    CHECK(reader.remove_stale_tmp(std::chrono::hours(1)) == 0);
}
