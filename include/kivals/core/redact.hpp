#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace kivals {

// Mask a secret for display: "••••" plus its last four characters when it is long enough
// that those four say nothing useful to an attacker (16+), else only the mask.
std::string mask_secret(std::string_view secret);

// Rewrite a URL's query one name=value pair at a time: where `replace(name, raw_value)` gives a
// value, the pair becomes name=that; other pairs, and everything before '?', stay as they are.
std::string rewrite_query(
    std::string_view url,
    const std::function<std::optional<std::string>(std::string_view, std::string_view)>& replace);

// Replace the values of query parameters that may carry secrets (secret, token, key,
// access_token) with "REDACTED", for logs and error messages.
std::string redact_url(std::string_view url);

// Compare two strings in time that depends only on their lengths, not their contents.
bool constant_time_equal(std::string_view a, std::string_view b);

} // namespace kivals
