// The retailer, outlets and products.
#include <kivals/core/text.hpp>
#include <kivals/lightspeed/client.hpp>
#include <kivals/lightspeed/errors.hpp>
#include <kivals/lightspeed/parse.hpp>

namespace kivals::lightspeed {

Retailer Client::get_retailer() {
    nlohmann::json body = m_session.call(Method::get, path("/retailer"));
    return parse_retailer(data_of(body, "the retailer"));
}

std::vector<Outlet> Client::list_outlets(bool include_deleted) {
    std::vector<Outlet> outlets;
    auto fetch = [&](std::int64_t after) {
        return m_session.call(Method::get,
                              path(fmt::format("/outlets?after={}&page_size=200{}", after,
                                               include_deleted ? "&deleted=true" : "")));
    };
    walk_typed<Outlet>(fetch, Envelope::data_version, 0, parse_outlet,
                       [&](std::span<const Outlet> page, const PageInfo&) {
                           outlets.insert(outlets.end(), page.begin(), page.end());
                           return WalkControl::more;
                       },
                       {});
    return outlets;
}

WalkResult Client::walk_products(std::int64_t after, const PageSink<Product>& sink,
                                 const WalkOptions& options) {
    auto fetch = [&](std::int64_t cursor) {
        return m_session.call(Method::get,
                              path(fmt::format("/products?after={}&page_size={}&deleted=true",
                                               cursor, options.page_size)));
    };
    return walk_typed<Product>(fetch, Envelope::data_version, after, parse_product, sink, options);
}

std::optional<Product> Client::get_product(const std::string& id) {
    try {
        nlohmann::json body = m_session.call(Method::get, path("/products/" + percent_encode(id)));
        return parse_product(data_of(body, "a product"));
    } catch (const ApiError& e) {
        if (e.kind() == ApiErrorKind::not_found)
            return std::nullopt;
        throw;
    }
}

} // namespace kivals::lightspeed
