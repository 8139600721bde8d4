// The only file that includes <sodium.h>.
#include <kivals/admin/password.hpp>
#include <kivals/core/error.hpp>
#include <kivals/core/utf8.hpp>

#include <sodium.h>

#include <vector>

namespace kivals::admin {
namespace {

constexpr std::size_t k_min_length = 12;
constexpr std::size_t k_max_length = 1024;

void require_sodium() {
    if (sodium_init() < 0)
        fail(Exit::failure, "libsodium could not be initialised");
}

std::string to_hex(const unsigned char* data, std::size_t size) {
    std::string out(size * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), data, size);
    out.pop_back(); // the terminating NUL
    return out;
}

} // namespace

Expected<void, std::string> check_password(std::string_view password) {
    if (auto problem = utf8_problem(password); !problem.empty())
        return Unexpected(std::move(problem));
    if (password.size() < k_min_length)
        return Unexpected(std::string("must be at least 12 characters"));
    if (password.size() > k_max_length)
        return Unexpected(std::string("must be at most 1024 characters"));
    return {};
}

std::string hash_password(std::string_view password) {
    require_sodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        fail(Exit::failure, "not enough memory to hash the password (Argon2id needs 64 MiB)");
    return out;
}

bool verify_password(std::string_view hash, std::string_view password) {
    require_sodium();
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES)
        return false;
    std::string terminated(hash); // crypto_pwhash_str_verify reads a NUL-terminated string
    return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

std::string random_hex(std::size_t bytes) {
    require_sodium();
    std::vector<unsigned char> raw(bytes);
    randombytes_buf(raw.data(), raw.size());
    return to_hex(raw.data(), raw.size());
}

std::string digest_hex(std::string_view text) {
    require_sodium();
    unsigned char out[crypto_generichash_BYTES];
    crypto_generichash(out, sizeof(out), reinterpret_cast<const unsigned char*>(text.data()),
                       text.size(), nullptr, 0);
    return to_hex(out, sizeof(out));
}

} // namespace kivals::admin
