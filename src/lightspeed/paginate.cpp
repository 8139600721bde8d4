#include <kivals/lightspeed/errors.hpp>
#include <kivals/lightspeed/paginate.hpp>
#include <kivals/lightspeed/parse.hpp>

#include <algorithm>

namespace kivals::lightspeed {

using nlohmann::json;

namespace {

[[noreturn]] void bad(std::string what) {
    throw ApiError(ApiErrorKind::bad_response, 0, "", std::move(what));
}

std::int64_t highest_row_version(const json& rows) {
    std::int64_t best = 0;
    for (const json& row : rows) {
        auto version =
            row.is_object() && row.contains("version") ? read_int64(row["version"]) : std::nullopt;
        if (!version)
            bad("a listed record has no version");
        best = std::max(best, *version);
    }
    return best;
}

} // namespace

Page read_page(const json& body, Envelope envelope, std::int64_t after) {
    Page page;
    std::optional<std::int64_t> envelope_max;
    if (envelope == Envelope::bare_array) {
        if (!body.is_array())
            bad("the answer is not a JSON array");
        page.rows = body;
    } else {
        if (!body.is_object() || !body.contains("data") || !body["data"].is_array())
            bad("the answer has no \"data\" array");
        page.rows = body["data"];
        auto version = body.find("version");
        if (version == body.end() || !version->is_object())
            page.last = true;
        else if (version->contains("max"))
            envelope_max = read_int64((*version)["max"]);
        if (!envelope_max)
            page.last = true;
    }
    page.next_after = std::max(highest_row_version(page.rows), envelope_max.value_or(after));
    // `after` is exclusive. A server that ignores it, or treats it as inclusive, sends rows
    // already delivered: drop them, and end the walk when nothing new is left, so such a
    // server can neither loop the walk nor deliver a record twice.
    json fresh = json::array();
    for (json& row : page.rows)
        if (read_int64(row["version"]).value_or(0) > after)
            fresh.push_back(std::move(row));
    page.rows = std::move(fresh);
    if (page.rows.empty()) {
        page.last = true;
        page.next_after = after;
    }
    return page;
}

bool VersionDedupe::admit(const std::string& id, std::int64_t version) {
    auto [it, inserted] = m_seen.try_emplace(id, version);
    if (inserted)
        return true;
    if (version <= it->second)
        return false;
    it->second = version;
    return true;
}

void dedupe_page(json& rows) {
    // Pages are small (≤ a few thousand rows): a quadratic-free pass with a local map.
    std::unordered_map<std::string, std::size_t> best; // id -> index of its newest row
    bool duplicates = false;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        auto id = read_text(rows[i], "id");
        if (!id)
            continue;
        auto [it, inserted] = best.try_emplace(*id, i);
        if (inserted)
            continue;
        duplicates = true;
        auto older = read_int64(rows[it->second].value("version", json()));
        auto newer = read_int64(rows[i].value("version", json()));
        if (newer.value_or(0) >= older.value_or(0))
            it->second = i;
    }
    if (!duplicates)
        return;
    json kept = json::array();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        auto id = read_text(rows[i], "id");
        if (!id || best[*id] == i)
            kept.push_back(std::move(rows[i]));
    }
    rows = std::move(kept);
}

Page fetch_page(const PageFetch& fetch, Envelope envelope, std::int64_t cursor) {
    Page page = read_page(fetch(cursor), envelope, cursor);
    dedupe_page(page.rows);
    return page;
}

namespace detail {

void rethrow_with_position(std::int64_t after, std::int64_t cursor, std::int64_t pages) {
    try {
        throw;
    } catch (const ApiError& e) {
        // Where a walk stopped matters only once it has got somewhere.
        if (pages == 0 && cursor == after)
            throw;
        throw e.with_context(
            fmt::format("stopped at after={} after {} pages; rerun to resume", cursor, pages));
    }
}

} // namespace detail

WalkResult walk_pages(const PageFetch& fetch, Envelope envelope, std::int64_t after,
                      const RawPageSink& sink, Prefetch prefetch) {
    return walk_pages<json>(
        fetch, envelope, after, [](json& rows) { return std::move(rows); }, sink, prefetch);
}

std::vector<VersionWindow> windows_left(VersionWindow window, std::size_t count, std::int64_t first,
                                        std::int64_t last, std::int64_t min, std::int64_t max,
                                        ListOrder& order) {
    if (count == 0)
        return {};
    if (order == ListOrder::unknown && count >= 2 && first != last)
        order = first < last ? ListOrder::ascending : ListOrder::descending;
    VersionWindow above{max, window.before};
    VersionWindow below{window.after, min};
    switch (order) {
    case ListOrder::ascending:
        return {above};
    case ListOrder::descending:
        return {below};
    case ListOrder::unknown:
        break;
    }
    return {below, above};
}

WalkResult walk_windows(const WindowFetch& fetch, std::int64_t after, const RawPageSink& sink,
                        ListOrder& order) {
    WalkResult result;
    result.cursor = after;
    std::vector<VersionWindow> todo{{after, 0}};
    while (!todo.empty()) {
        VersionWindow window = todo.back();
        todo.pop_back();
        if (window.before != 0 && window.before <= window.after + 1)
            continue; // nothing can lie strictly between
        Page page;
        try {
            page = read_page(fetch(window), Envelope::data_version, window.after);
            ++result.requests;
        } catch (const ApiError& e) {
            if (result.pages == 0)
                throw;
            throw e.with_context(fmt::format("stopped at after={} before={} after {} pages",
                                             window.after, window.before, result.pages));
        }
        json rows = json::array();
        for (json& row : page.rows)
            if (window.before == 0 || read_int64(row["version"]).value_or(0) < window.before)
                rows.push_back(std::move(row));
        if (rows.empty())
            continue;
        std::vector<std::int64_t> versions;
        for (const json& row : rows)
            versions.push_back(read_int64(row["version"]).value_or(0));
        auto [low, high] = std::minmax_element(versions.begin(), versions.end());
        std::vector<VersionWindow> left = windows_left(window, versions.size(), versions.front(),
                                                       versions.back(), *low, *high, order);
        std::int64_t highest = *high;
        ++result.pages;
        dedupe_page(rows);
        result.records += static_cast<std::int64_t>(rows.size());
        PageInfo info{window.after, highest, result.pages};
        if (sink(rows, info) == WalkControl::stop)
            return result;
        result.cursor = std::max(result.cursor, highest);
        todo.insert(todo.end(), left.begin(), left.end());
    }
    result.complete = true;
    return result;
}

} // namespace kivals::lightspeed
