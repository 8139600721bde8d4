#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <future>
#include <string>
#include <unordered_map>
#include <vector>

namespace kivals::lightspeed {

// How a list answer is wrapped.
enum class Envelope {
    data_version, // {"data":[...], "version":{"min":..,"max":..}} (2.0 lists, 2026-07 GETs)
    bare_array,   // [...] (2026-07 POST /inventory, GET /inventory/{id})
};

// One page read from an answer (pure).
struct Page {
    nlohmann::json rows = nlohmann::json::array();
    std::int64_t next_after = 0; // the highest version on the page
    bool last = false;           // stop after this page
};

// Interpret one answer to a request made with `after`. Rules: stop on an empty page or a
// missing/null version envelope; the next cursor is the page's highest version (envelope
// max or highest row version, whichever is larger); rows at or below `after` are dropped
// (already delivered), and a page left empty by that ends the walk.
Page read_page(const nlohmann::json& body, Envelope envelope, std::int64_t after);

// Whether a walk goes on after a page.
enum class WalkControl { more, stop };

// Where a page sits in a walk (handed to page callbacks).
struct PageInfo {
    std::int64_t after = 0;      // the cursor the page was requested with
    std::int64_t next_after = 0; // the cursor for the next page
    std::int64_t number = 0;     // 1 for the first page
};

// What a walk did.
struct WalkResult {
    std::int64_t requests = 0; // HTTP requests sent, retries included
    std::int64_t pages = 0;
    std::int64_t records = 0; // records delivered to the callback
    std::int64_t cursor = 0;  // the highest version delivered: resume with after=cursor
    bool complete = false;    // reached the end (false when the callback said stop)
};

// Remembers the highest version per id across pages, so a record repeated later in a
// walk is delivered only when newer. Holds ids and versions only, never the records.
class VersionDedupe {
public:
    // Return true when (id, version) is newer than anything seen for id, and remember it.
    bool admit(const std::string& id, std::int64_t version);
    std::size_t size() const { return m_seen.size(); }

private:
    std::unordered_map<std::string, std::int64_t> m_seen;
};

// Fetch the page after a cursor (returns the raw answer).
using PageFetch = std::function<nlohmann::json(std::int64_t after)>;
// Receive one page's raw rows (already deduplicated within the page).
using RawPageSink = std::function<WalkControl(nlohmann::json& rows, const PageInfo& info)>;

// Whether a walk asks for the next page before its sink has finished with the current one.
enum class Prefetch {
    off,      // fetch, then hand over: one page in memory
    one_page, // the next page is fetched, read and digested on a thread of its own while the
              // sink works on this one: two pages in memory
};

// Fetch the page after `cursor` and read it (read_page, then dedupe_page).
Page fetch_page(const PageFetch& fetch, Envelope envelope, std::int64_t cursor);

// Walk a version-cursor list from `after` to its end. `digest` turns each page's rows into
// what `sink` takes (typed records, say); with Prefetch::one_page, fetching, reading and
// digesting run on another thread, one page at a time and in order, while the sink (on the
// calling thread) works on the page before. Failures propagate as ApiError with where the walk
// stopped appended ("stopped at after=N"), so a rerun can resume. A sink that stops the walk
// or throws waits for the page in flight, and that request is wasted.
template <typename Rows>
WalkResult walk_pages(const PageFetch& fetch, Envelope envelope, std::int64_t after,
                      const std::function<Rows(nlohmann::json& rows)>& digest,
                      const std::function<WalkControl(Rows& rows, const PageInfo& info)>& sink,
                      Prefetch prefetch = Prefetch::off);

// Walk with the raw rows handed to the sink.
WalkResult walk_pages(const PageFetch& fetch, Envelope envelope, std::int64_t after,
                      const RawPageSink& sink, Prefetch prefetch = Prefetch::off);

// The order of a list whose order is not documented (the stock adjustment log: API-NOTES.md
// §8.2 says nothing, and its sibling POST /inventory defaults to descending).
enum class ListOrder { unknown, ascending, descending };

// A part of a list still to read: versions above `after` and below `before` (0: no bound).
struct VersionWindow {
    std::int64_t after = 0;
    std::int64_t before = 0;
    bool operator==(const VersionWindow&) const = default;
};

// Return what is left of `window` after a page of `count` rows whose first and last rows
// carry `first` and `last` and whose versions range from `min` to `max` (pure). A page is the
// lowest rows of its window or the highest; the first page of two or more rows settles which
// (`order`), and until then a one-row page leaves both sides to read.
std::vector<VersionWindow> windows_left(VersionWindow window, std::size_t count, std::int64_t first,
                                        std::int64_t last, std::int64_t min, std::int64_t max,
                                        ListOrder& order);

// Fetch a page of a window (returns the raw answer).
using WindowFetch = std::function<nlohmann::json(const VersionWindow& window)>;

// Walk every row above `after` of a {data, version} list in whatever order the server lists
// it, narrowing windows with `after` and `before` (both exclusive) instead of trusting the
// cursor to grow; rows at or beyond a window's bounds are dropped. Pages reach `sink` in the
// order read, not by version. `order` reports the order seen.
WalkResult walk_windows(const WindowFetch& fetch, std::int64_t after, const RawPageSink& sink,
                        ListOrder& order);

// Keep only the highest version of each id within one page (rows stay in order).
void dedupe_page(nlohmann::json& rows);

namespace detail {

// A page as the fetching side hands it over.
template <typename Rows> struct DigestedPage {
    std::int64_t next_after = 0;
    bool last = false;
    std::int64_t rows = 0; // rows on the page, before digesting
    Rows digested;
};

// Add where a failed walk stopped, once it has got somewhere.
[[noreturn]] void rethrow_with_position(std::int64_t after, std::int64_t cursor,
                                        std::int64_t pages);

} // namespace detail

template <typename Rows>
WalkResult walk_pages(const PageFetch& fetch, Envelope envelope, std::int64_t after,
                      const std::function<Rows(nlohmann::json& rows)>& digest,
                      const std::function<WalkControl(Rows& rows, const PageInfo& info)>& sink,
                      Prefetch prefetch) {
    // A deferred future runs on this thread when its page is wanted.
    auto request = [&](std::int64_t cursor) {
        return std::async(prefetch == Prefetch::one_page ? std::launch::async
                                                         : std::launch::deferred,
                          [&fetch, &digest, envelope, cursor] {
                              Page page = fetch_page(fetch, envelope, cursor);
                              auto rows = static_cast<std::int64_t>(page.rows.size());
                              return detail::DigestedPage<Rows>{page.next_after, page.last, rows,
                                                                digest(page.rows)};
                          });
    };
    WalkResult result;
    result.cursor = after;
    auto next = request(after);
    while (true) {
        detail::DigestedPage<Rows> page;
        try {
            page = next.get();
        } catch (const std::exception&) {
            detail::rethrow_with_position(after, result.cursor, result.pages);
        }
        ++result.requests;
        if (!page.last)
            next = request(page.next_after);
        if (page.rows > 0) {
            ++result.pages;
            PageInfo info{result.cursor, page.next_after, result.pages};
            WalkControl control = sink(page.digested, info);
            result.records += page.rows;
            result.cursor = page.next_after;
            if (control == WalkControl::stop)
                return result;
        }
        if (page.last) {
            result.complete = true;
            return result;
        }
    }
}

} // namespace kivals::lightspeed
