#include <kivals/catalog/links.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace kivals::catalog;

TEST_CASE("link_blocker: only a live product that tracks its own stock can be linked") {
    struct Case {
        bool has_inventory;
        bool is_composite;
        bool deleted;
        const char* error; // the start of the reason, or nullptr when it can be linked
    };
    const Case cases[] = {
        {true, false, false, nullptr},
        {true, false, true, "Lightspeed product p1 is deleted"},
        {true, true, false, "Lightspeed product p1 is a composite"},
        {false, false, false, "Lightspeed product p1 does not track inventory"},
        {false, true, true, "Lightspeed product p1 is deleted"}, // the first reason wins
    };
    for (const Case& c : cases) {
        CAPTURE(c.error);
        LsProduct product{"p1", "Balm", "SKU1", "", c.has_inventory, c.is_composite, c.deleted};
        auto linkable = link_blocker(product);
        REQUIRE(linkable.has_value() == !c.error);
        if (c.error)
            CHECK(linkable.error().rfind(c.error, 0) == 0);
    }
}
