#pragma once

#include <kivals/core/clock.hpp>
#include <kivals/util/files.hpp>
#include <kivals/webhook/spool_remover.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

// `queue process`'s side of the spool. The web server's user can add anything to tmp/ and
// new/ (a FIFO, a directory, a symbolic link to the database, a huge or unreadable file),
// so every operation goes through descriptors of spool/, new/, tmp/ and quarantine/ opened
// without following links, files are opened O_NONBLOCK and checked with fstat before they
// are read, and whatever is not a delivery is moved to quarantine/ with a reason.
namespace kivals::webhook {

// One entry moved out of the way, as `kivals queue quarantine` and doctor show it.
struct QuarantineEntry {
    std::string where;  // where it is now: "quarantine/NAME" (or "new/.kivals-stuck.NAME")
    std::string from;   // where it was: "new/NAME", odd bytes escaped as \xNN
    std::string reason; // "a FIFO, not a regular file"
    std::string at;     // ISO 8601
};

// Reads and empties one spool for `queue process`.
class SpoolReader {
public:
    // Open the spool at `dir`; a spool that does not exist yet reads as empty. Files larger
    // than `max_file_bytes` are quarantined. Throws Error(Exit::config) when spool/ or new/
    // cannot be trusted (a link or another user's directory; what stood in place of new/ is
    // quarantined first), so that nothing is read through it.
    SpoolReader(const std::filesystem::path& dir, std::size_t max_file_bytes, SysTime now);

    // Return the deliveries waiting in new/, oldest first. Entries that are not regular files
    // or whose names the intake cannot have written are quarantined on the way.
    std::vector<std::string> list();

    // Read one delivery; nullopt when it is gone (another run took it) or was quarantined
    // (a link, not a regular file, unreadable, too large, not UTF-8).
    std::optional<std::string> read(const std::string& name);

    // Remove deliveries that are safely in the database. They are unlinked on threads of their
    // own (SpoolRemover) while the caller goes on; finish_removals() waits for them.
    void remove(std::vector<std::string> names);

    // Wait until every file given to remove() is gone, then fsync new/ once. Throws Error
    // naming the first file that could not be removed.
    void finish_removals();

    // Remove tmp/ files older than `age` (writes the intake never acknowledged); anything
    // else that old in tmp/ is quarantined. Return how many files were removed.
    int remove_stale_tmp(std::chrono::seconds age);

    // Return what this reader quarantined.
    const std::vector<QuarantineEntry>& quarantined() const { return m_quarantined; }

private:
    Fd open_part(const char* name, bool required);
    void quarantine(int dir, const char* dir_name, const std::string& name, std::string reason);

    std::filesystem::path m_dir;
    std::size_t m_max_bytes;
    SysTime m_now;
    Fd m_root, m_quarantine, m_new, m_tmp;
    std::uint64_t m_serial = 0;
    std::vector<QuarantineEntry> m_quarantined;
    std::optional<SpoolRemover> m_remover; // of new/, from the first remove()
};

// What a spool holds and how it is laid out, read without changing anything.
struct SpoolReport {
    std::int64_t waiting = 0;      // deliveries in new/
    std::optional<SysTime> oldest; // when the oldest of them arrived
    std::vector<QuarantineEntry> quarantined;
    std::vector<std::string> problems; // what lets the web server's user reshape the spool,
                                       // or keeps it from delivering
    bool readable = true;              // false: this user may not look in (not kivals or root)
};

// Look at the spool at `dir` for doctor and `queue quarantine`; `web_group` is the group
// the intake runs as (nullopt: unknown, not checked).
SpoolReport inspect_spool(const std::filesystem::path& dir, std::optional<gid_t> web_group);

} // namespace kivals::webhook
