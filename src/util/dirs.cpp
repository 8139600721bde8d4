#include <kivals/util/dirs.hpp>

#include <kivals/core/error.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kivals {
namespace {

// Check one existing component; the error says what is wrong with it.
Expected<void, std::string> component_problem(const std::filesystem::path& at,
                                              const struct stat& st,
                                              std::optional<gid_t> web_group) {
    if (S_ISLNK(st.st_mode))
        return Unexpected(
            fmt::format("{} is a symbolic link: kivals never follows a link it did not make "
                        "(name the real directory in the config)",
                        at.string()));
    if (!is_trusted_owner(st.st_uid))
        return Unexpected(
            fmt::format("{} belongs to user {}, not to root or kivals: another user could "
                        "redirect what kivals writes there",
                        at.string(), user_name(st.st_uid)));
    bool sticky = (st.st_mode & S_ISVTX) != 0;
    bool others_write = (st.st_mode & S_IWOTH) != 0;
    bool web_writes = web_group && st.st_gid == *web_group && (st.st_mode & S_IWGRP) != 0;
    if (S_ISDIR(st.st_mode) && !sticky && (others_write || web_writes))
        return Unexpected(fmt::format("{} may be changed by {}: run as root `chmod {} {}`",
                                      at.string(),
                                      others_write ? "any user" : "the web server's group",
                                      others_write ? "o-w" : "g-w", at.string()));
    return {};
}

} // namespace

bool is_trusted_owner(uid_t uid) {
    if (uid == 0 || uid == ::geteuid())
        return true;
    struct passwd* jobs = ::getpwnam("kivals");
    return jobs && jobs->pw_uid == uid;
}

Fd open_dir_at(int parent, const char* name) {
    return Fd(::openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
}

Expected<void, std::string> untrusted_component(const std::filesystem::path& path,
                                                bool include_self, std::optional<gid_t> web_group) {
    std::filesystem::path absolute = std::filesystem::absolute(path).lexically_normal();
    if (!absolute.has_filename())
        absolute = absolute.parent_path(); // "/var/spool/kivals/" names the directory itself
    std::filesystem::path at;
    for (const auto& part : absolute) {
        at /= part;
        if (at == absolute && !include_self)
            break;
        struct stat st {};
        if (::lstat(at.c_str(), &st) != 0) {
            if (errno == ENOENT)
                break; // the rest is made by kivals itself
            return Unexpected(
                fmt::format("cannot check {}: {}", at.string(), std::strerror(errno)));
        }
        if (auto trusted = component_problem(at, st, web_group); !trusted)
            return trusted;
    }
    return {};
}

std::vector<DirEntry> list_entries(int dir) {
    std::vector<DirEntry> entries;
    int copy = ::dup(dir);
    DIR* stream = copy >= 0 ? ::fdopendir(copy) : nullptr;
    if (!stream) {
        int err = errno;
        if (copy >= 0)
            ::close(copy);
        fail(Exit::failure, "cannot list a directory: {}", std::strerror(err));
    }
    ::rewinddir(stream); // the copy shares its position with `dir`
    while (struct dirent* entry = ::readdir(stream)) {
        std::string_view name = entry->d_name;
        if (name != "." && name != "..")
            entries.push_back(
                {std::string(name), entry->d_type == DT_UNKNOWN
                                        ? mode_t{0}
                                        : static_cast<mode_t>(DTTOIF(entry->d_type))});
    }
    ::closedir(stream);
    return entries;
}

std::string file_kind(mode_t mode) {
    switch (mode & S_IFMT) {
    case S_IFREG:
        return "a regular file";
    case S_IFDIR:
        return "a directory";
    case S_IFLNK:
        return "a symbolic link";
    case S_IFIFO:
        return "a FIFO";
    case S_IFSOCK:
        return "a socket";
    case S_IFCHR:
        return "a character device";
    case S_IFBLK:
        return "a block device";
    default:
        return "an unknown kind of file";
    }
}

std::string user_name(uid_t uid) {
    struct passwd* entry = ::getpwuid(uid);
    return entry ? entry->pw_name : std::to_string(uid);
}

std::string group_name(gid_t gid) {
    struct group* entry = ::getgrgid(gid);
    return entry ? entry->gr_name : std::to_string(gid);
}

std::optional<gid_t> group_id(const std::string& name) {
    struct group* entry = ::getgrnam(name.c_str());
    return entry ? std::optional<gid_t>(entry->gr_gid) : std::nullopt;
}

} // namespace kivals
