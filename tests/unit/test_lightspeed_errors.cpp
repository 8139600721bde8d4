#include <kivals/lightspeed/errors.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace kivals::lightspeed;

TEST_CASE("likely_cause: the failure explained by what most likely happened") {
    struct Case {
        const char* name;
        ApiErrorKind kind;
        HttpResponse response;
        const char* says;
    };
    const Case cases[] = {
        {"TLS to a plain-HTTP port", ApiErrorKind::tls,
         HttpResponse{0,
                      {},
                      "",
                      TransportError{TransportErrorKind::tls,
                                     "error:0A00010B:SSL routines::wrong version number"}},
         "plain HTTP, not TLS"},
        {"a certificate for another name", ApiErrorKind::tls,
         HttpResponse{0,
                      {},
                      "",
                      TransportError{TransportErrorKind::tls, "SSL: no alternative "
                                                              "certificate subject"}},
         "certificate is not trusted"},
        {"a web page's 404: not Lightspeed", ApiErrorKind::not_found,
         HttpResponse{404, {}, "<html><body>404 Not Found</body></html>", std::nullopt},
         "not Lightspeed's API answering"},
        {"an empty 404", ApiErrorKind::not_found, HttpResponse{404, {}, "", std::nullopt},
         "check store_url"},
        {"the token refused", ApiErrorKind::unauthorized,
         HttpResponse{401, {}, "{\"error\":\"x\"}", std::nullopt}, "kivals config set token"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        CHECK(std::string(likely_cause(c.kind, c.response)).find(c.says) != std::string::npos);
    }
    // Lightspeed's own 404 (a product that is gone) is no hint about the store URL.
    CHECK(likely_cause(ApiErrorKind::not_found,
                       HttpResponse{404, {}, "{\"error\":\"Not Found\"}", std::nullopt})
              .empty());
}
