#pragma once
// Helpers shared by the push executors and the in-flight resolver (private to src/sync).

#include <kivals/core/clock.hpp>
#include <kivals/db/db.hpp>
#include <kivals/lightspeed/client.hpp>
#include <kivals/lightspeed/errors.hpp>

#include <optional>
#include <span>
#include <string>

namespace kivals::sync {

// Read a product's inventory record at one outlet now; nullopt when it has none.
std::optional<lightspeed::InventoryRecord>
record_at(lightspeed::Client& client, const std::string& product_id, const std::string& outlet_id);

// Raise the remembered adjustment log version to the highest of `seen` (caller's transaction).
void advance_log_after(db::Db& db, const Clock& clock,
                       std::span<const lightspeed::StockAdjustment> seen);

} // namespace kivals::sync
