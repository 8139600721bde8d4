#pragma once

#include <kivals/core/expected.hpp>

#include <string>
#include <string_view>

// The admin page's password, kept only as an Argon2id hash (libsodium's crypto_pwhash_str:
// a random salt and the cost parameters are inside the hash string, so a later kivals can
// raise the cost and still verify old hashes).
namespace kivals::admin {

// The setting that holds the hash (`kivals config set admin.password` reads the password from
// stdin and stores this hash of it).
inline constexpr std::string_view k_password_setting = "admin.password";

// Check a new password: nothing when it will do, else the problem in words. Pure.
Expected<void, std::string> check_password(std::string_view password);

// Return the salted Argon2id hash of `password` (about 64 MiB and a tenth of a second of
// work: libsodium's "interactive" limits, meant for an online login). Throws Error.
std::string hash_password(std::string_view password);

// Return true when `password` matches `hash` (a hash_password() result); false for any other
// password and for a hash that is not one (never throws for a wrong password).
bool verify_password(std::string_view hash, std::string_view password);

// Return `bytes` random bytes from the system's generator, as lowercase hex.
std::string random_hex(std::size_t bytes);

// Return the BLAKE2b hash of `text` as hex (session ids are looked up by it, so the lookup
// time tells nothing about a valid id).
std::string digest_hex(std::string_view text);

} // namespace kivals::admin
