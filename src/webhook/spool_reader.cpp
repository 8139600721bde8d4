#include <kivals/webhook/spool.hpp>
#include <kivals/webhook/spool_reader.hpp>

#include "quarantine_note.hpp"

#include <kivals/core/error.hpp>
#include <kivals/core/utf8.hpp>
#include <kivals/util/dirs.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kivals::webhook {
namespace {

constexpr int k_file_flags = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;

void fsync_fd(int fd) {
    if (fd >= 0)
        ::fsync(fd);
}

// Say why an entry whose open failed with `err` cannot be read.
std::string open_problem(int err) {
    if (err == ELOOP)
        return "a symbolic link, not a regular file";
    if (err == EACCES || err == EPERM)
        return fmt::format("unreadable ({})", std::strerror(err));
    return fmt::format("cannot be opened ({})", std::strerror(err));
}

// Say what is wrong with an open file of `st`, or nothing when it may be read.
std::string file_problem(const struct stat& st, std::size_t max_bytes) {
    if (!S_ISREG(st.st_mode))
        return file_kind(st.st_mode) + ", not a regular file";
    if (st.st_nlink > 1)
        return fmt::format("a file with {} names (hard links), not one the intake wrote",
                           st.st_nlink);
    if (static_cast<std::uint64_t>(st.st_size) > max_bytes)
        return fmt::format("{} bytes, more than the {} a delivery can take", st.st_size, max_bytes);
    return {};
}

// Read at most `max_bytes` + 1 bytes; nullopt on a read error.
std::optional<std::string> read_bounded(int fd, std::size_t max_bytes) {
    std::string out;
    char buffer[65536];
    while (out.size() <= max_bytes) {
        ssize_t n = ::read(fd, buffer, std::min(sizeof buffer, max_bytes + 1 - out.size()));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return std::nullopt;
        if (n == 0)
            break;
        out.append(buffer, static_cast<std::size_t>(n));
    }
    return out;
}

} // namespace

std::string escape_name(std::string_view name) {
    std::string out;
    for (char c : name) {
        auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte < 0x7f && c != '\\')
            out += c;
        else
            out += fmt::format("\\x{:02x}", byte);
    }
    return out;
}

std::string format_note(const QuarantineEntry& e) {
    return fmt::format("where: {}\nfrom: {}\nreason: {}\nat: {}\n", e.where, e.from, e.reason,
                       e.at);
}

QuarantineEntry parse_note(std::string_view text) {
    QuarantineEntry e;
    while (!text.empty()) {
        std::string_view line = text.substr(0, text.find('\n'));
        text.remove_prefix(std::min(text.size(), line.size() + 1));
        auto colon = line.find(": ");
        if (colon == std::string_view::npos)
            continue;
        std::string_view key = line.substr(0, colon), value = line.substr(colon + 2);
        std::string* field = key == "where"    ? &e.where
                             : key == "from"   ? &e.from
                             : key == "reason" ? &e.reason
                             : key == "at"     ? &e.at
                                               : nullptr;
        if (field)
            *field = std::string(value);
    }
    return e;
}

SpoolReader::SpoolReader(const std::filesystem::path& dir, std::size_t max_file_bytes, SysTime now)
    : m_dir(dir), m_max_bytes(max_file_bytes), m_now(now) {
    m_root = open_dir_at(AT_FDCWD, dir.c_str());
    if (!m_root && errno == ENOENT)
        return; // not laid out yet: nothing was delivered
    if (!m_root)
        fail(Exit::config, "cannot open the spool {}: {} (run `kivals init`)", dir.string(),
             std::strerror(errno));
    struct stat st {};
    if (::fstat(m_root.get(), &st) != 0 || !is_trusted_owner(st.st_uid))
        fail(Exit::config, "the spool {} does not belong to root or kivals: it is not read",
             dir.string());
    m_quarantine = open_part("quarantine", false);
    if (!m_quarantine && ::mkdirat(m_root.get(), "quarantine", k_quarantine_mode) == 0) {
        m_quarantine = open_part("quarantine", false);
        // A setgid spool/ (older layouts) would hand it the web server's group: take it back.
        if (m_quarantine &&
            (::fchown(m_quarantine.get(), static_cast<uid_t>(-1), ::getegid()) != 0 ||
             ::fchmod(m_quarantine.get(), k_quarantine_mode) != 0))
            fail(Exit::failure, "cannot set the group and mode of {}: {}",
                 (dir / "quarantine").string(), std::strerror(errno));
    }
    m_new = open_part("new", true);
    m_tmp = open_part("tmp", false);
}

// Open spool/NAME as a directory of a trusted user. Anything else in its place is moved to
// quarantine; for new/ that also ends the run (Exit::config), as nothing can be read.
Fd SpoolReader::open_part(const char* name, bool required) {
    Fd fd = open_dir_at(m_root.get(), name);
    int err = errno;
    if (!fd && err == ENOENT)
        return fd;
    std::string where = (m_dir / name).string();
    struct stat st {};
    if (fd && ::fstat(fd.get(), &st) == 0 && !is_trusted_owner(st.st_uid))
        fail(Exit::config,
             "{} belongs to another user (uid {}): the spool was tampered with; move it aside "
             "as root and run `kivals init`",
             where, st.st_uid);
    if (fd)
        return fd;
    if (std::string_view(name) == "quarantine")
        fail(Exit::config, "{} is not a directory ({}): run `kivals init`", where,
             std::strerror(err));
    struct stat entry {};
    std::string kind = ::fstatat(m_root.get(), name, &entry, AT_SYMLINK_NOFOLLOW) == 0
                           ? file_kind(entry.st_mode)
                           : std::string(std::strerror(err));
    quarantine(m_root.get(), "", name, fmt::format("{} in place of the directory", kind));
    if (required)
        fail(Exit::config,
             "{} was {}, not a directory: {} and nothing was read through it; run `kivals "
             "init` to lay the spool out again",
             where, kind,
             !m_quarantined.empty() && m_quarantined.back().where.starts_with("quarantine/")
                 ? "it was moved to " + m_quarantined.back().where
                 : std::string("it could not be moved"));
    return Fd();
}

