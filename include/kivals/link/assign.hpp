#pragma once

#include <kivals/link/linker.hpp>

#include <cstddef>
#include <vector>

// Resolving competition between suggestions across the whole catalogue. Pure.
namespace kivals::link {

// How the one-to-one assignment weighs and bounds its links.
struct AssignOptions {
    double floor = 0.35;      // a name score below this never makes an assignment
    std::size_t hub_size = 3; // how many of its best scores tell how popular a product is
    double hub_weight = 1.0;  // how much that popularity is taken off (a hubness correction)
};

// Assign Kiva products to Lightspeed products one to one over the candidate lists:
// candidates are taken best first by score less the hubness of both products (`hub_weight`
// times the average of the two products' means of their `hub_size` best scores, so a Kiva
// product that scores well with everybody counts for less), exact SKU and barcode matches
// before names, skipping a pair when either product is already taken or the score is below
// the floor, so a product whose candidates are all taken or weak stays unassigned. Each
// assigned candidate moves to the front of its list with `assigned` set; the rest keep their
// order. `lists[l]` are Lightspeed product l's candidates, best first.
void assign_globally(std::vector<std::vector<Candidate>>& lists, std::size_t kiva_count,
                     const AssignOptions& options = {});

} // namespace kivals::link
