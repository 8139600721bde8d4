// The floor of bench/serve_latency.sh: the same server library (cpp-httplib) with the same
// thread pool and timeouts as `kivals serve`, answering every request with a fixed small JSON
// body and doing nothing else. Prints "listening on 127.0.0.1:PORT"; SIGTERM ends it.
#include <httplib.h>

#include <cstdio>
#include <cstdlib>
#include <sys/socket.h>

namespace {

// As src/serve/server.cpp does: a backlog above the library's 5.
class Listener : public httplib::Server {
public:
    void raise_backlog(int backlog) { ::listen(svr_sock_, backlog); }
};

} // namespace

int main(int argc, char** argv) {
    int threads = argc > 1 ? std::atoi(argv[1]) : 64;
    Listener server;
    server.new_task_queue = [threads] {
        return new httplib::ThreadPool(static_cast<std::size_t>(threads));
    };
    server.set_keep_alive_timeout(2);
    server.set_keep_alive_max_count(100);
    server.set_tcp_nodelay(true);
    auto answer = [](const httplib::Request&, httplib::Response& res) {
        res.set_content("{\"status\":\"ok\"}\n", "application/json");
    };
    server.Get(".*", answer);
    server.Post(".*", answer);
    int port = server.bind_to_any_port("127.0.0.1");
    server.raise_backlog(512);
    std::printf("listening on 127.0.0.1:%d\n", port);
    std::fflush(stdout);
    server.listen_after_bind();
    return 0;
}
