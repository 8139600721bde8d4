// kivals-lssim: a Lightspeed Retail X-Series simulator for tests, the demo and benchmarks.
#include "app.hpp"

#include <kivals/core/text.hpp>
#include <kivals/util/files.hpp>
#include <kivals/util/process.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <csignal>
#include <cstdlib>
#include <map>
#include <pthread.h>
#include <thread>

namespace {

using namespace kivals::lssim;

struct Options {
    std::string host = "127.0.0.1";
    int port = 0;
    std::string token;
    std::string token_file;
    std::size_t products = 50;
    std::size_t outlets = 2;
    long registers = 1;
    long rate_limit = 0;
    double rate_window_s = 300;
    std::uint64_t seed = 1;
    std::string domain_prefix = "kivalsdemo";
    std::string debug;
    Realities realities;
    FaultConfig faults;
    DeliveryOptions delivery;
};

void add_options(CLI::App& cli, Options& o) {
    cli.add_option("--host", o.host, "Loopback address to listen on")->capture_default_str();
    cli.add_option("--port", o.port, "TCP port (0 picks a free one)")->capture_default_str();
    cli.add_option("--token", o.token, "Bearer token to accept (prefer --token-file)");
    cli.add_option("--token-file", o.token_file, "File holding the bearer token");
    cli.add_option("--products", o.products, "Catalogue size")->capture_default_str();
    cli.add_option("--outlets", o.outlets, "Number of outlets")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    cli.add_option("--registers", o.registers, "Registers (quota = 300 x registers + 50)")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    cli.add_option("--rate-limit", o.rate_limit,
                   "Requests per window (overrides the register quota)");
    cli.add_option("--rate-window-s", o.rate_window_s, "Rate limit window in seconds")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    cli.add_option("--seed", o.seed, "Seed for the catalogue and every fault")
        ->capture_default_str();
    cli.add_option("--domain-prefix", o.domain_prefix, "Retailer domain prefix")
        ->capture_default_str();
    cli.add_flag("--webhooks-scoped", o.realities.webhooks_scoped,
                 "GET /webhooks lists only the webhooks made with the token");
    cli.add_flag("--log-descending", o.realities.log_descending,
                 "List the stock adjustment log newest first");
    cli.add_flag("--partial-batches", o.realities.partial_batches,
                 "A refused stock adjustment batch still applies its valid items");
    cli.add_option("--webhook-versions", o.realities.hook_versions,
                   "Counter of inventory.update payload versions: same, larger, smaller or "
                   "unrelated to the API's")
        ->transform(CLI::CheckedTransformer(
            std::map<std::string, WebhookVersions>{{"same", WebhookVersions::same},
                                                   {"larger", WebhookVersions::larger},
                                                   {"smaller", WebhookVersions::smaller},
                                                   {"unrelated", WebhookVersions::unrelated}},
            CLI::ignore_case));
    cli.add_option("--debug", o.debug, "Log categories: http,sim or all");
    auto& f = o.faults;
    cli.add_option("--latency-ms", f.latency_ms, "Delay every /api answer")
        ->check(CLI::NonNegativeNumber);
    cli.add_option("--error-rate", f.error_rate, "Share of /api requests answered 500")
        ->check(CLI::Range(0.0, 1.0));
    cli.add_option("--throttle-rate", f.throttle_rate, "Share of /api requests answered 429")
        ->check(CLI::Range(0.0, 1.0));
    cli.add_option("--drop-rate", f.drop_rate, "Share of webhook deliveries lost")
        ->check(CLI::Range(0.0, 1.0));
    cli.add_option("--duplicate-rate", f.duplicate_rate, "Share of deliveries sent twice")
        ->check(CLI::Range(0.0, 1.0));
    cli.add_option("--reorder-window-ms", f.reorder_window_ms,
                   "Hold deliveries and release them shuffled")
        ->check(CLI::NonNegativeNumber);
    cli.add_option("--delivery-delay-ms", f.delivery_delay_ms, "Delay before each delivery")
        ->check(CLI::NonNegativeNumber);
    cli.add_option("--race-rate", f.race_rate, "Chance to sell 1 unit of a record just read")
        ->check(CLI::Range(0.0, 1.0));
    auto& d = o.delivery;
    cli.add_option("--delivery-timeout-ms", d.timeout_ms, "Receiver timeout")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    cli.add_option("--retry-base-ms", d.retry_base_ms, "First retry delay, doubled per attempt")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    cli.add_option("--retry-max", d.retry_max, "Delivery attempts in all")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
}

std::string resolve_token(const Options& o) {
    if (!o.token_file.empty()) {
        auto token = kivals::read_secret_file(o.token_file, kivals::SecretFileAccess::shared);
        if (!token)
            throw std::runtime_error("--token-file: " + token.error());
        return *token;
    }
    if (!o.token.empty())
        return o.token;
    if (const char* env = std::getenv("KIVALS_LSSIM_TOKEN"))
        return env;
    return "";
}

int serve(Options& o, const std::string& token) {
    // Block the stop signals in every thread; one thread waits for them and stops the server.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    kivals::Logger log;
    if (!o.debug.empty())
        log.enable(o.debug);
    FaultPolicy faults(o.faults, o.seed);
    o.delivery.domain_prefix = o.domain_prefix;
    Deliverer deliverer(o.delivery, faults);
    Store store(deliverer, o.domain_prefix, o.seed, o.realities);
    store.seed_catalogue(o.products, o.outlets);
    long limit = o.rate_limit > 0 ? o.rate_limit : 300 * o.registers + 50;
    RateLimiter limiter(limit,
                        std::chrono::milliseconds(static_cast<long>(o.rate_window_s * 1000)));
    RequestStats stats;
    App app{store, faults, limiter, deliverer, stats, log, token};

    httplib::Server server;
    install_gate(server, app);
    add_read_routes(server, app);
    add_write_routes(server, app);
    add_webhook_routes(server, app);
    add_control_routes(server, app);

    int port = o.port == 0 ? server.bind_to_any_port(o.host)
                           : (server.bind_to_port(o.host, o.port) ? o.port : -1);
    if (port <= 0) {
        fmt::print(stderr, "kivals-lssim: cannot listen on {}:{}\n", o.host, o.port);
        return 1;
    }
    deliverer.start();
    std::thread waiter([&server, stop_signals] {
        int sig = 0;
        sigwait(&stop_signals, &sig);
        server.stop();
    });
    fmt::print("listening on {}:{}\n", o.host, port);
    std::fflush(stdout);
    server.listen_after_bind();
    pthread_kill(waiter.native_handle(), SIGTERM); // wake the waiter if the server ended alone
    waiter.join();
    deliverer.stop();
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    kivals::disable_core_dumps(); // it holds its token
    CLI::App cli{"kivals-lssim: a Lightspeed Retail X-Series simulator on loopback"};
    cli.set_version_flag("--version", "kivals-lssim " KIVALS_VERSION);
    Options o;
    add_options(cli, o);
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e) == 0 ? 0 : 2;
    }
    if (!kivals::is_loopback_host(o.host)) {
        fmt::print(stderr, "kivals-lssim: --host must be a loopback address\n");
        return 2;
    }
    try {
        std::string token = resolve_token(o);
        if (token.empty()) {
            fmt::print(
                stderr,
                "kivals-lssim: a token is needed (--token-file, --token or KIVALS_LSSIM_TOKEN)\n");
            return 2;
        }
        return serve(o, token);
    } catch (const std::exception& e) {
        fmt::print(stderr, "kivals-lssim: {}\n", e.what());
        return 1;
    }
}
