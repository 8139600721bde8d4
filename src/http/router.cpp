#include <kivals/http/router.hpp>

#include <stdexcept>

namespace kivals::http {
namespace {

bool is_placeholder(const std::string& segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Match `path` against `pattern`; fill `params` and return true when it matches.
bool match(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
           PathParams& params) {
    if (pattern.size() != path.size())
        return false;
    PathParams found;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (is_placeholder(pattern[i])) {
            if (path[i].empty())
                return false;
            found.emplace(pattern[i].substr(1, pattern[i].size() - 2), path[i]);
        } else if (pattern[i] != path[i]) {
            return false;
        }
    }
    params = std::move(found);
    return true;
}

// True when `a` is more specific than `b`: at the first position where one has a literal and
// the other a placeholder, `a` has the literal.
bool more_specific(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
        bool pa = is_placeholder(a[i]), pb = is_placeholder(b[i]);
        if (pa != pb)
            return !pa;
    }
    return false;
}

} // namespace

std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> out;
    if (path.empty() || path.front() != '/')
        return {std::string(path)};
    std::size_t start = 1;
    while (true) {
        std::size_t slash = path.find('/', start);
        out.emplace_back(
            path.substr(start, slash == std::string_view::npos ? slash : slash - start));
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    return out;
}

void Router::add(std::string_view method, std::string_view pattern, Handler handler) {
    std::vector<std::string> segments = split_path(pattern);
    for (const Route& route : m_routes)
        if (route.method == method && route.segments == segments)
            throw std::logic_error("route added twice: " + std::string(pattern));
    m_routes.push_back({std::string(method), std::move(segments), std::move(handler)});
}

void Router::on_miss(std::string_view prefix, MissHandler miss) {
    m_misses.push_back({std::string(prefix), std::move(miss)});
}

Response Router::dispatch(const Request& request) const {
    std::vector<std::string> path = split_path(request.path);
    const Route* best = nullptr;
    PathParams best_params;
    std::vector<std::string> allowed;
    for (const Route& route : m_routes) {
        PathParams params;
        if (!match(route.segments, path, params))
            continue;
        if (route.method != request.method &&
            !(route.method == "GET" && request.method == "HEAD")) {
            allowed.push_back(route.method);
            continue;
        }
        if (!best || more_specific(route.segments, best->segments)) {
            best = &route;
            best_params = std::move(params);
        }
    }
    if (best)
        return best->handler(request, best_params);
    const MissRoute* family = nullptr;
    for (const MissRoute& m : m_misses)
        if (request.path.starts_with(m.prefix) &&
            (!family || m.prefix.size() > family->prefix.size()))
            family = &m;
    Miss kind = allowed.empty() ? Miss::no_route : Miss::no_method;
    if (family)
        return family->miss(request, kind, allowed);
    Response out;
    out.status = kind == Miss::no_route ? 404 : 405;
    out.content_type = "text/plain";
    out.body = kind == Miss::no_route ? "not found\n" : "method not allowed\n";
    return out;
}

} // namespace kivals::http
