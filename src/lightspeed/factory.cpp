#include <kivals/core/text.hpp>
#include <kivals/lightspeed/curl_transport.hpp>
#include <kivals/lightspeed/factory.hpp>

namespace kivals::lightspeed {

std::string user_agent() {
    return "kivals/" KIVALS_VERSION " (+Lightspeed X-Series stock sync)";
}

CurlOptions curl_options(const Config& config) {
    CurlOptions curl;
    curl.connect_timeout = config.connect_timeout;
    curl.request_timeout = config.request_timeout;
    curl.ca_file = config.ca_file;
    curl.user_agent = user_agent();
    return curl;
}

std::unique_ptr<Client> make_client(Settings& settings, const Config& config, Logger& log,
                                    const Clock& clock) {
    auto store_url = settings.get("store_url");
    auto token = settings.get("token");
    if (!store_url || store_url->empty() || !token || token->empty())
        fail(Exit::config, "no store URL or token: run `kivals config set store_url URL` and "
                           "`kivals config set token` (it reads the token from stdin)");
    if (auto valid = validate_setting("store_url", *store_url); !valid)
        fail(Exit::config, "store_url: {}", valid.error());
    std::string family_text = settings.get("api.version").value_or("2026-07");
    auto family = parse_api_family(family_text);
    if (!family)
        fail(Exit::config, "api.version is '{}': it must be 2026-07 or 2.0", family_text);
    std::string base = *store_url;
    while (!base.empty() && base.back() == '/')
        base.pop_back();

    CurlOptions curl = curl_options(config);
    auto url = parse_url(base); // valid: validate_setting passed it
    curl.compression = !(url && is_loopback_host(url->host));

    SessionOptions session;
    session.store_url = base;
    session.token = *token;
    session.user_agent = curl.user_agent;
    session.max_retries = config.max_retries;
    session.run_budget = config.run_budget;
    return std::make_unique<Client>(make_curl_transport(curl), std::make_unique<SystemSleeper>(),
                                    clock, log, std::move(session), *family);
}

} // namespace kivals::lightspeed
