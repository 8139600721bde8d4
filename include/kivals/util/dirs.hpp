#pragma once

#include <kivals/core/expected.hpp>
#include <kivals/util/files.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

// Directories that another user must not be able to redirect: opened through descriptors
// without following symbolic links, and checked for who may change them.
namespace kivals {

// Return true when `uid` may own kivals' directories: root, this process's user, or the
// `kivals` system user (who runs the jobs).
bool is_trusted_owner(uid_t uid);

// Open the directory `name` inside the directory `parent` (a descriptor, or AT_FDCWD) for
// reading, never following a symbolic link; an empty Fd with errno set when it cannot.
Fd open_dir_at(int parent, const char* name);

// Check the existing components of `path` (with `path` itself when `include_self`) from the
// root down; the error names the first that kivals must not trust, in words: a symbolic
// link, a directory of another user, or one that anyone (or `web_group`) may change without
// the sticky bit.
Expected<void, std::string> untrusted_component(const std::filesystem::path& path,
                                                bool include_self,
                                                std::optional<gid_t> web_group = std::nullopt);

// One entry of a directory listing.
struct DirEntry {
    std::string name;
    mode_t type = 0; // S_IFREG, S_IFDIR, ... as the listing says; 0 when it does not say
};

// Return the entries of the directory open as `dir` (not "." and ".."), in no order.
std::vector<DirEntry> list_entries(int dir);

// Say what kind of file `mode` is: "a FIFO", "a symbolic link", "a directory", ...
std::string file_kind(mode_t mode);

// Return the name of user `uid` (its number when it has none).
std::string user_name(uid_t uid);

// Return the name of group `gid` (its number when it has none).
std::string group_name(gid_t gid);

// Return the id of group `name`, or nullopt when there is no such group.
std::optional<gid_t> group_id(const std::string& name);

} // namespace kivals