std::vector<std::string> SpoolReader::list() {
    std::vector<std::string> names;
    if (!m_new)
        return names;
    for (auto& [name, listed] : list_entries(m_new.get())) {
        if (name.starts_with(k_stuck_prefix))
            continue; // reported by its note; it could not be moved
        // The listing's type saves a stat per delivery; read() checks the open file again.
        mode_t type = listed;
        struct stat st {};
        if (type == 0 && ::fstatat(m_new.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0)
            type = st.st_mode & S_IFMT;
        if (type == 0)
            continue; // gone meanwhile
        if (!is_spool_name(name))
            quarantine(m_new.get(), "new", name,
                       fmt::format("{} whose name the intake does not write", file_kind(type)));
        else if (!S_ISREG(type))
            quarantine(m_new.get(), "new", name, file_kind(type) + ", not a regular file");
        else
            names.push_back(std::move(name));
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::optional<std::string> SpoolReader::read(const std::string& name) {
    Fd fd(::openat(m_new.get(), name.c_str(), k_file_flags));
    if (!fd) {
        if (errno != ENOENT)
            quarantine(m_new.get(), "new", name, open_problem(errno));
        return std::nullopt;
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) {
        quarantine(m_new.get(), "new", name, open_problem(errno));
        return std::nullopt;
    }
    if (std::string problem = file_problem(st, m_max_bytes); !problem.empty()) {
        quarantine(m_new.get(), "new", name, problem);
        return std::nullopt;
    }
    auto text = read_bounded(fd.get(), m_max_bytes);
    std::string problem = !text                        ? open_problem(errno)
                          : text->size() > m_max_bytes ? "it grew past the size a delivery can take"
                                                       : utf8_problem(*text);
    if (!problem.empty()) {
        quarantine(m_new.get(), "new", name, problem);
        return std::nullopt;
    }
    return text;
}

void SpoolReader::remove(std::vector<std::string> names) {
    if (names.empty() || !m_new)
        return;
    if (!m_remover)
        m_remover.emplace(m_new.get(), m_dir / "new");
    m_remover->remove(std::move(names));
}

void SpoolReader::finish_removals() {
    if (m_remover)
        m_remover->finish();
}

int SpoolReader::remove_stale_tmp(std::chrono::seconds age) {
    if (!m_tmp)
        return 0;
    int removed = 0;
    for (const auto& [name, type] : list_entries(m_tmp.get())) {
        struct stat st {};
        if (name.starts_with(k_stuck_prefix) ||
            ::fstatat(m_tmp.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        auto written = SysTime(std::chrono::seconds(st.st_mtim.tv_sec));
        if (m_now - written <= age)
            continue; // perhaps still being written
        if (!S_ISREG(st.st_mode))
            quarantine(m_tmp.get(), "tmp", name, file_kind(st.st_mode) + ", not a regular file");
        else if (::unlinkat(m_tmp.get(), name.c_str(), 0) == 0)
            ++removed;
    }
    return removed;
}

// Move `name` out of the directory `dir` into quarantine/ (never opening or following it) and
// write a note beside it. An entry that cannot be moved there (another user's directory
// cannot change parents) is renamed in place to .kivals-stuck.*, which nothing reads.
void SpoolReader::quarantine(int dir, const char* dir_name, const std::string& name,
                             std::string reason) {
    auto micros = std::chrono::duration_cast<std::chrono::microseconds>(m_now.time_since_epoch());
    std::string serial = fmt::format("{:016d}.{}.{}", micros.count(), ::getpid(), ++m_serial);
    std::string from =
        *dir_name ? fmt::format("{}/{}", dir_name, escape_name(name)) : escape_name(name);
    QuarantineEntry entry{"", from, std::move(reason), iso8601(m_now)};
    int err = ENOTDIR; // without quarantine/ there is nowhere to move it
    if (m_quarantine && ::renameat(dir, name.c_str(), m_quarantine.get(), serial.c_str()) == 0) {
        entry.where = "quarantine/" + serial;
    } else {
        if (m_quarantine)
            err = errno;
        if (err == ENOENT)
            return; // gone meanwhile: nothing to keep out of the way
        std::string stuck = std::string(k_stuck_prefix) + serial;
        bool in_place = *dir_name && ::renameat(dir, name.c_str(), dir, stuck.c_str()) == 0;
        entry.where = in_place ? fmt::format("{}/{}", dir_name, stuck) : from;
        entry.reason += fmt::format("; it cannot be moved to quarantine/ ({}): remove it as root",
                                    std::strerror(err));
    }
    // An entry that could not be moved at all is reported by every run: no note for it, or
    // the notes would pile up once a minute.
    if (m_quarantine && entry.where != from) {
        std::string note_name = serial + std::string(k_note_suffix);
        Fd note(::openat(m_quarantine.get(), note_name.c_str(),
                         O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0640));
        std::string text = format_note(entry);
        if (note &&
            ::write(note.get(), text.data(), text.size()) == static_cast<ssize_t>(text.size()))
            ::fsync(note.get());
        fsync_fd(m_quarantine.get());
    }
    fsync_fd(dir);
    m_quarantined.push_back(std::move(entry));
}

} // namespace kivals::webhook
