#pragma once

#include <kivals/core/clock.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

// The spool between the intake and `queue process`, in the style of Postfix's maildrop:
// the intake writes tmp/NAME, fsyncs it, renames it to new/NAME and fsyncs new/ before it
// answers 2xx; `queue process` copies new/ into the database and unlinks only after commit
// (SpoolRemover, spool_remover.hpp).
// The web server's user needs write access to the spool and nothing else.
namespace kivals::webhook {

// One delivery as kept in a spool file.
struct SpoolEntry {
    std::string type;        // "inventory.update", from the URL
    std::string received_at; // ISO 8601 UTC
    std::string body;        // the raw application/x-www-form-urlencoded body, byte for byte
};

// Render a spool file: a short header, a blank line, then the body.
std::string format_spool_file(const SpoolEntry& entry);

// Parse a spool file; the string says what is wrong with it.
std::variant<SpoolEntry, std::string> parse_spool_file(std::string_view text);

// Writes deliveries into one spool directory. Each object keeps a counter so that a
// FastCGI process serving many requests never reuses a name.
class SpoolWriter {
public:
    explicit SpoolWriter(std::filesystem::path dir);

    // Store one delivery durably; return its file name. Throws Error when the delivery
    // cannot be made durable (the intake then answers 503 so that Lightspeed retries).
    std::string store(const SpoolEntry& entry, SysTime now);

private:
    std::filesystem::path m_dir;
    std::uint64_t m_counter = 0;
    std::uint64_t m_random;
};

// Return the names of the complete deliveries in `dir`/new, oldest first.
std::vector<std::string> list_spool(const std::filesystem::path& dir);

// Read one complete delivery; nullopt when it has gone (another run took it).
std::optional<std::string> read_spool_file(const std::filesystem::path& dir,
                                           const std::string& name);

// Remove tmp/ files older than `age`: writes that were never acknowledged (the intake died
// before the rename). Return how many were removed.
int remove_stale_tmp(const std::filesystem::path& dir, std::chrono::seconds age);

} // namespace kivals::webhook
