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
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

using namespace kivals;
using namespace kivals::webhook;

// What the intake reads from the config file, kept across FastCGI requests.
struct Setup {
    std::string config_path;
    Config config;
    std::unique_ptr<SpoolWriter> spool; // thread-safe: shared by a FastCGI server's workers
};

// The Setup of the config named by KIVALS_CONFIG, loaded once and again only when a request
// names another file; shared by the threads of a FastCGI server.
class SetupCache {
public:
    // Throws Error when the config is unusable.
    std::shared_ptr<const Setup> get(const char* config_env) {
        std::string path = config_env ? config_env : "";
        std::lock_guard lock(m_mutex);
        if (!m_current || m_current->config_path != path) {
            auto fresh = std::make_shared<Setup>();
            fresh->config_path = path;
            fresh->config = load_config(locate_config(std::nullopt, config_env));
            fresh->spool = std::make_unique<SpoolWriter>(fresh->config.spool_dir);
            m_current = std::move(fresh);
        }
        return m_current;
    }

private:
    std::mutex m_mutex;
    std::shared_ptr<const Setup> m_current;
};

// Read the secret for every request, so `kivals config rotate-secret` needs no restart.
std::optional<std::string> read_secret(const Config& config) {
    auto secret = read_secret_file(config.secret_file, SecretFileAccess::shared);
    return secret ? std::optional(*secret) : std::nullopt;
}

// Decide the answer for one request whose variables `param` reads.
template <typename Param>
IntakeResponse serve(SetupCache& cache, const Param& param,
                     std::function<long(char*, std::size_t)> read) {
    const char* config_env = std::getenv("KIVALS_CONFIG");
    if (!config_env || !*config_env)
        config_env = param("KIVALS_CONFIG");
    std::shared_ptr<const Setup> setup;
    try {
        setup = cache.get(config_env);
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
    SetupCache cache;
    auto param = [](const char* name) { return static_cast<const char*>(std::getenv(name)); };
    auto read = [](char* buffer, std::size_t size) -> long {
        while (true) {
            ssize_t n = ::read(STDIN_FILENO, buffer, size);
            if (n < 0 && errno == EINTR)
                continue;
            return static_cast<long>(n);
        }
    };
    IntakeResponse response = serve(cache, param, read);
    if (!response.diagnostic.empty())
        fmt::print(stderr, "{}", diagnostic_line(response, std::getenv("REMOTE_ADDR")));
    std::string out = render(response);
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fflush(stdout);
    return 0;
}

// Deliveries a FastCGI server takes at once: each waits for its two fsyncs, and deliveries
// that wait together share the disk's flushes. The web server may open as many connections.
constexpr int k_fastcgi_workers = 16;

// One worker: accept a request on the listening socket, answer it, again. Returns when
// accept fails (the socket is gone: the web server stopped).
void serve_fastcgi_requests(SetupCache& cache, std::mutex& accept_mutex) {
    FCGX_Request request;
    FCGX_InitRequest(&request, 0, 0);
    while (true) {
        {
            // libfcgi's advice for threads: one accept at a time.
            std::lock_guard lock(accept_mutex);
            if (FCGX_Accept_r(&request) < 0)
                return;
        }
        auto param = [&](const char* name) {
            return static_cast<const char*>(FCGX_GetParam(name, request.envp));
        };
        auto read = [&](char* buffer, std::size_t size) -> long {
            int chunk = size > (1u << 30) ? (1 << 30) : static_cast<int>(size);
            return FCGX_GetStr(buffer, chunk, request.in);
        };
        IntakeResponse response = serve(cache, param, read);
        if (!response.diagnostic.empty()) {
            std::string line = diagnostic_line(response, param("REMOTE_ADDR"));
            FCGX_PutStr(line.data(), static_cast<int>(line.size()), request.err);
        }
        std::string out = render(response);
        FCGX_PutStr(out.data(), static_cast<int>(out.size()), request.out);
        FCGX_Finish_r(&request);
    }
}

// As the process's last word, from any worker: what was not answered is retried by Lightspeed.
[[noreturn]] void internal_error(const std::exception& e) {
    fmt::print(stderr, "kivals-webhook: internal error: {}\n", e.what());
    std::_Exit(1);
}

int serve_fastcgi() {
    FCGX_Init();
    SetupCache cache;
    std::mutex accept_mutex;
    auto worker = [&] {
        try {
            serve_fastcgi_requests(cache, accept_mutex);
        } catch (const std::exception& e) {
            internal_error(e);
        }
    };
    std::vector<std::thread> workers;
    for (int i = 0; i < k_fastcgi_workers; ++i)
        workers.emplace_back(worker);
    // Each worker ends when the socket fails it, after the request it was answering.
    for (auto& t : workers)
        t.join();
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
        internal_error(e);
    }
}
