// A small HTTP load client for bench/serve_latency.sh: C clients (threads, one keep-alive
// connection each) send N requests in all, over TCP or a unix socket, and it prints their
// latencies as JSON. In C++ so that the client's own cost stays far below what it measures.
//   kivals-http-load --url http://127.0.0.1:PORT | --unix PATH   [--key-file F]
//                    --clients C --requests N  (--get PATH | --reserve K1,K2,... [--prefix P])
#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Options {
    std::string url = "http://localhost";
    std::string unix_path;
    std::string key;
    std::string get_path;
    std::vector<std::string> kiva;
    std::string prefix = "B";
    int clients = 1;
    long requests = 1000;
};

std::size_t discard(char*, std::size_t size, std::size_t n, void*) {
    return size * n;
}

std::vector<std::string> split(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t comma = text.find(',', start);
        out.push_back(text.substr(start, comma - start));
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return out;
}

bool parse(int argc, char** argv, Options& o) {
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string flag = argv[i], value = argv[i + 1];
        if (flag == "--url")
            o.url = value;
        else if (flag == "--unix")
            o.unix_path = value;
        else if (flag == "--key-file") {
            std::ifstream in(value);
            std::getline(in, o.key);
        } else if (flag == "--clients")
            o.clients = std::stoi(value);
        else if (flag == "--requests")
            o.requests = std::stol(value);
        else if (flag == "--get")
            o.get_path = value;
        else if (flag == "--reserve")
            o.kiva = split(value);
        else if (flag == "--prefix")
            o.prefix = value;
        else
            return false;
    }
    return o.clients > 0 && o.requests > 0 && (!o.get_path.empty() || !o.kiva.empty());
}

struct Results {
    std::mutex mutex;
    std::vector<double> latencies_ms;
    std::map<long, long> statuses;
};

void client(const Options& o, std::atomic<long>& next, Results& results) {
    CURL* curl = curl_easy_init();
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, "Content-Type: application/json");
    std::string auth = "Authorization: Bearer " + o.key;
    if (!o.key.empty())
        headers = curl_slist_append(headers, auth.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
    if (!o.unix_path.empty())
        curl_easy_setopt(curl, CURLOPT_UNIX_SOCKET_PATH, o.unix_path.c_str());
    std::vector<double> mine;
    std::map<long, long> statuses;
    std::string url, body;
    for (long i = next++; i < o.requests; i = next++) {
        if (o.kiva.empty()) {
            url = o.url + o.get_path;
            curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
        } else {
            url = o.url + "/v1/orders/" + o.prefix + std::to_string(i) + "/lines/1";
            body = "{\"kiva_id\":\"" + o.kiva[static_cast<std::size_t>(i) % o.kiva.size()] +
                   "\",\"qty\":1}";
            curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
        }
        curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
        auto start = std::chrono::steady_clock::now();
        CURLcode rc = curl_easy_perform(curl);
        auto end = std::chrono::steady_clock::now();
        long status = 0;
        if (rc == CURLE_OK)
            curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        ++statuses[status];
        mine.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    std::lock_guard lock(results.mutex);
    results.latencies_ms.insert(results.latencies_ms.end(), mine.begin(), mine.end());
    for (auto [status, count] : statuses)
        results.statuses[status] += count;
}

double percentile(const std::vector<double>& sorted, double p) {
    auto index = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(index, sorted.size() - 1)];
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    if (!parse(argc, argv, o)) {
        std::fprintf(stderr, "usage: kivals-http-load --url URL|--unix PATH [--key-file F] "
                             "--clients C --requests N (--get PATH | --reserve K1,K2 "
                             "[--prefix P])\n");
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    std::atomic<long> next{0};
    Results results;
    auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (int c = 0; c < o.clients; ++c)
        threads.emplace_back([&] { client(o, next, results); });
    for (auto& t : threads)
        t.join();
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    curl_global_cleanup();
    auto& lat = results.latencies_ms;
    std::sort(lat.begin(), lat.end());
    std::string statuses;
    for (auto [status, count] : results.statuses)
        statuses += (statuses.empty() ? "" : ",") + std::string("\"") + std::to_string(status) +
                    "\":" + std::to_string(count);
    std::printf("{\"clients\":%d,\"requests\":%zu,\"seconds\":%.3f,\"per_second\":%.0f,"
                "\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f,\"status\":{%s}}\n",
                o.clients, lat.size(), seconds, static_cast<double>(lat.size()) / seconds,
                percentile(lat, 0.50), percentile(lat, 0.99), lat.back(), statuses.c_str());
    return results.statuses.size() == 1 && results.statuses.count(200) ? 0 : 1;
}
