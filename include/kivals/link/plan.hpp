#pragma once

#include <kivals/link/linker.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// Decisions over the linker's suggestions: which links `link auto` may make on its own, and
// which SKUs or barcodes are not unique. Pure.
namespace kivals::link {

// The bar `link auto` uses unless told otherwise, and the margin by which an accepted link
// must beat its product's next candidate and every other product's claim on it; within the
// margin, candidates are shown as near-identical in `link suggest` and `link review`.
inline constexpr double default_auto_bar = 0.6;
inline constexpr double default_margin = 0.05;

// A link `link auto` would make: Lightspeed index, Kiva index and the suggestion behind it.
struct AutoLink {
    std::uint32_t ls = 0;
    Candidate candidate;
};

// Why a Lightspeed product's best suggestion was not accepted.
enum class Contest : std::uint8_t {
    claimed, // another Lightspeed product has that Kiva product within the margin, or got it
    tied,    // its own next suggestion scores the same
    close,   // its own next suggestion scores within the margin
};

// Return the contest's name as printed: "claimed", "tied", "close".
std::string_view contest_name(Contest why);

// A suggestion at or above the bar that was left for a person to decide.
struct Contested {
    std::uint32_t ls = 0;
    Candidate candidate;
    Contest why = Contest::claimed;
};

// What `link auto` would do.
struct AutoPlan {
    std::vector<AutoLink> accepted;
    std::vector<Contested> contested;
};

// Accept each Lightspeed product's best suggestion scoring at least `min_score` when it
// wins clearly: its own next suggestion scores less by at least `margin`, no other product
// lists the same Kiva product within `margin` of it, and, when the lists carry a one-to-one
// assignment (Candidate::assigned), it is the assigned one. An exact SKU or barcode match
// competes only with other exact matches. `suggestions[i]` are product i's, best first.
AutoPlan plan_auto_links(const std::vector<std::vector<Candidate>>& suggestions, double min_score,
                         double margin = default_margin);

// Return true when candidate `r` of a list is near-identical to another: it is rank 1 and
// rank 2 scores within `margin` of it, or it scores within `margin` of rank 1.
bool near_identical(const std::vector<Candidate>& list, std::size_t r,
                    double margin = default_margin);

// The normalised words of two names that the other does not have, in name order: what a
// person should look at when two candidates are near-identical.
struct NameDifference {
    std::vector<std::string> only_first, only_second;
};

// Return the words `first` and `second` do not share.
NameDifference name_difference(std::string_view first, std::string_view second);

// Products sharing one SKU or barcode (after normalisation).
struct Duplicate {
    std::string field; // "sku" or "barcode"
    std::string value; // as written on the first product
    std::vector<std::uint32_t> products;
};

// Return the SKUs and barcodes that more than one product carries, in order of first use.
std::vector<Duplicate> find_duplicates(std::span<const Product> products);

} // namespace kivals::link
