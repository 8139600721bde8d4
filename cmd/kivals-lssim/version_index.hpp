#pragma once

#include "store_rows.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace kivals::lssim {

// Rows ordered by version. Versions only grow, so a change appends a new entry and leaves the
// old one stale; scans skip stale entries and compact() drops them. This keeps 100k products
// in a flat vector rather than a tree of nodes.
class VersionIndex {
public:
    using Entry = std::pair<std::int64_t, std::uint32_t>;

    // Record that `row` now has `version` (larger than every version added before).
    void add(std::int64_t version, std::uint32_t row) {
        if (!m_entries.empty())
            ++m_stale_hint;
        m_entries.emplace_back(version, row);
    }

    // Forget every entry.
    void clear() {
        m_entries.clear();
        m_stale_hint = 0;
    }

    // Visit live rows with q.after < version <= q.before (0 = unbounded) in q's order until
    // visit returns false; live(row, version) says whether an entry is current.
    template <class Live, class Visit> void scan(const PageQuery& q, Live live, Visit visit) const {
        auto lo = std::upper_bound(m_entries.begin(), m_entries.end(), Entry{q.after, UINT32_MAX});
        auto hi = q.before > 0 ? std::upper_bound(m_entries.begin(), m_entries.end(),
                                                  Entry{q.before, UINT32_MAX})
                               : m_entries.end();
        if (lo >= hi)
            return;
        if (!q.descending) {
            for (auto it = lo; it != hi; ++it)
                if (live(it->second, it->first) && !visit(it->second))
                    return;
        } else {
            for (auto it = hi; it != lo;) {
                --it;
                if (live(it->second, it->first) && !visit(it->second))
                    return;
            }
        }
    }

    // Drop stale entries once they are a large share of the index.
    template <class Live> void maybe_compact(Live live) {
        if (m_stale_hint < 4096 || m_stale_hint < m_entries.size() / 2)
            return;
        std::erase_if(m_entries, [&](const Entry& e) { return !live(e.second, e.first); });
        m_stale_hint = 0;
    }

private:
    std::vector<Entry> m_entries;
    std::size_t m_stale_hint = 0;
};

} // namespace kivals::lssim
