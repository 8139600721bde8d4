#pragma once

// Keys of the `state` table (Settings::state / set_state), in one place so that the jobs
// that write them and `status` / `doctor` that read them agree.
namespace kivals::state_keys {

inline constexpr const char* k_last_queue_run = "last_queue_run";           // ISO 8601
inline constexpr const char* k_last_pull_sync = "last_pull_sync";           // ISO 8601, any pull
inline constexpr const char* k_last_full_sync = "last_full_sync";           // ISO 8601, --full
inline constexpr const char* k_last_pull_corrected = "last_pull_corrected"; // integer
inline constexpr const char* k_last_quick_check = "last_quick_check";       // ISO 8601
inline constexpr const char* k_pull_cursor = "pull_cursor";                 // inventory version
// The highest inventory version seen in any of Lightspeed's own reads (pulls, read-backs).
inline constexpr const char* k_inventory_version_seen = "inventory_version_seen";
// Where fetch-products resumes: the highest product version imported by a walk.
inline constexpr const char* k_products_cursor = "ls_products.after";
// The highest stock adjustment log version kivals has seen: its next adjustment is above it.
inline constexpr const char* k_push_log_after = "push_log_after";

} // namespace kivals::state_keys
