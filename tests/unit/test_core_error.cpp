#include <kivals/core/error.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
#include <string>

using namespace kivals;

TEST_CASE(
    "error codes: every code has its own name, and docs/schemas/error.schema.json lists them all") {
    std::set<std::string> names;
    for (ErrorCode code : all_error_codes())
        names.insert(std::string(code_name(code)));
    CHECK(names.size() == all_error_codes().size()); // no two codes share a name
    CHECK(all_error_codes().size() == static_cast<std::size_t>(ErrorCode::line_closed) + 1);
    std::ifstream file(KIVALS_SOURCE_DIR "/docs/schemas/error.schema.json");
    REQUIRE(file);
    auto schema = nlohmann::json::parse(file);
    std::set<std::string> documented;
    for (const auto& name : schema["properties"]["error"]["properties"]["code"]["enum"])
        documented.insert(name.get<std::string>());
    CHECK(documented == names);
}

TEST_CASE("error codes: a failure without a finer code takes its exit code's") {
    CHECK(Error(Exit::usage, "x").error_code() == ErrorCode::usage);
    CHECK(Error(Exit::config, "x").error_code() == ErrorCode::config);
    CHECK(Error(Exit::temporary, "x").error_code() == ErrorCode::temporary);
    CHECK(Error(Exit::failure, "x").error_code() == ErrorCode::failed);
    CHECK(Error(Exit::failure, ErrorCode::oversell, "x").error_code() == ErrorCode::oversell);
    try {
        fail(Exit::failure, ErrorCode::not_linked, "Kiva product '{}' is not linked", "K1");
    } catch (const Error& e) {
        CHECK(e.code() == Exit::failure);
        CHECK(code_name(e.error_code()) == "not_linked");
        CHECK(std::string(e.what()) == "Kiva product 'K1' is not linked");
    }
}
