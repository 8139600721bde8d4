#pragma once

#include <string>

namespace kivals::cli {

// Read one secret line: from a no-echo prompt on a terminal, else the first line of stdin.
// Trailing CR/LF are removed. Throws Error when nothing could be read.
std::string read_secret_line(const std::string& prompt);

} // namespace kivals::cli
