#include <kivals/core/error.hpp>
#include <kivals/util/files.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <chrono>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

using namespace kivals;

namespace {

// A fresh directory under the system temp dir, removed at the end of the test.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "kivals-unit-XXXXXX").string();
        path = ::mkdtemp(pattern.data());
    }
    ~TempDir() { std::filesystem::remove_all(path); }
};

} // namespace

TEST_CASE("job lock: a second holder is refused with a temporary failure") {
    TempDir dir;
    {
        JobLock first = JobLock::acquire(dir.path, "queue");
        try {
            JobLock second = JobLock::acquire(dir.path, "queue");
            FAIL("the second lock must be refused");
        } catch (const Error& e) {
            CHECK(e.code() == Exit::temporary);
            CHECK(std::string(e.what()).find("queue") != std::string::npos);
        }
        CHECK_NOTHROW(JobLock::acquire(dir.path, "pull-sync")); // other kinds run alongside
    }
    CHECK_NOTHROW(JobLock::acquire(dir.path, "queue")); // released with its owner
}

TEST_CASE("job lock: its holder is named, by pid and since when, while it holds it") {
    TempDir dir;
    CHECK_FALSE(JobLock::holder(dir.path, "push").has_value()); // never taken
    {
        auto before = std::chrono::system_clock::now() - std::chrono::seconds(1);
        JobLock lock = JobLock::acquire(dir.path, "push");
        auto holder = JobLock::holder(dir.path, "push");
        REQUIRE(holder.has_value());
        CHECK(holder->pid == std::optional<long>(::getpid()));
        REQUIRE(holder->since.has_value());
        CHECK(*holder->since >= std::chrono::time_point_cast<std::chrono::seconds>(before));
        try {
            JobLock::acquire(dir.path, "push");
            FAIL("the second lock must be refused");
        } catch (const Error& e) {
            CHECK(std::string(e.what()).find(fmt::format("pid {}", ::getpid())) !=
                  std::string::npos);
        }
    }
    CHECK_FALSE(JobLock::holder(dir.path, "push").has_value()); // released: nobody holds it
}

TEST_CASE("atomic writes replace the whole file with the given mode") {
    TempDir dir;
    auto file = dir.path / "secret";
    write_file_atomic(file, "one\n", 0640);
    CHECK(read_file(file) == "one\n");
    write_file_atomic(file, std::string("two\0bytes", 9), 0600);
    CHECK(read_file(file) == std::string("two\0bytes", 9));
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path))
        ++entries;
    CHECK(entries == 1); // no temporary file left behind
    CHECK_FALSE(read_file(dir.path / "missing").has_value());
    CHECK_THROWS_AS(write_file_atomic(dir.path / "no" / "such" / "dir", "x", 0600), Error);
}

TEST_CASE("read_secret_file: the first line, trimmed; refusals name the file, never the secret") {
    TempDir dir;
    struct Case {
        const char* content;
        mode_t mode;
        SecretFileAccess access;
        std::optional<std::string> secret; // nullopt: refused
        const char* error = "";
    };
    const Case cases[] = {
        {"s3cret-value\n", 0600, SecretFileAccess::owner_only, "s3cret-value"},
        {"s3cret-value", 0600, SecretFileAccess::owner_only, "s3cret-value"},
        {"s3cret-value\r\n", 0640, SecretFileAccess::shared, "s3cret-value"},
        {" s3cret-value \t\nsecond line\n", 0640, SecretFileAccess::shared, "s3cret-value"},
        {"", 0600, SecretFileAccess::owner_only, ""},
        {"s3cret-value\n", 0640, SecretFileAccess::owner_only, std::nullopt,
         "is readable by others (mode 640): chmod 600 it first"},
        {"s3cret-value\n", 0604, SecretFileAccess::owner_only, std::nullopt, "readable by others"},
    };
    int n = 0;
    for (const auto& c : cases) {
        CAPTURE(c.content);
        auto path = dir.path / ("secret" + std::to_string(n++));
        write_file_atomic(path, c.content, c.mode);
        auto got = read_secret_file(path, c.access);
        REQUIRE(got.has_value() == c.secret.has_value());
        if (c.secret) {
            CHECK(*got == *c.secret);
            continue;
        }
        CHECK(got.error().find(path.string()) != std::string::npos);
        CHECK(got.error().find(c.error) != std::string::npos);
        CHECK(got.error().find("s3cret") == std::string::npos);
    }
    auto missing = read_secret_file(dir.path / "none", SecretFileAccess::shared);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().find("cannot read") != std::string::npos);
}
