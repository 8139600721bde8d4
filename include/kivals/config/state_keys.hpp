#pragma once

// Every key of the `state` table (Settings::state / set_state), in one place so that the jobs
// that write them and `status` / `doctor` that read them agree. A key written anywhere else is
// a bug: grep for set_state.
namespace kivals::state_keys {

inline constexpr const char* k_last_queue_run = "last_queue_run";           // ISO 8601
inline constexpr const char* k_last_pull_sync = "last_pull_sync";           // ISO 8601, any pull
inline constexpr const char* k_last_full_sync = "last_full_sync";           // ISO 8601, --full
inline constexpr const char* k_last_pull_corrected = "last_pull_corrected"; // integer
inline constexpr const char* k_last_quick_check = "last_quick_check";       // ISO 8601
inline constexpr const char* k_pull_cursor = "pull_cursor";                 // inventory version
// Where an interrupted `pull-sync --full` resumes (inventory version; "" when none is due).
inline constexpr const char* k_pull_full_resume = "pull_full_resume";
// The highest inventory version seen in any of Lightspeed's own reads (pulls, read-backs).
inline constexpr const char* k_inventory_version_seen = "inventory_version_seen";
// Where fetch-products resumes: the highest product version imported by a walk.
inline constexpr const char* k_products_cursor = "ls_products.after";
// The highest stock adjustment log version kivals has seen: its next adjustment is above it.
inline constexpr const char* k_push_log_after = "push_log_after";
// What echoes proved of the inventory.update version counter (queue/policy.hpp: VersionSpace)
// and how many echoes agreed with their push's read-back so far.
inline constexpr const char* k_webhook_versions = "webhook_versions";
inline constexpr const char* k_webhook_versions_agreeing = "webhook_versions.agreeing";
// The ids of the custom adjustment reasons a relative push sends, made once per store.
inline constexpr const char* k_reason_online_order = "reason.online_order";   // NEGATIVE
inline constexpr const char* k_reason_online_return = "reason.online_return"; // POSITIVE

} // namespace kivals::state_keys
