#include "webhook_probe.hpp"

#include <kivals/config/settings.hpp>
#include <kivals/lightspeed/factory.hpp>
#include <kivals/queue/events.hpp>
#include <kivals/webhook/payload.hpp>

#include <fstream>
#include <iterator>

namespace kivals::cli {
namespace {

using Outcome = doctor::ProbeFacts::Outcome;
namespace fs = std::filesystem;

// Look for the probe in the spool's new/ (true also when this user may not look in).
bool in_spool(const fs::path& spool_dir, const std::string& nonce) {
    std::error_code ec;
    fs::directory_iterator it(spool_dir / "new", ec);
    if (ec)
        return ec == std::errc::permission_denied;
    for (const auto& entry : it) {
        if (!entry.is_regular_file(ec))
            continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (text.find(nonce) != std::string::npos)
            return true;
    }
    return false;
}

Outcome outcome_of(const lightspeed::HttpResponse& answer) {
    if (answer.error)
        return answer.error->kind == lightspeed::TransportErrorKind::tls ? Outcome::tls
                                                                         : Outcome::unreachable;
    if (answer.status == 403)
        return Outcome::refused_secret;
    if (answer.status == 404)
        return Outcome::not_found;
    if (answer.status >= 500)
        return Outcome::intake_failing;
    return answer.status == 200 ? Outcome::reached : Outcome::other_status;
}

} // namespace

doctor::ProbeFacts send_probe(Env& env, const webhook::UrlParts& parts) {
    std::string nonce = generate_secret(12);
    std::string url = webhook::url_for(parts, "inventory.update");
    lightspeed::HttpRequest request;
    request.method = lightspeed::Method::post;
    request.url = url;
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    request.body = webhook::probe_body(nonce);
    auto transport = lightspeed::make_curl_transport(lightspeed::curl_options(env.config()));
    lightspeed::HttpResponse answer = transport->perform(request);

    doctor::ProbeFacts probe;
    probe.url = webhook::mask_url_secret(url);
    probe.outcome = outcome_of(answer);
    probe.detail = answer.error ? answer.error->detail : fmt::format("HTTP {}", answer.status);
    if (probe.outcome == Outcome::reached && !in_spool(env.config().spool_dir, nonce) &&
        !queue::EventStore(env.db(), env.clock()).probe_seen(nonce))
        probe.outcome = Outcome::elsewhere;
    return probe;
}

} // namespace kivals::cli
