#pragma once

#include <kivals/core/progress.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// The product linker: for each Lightspeed product, the Kiva products most likely to be its
// twin. Pure: it sees two lists of products and nothing else (no database, clock or I/O).
namespace kivals::link {

// One product as the linker sees it (either side).
struct Product {
    std::string id;
    std::string name;
    std::string sku;
    std::string barcode;
};

// Why a candidate was suggested, strongest first.
enum class Reason : std::uint8_t { sku, barcode, name };

// Return the reason's name as printed: "sku", "barcode", "name".
std::string_view reason_name(Reason reason);

// One suggested Kiva product (by its index in the Kiva list) for a Lightspeed product.
struct Candidate {
    std::uint32_t kiva = 0;
    float score = 0.0f;
    Reason reason = Reason::name;
    bool assigned = false; // the one-to-one assignment over the catalogue chose it
};

// How many suggestions to make, how good they must be, and whether rank 1 is the global
// one-to-one assignment (assign_globally()) rather than each product's own best.
struct SuggestOptions {
    std::size_t top = 5;
    double min_score = 0.0;
    unsigned threads = 1;
    bool assign = true;
    Progress* progress = nullptr; // told how many products are done (from the calling thread)
};

// An index over both catalogues: exact SKU and barcode tables, and inverted lists of
// TF-IDF-weighted word tokens and character 3-grams of the normalised names.
class Linker {
public:
    // Build the index; the spans must outlive the Linker.
    Linker(std::span<const Product> lightspeed, std::span<const Product> kiva);
    ~Linker();
    Linker(const Linker&) = delete;
    Linker& operator=(const Linker&) = delete;

    // Return the best candidates for Lightspeed product `ls`, best first: exact SKU matches
    // (score 1), then exact barcode matches (score 1), then names by similarity.
    std::vector<Candidate> suggest(std::size_t ls, std::size_t top, double min_score) const;

    // Return suggest() for every Lightspeed product, using `threads` threads; with `assign`,
    // rank 1 of each list is its product's share of the one-to-one assignment when it has one.
    std::vector<std::vector<Candidate>> suggest_all(const SuggestOptions& options) const;

    // Return the name similarity (0..1) of Lightspeed product `ls` and Kiva product `kiva`.
    double name_score(std::size_t ls, std::size_t kiva) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace kivals::link
