#include <kivals/util/dirs.hpp>
#include <kivals/util/files.hpp>

#include <kivals/core/error.hpp>
#include <kivals/core/text.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kivals {
namespace {

[[noreturn]] void fail_errno(std::string_view what, const std::filesystem::path& path) {
    int err = errno;
    fail(Exit::failure, "{} {}: {}", what, path.string(), std::strerror(err));
}

// As fail_errno, but a permission problem names the file or directory in the way, its owner
// and group, and whom to ask for (Exit::config: the deployment is not set up for this user).
[[noreturn]] void fail_errno_or_denied(std::string_view what, const std::filesystem::path& path,
                                       int want) {
    int err = errno;
    if (err == EACCES || err == EPERM)
        fail(Exit::config, "{} {}: permission denied: {}", what, path.string(),
             permission_advice(path, want));
    errno = err;
    fail_errno(what, path);
}

// Write "PID EPOCH-SECONDS\n" into a job lock's file, for JobLock::holder. Best effort: a
// lock whose file cannot be written is still held.
void stamp_holder(int fd) {
    auto now = std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
    std::string text = fmt::format("{} {}\n", ::getpid(), now);
    if (::ftruncate(fd, 0) != 0)
        return;
    if (::pwrite(fd, text.data(), text.size(), 0) < 0)
        return; // the lock holds all the same
}

// Read what stamp_holder wrote.
JobLock::Holder read_holder(int fd) {
    char buf[64] = {};
    ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    JobLock::Holder holder;
    if (n <= 0)
        return holder;
    std::string_view text(buf, static_cast<std::size_t>(n));
    auto space = text.find(' ');
    if (space == std::string_view::npos)
        return holder;
    if (auto pid = parse_int<long>(text.substr(0, space)))
        holder.pid = *pid;
    std::string_view rest = trim(text.substr(space + 1));
    if (auto secs = parse_int<std::int64_t>(rest))
        holder.since = SysTime{} + std::chrono::seconds(*secs);
    return holder;
}

} // namespace

Fd& Fd::operator=(Fd&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = other.release();
    }
    return *this;
}

Fd::~Fd() {
    if (m_fd >= 0)
        ::close(m_fd);
}

int Fd::release() {
    int fd = m_fd;
    m_fd = -1;
    return fd;
}

void fsync_directory(const std::filesystem::path& dir) {
    Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd)
        fail_errno("cannot open directory", dir);
    if (::fsync(fd.get()) != 0)
        fail_errno("cannot fsync directory", dir);
}

void write_file_atomic(const std::filesystem::path& path, std::string_view content, mode_t mode) {
    std::filesystem::path dir = path.parent_path().empty() ? "." : path.parent_path();
    std::string temp = (dir / ("." + path.filename().string() + ".XXXXXX")).string();
    Fd fd(::mkstemp(temp.data()));
    if (!fd)
        fail_errno("cannot create a temporary file beside", path);
    auto cleanup_and_fail = [&](std::string_view what) {
        int err = errno;
        ::unlink(temp.c_str());
        errno = err;
        fail_errno(what, path);
    };
    std::size_t done = 0;
    while (done < content.size()) {
        ssize_t n = ::write(fd.get(), content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            cleanup_and_fail("cannot write");
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fchmod(fd.get(), mode) != 0)
        cleanup_and_fail("cannot set the mode of");
    if (::fsync(fd.get()) != 0)
        cleanup_and_fail("cannot fsync");
    if (::rename(temp.c_str(), path.c_str()) != 0)
        cleanup_and_fail("cannot rename into place");
    fsync_directory(dir);
}

std::optional<std::string> read_file(const std::filesystem::path& path) {
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) {
        if (errno == ENOENT)
            return std::nullopt;
        fail_errno("cannot read", path);
    }
    std::string out;
    char buffer[65536];
    while (true) {
        ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            fail_errno("cannot read", path);
        }
        if (n == 0)
            break;
        out.append(buffer, static_cast<std::size_t>(n));
    }
    return out;
}

Expected<std::string, std::string> read_secret_file(const std::filesystem::path& path,
                                                    SecretFileAccess access) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return Unexpected(fmt::format("cannot read {}: {}", path.string(), std::strerror(errno)));
    if (access == SecretFileAccess::owner_only && (st.st_mode & 077) != 0)
        return Unexpected(fmt::format("{} is readable by others (mode {:o}): chmod 600 it first",
                                      path.string(), st.st_mode & 0777));
    std::optional<std::string> text;
    try {
        text = read_file(path);
    } catch (const Error& e) {
        return Unexpected(std::string(e.what()));
    }
    if (!text)
        return Unexpected(fmt::format("cannot read {}: no such file", path.string()));
    return std::string(trim(std::string_view(*text).substr(0, text->find('\n'))));
}

