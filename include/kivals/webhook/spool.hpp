#pragma once

#include <kivals/core/clock.hpp>
#include <kivals/core/expected.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The spool between the intake and `queue process`, in the style of Postfix's maildrop:
// the intake writes tmp/NAME, fsyncs it, renames it to new/NAME and fsyncs new/ before it
// answers 2xx; `queue process` copies new/ into the database and unlinks only after commit.
// The web server's user may add files to tmp/ and new/ and nothing else: it can neither
// rename nor replace the directories (spool_reader.hpp reads what it left with care).
namespace kivals::webhook {

// The spool's modes (see the permission model in ARCHITECTURE.md). spool/ is kivals:WEB 0750:
// the web server's user only passes through. tmp/ and new/ are kivals:WEB 3770: it may add
// files (setgid keeps the group), and the sticky bit keeps it from renaming or removing
// entries it does not own; it must read new/ to fsync it. quarantine/ is kivals' own.
inline constexpr unsigned k_spool_mode = 0750;
inline constexpr unsigned k_drop_mode = 03770;
inline constexpr unsigned k_quarantine_mode = 02770;
// Spool files are 0644: the owner of new/ reads them as "other"; nobody else can reach them.
inline constexpr unsigned k_spool_file_mode = 0644;

// Return the largest spool file a delivery of at most `max_body_bytes` makes (with header).
std::size_t max_spool_file_bytes(std::int64_t max_body_bytes);

// Return true when `name` may be a delivery's file name: letters, digits, '.', '_' and '-',
// not starting with '.', at most 128 bytes (what the intake writes, now and before).
bool is_spool_name(std::string_view name);

// One delivery as kept in a spool file.
struct SpoolEntry {
    std::string type;        // "inventory.update", from the URL
    std::string received_at; // ISO 8601 UTC
    std::string body;        // the raw application/x-www-form-urlencoded body, byte for byte
};

// Lay the spool at `dir` out as above (kivals init; safe to run again): create what is
// missing, set groups and modes through descriptors that never follow a link. Throws
// Error(Exit::config) when a part is a symbolic link, not a directory, or another user's.
// Return what it could not do, each with the command to run as root.
std::vector<std::string> lay_out_spool(const std::filesystem::path& dir,
                                       const std::string& web_group);

// Render a spool file: a short header, a blank line, then the body.
std::string format_spool_file(const SpoolEntry& entry);

// Parse a spool file; the error says what is wrong with it.
Expected<SpoolEntry, std::string> parse_spool_file(std::string_view text);

// Writes deliveries into one spool directory. Each object keeps a counter so that a
// FastCGI process serving many requests never reuses a name; `store` may be called from
// several threads at once (a FastCGI server's workers share one writer).
class SpoolWriter {
public:
    explicit SpoolWriter(std::filesystem::path dir);

    // Store one delivery durably; return its file name. Throws Error when the delivery
    // cannot be made durable (the intake then answers 503 so that Lightspeed retries).
    std::string store(const SpoolEntry& entry, SysTime now);

private:
    std::filesystem::path m_dir;
    std::atomic<std::uint64_t> m_counter = 0;
    std::uint64_t m_random;
};

} // namespace kivals::webhook
