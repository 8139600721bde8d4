#pragma once
// The note kept beside each quarantined entry (private to src/webhook): quarantine/NAME.why.

#include <kivals/webhook/spool_reader.hpp>

#include <string>
#include <string_view>

namespace kivals::webhook {

// The suffix of a note's file name in quarantine/.
inline constexpr std::string_view k_note_suffix = ".why";
// The prefix of an entry left in place because it could not be moved (named in its note).
inline constexpr std::string_view k_stuck_prefix = ".kivals-stuck.";

// Render a note: "where: ...\nfrom: ...\nreason: ...\nat: ...\n".
std::string format_note(const QuarantineEntry& entry);

// Read a note back; fields it lacks stay empty.
QuarantineEntry parse_note(std::string_view text);

// Return `name` with every byte that is not printable ASCII (and '\') written as \xNN.
std::string escape_name(std::string_view name);

} // namespace kivals::webhook
