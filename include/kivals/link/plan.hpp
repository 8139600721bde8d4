#pragma once

#include <kivals/link/linker.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

// Decisions over the linker's suggestions: which links `link auto` may make on its own, and
// which SKUs or barcodes are not unique. Pure.
namespace kivals::link {

// A link `link auto` would make: Lightspeed index, Kiva index and the suggestion behind it.
struct AutoLink {
    std::uint32_t ls = 0;
    Candidate candidate;
};

// Why a Lightspeed product's best suggestion was not accepted.
enum class Contest : std::uint8_t {
    claimed, // another Lightspeed product also has that Kiva product at or above the bar
    tied,    // its own next suggestion scores the same
};

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

// Accept each Lightspeed product's best suggestion scoring at least `min_score`, unless its
// next suggestion ties with it or another product lists the same Kiva product at or above
// `min_score` (then nobody gets it). `suggestions[i]` are product i's, best first.
AutoPlan plan_auto_links(const std::vector<std::vector<Candidate>>& suggestions,
                         double min_score);

// Products sharing one SKU or barcode (after normalisation).
struct Duplicate {
    std::string field; // "sku" or "barcode"
    std::string value; // as written on the first product
    std::vector<std::uint32_t> products;
};

// Return the SKUs and barcodes that more than one product carries, in order of first use.
std::vector<Duplicate> find_duplicates(std::span<const Product> products);

} // namespace kivals::link
