#include <kivals/core/log.hpp>

#include <array>
#include <utility>

namespace kivals {
namespace {

constexpr std::array<std::pair<std::string_view, LogCategory>, 8> k_categories{{
    {"http", LogCategory::http},
    {"sync", LogCategory::sync},
    {"db", LogCategory::db},
    {"queue", LogCategory::queue},
    {"link", LogCategory::link},
    {"intake", LogCategory::intake},
    {"sim", LogCategory::sim},
    {"serve", LogCategory::serve},
}};

} // namespace

std::string Logger::enable(std::string_view list) {
    std::string unknown;
    while (!list.empty()) {
        auto comma = list.find(',');
        std::string_view name = list.substr(0, comma);
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
        if (name.empty())
            continue;
        if (name == "all") {
            m_mask = ~0u;
            continue;
        }
        bool found = false;
        for (const auto& [known, category] : k_categories) {
            if (name == known) {
                m_mask |= static_cast<unsigned>(category);
                found = true;
            }
        }
        if (!found)
            unknown += (unknown.empty() ? "" : ",") + std::string(name);
    }
    return unknown;
}

void Logger::write(LogCategory category, std::string_view message) const {
    fmt::print(m_sink, "kivals[{}]: {}\n", category_name(category), message);
    std::fflush(m_sink);
}

std::string_view category_name(LogCategory category) {
    for (const auto& [name, known] : k_categories)
        if (known == category)
            return name;
    return "?";
}

} // namespace kivals