void make_directory(const std::filesystem::path& dir, mode_t mode, bool force_mode) {
    std::error_code ec;
    bool created = std::filesystem::create_directories(dir, ec);
    if (ec)
        fail(Exit::failure, "cannot create directory {}: {}", dir.string(), ec.message());
    if ((created || force_mode) && ::chmod(dir.c_str(), mode) != 0)
        fail_errno("cannot set the mode of", dir);
}

std::string permission_advice(const std::filesystem::path& path, int want, bool owner_only) {
    std::filesystem::path absolute = std::filesystem::absolute(path).lexically_normal();
    std::filesystem::path prefix;
    for (const auto& part : absolute) {
        prefix /= part;
        bool last = prefix == absolute;
        int need = last ? want : X_OK;
        if (::access(prefix.c_str(), need) == 0 || errno != EACCES)
            continue;
        struct stat st {};
        if (::stat(prefix.c_str(), &st) != 0)
            break;
        std::string user = user_name(st.st_uid), group = group_name(st.st_gid);
        // Joining the group helps only when the group may do what is refused, and only where
        // the group is meant to (never the web server's group of the spool: owner_only).
        auto group_bits =
            static_cast<mode_t>(((need & R_OK) ? S_IRGRP : 0) | ((need & W_OK) ? S_IWGRP : 0) |
                                ((need & X_OK) ? S_IXGRP : 0));
        bool group_may = !owner_only && (st.st_mode & group_bits) == group_bits;
        return fmt::format("{} is {}:{}, mode {:o}: run as user {}{}", prefix.string(), user, group,
                           st.st_mode & 07777, user,
                           group_may ? fmt::format(", or join group {}", group) : " or root");
    }
    return fmt::format("{} cannot be reached by this user", path.string());
}

bool set_group(const std::filesystem::path& path, const std::string& group) {
    struct group* entry = ::getgrnam(group.c_str());
    if (!entry)
        return false;
    if (::chown(path.c_str(), static_cast<uid_t>(-1), entry->gr_gid) != 0)
        fail_errno("cannot change the group of", path);
    return true;
}

namespace {

// Open (or create) a lock file. flock needs no write access, so where this user may only
// read it (the kivals user and the administrators of group kivals share every lock file,
// whoever created it: the lock directory is setgid kivals) it is opened read-only; writing
// is only for the holder's stamp (JobLock::holder), which is best effort.
Fd open_lock_file(const std::filesystem::path& path) {
    Fd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0660));
    if (!fd && (errno == EACCES || errno == EROFS))
        fd = Fd(::open(path.c_str(), O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0660));
    if (!fd)
        fail_errno_or_denied("cannot open lock file", path, R_OK);
    return fd;
}

} // namespace

JobLock JobLock::acquire(const std::filesystem::path& dir, std::string_view name) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    std::filesystem::path path = dir / (std::string(name) + ".lock");
    Fd fd = open_lock_file(path);
    if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
        if (errno == EWOULDBLOCK) {
            Holder by = read_holder(fd.get());
            throw LockHeld(Exit::temporary,
                           fmt::format("another `kivals {}` is running ({}lock {} is held); try "
                                       "again later",
                                       name, by.pid ? fmt::format("pid {}, ", *by.pid) : "",
                                       path.string()));
        }
        fail_errno("cannot lock", path);
    }
    stamp_holder(fd.get());
    return JobLock(std::move(fd));
}

bool JobLock::is_held(const std::filesystem::path& dir, std::string_view name) {
    std::filesystem::path path = dir / (std::string(name) + ".lock");
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (!fd)
        return false; // never taken, so not held
    // A shared lock is refused while anyone (even this process, through its own descriptor)
    // holds the job's exclusive lock; otherwise it is dropped again when `fd` closes.
    while (::flock(fd.get(), LOCK_SH | LOCK_NB) != 0)
        if (errno != EINTR)
            return errno == EWOULDBLOCK;
    return false;
}

std::optional<JobLock::Holder> JobLock::holder(const std::filesystem::path& dir,
                                               std::string_view name) {
    if (!is_held(dir, name))
        return std::nullopt;
    Fd fd(::open((dir / (std::string(name) + ".lock")).c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    return fd ? read_holder(fd.get()) : Holder{};
}

FileLock FileLock::acquire(const std::filesystem::path& path, Mode mode) {
    Fd fd = open_lock_file(path);
    int op = mode == Mode::shared ? LOCK_SH : LOCK_EX;
    while (::flock(fd.get(), op) != 0)
        if (errno != EINTR)
            fail_errno("cannot lock", path);
    return FileLock(std::move(fd));
}

} // namespace kivals
