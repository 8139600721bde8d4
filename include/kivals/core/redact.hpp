#pragma once

#include <string>
#include <string_view>

namespace kivals {

// Mask a secret for display: "••••" plus its last four characters when it is long enough
// that those four say nothing useful to an attacker (16+), else only the mask.
std::string mask_secret(std::string_view secret);

// Replace the values of query parameters that may carry secrets (secret, token, key,
// access_token) with "REDACTED", for logs and error messages.
std::string redact_url(std::string_view url);

// Compare two strings in time that depends only on their lengths, not their contents.
bool constant_time_equal(std::string_view a, std::string_view b);

} // namespace kivals
