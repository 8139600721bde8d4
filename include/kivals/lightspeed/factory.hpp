#pragma once

#include <kivals/config/config.hpp>
#include <kivals/config/settings.hpp>
#include <kivals/core/log.hpp>
#include <kivals/lightspeed/client.hpp>
#include <kivals/lightspeed/curl_transport.hpp>

#include <memory>

namespace kivals::lightspeed {

// Return the User-Agent kivals sends ("kivals/0.1.0").
std::string user_agent();

// Return how kivals' HTTP requests connect, from the deployment config (timeouts, CA file,
// User-Agent); compression is on (make_client turns it off for a loopback store).
CurlOptions curl_options(const Config& config);

// Build the real client from the admin settings (store_url, token, api.version) and the
// deployment config (timeouts, CA file, retries, run budget). Fails with Exit::config
// ("no store URL or token ...") when a setting is missing or unusable.
std::unique_ptr<Client> make_client(Settings& settings, const Config& config, Logger& log,
                                    const Clock& clock);

} // namespace kivals::lightspeed
