#include <kivals/config/config.hpp>
#include <kivals/core/error.hpp>

#include <doctest/doctest.h>

using namespace kivals;

namespace {

// Return the message of the Error that parsing `text` throws, or "" when it parses.
std::string parse_error(const std::string& text) {
    try {
        parse_config(text, "k.toml");
    } catch (const Error& e) {
        CHECK(e.code() == Exit::config);
        return e.what();
    }
    return "";
}

} // namespace

TEST_CASE("config: every documented key is read") {
    Config c = parse_config(R"(
[database]
path = "/srv/k.db"
busy_timeout_ms = 250
[intake]
spool_dir = "/srv/spool"
secret_file = "/srv/secret"
web_group = "nginx"
max_body_bytes = 4096
max_json_depth = 32
[locks]
dir = "/srv/locks"
[log]
categories = "http,sync"
[http]
connect_timeout_s = 3
timeout_s = 30
ca_file = "/srv/ca.pem"
max_retries = 2
run_budget_s = 90
[queue]
max_attempts = 4
retention_days = 9
recheck_s = 5
[sync]
zero_guard_share = 0.5
push_batch_size = 200
[serve]
listen = "unix:/run/kivals/store.sock"
threads = 16
max_body_bytes = 4096
push_delay_ms = 50
)",
                            "k.toml");
    CHECK(c.database_path == "/srv/k.db");
    CHECK(c.busy_timeout.count() == 250);
    CHECK(c.spool_dir == "/srv/spool");
    CHECK(c.secret_file == "/srv/secret");
    CHECK(c.web_group == "nginx");
    CHECK(c.max_body_bytes == 4096);
    CHECK(c.max_json_depth == 32);
    CHECK(c.lock_dir == "/srv/locks");
    CHECK(c.log_categories == "http,sync");
    CHECK(c.connect_timeout.count() == 3);
    CHECK(c.request_timeout.count() == 30);
    CHECK(c.ca_file == "/srv/ca.pem");
    CHECK(c.max_retries == 2);
    CHECK(c.run_budget.count() == 90);
    CHECK(c.queue_max_attempts == 4);
    CHECK(c.queue_retention_days == 9);
    CHECK(c.queue_recheck.count() == 5);
    CHECK(c.zero_guard_share == doctest::Approx(0.5));
    CHECK(c.push_batch_size == 200);
    CHECK(c.serve_listen == "unix:/run/kivals/store.sock");
    CHECK(c.serve_threads == 16);
    CHECK(c.serve_max_body_bytes == 4096);
    CHECK(c.serve_push_delay.count() == 50);
    CHECK(c.origin.at("database.path") == "k.toml:3");
    CHECK(describe_config(c).size() == 23);
}

TEST_CASE("config: an empty file gives the system defaults") {
    Config c = parse_config("", "k.toml");
    CHECK(c.database_path == "/var/lib/kivals/kivals.db");
    CHECK(c.spool_dir == "/var/spool/kivals");
    CHECK(c.max_body_bytes == 1024 * 1024);
    CHECK(c.origin.empty());
}

TEST_CASE("config: bad files name file and line") {
    struct Case {
        const char* text;
        const char* message;
    };
    const Case cases[] = {
        {"[database]\npaht = \"x\"\n", "k.toml:2: unknown key 'database.paht'"},
        {"\n\nbogus = 1\n", "k.toml:3: unknown key 'bogus'"},
        {"[database]\npath = 5\n", "k.toml:2: database.path must be a string"},
        {"[http]\ntimeout_s = \"10\"\n", "k.toml:2: http.timeout_s must be an integer"},
        {"[http]\ntimeout_s = 0\n", "k.toml:2: http.timeout_s must be between 1 and 3600"},
        {"[sync]\nzero_guard_share = 2.0\n", "k.toml:2: sync.zero_guard_share must be a number"},
        {"[database\npath = 1\n", "k.toml:1:"},
        {"a = \"unterminated\n", "k.toml:1:"},
        {"[database]\npath = \"/var/lib/caf\xE9\"\n", "k.toml:2:"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(parse_error(c.text).find(c.message) != std::string::npos);
    }
}

TEST_CASE("config: which file is read") {
    CHECK(locate_config(std::string("/a.toml"), "/b.toml").path == "/a.toml");
    CHECK(locate_config(std::nullopt, "/b.toml").path == "/b.toml");
    CHECK(locate_config(std::nullopt, "/b.toml").explicit_choice);
    CHECK(locate_config(std::nullopt, nullptr).path == "/etc/kivals/kivals.toml");
    CHECK_FALSE(locate_config(std::nullopt, "").explicit_choice);
}

TEST_CASE("config: a missing explicit file is an error; a missing default file is not") {
    CHECK_THROWS_AS(load_config({"/nonexistent/kivals.toml", true}), Error);
    CHECK(load_config({"/nonexistent/kivals.toml", false}).source.empty());
}

TEST_CASE("config: a directory or a special file is not a config file") {
    for (const char* path : {"/tmp", "/dev/null"}) {
        CAPTURE(path);
        for (bool explicit_choice : {true, false}) {
            try {
                load_config({path, explicit_choice});
                FAIL("a non-file was read as a config file");
            } catch (const Error& e) {
                CHECK(e.code() == Exit::config);
                CHECK(std::string(e.what()).find(path) != std::string::npos);
            }
        }
    }
}
