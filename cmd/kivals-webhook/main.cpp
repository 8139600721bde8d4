// kivals-webhook: the webhook intake, run by the web server as CGI or FastCGI (one binary).
// It checks each delivery, stores it durably in the spool and answers; it never opens the
// database and never reads the API token. See kivals-webhook(8).
#include <kivals/config/config.hpp>
#include <kivals/core/error.hpp>
#include <kivals/util/files.hpp>
#include <kivals/util/process.hpp>
#include <kivals/webhook/intake.hpp>
#include <kivals/webhook/spool.hpp>

#include <fcgiapp.h>

#include <csignal>
#include <cstdlib>
#include <exception>
#include <memory>
#include <optional>
#include <string_view>
#include <unistd.h>

namespace {

using namespace kivals;
using namespace kivals::webhook;

// What the intake reads from the config file, kept across FastCGI requests.
struct Setup {
    std::string config_path;
    Config config;
    std::unique_ptr<SpoolWriter> spool;
};

// Load (or reuse) the config named by KIVALS_CONFIG; throws Error when it is unusable.
Setup& setup_for(std::unique_ptr<Setup>& cached, const char* config_env) {
    std::string path = config_env ? config_env : "";
    if (!cached || cached->config_path != path) {
        auto fresh = std::make_unique<Setup>();
        fresh->config_path = path;
        fresh->config = load_config(locate_config(std::nullopt, config_env));
        fresh->spool = std::make_unique<SpoolWriter>(fresh->config.spool_dir);
        cached = std::move(fresh);
    }
    return *cached;
}

// Read the secret for every request, so `kivals config rotate-secret` needs no restart.
std::optional<std::string> read_secret(const Config& config) {
    auto secret = read_secret_file(config.secret_file, SecretFileAccess::shared);
    return secret ? std::optional(*secret) : std::nullopt;
}

// Decide the answer for one request whose variables `param` reads.
template <typename Param>
IntakeResponse serve(std::unique_ptr<Setup>& cached, const Param& param,
                     std::function<long(char*, std::size_t)> read) {
    const char* config_env = std::getenv("KIVALS_CONFIG");
    if (!config_env || !*config_env)
        config_env = param("KIVALS_CONFIG");
    Setup* setup = nullptr;
    try {
        setup = &setup_for(cached, config_env);
    } catch (const std::exception& e) {
        return IntakeResponse{503, "not configured\n", fmt::format("503 config: {}", e.what())};
    }
    IntakeRequest request;
    auto text = [&](const char* name) {
        const char* v = param(name);
        return v ? std::optional<std::string>(v) : std::nullopt;
    };
    request.method = text("REQUEST_METHOD").value_or("");
    request.query = text("QUERY_STRING").value_or("");
    request.content_type = text("CONTENT_TYPE");
    request.content_length = text("CONTENT_LENGTH");
    request.read = std::move(read);
    IntakeLimits limits{setup->config.max_body_bytes, setup->config.max_json_depth,
                        read_secret(setup->config)};
    SpoolWriter& spool = *setup->spool;
    return handle_delivery(request, limits, [&](std::string_view type, std::string_view body) {
        auto now = std::chrono::system_clock::now();
        spool.store(SpoolEntry{std::string(type), iso8601(now), std::string(body)}, now);
    });
}

std::string render(const IntakeResponse& response) {
    std::string head = fmt::format("Status: {} {}\r\nContent-Type: text/plain\r\n", response.status,
                                   status_text(response.status));
    if (response.status == 405)
        head += "Allow: POST\r\n";
    return head + "\r\n" + response.body;
}

std::string diagnostic_line(const IntakeResponse& response, const char* remote) {
    return fmt::format("kivals-webhook: {} (client {})\n", response.diagnostic,
                       remote ? remote : "unknown");
}

int serve_cgi() {
    std::unique_ptr<Setup> cached;
    auto param = [](const char* name) { return static_cast<const char*>(std::getenv(name)); };
    auto read = [](char* buffer, std::size_t size) -> long {
        while (true) {
            ssize_t n = ::read(STDIN_FILENO, buffer, size);
            if (n < 0 && errno == EINTR)
                continue;
            return static_cast<long>(n);
        }
    };
    IntakeResponse response = serve(cached, param, read);
    if (!response.diagnostic.empty())
        fmt::print(stderr, "{}", diagnostic_line(response, std::getenv("REMOTE_ADDR")));
    std::string out = render(response);
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fflush(stdout);
    return 0;
}

int serve_fastcgi() {
    std::unique_ptr<Setup> cached;
    FCGX_Init();
    FCGX_Request request;
    FCGX_InitRequest(&request, 0, 0);
    while (FCGX_Accept_r(&request) >= 0) {
        auto param = [&](const char* name) {
            return static_cast<const char*>(FCGX_GetParam(name, request.envp));
        };
        auto read = [&](char* buffer, std::size_t size) -> long {
            int chunk = size > (1u << 30) ? (1 << 30) : static_cast<int>(size);
            return FCGX_GetStr(buffer, chunk, request.in);
        };
        IntakeResponse response = serve(cached, param, read);
        if (!response.diagnostic.empty()) {
            std::string line = diagnostic_line(response, param("REMOTE_ADDR"));
            FCGX_PutStr(line.data(), static_cast<int>(line.size()), request.err);
        }
        std::string out = render(response);
        FCGX_PutStr(out.data(), static_cast<int>(out.size()), request.out);
        FCGX_Finish_r(&request);
    }
    return 0;
}

// Answer --version and --help when run by hand. A web server never passes these: a CGI
// request sets GATEWAY_INTERFACE, and its query words never reach argv then.
std::optional<int> command_line(int argc, char** argv) {
    if (argc != 2 || std::getenv("GATEWAY_INTERFACE"))
        return std::nullopt;
    std::string_view arg = argv[1];
    if (arg == "--version") {
        fmt::print("kivals-webhook {}\n", KIVALS_VERSION);
        return 0;
    }
    if (arg == "--help") {
        fmt::print("kivals-webhook: the webhook intake, run by a web server as CGI or FastCGI "
                   "(see kivals-webhook(8)).\nOptions: --version, --help\n");
        return 0;
    }
    return std::nullopt;
}

} // namespace

int main(int argc, char** argv) {
    if (auto code = command_line(argc, argv))
        return *code;
    disable_core_dumps();          // the webhook secret is in memory
    std::signal(SIGPIPE, SIG_IGN); // a client that went away must not kill a FastCGI server
    try {
        return FCGX_IsCGI() ? serve_cgi() : serve_fastcgi();
    } catch (const std::exception& e) {
        fmt::print(stderr, "kivals-webhook: internal error: {}\n", e.what());
        return 1;
    }
}
