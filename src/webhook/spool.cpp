#include <kivals/webhook/spool.hpp>

#include <kivals/core/error.hpp>
#include <kivals/core/text.hpp>
#include <kivals/util/files.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace kivals::webhook {
namespace {

constexpr std::string_view k_magic = "kivals-spool 1\n";

[[noreturn]] void fail_errno(std::string_view what, const std::filesystem::path& path) {
    int err = errno;
    fail(Exit::temporary, "{} {}: {}", what, path.string(), std::strerror(err));
}

void write_all(int fd, std::string_view data, const std::filesystem::path& path) {
    while (!data.empty()) {
        ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR)
                continue;
            fail_errno("cannot write", path);
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
}

// Read "key: value\n" at the front of `text`; nullopt when the line is not that key.
std::optional<std::string_view> header(std::string_view& text, std::string_view key) {
    auto nl = text.find('\n');
    if (nl == std::string_view::npos)
        return std::nullopt;
    std::string_view line = text.substr(0, nl);
    if (line.size() < key.size() + 2 || line.substr(0, key.size()) != key ||
        line.substr(key.size(), 2) != ": ")
        return std::nullopt;
    text.remove_prefix(nl + 1);
    return line.substr(key.size() + 2);
}

} // namespace

std::size_t max_spool_file_bytes(std::int64_t max_body_bytes) {
    constexpr std::size_t k_header_room = 4096; // magic, type, received, length
    return static_cast<std::size_t>(std::max<std::int64_t>(max_body_bytes, 0)) + k_header_room;
}

bool is_spool_name(std::string_view name) {
    if (name.empty() || name.size() > 128 || name.front() == '.')
        return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-'))
            return false;
    return true;
}

std::string format_spool_file(const SpoolEntry& entry) {
    return fmt::format("{}type: {}\nreceived: {}\nlength: {}\n\n{}", k_magic, entry.type,
                       entry.received_at, entry.body.size(), entry.body);
}

Expected<SpoolEntry, std::string> parse_spool_file(std::string_view text) {
    if (text.substr(0, k_magic.size()) != k_magic)
        return Unexpected(std::string("not a kivals spool file"));
    text.remove_prefix(k_magic.size());
    SpoolEntry entry;
    auto type = header(text, "type");
    auto received = header(text, "received");
    auto length = header(text, "length");
    if (!type || !received || !length || text.empty() || text.front() != '\n')
        return Unexpected(std::string("bad spool header"));
    text.remove_prefix(1);
    auto size = parse_int<std::size_t>(*length);
    if (!size || *size != text.size())
        return Unexpected(std::string("spool file length does not match its header"));
    entry.type = std::string(*type);
    entry.received_at = std::string(*received);
    entry.body = std::string(text);
    return entry;
}

SpoolWriter::SpoolWriter(std::filesystem::path dir) : m_dir(std::move(dir)) {
    std::random_device device;
    m_random = (static_cast<std::uint64_t>(device()) << 32) ^ device();
}

std::string SpoolWriter::store(const SpoolEntry& entry, SysTime now) {
    auto micros = std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch());
    // Names sort by arrival time; pid + counter + random keep them unique across processes.
    std::uint64_t serial = ++m_counter;
    std::string name = fmt::format("{:016d}.{}.{}.{:08x}", micros.count(), ::getpid(), serial,
                                   (m_random ^ serial * 0x9e3779b97f4a7c15ull) & 0xffffffffu);
    std::filesystem::path temp = m_dir / "tmp" / name;
    std::filesystem::path final_path = m_dir / "new" / name;
    Fd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, k_spool_file_mode));
    if (!fd)
        fail_errno("cannot create", temp);
    try {
        write_all(fd.get(), format_spool_file(entry), temp);
        if (::fchmod(fd.get(), k_spool_file_mode) != 0)
            fail_errno("cannot chmod", temp);
        if (::fsync(fd.get()) != 0)
            fail_errno("cannot fsync", temp);
        if (::rename(temp.c_str(), final_path.c_str()) != 0)
            fail_errno("cannot rename into", final_path);
    } catch (...) {
        ::unlink(temp.c_str());
        throw;
    }
    try {
        fsync_directory(m_dir / "new");
    } catch (const Error& e) {
        // The rename may not be durable: take the file back so it is not acknowledged twice.
        ::unlink(final_path.c_str());
        fail(Exit::temporary, "{}", e.what());
    }
    return name;
}

} // namespace kivals::webhook
