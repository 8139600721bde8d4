// lay_out_spool: the spool as the permission model has it, made by `kivals init`.
#include <kivals/webhook/spool.hpp>

#include <kivals/core/error.hpp>
#include <kivals/util/dirs.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kivals::webhook {
namespace {

// Open part `name` of the spool (creating it), refusing anything kivals did not make.
Fd open_part(int root, const std::filesystem::path& dir, const char* name) {
    std::string where = (dir / name).string();
    if (::mkdirat(root, name, 0700) != 0 && errno != EEXIST)
        fail(Exit::failure, "cannot create {}: {}", where, std::strerror(errno));
    Fd fd = open_dir_at(root, name);
    if (!fd)
        fail(Exit::config,
             "{} is not a directory ({}): kivals init never follows a link it did not make; "
             "remove it (as root) and run init again",
             where, std::strerror(errno));
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0 || !is_trusted_owner(st.st_uid))
        fail(Exit::config,
             "{} belongs to another user (uid {}): move it aside as root and run "
             "init again",
             where, st.st_uid);
    return fd;
}

// Give `fd` (at `where`) the owner `uid` (when root may), the group `gid` and `mode`; note what
// this user may not change.
void settle(int fd, const std::string& where, std::optional<uid_t> uid, std::optional<gid_t> gid,
            const std::string& group, unsigned mode, std::vector<std::string>& cannot) {
    struct stat st {};
    ::fstat(fd, &st);
    if (uid && st.st_uid != *uid && ::geteuid() == 0 &&
        ::fchown(fd, *uid, static_cast<gid_t>(-1)) != 0)
        cannot.push_back(
            fmt::format("{} cannot be given to uid {}: {}", where, *uid, std::strerror(errno)));
    if (gid && st.st_gid != *gid && ::fchown(fd, static_cast<uid_t>(-1), *gid) != 0)
        cannot.push_back(fmt::format("{} cannot be given to group {} ({}): run as root `chgrp {} "
                                     "{}`",
                                     where, group, std::strerror(errno), group, where));
    // After the chown, which may clear the setgid bit. Only when it differs: a user outside
    // the directory's group cannot set setgid (chmod drops it without an error).
    if (::fstat(fd, &st) == 0 && (st.st_mode & 07777) != mode)
        ::fchmod(fd, mode);
    if (::fstat(fd, &st) != 0 || (st.st_mode & 07777) != mode)
        cannot.push_back(fmt::format("{} has mode {:o}, not {:o}, and this user cannot change "
                                     "that: run as root `chmod {:o} {}`",
                                     where, st.st_mode & 07777, mode, mode, where));
}

} // namespace

std::vector<std::string> lay_out_spool(const std::filesystem::path& dir,
                                       const std::string& web_group) {
    std::vector<std::string> cannot;
    auto web_gid = group_id(web_group);
    if (!web_gid)
        cannot.push_back(fmt::format("group {} (intake.web_group) does not exist: the web "
                                     "server cannot deliver",
                                     web_group));
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec)
        fail(Exit::failure, "cannot create the spool {}: {}", dir.string(), ec.message());
    Fd root = open_dir_at(AT_FDCWD, dir.c_str());
    if (!root)
        fail(Exit::config,
             "the spool {} is not a directory ({}): kivals init never follows a "
             "link it did not make",
             dir.string(), std::strerror(errno));
    struct stat st {};
    ::fstat(root.get(), &st);
    if (!is_trusted_owner(st.st_uid))
        fail(Exit::config, "the spool {} belongs to another user (uid {})", dir.string(),
             st.st_uid);
    // One owner for the whole spool: the owner of spool/ (kivals, when the package made it).
    uid_t owner = st.st_uid;
    struct passwd* owner_entry = ::getpwuid(owner);
    std::optional<gid_t> own_group =
        owner_entry ? std::optional<gid_t>(owner_entry->pw_gid) : std::nullopt;
    if (own_group == web_gid)
        own_group = ::getegid(); // quarantine/ must never be the web server's group
    settle(root.get(), dir.string(), std::nullopt, web_gid, web_group, k_spool_mode, cannot);
    for (const char* drop : {"tmp", "new"}) {
        Fd fd = open_part(root.get(), dir, drop);
        settle(fd.get(), (dir / drop).string(), owner, web_gid, web_group, k_drop_mode, cannot);
    }
    Fd quarantine = open_part(root.get(), dir, "quarantine");
    settle(quarantine.get(), (dir / "quarantine").string(), owner, own_group,
           own_group ? group_name(*own_group) : std::string(), k_quarantine_mode, cannot);
    return cannot;
}

} // namespace kivals::webhook
