#pragma once

#include <kivals/config/config.hpp>
#include <kivals/config/settings.hpp>
#include <kivals/core/log.hpp>
#include <kivals/lightspeed/client.hpp>

#include <memory>

namespace kivals::lightspeed {

// Return the User-Agent kivals sends ("kivals/0.1.0").
std::string user_agent();

// Build the real client from the admin settings (store_url, token, api.version) and the
// deployment config (timeouts, CA file, retries, run budget). Fails with Exit::config
// ("no store URL or token ...") when a setting is missing or unusable.
std::unique_ptr<Client> make_client(Settings& settings, const Config& config, Logger& log,
                                    const Clock& clock);

} // namespace kivals::lightspeed
