// inspect_spool: what doctor and `kivals queue quarantine` see of a spool, changing nothing.
#include <kivals/webhook/spool.hpp>
#include <kivals/webhook/spool_reader.hpp>

#include "quarantine_note.hpp"

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

constexpr std::size_t k_max_note_bytes = 4096;

// Say what keeps the drop directory `name` (tmp/ or new/) from being safe and usable.
void check_drop_dir(int root, const std::filesystem::path& dir, const char* name,
                    std::optional<gid_t> web_group, std::vector<std::string>& problems) {
    std::string where = (dir / name).string();
    Fd fd = open_dir_at(root, name);
    if (!fd) {
        problems.push_back(fmt::format("{} is missing or not a directory ({}): run `kivals init`",
                                       where, std::strerror(errno)));
        return;
    }
    struct stat st {};
    ::fstat(fd.get(), &st);
    if (!is_trusted_owner(st.st_uid))
        problems.push_back(fmt::format("{} belongs to uid {}, not to kivals: the spool was "
                                       "tampered with",
                                       where, st.st_uid));
    if ((st.st_mode & S_ISVTX) == 0)
        problems.push_back(fmt::format("{} lacks the sticky bit: the web server's user could "
                                       "rename deliveries it did not write: run `kivals init`",
                                       where));
    if (web_group && (st.st_gid != *web_group || (st.st_mode & S_IWGRP) == 0))
        problems.push_back(fmt::format("{} is not writable by the web server's group: "
                                       "deliveries get 503: run `kivals init`",
                                       where));
}

std::vector<QuarantineEntry> read_notes(int root) {
    std::vector<QuarantineEntry> entries;
    Fd quarantine = open_dir_at(root, "quarantine");
    if (!quarantine)
        return entries;
    for (const auto& [name, type] : list_entries(quarantine.get())) {
        if (!name.ends_with(k_note_suffix))
            continue;
        Fd note(::openat(quarantine.get(), name.c_str(),
                         O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
        struct stat st {};
        if (!note || ::fstat(note.get(), &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        std::string text(
            std::min<std::size_t>(static_cast<std::size_t>(st.st_size), k_max_note_bytes), '\0');
        ssize_t n = ::read(note.get(), text.data(), text.size());
        text.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
        entries.push_back(parse_note(text));
    }
    std::sort(entries.begin(), entries.end(),
              [](const QuarantineEntry& a, const QuarantineEntry& b) { return a.where < b.where; });
    return entries;
}

} // namespace

SpoolReport inspect_spool(const std::filesystem::path& dir, std::optional<gid_t> web_group) {
    SpoolReport report;
    Fd root = open_dir_at(AT_FDCWD, dir.c_str());
    if (!root && errno == EACCES) {
        report.readable = false;
        return report;
    }
    if (!root) {
        report.problems.push_back(fmt::format("the spool {} cannot be opened ({}): run `kivals "
                                              "init`",
                                              dir.string(), std::strerror(errno)));
        return report;
    }
    struct stat st {};
    ::fstat(root.get(), &st);
    if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0)
        report.problems.push_back(fmt::format("{} may be changed by its group or others: the web "
                                              "server's user could replace new/ or tmp/: run "
                                              "`kivals init`",
                                              dir.string()));
    if (Fd quarantine = open_dir_at(root.get(), "quarantine"); quarantine && web_group) {
        ::fstat(quarantine.get(), &st);
        if (st.st_gid == *web_group)
            report.problems.push_back(fmt::format("{} is in the web server's group: run `kivals "
                                                  "init`",
                                                  (dir / "quarantine").string()));
    }
    check_drop_dir(root.get(), dir, "tmp", web_group, report.problems);
    check_drop_dir(root.get(), dir, "new", web_group, report.problems);
    if (Fd drop = open_dir_at(root.get(), "new")) {
        for (const auto& [name, type] : list_entries(drop.get())) {
            struct stat entry {};
            if (!is_spool_name(name) ||
                ::fstatat(drop.get(), name.c_str(), &entry, AT_SYMLINK_NOFOLLOW) != 0 ||
                !S_ISREG(entry.st_mode))
                continue;
            ++report.waiting;
            auto when = SysTime(std::chrono::seconds(entry.st_mtim.tv_sec));
            if (!report.oldest || when < *report.oldest)
                report.oldest = when;
        }
    }
    report.quarantined = read_notes(root.get());
    return report;
}

} // namespace kivals::webhook
