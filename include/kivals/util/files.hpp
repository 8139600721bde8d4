#pragma once

#include <kivals/core/clock.hpp>
#include <kivals/core/error.hpp>
#include <kivals/core/expected.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <unistd.h>

namespace kivals {

// An open file descriptor, closed when it goes out of scope.
class Fd {
public:
    Fd() = default;
    explicit Fd(int fd) : m_fd(fd) {}
    Fd(Fd&& other) noexcept : m_fd(other.release()) {}
    Fd& operator=(Fd&& other) noexcept;
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd();

    // Return the descriptor (-1 when none).
    int get() const { return m_fd; }
    int release();
    explicit operator bool() const { return m_fd >= 0; }

private:
    int m_fd = -1;
};

// Write `content` to `path` durably and atomically: a temporary file in the same directory,
// fsync, chmod `mode`, rename over `path`, fsync the directory. Throws Error on failure.
void write_file_atomic(const std::filesystem::path& path, std::string_view content, mode_t mode);

// fsync a directory so that a rename or unlink in it is durable.
void fsync_directory(const std::filesystem::path& dir);

// Read a whole file; nullopt when it does not exist. Throws Error when it cannot be read.
std::optional<std::string> read_file(const std::filesystem::path& path);

// Who may read a secret file besides its owner.
enum class SecretFileAccess {
    shared,     // its group may read it too (the webhook secret: the web server's group)
    owner_only, // refused when its group or others may read it: it has leaked already
};

// Read a secret kept in a file (the webhook secret, an API token): its first line, without
// the line end and the blanks around it. The error names the file and says what is wrong
// (missing, unreadable, readable by others); it never holds any of the file's content.
Expected<std::string, std::string> read_secret_file(const std::filesystem::path& path,
                                                    SecretFileAccess access);

// Create `dir` and its parents if missing, then set its mode (existing dirs are left alone
// apart from the mode when `force_mode` is true).
void make_directory(const std::filesystem::path& dir, mode_t mode, bool force_mode = true);

// Say why this process may not reach `path` (call it after EACCES) for access `want` (R_OK,
// W_OK, X_OK, or'd): the first directory on the way, or the file, that refuses it, with its
// owner, group and mode and what to do:
// "/var/lib/kivals is kivals:kivals, mode 2770: run as user kivals, or join group kivals".
// `owner_only`: the place is its owner's alone (the spool), so never advise joining its group.
std::string permission_advice(const std::filesystem::path& path, int want = R_OK,
                              bool owner_only = false);

// Set the group of `path` to `group` if that group exists; return false when it does not.
bool set_group(const std::filesystem::path& path, const std::string& group);

// Thrown by JobLock::acquire when another process holds the lock: a normal event under cron
// or a timer (Exit::temporary), which `kivals --quiet-if-locked` keeps silent.
class LockHeld : public Error {
public:
    using Error::Error;
};

// A job lock: flock(LOCK_EX|LOCK_NB) on a separate lock file, so two writers of the same kind
// never run at once (a lock on the database file itself would be dropped by SQLite closing
// descriptors). Released on destruction or process death. The holder writes its pid and the
// time it took the lock into the file, so that doctor and a refused run can name it.
class JobLock {
public:
    // Who holds a lock, as its file says (nullopt fields: an older kivals, an unreadable file).
    struct Holder {
        std::optional<long> pid;
        std::optional<SysTime> since;
    };

    // Take the lock `name` in `dir`, or throw Error(Exit::temporary) naming who holds it.
    static JobLock acquire(const std::filesystem::path& dir, std::string_view name);
    // Return true when some process holds the lock `name` in `dir` (this one included).
    static bool is_held(const std::filesystem::path& dir, std::string_view name);
    // Return who holds the lock `name` in `dir`, or nullopt when nobody does.
    static std::optional<Holder> holder(const std::filesystem::path& dir, std::string_view name);

private:
    explicit JobLock(Fd fd) : m_fd(std::move(fd)) {}
    Fd m_fd;
};

// A blocking reader/writer lock on a file (flock LOCK_SH or LOCK_EX), for short critical
// sections shared by several processes. Released on destruction or process death; a
// default-constructed FileLock holds nothing.
class FileLock {
public:
    enum class Mode { shared, exclusive };

    FileLock() = default;
    // Wait for the lock on `path` (created if missing). Throws Error when it cannot.
    static FileLock acquire(const std::filesystem::path& path, Mode mode);

private:
    explicit FileLock(Fd fd) : m_fd(std::move(fd)) {}
    Fd m_fd;
};

} // namespace kivals
