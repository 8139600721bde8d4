#pragma once

#include <kivals/core/qty.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace kivals::lightspeed {

// Percent-encode one URL path segment or query value (ids are UUIDs, but never trust that).
std::string encode_segment(std::string_view text);

// Return a quantity as a JSON number: an integer when whole, else a double.
nlohmann::json qty_json(Qty q);

} // namespace kivals::lightspeed
