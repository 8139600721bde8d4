#include <kivals/webhook/webhook_url.hpp>

#include <kivals/core/redact.hpp>
#include <kivals/core/text.hpp>
#include <kivals/webhook/payload.hpp>

#include <fmt/format.h>

namespace kivals::webhook {
namespace {

constexpr std::string_view k_types[] = {"product.update", "inventory.update"};

std::string_view base_of(std::string_view url) {
    return url.substr(0, url.find('?'));
}

std::string_view query_of(std::string_view url) {
    auto q = url.find('?');
    return q == std::string_view::npos ? std::string_view() : url.substr(q + 1);
}

} // namespace

std::string url_for(const UrlParts& parts, std::string_view type) {
    return fmt::format("{}?type={}&secret={}", parts.base, type, percent_encode(parts.secret));
}

std::string mask_url_secret(std::string_view url) {
    return rewrite_query(url, [](std::string_view name, std::string_view value) {
        return name == "secret" ? std::optional(mask_secret(percent_decode(value).value_or("")))
                                : std::nullopt;
    });
}

bool is_ours(std::string_view url, const UrlParts& parts) {
    if (!parts.base.empty() && base_of(url) == base_of(parts.base))
        return true;
    auto secret = form_field(query_of(url), "secret");
    return secret && !parts.secret.empty() && constant_time_equal(*secret, parts.secret);
}

std::vector<RegStep> plan_registration(const std::vector<lightspeed::Webhook>& existing,
                                       const UrlParts& parts) {
    std::vector<RegStep> plan;
    for (std::string_view type : k_types) {
        std::string want = url_for(parts, type);
        std::vector<const lightspeed::Webhook*> ours;
        const lightspeed::Webhook* exact = nullptr;
        for (const auto& w : existing) {
            if (w.type != type || !is_ours(w.url, parts))
                continue;
            ours.push_back(&w);
            if (!exact && w.url == want)
                exact = &w;
        }
        const lightspeed::Webhook* kept = exact ? exact : ours.empty() ? nullptr : ours.front();
        if (!kept)
            plan.push_back({RegAction::create, std::string(type), "", want});
        else if (kept->url == want && kept->active)
            plan.push_back({RegAction::keep, std::string(type), kept->id, want});
        else
            plan.push_back({RegAction::repair, std::string(type), kept->id, want});
        for (const auto* w : ours)
            if (w != kept)
                plan.push_back({RegAction::remove_duplicate, std::string(type), w->id, w->url});
    }
    return plan;
}

} // namespace kivals::webhook
