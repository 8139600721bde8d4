#include <kivals/core/utf8.hpp>

#include <doctest/doctest.h>

using namespace kivals;

TEST_CASE("utf8: well-formed text passes, the first bad byte is found") {
    struct Case {
        std::string_view text;
        std::optional<std::size_t> bad_at;
    };
    using namespace std::string_view_literals;
    const Case cases[] = {
        {"", std::nullopt},
        {"plain ASCII, with \t tabs", std::nullopt},
        {"caf\xC3\xA9", std::nullopt},      // é
        {"\xE2\x82\xAC 10", std::nullopt},  // €
        {"\xF0\x9F\x98\x80", std::nullopt}, // an emoji (4 bytes)
        {"\xF4\x8F\xBF\xBF", std::nullopt}, // U+10FFFF, the last code point
        {"nul \0 inside"sv, std::nullopt},  // NUL is UTF-8; other checks refuse it
        {"caf\xE9", 3},                     // Latin-1 é
        {"\xFF", 0},                        // never in UTF-8
        {"ab\x80", 2},                      // a lone continuation byte
        {"\xC0\xAF", 0},                    // overlong '/'
        {"\xC1\xBF", 0},                    // overlong
        {"\xE0\x80\xAF", 0},                // overlong (3 bytes)
        {"\xF0\x80\x80\xAF", 0},            // overlong (4 bytes)
        {"\xED\xA0\x80", 0},                // a UTF-16 surrogate
        {"\xF4\x90\x80\x80", 0},            // above U+10FFFF
        {"\xF5\x80\x80\x80", 0},            // lead byte out of range
        {"ok \xE2\x82", 3},                 // truncated at the end
        {"\xE2\x28\xA1", 0},                // a bad second byte
        {"\xC3\xA9\xC3", 2},                // good, then truncated
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(invalid_utf8_at(c.text) == c.bad_at);
        CHECK(is_utf8(c.text) == !c.bad_at);
    }
}

TEST_CASE("utf8: the problem names the byte and its column on its line") {
    CHECK(utf8_problem("fine") == "");
    CHECK(utf8_problem("caf\xE9") == "byte 0xe9 at column 4 is not UTF-8");
    CHECK(utf8_problem("line one\nab\xFF") == "byte 0xff at column 3 is not UTF-8");
}

TEST_CASE("utf8: a byte order mark is stripped only at the start") {
    CHECK(strip_bom("\xEF\xBB\xBF{\"id\":1}") == "{\"id\":1}");
    CHECK(strip_bom("{\"id\":1}") == "{\"id\":1}");
    CHECK(strip_bom("a\xEF\xBB\xBF") == "a\xEF\xBB\xBF");
    CHECK(strip_bom("") == "");
}
