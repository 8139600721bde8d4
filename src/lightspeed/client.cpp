// Client construction, path building and the typed walk shared by every area.
#include <kivals/lightspeed/client.hpp>
#include <kivals/lightspeed/errors.hpp>

namespace kivals::lightspeed {

std::optional<ApiFamily> parse_api_family(std::string_view text) {
    if (text == "2026-07")
        return ApiFamily::v2026_07;
    if (text == "2.0")
        return ApiFamily::v2_0;
    return std::nullopt;
}

std::string_view api_family_name(ApiFamily family) {
    return family == ApiFamily::v2026_07 ? "2026-07" : "2.0";
}

Client::Client(std::unique_ptr<HttpTransport> transport, std::unique_ptr<Sleeper> sleeper,
               const Clock& clock, Logger& log, SessionOptions options, ApiFamily family,
               JitterSource jitter)
    : m_transport(std::move(transport)), m_sleeper(std::move(sleeper)),
      m_session(*m_transport, *m_sleeper, clock, log, std::move(options), std::move(jitter)),
      m_family(family) {}

std::string Client::path(std::string_view rest) const {
    return fmt::format("/api/{}{}", api_family_name(m_family), rest);
}

void Client::require_2026_07(std::string_view what) const {
    if (m_family != ApiFamily::v2026_07)
        fail(Exit::config,
             "{} needs the 2026-07 API; api.version is {} "
             "(kivals config set api.version 2026-07)",
             what, api_family_name(m_family));
}

template <typename T>
WalkResult Client::walk_typed(const PageFetch& fetch, Envelope envelope, std::int64_t after,
                              T (*parse)(const nlohmann::json&), const PageSink<T>& sink,
                              const WalkOptions& options) {
    std::int64_t requests_before = m_session.requests();
    std::int64_t delivered = 0;
    // Parsing (and freeing the raw page) is the fetching side's work: another thread when
    // prefetching. Pages are digested one at a time and in order, so the dedupe needs no lock.
    std::function<std::vector<T>(nlohmann::json&)> digest = [&](nlohmann::json& rows) {
        std::vector<T> records;
        records.reserve(rows.size());
        for (const auto& row : rows) {
            T record = parse(row);
            if (options.dedupe && !options.dedupe->admit(record.id, record.version))
                continue;
            records.push_back(std::move(record));
        }
        rows = nlohmann::json();
        return records;
    };
    std::function<WalkControl(std::vector<T>&, const PageInfo&)> take = [&](std::vector<T>& records,
                                                                            const PageInfo& info) {
        delivered += static_cast<std::int64_t>(records.size());
        if (records.empty())
            return WalkControl::more;
        return sink(std::span<const T>(records), info);
    };
    WalkResult result = walk_pages(fetch, envelope, after, digest, take, options.prefetch);
    result.records = delivered;
    result.requests = m_session.requests() - requests_before;
    return result;
}

template WalkResult Client::walk_typed<Product>(const PageFetch&, Envelope, std::int64_t,
                                                Product (*)(const nlohmann::json&),
                                                const PageSink<Product>&, const WalkOptions&);
template WalkResult Client::walk_typed<InventoryRecord>(const PageFetch&, Envelope, std::int64_t,
                                                        InventoryRecord (*)(const nlohmann::json&),
                                                        const PageSink<InventoryRecord>&,
                                                        const WalkOptions&);
template WalkResult Client::walk_typed<Outlet>(const PageFetch&, Envelope, std::int64_t,
                                               Outlet (*)(const nlohmann::json&),
                                               const PageSink<Outlet>&, const WalkOptions&);
template WalkResult Client::walk_typed<CustomReason>(const PageFetch&, Envelope, std::int64_t,
                                                     CustomReason (*)(const nlohmann::json&),
                                                     const PageSink<CustomReason>&,
                                                     const WalkOptions&);
template WalkResult Client::walk_typed<StockAdjustment>(const PageFetch&, Envelope, std::int64_t,
                                                        StockAdjustment (*)(const nlohmann::json&),
                                                        const PageSink<StockAdjustment>&,
                                                        const WalkOptions&);

} // namespace kivals::lightspeed
