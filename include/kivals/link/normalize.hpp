#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Normalisation of product names and codes for the linker. Pure: no I/O, no locale.
namespace kivals::link {

// Split a product name into normalised word tokens: ASCII lower-case (other bytes kept, so
// UTF-8 survives), punctuation dropped, model numbers joined ("KDL-40V4100" -> "kdl40v4100"),
// a number and its unit joined and spelled one way ("16 GB", "16gb" -> "16gb"; 27" -> "27in"),
// counts written one way ("Pack of 6", "6 x 330ml" -> "6pk"), versions reduced to their
// number ("v9", "Version 9", "9.0", "IX" -> "9"), common abbreviations expanded ("blk" ->
// "black"), plurals folded and filler words dropped.
std::vector<std::string> name_tokens(std::string_view name);

// Return the normalised name: its tokens joined by single spaces.
std::string normalize_name(std::string_view name);

// Return true when a token looks like a model number: letters and digits mixed, at least 4
// characters long, or a number of at least 5 digits.
bool is_model_token(std::string_view token);

// Score how alike two model-number tokens are, from 0 (unrelated) to 1 (equal): one
// containing the other ("p6000" in "coolpixp6000bk") or a long common start counts.
double model_similarity(std::string_view a, std::string_view b);

// Return true when `abbr` may be a shop's abbreviation of `word`: at least 3 letters and
// shorter, either the word's start ("choc" and "chocolate") or its first letter and then
// consonants only, in order within the word ("dlx" and "deluxe", "std" and "standard").
bool abbreviates(std::string_view abbr, std::string_view word);

// Return true when a token names a colour ("black", "silver", "plum").
bool is_colour(std::string_view token);

// Return a clothing size token's canonical code ("small" -> "s", "x-large" -> "xl"), or an
// empty view when the token is not a size.
std::string_view size_code(std::string_view token);

// A quantity with its unit, read from a normalised token ("16gb" -> 16, "gb").
struct Measure {
    double value = 0.0;
    std::string_view unit;
};

// Read a token written as number + unit by name_tokens(); nullopt for other tokens. The unit
// is one per quantity: grams for kg, millilitres for litres, years for months, "pack" for
// items sold together ("6pk") and "count" for every unit that counts contents or seats (ct,
// pieces, tablets, bags, users, devices...).
std::optional<Measure> measure_of(std::string_view token);

// Return true when two values of one unit are the same product property: equal within 10%
// ("13 megapixels" and "13.5 megapixel" agree; 16 GB and 32 GB do not).
bool same_measure(double a, double b);

// Normalise a SKU for exact comparison: trimmed, ASCII lower-case, spaces and dashes removed.
std::string normalize_sku(std::string_view sku);

// Normalise a barcode for exact comparison: digits only, leading zeros dropped (so a
// 12-digit UPC-A equals its 13-digit EAN form); other text is compared like a SKU.
std::string normalize_barcode(std::string_view barcode);

// Return the text the linker matches for a Lightspeed variant: the family name with the
// variant's own part ("Tee" + "Red / L" -> "Tee Red / L"), once.
std::string variant_display_name(std::string_view name, std::string_view variant_name);

} // namespace kivals::link
