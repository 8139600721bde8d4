// The admin page's route family: its routes and its answer to unknown paths under /admin/.
#include "web.hpp"

namespace kivals::admin {

void add_admin(http::Router& router, const AdminContext& context, AdminOptions options) {
    auto admin = std::make_shared<Admin>(context, options);
    add_static_routes(router);
    add_login_routes(router, admin);
    add_home_routes(router, admin);
    add_action_routes(router, admin);
    router.on_miss("/admin/", [](const http::Request&, http::Miss miss,
                                 const std::vector<std::string>& allowed) {
        if (miss == http::Miss::no_route)
            return error_page(404, "Not found", "There is no such page.", {});
        std::string methods;
        for (const auto& m : allowed)
            methods += (methods.empty() ? "" : ", ") + m;
        return error_page(405, "Not allowed", "This page takes " + methods + ".", {})
            .with_header("Allow", methods);
    });
}

} // namespace kivals::admin
